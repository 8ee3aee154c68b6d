// Report files and the result cache: the XLSX read back with exceljs has the official table's headers
// (merged group headers), rows and totals, with dates as dates; CSV and the print-ready HTML page; a
// cached result is served until a task changes, and never beyond the configured staleness.
import ExcelJS from 'exceljs';
import { ManualClock } from '../../engine/src/config/clock.js';
import { toDbTime } from '../../engine/src/db/time.js';
import { startTestPlatform } from '../support/engine.js';
import { generate, type Fixture } from './reports-fixtures.js';
import { apiFetch } from '../support/openapi.js';

const TODAY = '2026-03-18';
const FROM = '2025-09-01';
const clock = new ManualClock(new Date(`${TODAY}T03:00:00Z`));
let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let fx: Fixture;

beforeAll(async () => {
  platform = await startTestPlatform({ clock, env: { REPORT_CACHE_SECONDS: '60' } });
  fx = await generate(platform.db.knex, { today: TODAY, count: 300, pillars: ['ubnd'], seed: 11 });
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

async function download(user: string, path: string) {
  const token = await platform.api.login(user);
  const res = await apiFetch(platform.url, path, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, headers: res.headers, body: Buffer.from(await res.arrayBuffer()) };
}

const query = () => `from=${FROM}&to=${TODAY}&unit=${fx.unit('000.00.00.H26').id}`;

test('the XLSX read back with exceljs has the official headers, the rows and the totals, dates as dates', async () => {
  const json = (await platform.api.as('admin', 'GET', `/api/reports/thong-ke-tong-hop?${query()}`)).body;
  const file = await download('admin', `/api/reports/thong-ke-tong-hop?${query()}&format=xlsx`);
  expect(file.status).toBe(200);
  expect(file.headers.get('content-type')).toContain('spreadsheetml');
  expect(file.headers.get('content-disposition')).toContain(`thong-ke-tong-hop-${TODAY}.xlsx`);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file.body as any);
  const ws = wb.worksheets[0]!;
  const rows: unknown[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, i) => (rows[i] = (row.values as unknown[]).slice(1)));

  expect(String(rows[1]![0])).toBe('THỐNG KÊ TỔNG HỢP TÌNH HÌNH THỰC HIỆN NHIỆM VỤ');
  const fromRow = rows.find((r) => r?.[0] === 'Từ ngày')!;
  expect(fromRow[1]).toBeInstanceOf(Date);
  expect((fromRow[1] as Date).toISOString().slice(0, 10)).toBe(FROM);
  expect(ws.getCell(rows.indexOf(fromRow), 2).numFmt).toBe('dd/mm/yyyy');

  // Two header rows: group headers merged across their columns, the others merged down.
  const h = rows.findIndex((r) => r?.[0] === 'STT');
  expect(rows[h]).toEqual(['STT', 'Đơn vị', 'Tổng số', 'Đã hoàn thành', 'Đã hoàn thành', 'Đang thực hiện', 'Đang thực hiện', 'Không thời hạn', 'Tỷ lệ hoàn thành (%)']);
  expect(rows[h + 1]).toEqual(['STT', 'Đơn vị', 'Tổng số', 'Đúng hạn', 'Quá hạn', 'Trong hạn', 'Quá hạn', 'Không thời hạn', 'Tỷ lệ hoàn thành (%)']);
  const merges = (ws.model as any).merges as string[];
  expect(merges).toEqual(expect.arrayContaining([`D${h}:E${h}`, `F${h}:G${h}`, `A${h}:A${h + 1}`, `I${h}:I${h + 1}`]));

  const body = rows.slice(h + 2).filter(Boolean);
  expect(body).toHaveLength(json.rows.length + 1);
  json.rows.forEach((r: any, i: number) => {
    expect(body[i]).toEqual([i + 1, r.unit.label, r.total, r.doneOnTime, r.doneLate, r.openOnTime, r.openOverdue, r.noDeadline, ...(r.completionRate === null ? [] : [r.completionRate])]);
  });
  const t = json.totals;
  expect(body[json.rows.length]).toEqual([undefined, 'Tổng cộng', t.total, t.doneOnTime, t.doneLate, t.openOnTime, t.openOverdue, t.noDeadline, t.completionRate]);
  expect(t.total).toBeGreaterThan(50);
  expect(ws.getCell(h + 2 + json.rows.length, 2).font?.bold).toBe(true);
});

test('CSV with Vietnamese headers and a totals row; a print-ready HTML page with title, period and unit, no external assets', async () => {
  const json = (await platform.api.as('admin', 'GET', `/api/reports/thong-ke-tong-hop?${query()}`)).body;
  const csv = await download('admin', `/api/reports/thong-ke-tong-hop?${query()}&format=csv`);
  expect(csv.status).toBe(200);
  const text = csv.body.toString('utf8');
  expect(text.startsWith('\ufeff')).toBe(true);
  const lines = text.slice(1).trim().split('\r\n');
  expect(lines[0]).toBe('Đơn vị,Tổng số,Hoàn thành đúng hạn,Hoàn thành quá hạn,Đang thực hiện trong hạn,Đang thực hiện quá hạn,Không thời hạn,Tỷ lệ hoàn thành (%)');
  expect(lines).toHaveLength(json.rows.length + 2);
  expect(lines[lines.length - 1]).toBe(['Tổng cộng', json.totals.total, json.totals.doneOnTime, json.totals.doneLate, json.totals.openOnTime, json.totals.openOverdue, json.totals.noDeadline, json.totals.completionRate].join(','));

  const html = await download('ubnd.leader', `/api/reports/thong-ke-tong-hop?${query()}&format=html`);
  expect(html.status).toBe(200);
  expect(html.headers.get('content-type')).toContain('text/html');
  const page = html.body.toString('utf8');
  expect(page).toContain('<h1>Thống kê tổng hợp tình hình thực hiện nhiệm vụ</h1>');
  expect(page).toContain('Từ ngày 01/09/2025 đến ngày 18/03/2026');
  expect(page).toContain(`Đơn vị: ${fx.unit('000.00.00.H26').name}`);
  expect(page).toContain('Văn phòng UBND'); // the viewer's own unit heads the page
  expect(page).toContain('<th colspan="2">Đã hoàn thành</th>');
  expect(page).toContain('Tổng cộng');
  expect(page).toContain('@page');
  expect(page).not.toMatch(/<script|<link|src=|https?:\/\//i);
});

test('a cached result is served until a task changes, and never beyond the configured staleness', async () => {
  const path = `/api/reports/thong-ke-tong-hop?${query()}`;
  clock.advance(61_000); // past what the tests above cached
  const first = (await platform.api.as('admin', 'GET', path)).body;
  const second = (await platform.api.as('admin', 'GET', path)).body;
  expect([first.meta.cached, second.meta.cached]).toEqual([false, true]);
  expect(second.totals).toEqual(first.totals);
  // Another scope is another entry.
  expect((await platform.api.as('ubnd.leader', 'GET', path)).body.meta.cached).toBe(false);

  // A task change (through the API: it writes a history event) is seen at once.
  const created = await platform.api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Nhiệm vụ mới', leadUnitId: fx.unit('000.00.02.H26').id, data: { noiDung: 'x', nguonGiao: 'van-ban' } });
  expect(created.status).toBe(201);
  const third = (await platform.api.as('admin', 'GET', path)).body;
  expect(third.meta.cached).toBe(false);
  expect(third.totals.total).toBe(first.totals.total + 1);

  // A change that bypasses the engine is seen once the staleness bound passes.
  const knex = platform.db.knex;
  const row = await knex('tasks').where({ id: created.body.id }).first();
  const copy = Object.fromEntries(Object.entries(row).filter(([k]) => k !== 'id' && !k.startsWith('f_'))); // not the generated columns
  await knex('tasks').insert({ ...copy, code: 'RP-DIRECT-1', data: JSON.stringify({}), created_at: toDbTime(clock.now()) });
  expect((await platform.api.as('admin', 'GET', path)).body.totals.total).toBe(first.totals.total + 1);
  clock.advance(61_000);
  const fresh = (await platform.api.as('admin', 'GET', path)).body;
  expect(fresh.meta.cached).toBe(false);
  expect(fresh.totals.total).toBe(first.totals.total + 2);
});
