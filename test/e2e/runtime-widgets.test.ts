// Every field type and layout feature of the Admin Studio's form designer works in the Runtime UI: the
// ubnd task form gets one field of each palette type (built by the designer's own model, as the Studio
// saves them), two section headings and a field shown only under a condition; it is published; a
// specialist fills every field on the task page (money typed as 1.500.000, dates as dd/MM/yyyy, a unit
// from the tree, a person and a document found by search, a file uploaded, rows of a table added) and
// reports progress; the values arrive in the task's data exactly.
import { afterAll, beforeAll, describe, expect, jest, test } from '@jest/globals';
import type { Browser, Locator } from 'playwright-core';
import { startTestPlatform } from '../support/engine.js';
import { chromiumAvailable, DESKTOP, launch, screenshot } from './support/browser.js';
import { completeSsoForm, ensureFrontEndsBuiltOnce, expectClean, watchedPage } from './support/runtime.js';
import { pickEach, pickOption } from './support/antd.js';
import { createScenario, LEADER, SPECIALIST, type Scenario } from './support/runtime-scenario.js';

const available = chromiumAvailable();
if (!available) {
  if (process.env.CI === 'true')
    throw new Error('chromium is missing: the Runtime UI browser tests cannot run in CI');
  console.warn(
    '\n\n*** SKIPPED: Runtime UI widgets browser test — /usr/bin/chromium (or CHROMIUM_PATH) not found ***\n',
  );
}
const maybe = available ? describe : describe.skip;

jest.setTimeout(180_000);

// The form designer's own model (admin-studio, bundler-resolved: loaded by path so this file's type check
// does not follow it); only the parts used here are typed.
type Json = Record<string, unknown>;
type PaletteKind =
  | 'text'
  | 'longText'
  | 'number'
  | 'money'
  | 'date'
  | 'dateRange'
  | 'select'
  | 'multiSelect'
  | 'unit'
  | 'user'
  | 'document'
  | 'file'
  | 'table';
type FieldItem = {
  type: 'field';
  id: string;
  name: string;
  kind: string;
  schema: Json;
  ui: Json;
  options: Json;
  required: boolean;
};
type Item = FieldItem | { type: 'section'; id: string; title: string };
interface StudioFormModel {
  fromForm(form: Json): Item[];
  toForm(items: Item[], original: Json): Json;
  newField(kind: PaletteKind, name: string, title: string, catalog?: string): FieldItem;
}
const modelPath = '../../admin-studio/src/designers/form/model.js';

async function typeDate(input: Locator, text: string) {
  await input.click();
  await input.fill(text);
  await input.press('Enter');
}

maybe('Runtime UI: every field type of the form designer', () => {
  let platform: Awaited<ReturnType<typeof startTestPlatform>>;
  let browser: Browser;
  let s: Scenario;

  beforeAll(async () => {
    ensureFrontEndsBuiltOnce();
    platform = await startTestPlatform();
    s = await createScenario(platform.api);
    browser = await launch();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await platform?.close();
  });

  test('a form with each widget is published; a specialist fills it; the values arrive in the task’s data', async () => {
    const api = platform.api;
    const { fromForm, newField, toForm } = (await import(modelPath)) as StudioFormModel;
    // The form as the designer builds it: its palette's fields, sections and a condition for showing.
    const current = (await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
    const items: Item[] = fromForm(current);
    const field = (kind: PaletteKind, name: string, title: string, catalog?: string) =>
      newField(kind, name, title, catalog);
    const money = field('money', 'kinhPhi', 'Kinh phí (đồng)');
    const note = field('text', 'ghiChuKinhPhi', 'Nguồn kinh phí');
    note.ui = { 'ui:options': { showIf: { field: 'kinhPhi', op: 'filled' } } };
    const table = field('table', 'bangChiTiet', 'Các bước thực hiện');
    table.schema = {
      ...table.schema,
      items: {
        type: 'object',
        properties: {
          noiDung: { type: 'string', title: 'Nội dung bước' },
          han: { type: 'string', format: 'date', title: 'Hạn bước' },
        },
      },
    };
    items.push(
      { type: 'section', id: 's1', title: 'Kinh phí và thời gian' },
      money,
      note,
      field('date', 'ngayHop', 'Ngày họp'),
      field('dateRange', 'thoiGian', 'Thời gian thực hiện'),
      field('number', 'soHoSo', 'Số hồ sơ'),
      { type: 'section', id: 's2', title: 'Tham chiếu' },
      field('multiSelect', 'doKhan', 'Độ khẩn áp dụng', 'do-khan'),
      field('unit', 'donViPhoiHop', 'Đơn vị phối hợp'),
      field('user', 'canBoTheoDoi', 'Cán bộ theo dõi'),
      field('document', 'vanBanLienQuan', 'Văn bản liên quan'),
      field('file', 'tepKemTheo', 'Tệp kèm theo'),
      table,
    );
    const form = toForm(items, current);
    expect((await api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', form)).status).toBe(
      200,
    );
    expect(
      (await api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd')).status,
    ).toBe(200);

    const task = (
      await api.as(LEADER, 'POST', '/api/tasks', {
        type: 'nhiem-vu-van-ban',
        title: 'Tổ chức hội nghị sơ kết cải cách hành chính',
        leadUnitId: s.unitId,
        handlerId: s.specialistId,
        data: { noiDung: 'Chuẩn bị và tổ chức hội nghị', nguonGiao: 'van-ban' },
      })
    ).body;
    expect(
      (
        await api.as(SPECIALIST, 'POST', `/api/tasks/${task.id}/transitions/tiep-nhan`, {
          version: task.version,
        })
      ).status,
    ).toBe(200);
    const leader = (await api.as(LEADER, 'GET', '/api/auth/me')).body.user;
    const peer = (await api.as(SPECIALIST, 'GET', '/api/units')).body.items.find(
      (u: any) => u.code === '000.00.02.H26',
    );
    // The people picker's API: the specialist's view is their pillar.
    const found = (await api.as(SPECIALIST, 'GET', '/api/users?q=ubnd.lea')).body.items;
    expect(found.map((u: any) => u.username)).toEqual(['ubnd.leader']);
    expect((await api.as(SPECIALIST, 'GET', '/api/users?q=hdnd')).body.items).toEqual([]);

    const w = await watchedPage(browser, DESKTOP);
    const { page } = w;
    await page.goto(`${platform.url}/tasks/${task.id}`);
    await completeSsoForm(page, SPECIALIST);
    await page.getByRole('heading', { name: 'Tổ chức hội nghị sơ kết cải cách hành chính' }).waitFor();
    await page.getByRole('heading', { name: 'Kinh phí và thời gian' }).waitFor();
    await page.getByRole('heading', { name: 'Tham chiếu' }).waitFor();

    // Money, with the field it reveals.
    expect(await page.getByLabel('Nguồn kinh phí').count()).toBe(0);
    const moneyInput = page.getByLabel('Kinh phí (đồng)');
    await moneyInput.fill('1500000');
    await moneyInput.blur();
    expect(await moneyInput.inputValue()).toBe('1.500.000');
    await page.getByLabel('Nguồn kinh phí').fill('Ngân sách thành phố');

    await typeDate(page.getByLabel('Ngày họp'), '15/12/2026');
    expect(await page.getByLabel('Ngày họp').inputValue()).toBe('15/12/2026');
    await typeDate(page.getByLabel('Thời gian thực hiện'), '01/12/2026');
    await typeDate(page.getByPlaceholder('Đến ngày'), '31/12/2026');
    await page.getByLabel('Số hồ sơ').fill('42');

    await pickEach(page, page.getByLabel('Độ khẩn áp dụng'), ['Khẩn', 'Hỏa tốc']);
    await pickOption(page, page.getByLabel('Đơn vị phối hợp'), peer.name, peer.name);
    await pickOption(page, page.getByLabel('Cán bộ theo dõi'), 'ubnd.lea', /\(ubnd\.leader\)/);
    await pickOption(page, page.getByLabel('Văn bản liên quan'), '125', /Số 125\/UBND-KSTT/);

    await page.locator('#task_tepKemTheo input[type=file]').setInputFiles({
      name: 'ke-hoach-hoi-nghi.txt',
      mimeType: 'text/plain',
      buffer: Buffer.from('Kế hoạch tổ chức hội nghị sơ kết.\n'),
    });
    await page.locator('#task_tepKemTheo .ant-upload-list-item').getByText('ke-hoach-hoi-nghi.txt').waitFor();

    await page.getByRole('button', { name: 'Thêm dòng' }).click();
    await page.getByLabel('Nội dung bước').fill('Gửi giấy mời');
    await typeDate(page.getByLabel('Hạn bước'), '05/12/2026');
    await page.getByRole('heading', { name: 'Kinh phí và thời gian' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'runtime-task-widgets-desktop');
    await page.getByRole('heading', { name: 'Tham chiếu' }).scrollIntoViewIfNeeded();
    await screenshot(page, 'runtime-task-widgets-references-desktop');
    await page.getByText('Các bước thực hiện', { exact: true }).scrollIntoViewIfNeeded();
    await screenshot(page, 'runtime-task-widgets-table-desktop');

    // The edits go with "report progress".
    await page.getByRole('button', { name: 'Cập nhật tiến độ' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.getByLabel('Ý kiến, lý do (bắt buộc)').fill('Đã lập kế hoạch, dự trù kinh phí.');
    await dialog.getByRole('button', { name: 'Cập nhật tiến độ' }).click();
    await page.getByText('Đã thực hiện: Cập nhật tiến độ').waitFor();

    const after = (await api.as(SPECIALIST, 'GET', `/api/tasks/${task.id}`)).body;
    const doc = after.data.tepKemTheo?.[0];
    expect(after.data).toMatchObject({
      kinhPhi: 1500000,
      ghiChuKinhPhi: 'Ngân sách thành phố',
      ngayHop: '2026-12-15',
      thoiGian: { from: '2026-12-01', to: '2026-12-31' },
      soHoSo: 42,
      doKhan: ['khan', 'hoa-toc'],
      donViPhoiHop: peer.id,
      canBoTheoDoi: leader.id,
      vanBanLienQuan: s.documentId,
      tepKemTheo: [expect.any(Number)],
      bangChiTiet: [{ noiDung: 'Gửi giấy mời', han: '2026-12-05' }],
    });
    await page.getByText('Dòng 1').waitFor();
    const file = await api.as(SPECIALIST, 'GET', `/api/attachments/${doc}`);
    expect(file.status).toBe(200);

    // Shown back read-only-correct after a reload: money grouped, the document and person named.
    await page.reload();
    await page.getByRole('heading', { name: 'Tham chiếu' }).waitFor();
    expect(await page.getByLabel('Kinh phí (đồng)').inputValue()).toBe('1.500.000');
    await page
      .getByText(/Số 125\/UBND-KSTT/)
      .first()
      .waitFor();
    await page
      .getByText(/\(ubnd\.leader\)/)
      .first()
      .waitFor();
    expectClean(w);
    await w.context.close();
  });
});
