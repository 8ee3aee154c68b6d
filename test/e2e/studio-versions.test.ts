// Must show (issue 8): rolling back to version 1 makes version 1's form what users get, as a new version
// number. Also: a readable diff between two versions, the override beside the platform default, and
// running tasks moved to a new workflow version through an explicit state mapping.
import type { Browser, Page } from 'playwright-core';
import { startTestPlatform } from '../support/engine.js';
import {
  browserTestsCanRun,
  ensureFrontEndsBuilt,
  launch,
  screenshot,
  studioPage,
} from './studio-helpers.js';
import { pickOption } from './support/antd.js';

const run = browserTestsCanRun('studio-versions.test.ts');
const maybe = run ? describe : describe.skip;

maybe('Admin Studio versions', () => {
  let platform: Awaited<ReturnType<typeof startTestPlatform>>;
  let browser: Browser;
  let page: Page;
  let units: any[];
  const v1Body: any = {};

  beforeAll(async () => {
    ensureFrontEndsBuilt();
    platform = await startTestPlatform();
    units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
    const api = platform.api;
    const base = (await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
    Object.assign(v1Body, structuredClone(base));
    v1Body.schema.properties.soHoSo = { type: 'string', title: 'Số hồ sơ', maxLength: 50 };
    v1Body.uiSchema['ui:order'] = [...v1Body.uiSchema['ui:order'], 'soHoSo'];
    expect(
      (
        await api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd', {
          body: v1Body,
        })
      ).body.version,
    ).toBe(1);
    const v2 = structuredClone(v1Body);
    v2.schema.properties.kinhPhiTrieuDong = { type: 'number', title: 'Kinh phí (triệu đồng)', minimum: 0 };
    v2.fields.kinhPhiTrieuDong = { indexed: true };
    delete v2.schema.properties.ghiChu;
    delete v2.fields.ghiChu;
    v2.uiSchema['ui:order'] = v2.uiSchema['ui:order']
      .filter((n: string) => n !== 'ghiChu')
      .concat('kinhPhiTrieuDong');
    delete v2.uiSchema.ghiChu;
    expect(
      (await api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd', { body: v2 }))
        .body.version,
    ).toBe(2);
    browser = await launch();
    ({ page } = await studioPage(browser, platform.url, 'ubnd.admin'));
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('the versions tab shows a readable diff between two versions and the override beside the default', async () => {
    await page.goto(`${platform.url}/studio/m/form/nhiem-vu?pillar=ubnd&tab=versions`);
    const diff = page.locator('.dd-diff').first();
    await diff.waitFor();
    await diff.getByText('schema › properties › kinhPhiTrieuDong').waitFor();
    await diff.getByText('schema › properties › ghiChu').waitFor();
    expect(
      await diff
        .locator('tr')
        .filter({ hasText: 'schema › properties › kinhPhiTrieuDong' })
        .getByText('Thêm')
        .count(),
    ).toBe(1);
    expect(
      await diff.locator('tr').filter({ hasText: 'schema › properties › ghiChu' }).getByText('Xóa').count(),
    ).toBe(1);
    await screenshot(page, 'studio-versions-diff');

    await page.getByRole('tab', { name: 'So với mặc định' }).click();
    const override = page.locator('.dd-override');
    await override.getByText('schema › properties › soHoSo').waitFor();
    await screenshot(page, 'studio-override');
  }, 120_000);

  test('rolling back to version 1 publishes its form as version 3, and that is what users get', async () => {
    await page.goto(`${platform.url}/studio/m/form/nhiem-vu?pillar=ubnd&tab=versions`);
    await page.getByRole('button', { name: 'Khôi phục phiên bản 1' }).click();
    await page.locator('.ant-popconfirm').getByRole('button', { name: 'Khôi phục' }).click();
    await page.getByText('Đã khôi phục nội dung phiên bản 1 thành phiên bản 3').waitFor();
    await page.locator('.dd-versions').getByText('Phiên bản 3').first().waitFor();
    await screenshot(page, 'studio-rollback');

    const api = platform.api;
    const versions = (await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu/versions?pillar=ubnd'))
      .body.items;
    expect(versions.map((v: any) => [v.version, v.status])).toEqual([
      [1, 'published'],
      [2, 'published'],
      [3, 'published'],
    ]);
    expect(versions[2].checksum).toBe(versions[0].checksum);
    const seen = (await api.as('ubnd.staff', 'GET', '/api/metadata/form/nhiem-vu')).body;
    expect(seen.version).toBe(3);
    expect(seen.body).toEqual(v1Body);
    const lead = units.find((u) => u.code === '000.01.01.H26');
    const task = await api.as('ubnd.leader', 'POST', '/api/tasks', {
      type: 'nhiem-vu-van-ban',
      title: 'Sau khôi phục',
      leadUnitId: lead.id,
      data: { noiDung: 'x', nguonGiao: 'van-ban', soHoSo: 'HS-01' },
    });
    expect(task.status).toBe(201);
    expect(task.body.metadata.form).toEqual({ key: 'nhiem-vu', pillar: 'ubnd', version: 3 });
  }, 120_000);

  test('running tasks move to a new workflow version only through an explicit state mapping', async () => {
    const api = platform.api;
    const lead = units.find((u) => u.code === '000.01.01.H26');
    const ids: number[] = [];
    for (const title of ['Chuyển quy trình 1', 'Chuyển quy trình 2'])
      ids.push(
        (
          await api.as('ubnd.leader', 'POST', '/api/tasks', {
            type: 'nhiem-vu-van-ban',
            title,
            leadUnitId: lead.id,
            data: { noiDung: 'x', nguonGiao: 'van-ban' },
          })
        ).body.id,
      );
    const wf = (await api.as('ubnd.admin', 'GET', '/api/metadata/workflow/mac-dinh')).body.body;
    for (const st of wf.states)
      if (st.key === 'cho-tiep-nhan') Object.assign(st, { key: 'moi-giao', label: 'Mới giao' });
    wf.initial = 'moi-giao';
    for (const tr of wf.transitions) {
      tr.from = tr.from.map((f: string) => (f === 'cho-tiep-nhan' ? 'moi-giao' : f));
      if (tr.to === 'cho-tiep-nhan') tr.to = 'moi-giao';
    }
    expect(
      (
        await api.as('ubnd.admin', 'POST', '/api/metadata/workflow/mac-dinh/publish?pillar=ubnd', {
          body: wf,
        })
      ).status,
    ).toBe(200);

    await page.goto(`${platform.url}/studio/m/workflow/mac-dinh?pillar=ubnd&tab=migrate`);
    // The two new tasks and the one created after the rollback all run on the platform default, version 1.
    const run = page.getByRole('button', { name: 'Chuyển 3 nhiệm vụ' });
    await run.waitFor();
    expect(await run.isDisabled()).toBe(true); // "cho-tiep-nhan" has no state of the same key in the new version
    await pickOption(page, page.getByLabel('Trạng thái mới cho cho-tiep-nhan'), '', 'Mới giao (moi-giao)');
    await page
      .getByLabel('Ghi chú vào lịch sử (không bắt buộc)')
      .fill('Đổi tên trạng thái theo quy trình mới');
    await screenshot(page, 'studio-migration');
    await run.click();
    await page.getByText('Đã chuyển 3 nhiệm vụ').waitFor();

    for (const id of ids) {
      const task = (await api.as('ubnd.leader', 'GET', `/api/tasks/${id}`)).body;
      expect(task.state).toBe('moi-giao');
      expect(task.metadata.workflow).toEqual({ key: 'mac-dinh', pillar: 'ubnd', version: 1 });
      const history = (await api.as('ubnd.leader', 'GET', `/api/tasks/${id}/history`)).body.items;
      expect(history.at(-1)).toMatchObject({
        fromState: 'cho-tiep-nhan',
        toState: 'moi-giao',
        note: 'Đổi tên trạng thái theo quy trình mới',
      });
    }
  }, 120_000);
});
