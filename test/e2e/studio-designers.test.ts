// Must show (issue 8): the ubnd administrator adds an indexed field "Kinh phí (triệu đồng)" to the ubnd
// task form and a state to its workflow in the browser, publishes both, and a ubnd specialist then gets
// the field and the new transition without a restart; hdnd users do not. The workflow designer marks an
// unreachable state and publishing is refused until it is fixed. With the edXML plugin loaded, the
// system administrator's palette offers its field type, and a field of it is saved with its format.
//
// The specialist's side is checked in the Runtime UI itself: signed in through SSO, the task page
// (/tasks/{id}) shows the field and the transition's button; the same session's API answers
// (GET /api/tasks/{id} transitions, the task's form metadata) are checked too.
import type { Browser, Page } from 'playwright-core';
import { SEED_PASSWORD, startTestPlatform } from '../support/engine.js';
import { signInThroughSso } from './support/sign-in.js';
import { newContext } from './support/browser.js';
import { browserTestsCanRun, choose, drag, ensureFrontEndsBuilt, launch, screenshot, studioPage } from './studio-helpers.js';

const run = browserTestsCanRun('studio-designers.test.ts');
const maybe = run ? describe : describe.skip;

maybe('Admin Studio designers', () => {
  let platform: Awaited<ReturnType<typeof startTestPlatform>>;
  let browser: Browser;
  let page: Page;
  let external: string[];
  let units: any[];
  const unit = (code: string) => units.find((u) => u.code === code);

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    platform = await startTestPlatform({ env: { PLUGINS: 'edxml' } });
    units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
    browser = await launch();
    ({ page, external } = await studioPage(browser, platform.url, 'ubnd.admin'));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('the form designer adds an indexed field by drag and drop and publishes it for ubnd', async () => {
    await page.goto(`${platform.url}/studio/m/form/nhiem-vu?pillar=ubnd`);
    await page.getByRole('heading', { name: 'Các trường của biểu mẫu' }).waitFor();
    await drag(page, '.dd-palette-item[data-kind="money"]', '.dd-canvas-item[data-name="ghiChu"]');
    const label = page.locator('#dd-prop-label');
    await label.waitFor();
    await label.fill('Kinh phí (triệu đồng)');
    await page.locator('#dd-prop-label-en').fill('Budget (million VND)');
    await page.locator('#dd-prop-indexed').check();
    await page.locator('#dd-prop-listed').check();
    expect(await page.locator('#dd-prop-name').inputValue()).toBe('kinhPhiTrieuDong');
    const order = await page.locator('.dd-canvas-item').evaluateAll((els) => els.map((e) => e.getAttribute('data-name')));
    expect(order.indexOf('kinhPhiTrieuDong')).toBe(order.indexOf('ghiChu') - 1);

    await page.getByRole('tab', { name: 'Xem trước' }).click();
    await page.locator('.dd-preview').getByText('Kinh phí (triệu đồng)').waitFor();
    await page.getByText('Hợp lệ, có thể xuất bản').waitFor();
    await page.locator('.dd-preview').getByText('Kinh phí (triệu đồng)').scrollIntoViewIfNeeded();
    await screenshot(page, 'studio-form-designer');
    await page.getByRole('button', { name: 'Xuất bản' }).click();
    await page.getByText('Đã xuất bản phiên bản 1').waitFor();

    const published = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu?pillar=ubnd')).body;
    expect(published).toMatchObject({ pillar: 'ubnd', version: 1 });
    expect(published.body.schema.properties.kinhPhiTrieuDong).toMatchObject({ type: 'number', title: 'Kinh phí (triệu đồng)', minimum: 0 });
    expect(published.body.fields.kinhPhiTrieuDong).toEqual({ titleEn: 'Budget (million VND)', indexed: true, listed: true });
    // Publishing gave the field its generated, indexed column at once.
    const indexed = await platform.engine.services.knex('task_indexed_fields').where({ field: 'kinhPhiTrieuDong' }).first();
    expect(indexed).toMatchObject({ type: 'number' });
  }, 120_000);

  test('the workflow designer marks an unreachable state and refuses to publish until it is fixed', async () => {
    await page.goto(`${platform.url}/studio/m/workflow/mac-dinh?pillar=ubnd`);
    await page.locator('.dd-state-node[data-state="cho-tiep-nhan"]').waitFor();
    await page.getByRole('button', { name: 'Thêm trạng thái' }).click();
    await page.locator('#dd-state-label').fill('Chờ bổ sung hồ sơ');
    expect(await page.locator('#dd-state-key').inputValue()).toBe('cho-bo-sung-ho-so');
    const added = page.locator('.dd-state-node[data-state="cho-bo-sung-ho-so"]');
    await added.locator('.dd-unreachable').waitFor();
    await page.locator('.dd-unreachable-alert').getByText('Chờ bổ sung hồ sơ').waitFor();

    await page.getByRole('button', { name: 'Xuất bản' }).click();
    await page.getByText(/Chưa thể xuất bản: còn \d+ lỗi cần sửa/).waitFor();
    await page.locator('.dd-issues').getByText(/cho-bo-sung-ho-so/).first().waitFor();
    await page.locator('.dd-flow').scrollIntoViewIfNeeded();
    await screenshot(page, 'studio-workflow-unreachable');
    expect((await platform.api.as('ubnd.admin', 'GET', '/api/metadata/workflow/mac-dinh/versions?pillar=ubnd')).body.items).toEqual([]);

    // A way in from "Chờ tiếp nhận", fired by the lead unit…
    await page.locator('.dd-state-node[data-state="cho-tiep-nhan"]').click();
    await page.getByRole('button', { name: 'Thêm bước chuyển' }).click();
    await page.locator('#dd-transition-label').fill('Yêu cầu bổ sung hồ sơ');
    await choose(page, '#dd-transition-to', 'Chờ bổ sung hồ sơ');
    await choose(page, '#dd-transition-parties', 'Đơn vị chủ trì');
    await added.locator('.dd-unreachable').waitFor({ state: 'detached' });
    // …and a way out, back to "Chờ tiếp nhận" by the assigner.
    await added.click();
    await page.getByRole('button', { name: 'Thêm bước chuyển' }).click();
    await page.locator('#dd-transition-label').fill('Đã bổ sung hồ sơ');
    await choose(page, '#dd-transition-to', 'Chờ tiếp nhận');
    await page.getByText('Hợp lệ, có thể xuất bản').waitFor();
    await page.getByRole('button', { name: 'Tự động sắp xếp' }).click();
    await page.getByRole('button', { name: 'Xuất bản' }).click();
    await page.getByText('Đã xuất bản phiên bản 1').waitFor();
    await page.locator('.dd-state-node[data-state="cho-bo-sung-ho-so"]').waitFor();
    await page.locator('.dd-flow').scrollIntoViewIfNeeded();
    await screenshot(page, 'studio-workflow-designer');

    const wf = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/workflow/mac-dinh?pillar=ubnd')).body;
    expect(wf.version).toBe(1);
    expect(wf.body.states.map((s: any) => s.key)).toContain('cho-bo-sung-ho-so');
    expect(wf.body.transitions.find((t: any) => t.key === 'yeu-cau-bo-sung-ho-so')).toMatchObject({ from: ['cho-tiep-nhan'], to: 'cho-bo-sung-ho-so', allow: [{ party: 'assigner' }, { party: 'lead' }] });
  }, 120_000);

  test('a ubnd specialist gets the field and the new transition at once, without a restart; hdnd users do not', async () => {
    const api = platform.api;
    const ubndTask = await api.as('ubnd.leader', 'POST', '/api/tasks', {
      type: 'nhiem-vu-van-ban',
      title: 'Rà soát kinh phí dự án',
      leadUnitId: unit('000.01.01.H26').id,
      data: { noiDung: 'Rà soát', nguonGiao: 'van-ban', kinhPhiTrieuDong: 1250 },
    });
    expect(ubndTask.status).toBe(201);
    expect(ubndTask.body.metadata.form).toEqual({ key: 'nhiem-vu', pillar: 'ubnd', version: 1 });
    const hdndTask = await api.as('hdnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Chuẩn bị kỳ họp', leadUnitId: unit('000.02.06.N26').id, data: { noiDung: 'Chuẩn bị', nguonGiao: 'van-ban' } });
    expect(hdndTask.status).toBe(201);
    expect(hdndTask.body.metadata.form).toEqual({ key: 'nhiem-vu', pillar: null, version: 1 });

    // What the Runtime UI's task page reads, through each person's own SSO cookie session.
    const seenBy = async (username: string, taskId: number, shot?: string) => {
      const context = await newContext(browser);
      const p = await context.newPage();
      await signInThroughSso(p, `${platform.url}/tasks/${taskId}`, username, SEED_PASSWORD);
      await p.goto(`${platform.url}/tasks/${taskId}`);
      await p.locator('.dd-transitions').waitFor();
      await p.getByText('Nội dung nhiệm vụ').first().waitFor(); // the task's form is on the page
      if (shot) await screenshot(p, shot);
      const page = {
        field: await p.getByText('Kinh phí (triệu đồng)').count(),
        button: await p.locator('.dd-transitions').getByRole('button', { name: 'Yêu cầu bổ sung hồ sơ' }).count(),
      };
      if (shot && page.field) {
        await p.getByText('Kinh phí (triệu đồng)').first().scrollIntoViewIfNeeded();
        await screenshot(p, `${shot}-field`);
      }
      const api = await p.evaluate(async (id) => {
        const task = (await (await fetch(`/api/tasks/${id}`)).json()) as any;
        const f = task.metadata.form;
        const form = (await (await fetch(`/api/metadata/form/${f.key}?pillar=${f.pillar ?? ''}&version=${f.version}`)).json()) as any;
        return { task, form };
      }, taskId);
      await context.close();
      return { ...api, page };
    };
    const staff = await seenBy('ubnd.staff', ubndTask.body.id, 'studio-runtime-ubnd-task');
    expect(staff.page.field).toBeGreaterThan(0);
    expect(staff.page.button).toBe(1);
    expect(staff.task.transitions.map((t: any) => t.key)).toContain('yeu-cau-bo-sung-ho-so');
    expect(staff.task.transitions.find((t: any) => t.key === 'yeu-cau-bo-sung-ho-so').label).toBe('Yêu cầu bổ sung hồ sơ');
    expect(staff.form.body.schema.properties.kinhPhiTrieuDong.title).toBe('Kinh phí (triệu đồng)');
    expect(staff.task.data.kinhPhiTrieuDong).toBe(1250);
    const fired = await api.as('ubnd.staff', 'POST', `/api/tasks/${ubndTask.body.id}/transitions/yeu-cau-bo-sung-ho-so`, {});
    expect(fired.status).toBe(200);
    expect(fired.body.state).toBe('cho-bo-sung-ho-so');

    const hdnd = await seenBy('hdnd.staff', hdndTask.body.id, 'studio-runtime-hdnd-task');
    expect(hdnd.page).toEqual({ field: 0, button: 0 });
    expect(hdnd.task.transitions.map((t: any) => t.key)).not.toContain('yeu-cau-bo-sung-ho-so');
    expect(hdnd.form.body.schema.properties.kinhPhiTrieuDong).toBeUndefined();
    const hdndForm = (await api.as('hdnd.staff', 'GET', '/api/metadata/form/nhiem-vu')).body;
    expect(hdndForm.pillar).toBeNull();
    expect(hdndForm.body.schema.properties.kinhPhiTrieuDong).toBeUndefined();
    expect(external).toEqual([]);
  }, 120_000);

  test('the palette offers the field type a plugin adds; a field of it is saved with its format', async () => {
    // A pillar's administrator designs their pillar's forms: GET /api/integrations/extensions is theirs too.
    const { page: admin, external: adminExternal } = await studioPage(browser, platform.url, 'ubnd.admin');
    await admin.goto(`${platform.url}/studio/m/form/nhiem-vu?pillar=ubnd`);
    await admin.getByRole('heading', { name: 'Các trường của biểu mẫu' }).waitFor();
    const item = admin.locator('.dd-palette-item[data-kind="plugin:ma-dinh-danh"]');
    await item.filter({ hasText: 'Mã định danh điện tử của cơ quan' }).filter({ hasText: 'edxml' }).waitFor();
    await item.click();
    const label = admin.locator('#dd-prop-label');
    await label.waitFor();
    await label.fill('Cơ quan gửi');
    expect(await admin.locator('#dd-prop-name').inputValue()).toBe('coQuanGui');
    await admin.locator('.dd-canvas-item[data-name="coQuanGui"]').getByText('Mã định danh điện tử của cơ quan').waitFor();
    await admin.getByText('Hợp lệ, có thể xuất bản').waitFor();
    await screenshot(admin, 'studio-form-plugin-field');
    await admin.getByRole('button', { name: 'Lưu nháp' }).click();
    await admin.getByText('Đã lưu bản nháp').waitFor();

    const draft = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu?pillar=ubnd&version=draft')).body;
    expect(draft.body.schema.properties.coQuanGui).toEqual({ type: 'string', maxLength: 13, format: 'ma-dinh-danh', title: 'Cơ quan gửi' });
    expect(adminExternal).toEqual([]);
    await admin.context().close();
  }, 120_000);
  test('the report designer names every part of a report in Vietnamese; a filter’s fixed value is edited as text', async () => {
    const { page: p, external: ext } = await studioPage(browser, platform.url, 'ubnd.admin');
    await p.goto(`${platform.url}/studio/m/report/nhiem-vu-qua-han?pillar=ubnd`);
    await p.getByText('Điều kiện lọc', { exact: true }).first().waitFor();
    expect(await p.getByText('Unsupported field schema').count()).toBe(0);
    expect(await p.getByText('Report filter', { exact: true }).count()).toBe(0);
    // The seeded filters: unit subtree (from a parameter), category = openOverdue, stateCategory ≠ cancelled, state ≠ du-thao.
    const values = p.getByLabel('Giá trị cố định');
    expect(await values.nth(1).inputValue()).toBe('openOverdue');
    await values.nth(3).fill('tam-dung');
    await values.nth(3).scrollIntoViewIfNeeded();
    await screenshot(p, 'studio-report-designer');
    await p.getByRole('button', { name: 'Lưu nháp' }).click();
    await p.getByText('Đã lưu bản nháp').waitFor();
    const draft = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/report/nhiem-vu-qua-han?pillar=ubnd&version=draft')).body;
    expect(draft.body.filters).toEqual([
      { field: 'leadUnitId', op: 'subtree', param: 'unit' },
      { field: 'category', op: 'eq', value: 'openOverdue' },
      { field: 'stateCategory', op: 'ne', value: 'cancelled' },
      { field: 'state', op: 'ne', value: 'tam-dung' },
    ]);
    expect(ext).toEqual([]);
    await p.context().close();
  }, 120_000);
});
