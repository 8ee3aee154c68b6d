// Issue 6 "must show": every seeded report's numbers equal an independent SQL count on generated data;
// a ward's leader sees only the ward's subtree, the pillar's leader the whole pillar, another pillar's
// leader none of it; a report published through the metadata API runs at once; drill-downs list exactly
// a cell's tasks; the dashboard agrees with the official table. Runs on SQLite and, with
// DATABASE_URL=mysql://…, on MariaDB.
import type { Knex } from 'knex';
import { ManualClock } from '../../engine/src/config/clock.js';
import { whereCategory, type Category } from '../../engine/src/tasks/categories.js';
import { addDays } from '../../engine/src/calendar/days.js';
import { dbDate } from '../../engine/src/db/time.js';
import { startTestPlatform } from '../support/engine.js';
import { addUser, generate, type Fixture } from './reports-fixtures.js';

const TODAY = '2026-03-18'; // a Wednesday
const FROM = '2025-09-01';
let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let fx: Fixture;
let knex: Knex;

beforeAll(async () => {
  platform = await startTestPlatform({ clock: new ManualClock(new Date(`${TODAY}T03:00:00Z`)), env: { REPORT_CACHE_SECONDS: '0' } });
  knex = platform.db.knex;
  fx = await generate(knex, { today: TODAY, count: 700, pillars: ['ubnd', 'thanhuy'] });
  await addUser(knex, 'rp.ubnd.root', fx.unit('000.00.00.H26').id, 'lanh-dao', 'ubnd'); // leads the whole pillar
  await addUser(knex, 'rp.ward.leader', fx.unit('000.00.31.H26').id, 'lanh-dao', 'ubnd'); // UBND phường Hoàn Kiếm
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

const CATS: Category[] = ['doneOnTime', 'doneLate', 'openOnTime', 'openOverdue', 'noDeadline'];

/** Tasks the official table counts, in [from, to] by Hanoi creation date: plain knex, not the compiler. */
function counted(from: string, to: string) {
  return knex('tasks')
    .whereNot('state_category', 'cancelled')
    .whereNot('state', 'du-thao')
    .where('created_at', '>=', `${addDays(from, -1)} 17:00:00.000`)
    .where('created_at', '<', `${to} 17:00:00.000`);
}
const n = async (qb: Knex.QueryBuilder) => Number(((await qb.clone().count({ n: '*' }).first()) as any).n);
const inSubtree = (qb: Knex.QueryBuilder, path: string) => qb.where('lead_unit_path', 'like', `${path}%`);

async function expected(qb: Knex.QueryBuilder) {
  const out: Record<string, number | null> = { total: await n(qb) };
  for (const c of CATS) out[c] = await n(whereCategory(qb.clone(), c, TODAY, addDays(TODAY, 3)));
  const done = out.doneOnTime! + out.doneLate!;
  out.completionRate = done + out.openOverdue! ? Math.round((done / (done + out.openOverdue!)) * 10000) / 100 : null;
  return out;
}

const get = (user: string, path: string) => platform.api.as(user, 'GET', path);
const cellOf = (row: any, key: string) => row[key].value;

test('the official four-category table by unit equals independent counts, with totals and completion rate', async () => {
  const root = fx.unit('000.00.00.H26');
  const res = await get('admin', `/api/reports/thong-ke-tong-hop?from=${FROM}&to=${TODAY}&unit=${root.id}`);
  expect(res.status).toBe(200);
  expect(res.body.parameters).toEqual({ from: FROM, to: TODAY, unit: root.id });
  expect(res.body.columns.map((c: any) => c.key)).toEqual(['unit', 'total', ...CATS, 'completionRate']);
  const children = fx.units.filter((u) => u.parent_id === root.id);
  expect(res.body.rows.length).toBeGreaterThan(10);
  let sum = 0;
  for (const row of res.body.rows) {
    const id = cellOf(row, 'unit');
    const u = fx.units.find((x) => x.id === id)!;
    // The root's own tasks are a row of their own; every other row is a department or ward with its subtree.
    const qb = id === root.id ? counted(FROM, TODAY).where('lead_unit_id', root.id) : inSubtree(counted(FROM, TODAY), u.path);
    if (id !== root.id) expect(children.map((c) => c.id)).toContain(id);
    const want = await expected(qb);
    for (const [k, v] of Object.entries(want)) expect([u.name, k, row[k]]).toEqual([u.name, k, v]);
    expect(row.unit.label).toBe(id === root.id ? `${u.name} (trực tiếp chủ trì)` : u.name);
    sum += row.total;
  }
  const all = await expected(inSubtree(counted(FROM, TODAY), root.path));
  expect(res.body.totals).toEqual(all);
  expect(sum).toBe(all.total);
  expect(all.total).toBeGreaterThan(100);
  // Rows follow the tree order of the official table.
  const order = res.body.rows.map((r: any) => cellOf(r, 'unit'));
  expect(order[0]).toBe(root.id);
});

test('overdue tasks by unit, oldest first: counts and working-day delays equal independent computations', async () => {
  const root = fx.unit('000.00.00.H26');
  const res = await get('admin', `/api/reports/nhiem-vu-qua-han?unit=${root.id}`);
  expect(res.status).toBe(200);
  expect(res.body.rows.length).toBeGreaterThan(5);
  const calendar = await platform.engine.services.calendar.snapshot();
  const overdue = () => knex('tasks').whereIn('state_category', ['open', 'waiting']).whereNot('state', 'du-thao').where('due_date', '<', TODAY);
  for (const row of res.body.rows) {
    const u = fx.units.find((x) => x.id === cellOf(row, 'unit'))!;
    const qb = u.id === root.id ? overdue().where('lead_unit_id', root.id) : inSubtree(overdue(), u.path);
    const dues: string[] = (await qb.select('due_date')).map((r: any) => dbDate(r.due_date)!);
    const delays = dues.map((d) => calendar.workingDaysBetween(d, TODAY));
    expect(row.overdue).toBe(dues.length);
    expect(row.maxDelayDays).toBe(Math.max(...delays));
    expect(row.avgDelayDays).toBe(Math.round((delays.reduce((a: number, b: number) => a + b, 0) / delays.length) * 10) / 10);
  }
  const maxes = res.body.rows.map((r: any) => r.maxDelayDays);
  expect(maxes).toEqual([...maxes].sort((a, b) => b - a));
  expect(res.body.totals.overdue).toBe(await n(inSubtree(overdue(), root.path)));
});

test('tasks by source document and workload per specialist equal independent counts', async () => {
  const byDoc = await get('admin', `/api/reports/nhiem-vu-theo-van-ban?from=${FROM}&to=${TODAY}`);
  expect(byDoc.status).toBe(200);
  expect(byDoc.body.rows.length).toBeGreaterThan(2);
  for (const row of byDoc.body.rows) {
    const want = await expected(counted(FROM, TODAY).where('source_document_id', cellOf(row, 'document')));
    for (const [k, v] of Object.entries(want)) expect([k, row[k]]).toEqual([k, v]);
    expect(row.document.label).toMatch(/^Số \d+\/.+ – Văn bản chỉ đạo thứ/);
  }
  expect(byDoc.body.totals.total).toBe(await n(counted(FROM, TODAY).whereNotNull('source_document_id')));
  const totals = byDoc.body.rows.map((r: any) => r.total);
  expect(totals).toEqual([...totals].sort((a: number, b: number) => b - a));

  const work = await get('admin', `/api/reports/khoi-luong-chuyen-vien?from=${FROM}&to=${TODAY}`);
  expect(work.status).toBe(200);
  expect(work.body.rows.map((r: any) => cellOf(r, 'handler')).sort()).toEqual([...new Set(fx.handlers)].sort());
  const calendar = await platform.engine.services.calendar.snapshot();
  for (const row of work.body.rows) {
    const qb = counted(FROM, TODAY).where('handler_id', cellOf(row, 'handler'));
    const want = await expected(qb);
    for (const k of ['total', 'openOnTime', 'openOverdue', 'doneOnTime', 'doneLate', 'completionRate']) expect([k, row[k]]).toEqual([k, want[k]]);
    const late: number[] = (await whereCategory(qb.clone(), 'doneLate', TODAY, TODAY).select('due_date', 'completed_on'))
      .map((t: any) => calendar.workingDaysBetween(dbDate(t.due_date)!, dbDate(t.completed_on)!))
      .concat((await whereCategory(qb.clone(), 'openOverdue', TODAY, TODAY).select('due_date')).map((t: any) => calendar.workingDaysBetween(dbDate(t.due_date)!, TODAY)));
    expect(row.avgDelayDays).toBe(late.length ? Math.round((late.reduce((a: number, b: number) => a + b, 0) / late.length) * 10) / 10 : null);
    expect(row.handler.label).toMatch(/^Cán bộ rp\.handler/);
  }
});

test('scope: a ward’s leader sees only the ward’s subtree, the pillar’s leader the whole pillar, another pillar’s leader none of it', async () => {
  const root = fx.unit('000.00.00.H26');
  const ward = fx.unit('000.00.31.H26');
  const pillarWide = await get('rp.ubnd.root', `/api/reports/thong-ke-tong-hop?from=${FROM}&to=${TODAY}`);
  expect(pillarWide.status).toBe(200);
  expect(pillarWide.body.parameters.unit).toBe(root.id); // defaults to the viewer's unit
  expect(pillarWide.body.totals).toEqual(await expected(counted(FROM, TODAY).where('pillar', 'ubnd')));

  const wardOnly = await get('rp.ward.leader', `/api/reports/thong-ke-tong-hop?from=${FROM}&to=${TODAY}`);
  expect(wardOnly.status).toBe(200);
  expect(wardOnly.body.meta.unit).toEqual({ id: ward.id, name: ward.name });
  const want = await expected(inSubtree(counted(FROM, TODAY), ward.path));
  expect(wardOnly.body.totals).toEqual(want);
  for (const row of wardOnly.body.rows) expect(fx.units.find((u) => u.id === cellOf(row, 'unit'))!.path.startsWith(ward.path)).toBe(true);
  // Asking for the whole pillar does not widen what the ward's leader sees.
  const asked = await get('rp.ward.leader', `/api/reports/thong-ke-tong-hop?from=${FROM}&to=${TODAY}&unit=${root.id}`);
  expect(asked.status).toBe(200);
  expect(asked.body.totals).toEqual(want);
  expect(asked.body.rows.map((r: any) => cellOf(r, 'unit'))).toEqual([ward.id]);

  const other = await get('hdnd.leader', `/api/reports/thong-ke-tong-hop?from=${FROM}&to=${TODAY}`);
  expect(other.status).toBe(200);
  expect(other.body.totals.total).toBe(0);
  expect(other.body.rows).toEqual([]);
  const otherAsks = await get('hdnd.leader', `/api/reports/thong-ke-tong-hop?unit=${ward.id}`);
  expect(otherAsks.status).toBe(403);
  const drill = await get('hdnd.leader', `/api/reports/thong-ke-tong-hop/drill?from=${FROM}&to=${TODAY}&measure=total`);
  expect(drill.body.total).toBe(0);
  const denied = await knex('audit_log').where({ action: 'access.denied', subject_type: 'Unit', subject_id: String(ward.id) }).first();
  expect(denied).toBeTruthy();
});

test('a drill-down lists exactly the tasks behind a cell, in a form the tasks list understands', async () => {
  const root = fx.unit('000.00.00.H26');
  const res = await get('admin', `/api/reports/thong-ke-tong-hop?from=${FROM}&to=${TODAY}&unit=${root.id}`);
  const row = res.body.rows.find((r: any) => r.doneLate > 0 && cellOf(r, 'unit') !== root.id);
  const q = new URLSearchParams({ from: FROM, to: TODAY, unit: String(root.id), ...row.drill, measure: 'doneLate', limit: '200' });
  const drill = await get('admin', `/api/reports/thong-ke-tong-hop/drill?${q}`);
  expect(drill.status).toBe(200);
  expect(drill.body.total).toBe(row.doneLate);
  expect(drill.body.items).toHaveLength(row.doneLate);
  for (const t of drill.body.items) expect(t.category).toBe('doneLate');
  const unitPath = fx.units.find((u) => u.id === cellOf(row, 'unit'))!.path;
  const ids = (await whereCategory(inSubtree(counted(FROM, TODAY), unitPath), 'doneLate', TODAY, TODAY).select('id')).map((t: any) => Number(t.id)).sort((a: number, b: number) => a - b);
  expect(drill.body.items.map((t: any) => t.id).sort((a: number, b: number) => a - b)).toEqual(ids);
  // The completion rate's cell lists what its rate counts: completed and overdue.
  const rateCell = await get('admin', `/api/reports/thong-ke-tong-hop/drill?${new URLSearchParams({ from: FROM, to: TODAY, unit: String(root.id), ...row.drill, measure: 'completionRate' })}`);
  expect(rateCell.body.total).toBe(row.doneOnTime + row.doneLate + row.openOverdue);
  // The root's own row is the root's own tasks, not its subtree.
  const own = res.body.rows.find((r: any) => cellOf(r, 'unit') === root.id);
  if (own) expect((await get('admin', `/api/reports/thong-ke-tong-hop/drill?${new URLSearchParams({ from: FROM, to: TODAY, unit: String(root.id), ...own.drill })}`)).body.total).toBe(own.total);
  const bad = await get('admin', `/api/reports/thong-ke-tong-hop/drill?measure=nope`);
  expect(bad.status).toBe(422);
  expect(bad.body.error.details[0].path).toBe('/measure');
});

test('a report published through the metadata API runs at once: period, category and form-field dimensions, bound parameters', async () => {
  const key = 'thu-nghiem-theo-quy';
  const body = {
    name: 'Nhiệm vụ theo quý, nhóm thống kê và nguồn giao',
    dataset: 'tasks',
    parameters: [
      { key: 'pillar', label: 'Khối', type: 'pillar', required: true },
      { key: 'source', label: 'Nguồn giao', type: 'enum', catalog: 'nguon-giao' },
      { key: 'q', label: 'Tìm', type: 'string' },
    ],
    filters: [
      { field: 'pillar', op: 'eq', param: 'pillar' },
      { field: 'data.nguonGiao', op: 'eq', param: 'source' },
      { field: 'title', op: 'contains', param: 'q' },
      { field: 'dueDate', op: 'ne', value: null },
    ],
    dimensions: [
      { key: 'quarter', label: 'Quý', type: 'period', period: 'quarter', calendar: 'nd09', field: 'dueDate' },
      { key: 'category', label: 'Nhóm', type: 'category' },
      { key: 'source', label: 'Nguồn giao', type: 'field', field: 'data.nguonGiao' },
    ],
    measures: [{ key: 'n', label: 'Số nhiệm vụ', type: 'count' }],
    totals: true,
  };
  expect((await get('admin', `/api/reports/${key}`)).status).toBe(404);
  expect((await platform.api.as('admin', 'PUT', `/api/metadata/report/${key}`, body)).status).toBe(200);
  expect((await platform.api.as('admin', 'POST', `/api/metadata/report/${key}/publish`)).status).toBe(200);
  expect((await get('admin', '/api/reports')).body.items.map((r: any) => r.key)).toContain(key);

  const res = await get('admin', `/api/reports/${key}?pillar=ubnd&source=van-ban&q=${encodeURIComponent("báo cáo' OR 1=1 --")}`);
  expect(res.status).toBe(200);
  expect(res.body.rows).toEqual([]); // the parameter is bound, not spliced
  const ok = await get('admin', `/api/reports/${key}?pillar=ubnd&source=van-ban&q=${encodeURIComponent('báo cáo')}`);
  expect(ok.status).toBe(200);
  let sum = 0;
  for (const row of ok.body.rows) {
    const { from, to } = row.quarter;
    const qb = knex('tasks').where({ pillar: 'ubnd' }).where('data', 'like', '%"nguonGiao":"van-ban"%').whereBetween('due_date', [from, to]);
    const c = row.category.value as Category | 'cancelled';
    const cnt = c === 'cancelled' ? await n(qb.clone().where('state_category', 'cancelled')) : await n(whereCategory(qb.clone().whereNot('state_category', 'cancelled'), c, TODAY, TODAY));
    expect([row.quarter.value, c, row.n]).toEqual([row.quarter.value, c, cnt]);
    expect(row.source).toEqual({ value: 'van-ban', label: 'Văn bản chỉ đạo', labelEn: 'Directive document' });
    sum += row.n;
  }
  expect(sum).toBe(await n(knex('tasks').where({ pillar: 'ubnd' }).where('data', 'like', '%"nguonGiao":"van-ban"%').whereNotNull('due_date')));
  expect(ok.body.totals.n).toBe(sum);
  // NĐ 09/2019 quarters run from the 15th of the month before to the 14th.
  expect(ok.body.rows.some((r: any) => /^\d{4}-\d{2}-15$/.test(r.quarter.from))).toBe(true);

  const missing = await get('admin', `/api/reports/${key}?source=khong-co`);
  expect(missing.status).toBe(422);
  expect(missing.body.error.details.map((d: any) => d.path).sort()).toEqual(['/pillar', '/source']);
});

test('events and documents datasets, grouped by unit and month', async () => {
  const key = 'su-kien-theo-thang';
  const body = {
    name: 'Hoạt động theo tháng',
    dataset: 'events',
    parameters: [{ key: 'from', label: 'Từ ngày', type: 'date', default: FROM }],
    filters: [{ field: 'at', op: 'gte', param: 'from' }, { field: 'action', op: 'in', value: ['create'] }],
    dimensions: [{ key: 'month', label: 'Tháng', type: 'period', period: 'month', calendar: 'calendar' }],
    measures: [{ key: 'n', label: 'Số sự kiện', type: 'count' }],
  };
  await platform.api.as('admin', 'PUT', `/api/metadata/report/${key}`, body);
  await platform.api.as('admin', 'POST', `/api/metadata/report/${key}/publish`);
  const res = await get('admin', `/api/reports/${key}`);
  expect(res.status).toBe(200);
  for (const row of res.body.rows) {
    const { from, to } = row.month;
    const want = await n(knex('task_events').where({ action: 'create' }).where('at', '>=', `${addDays(from < FROM ? FROM : from, -1)} 17:00:00.000`).where('at', '<', `${to} 17:00:00.000`));
    expect([row.month.value, row.n]).toEqual([row.month.value, want]);
  }
  const busiest = [...res.body.rows].sort((a: any, b: any) => b.n - a.n)[0];
  const drill = await get('admin', `/api/reports/${key}/drill?${new URLSearchParams({ ...busiest.drill, measure: 'n' })}`);
  expect(drill.body.total).toBe(busiest.n);
  expect(drill.body.items[0]).toMatchObject({ action: 'create', taskCode: expect.stringMatching(/^RP-/) });
  // Another pillar's leader sees no event of these tasks.
  expect((await get('hdnd.leader', `/api/reports/${key}`)).body.rows).toEqual([]);

  const docs = {
    name: 'Văn bản theo khối',
    dataset: 'documents',
    dimensions: [{ key: 'pillar', label: 'Khối', type: 'pillar' }, { key: 'type', label: 'Loại văn bản', type: 'field', field: 'typeKey' }],
    measures: [{ key: 'n', label: 'Số văn bản', type: 'count' }],
    totals: true,
  };
  await platform.api.as('admin', 'PUT', '/api/metadata/report/van-ban-theo-khoi', docs);
  await platform.api.as('admin', 'POST', '/api/metadata/report/van-ban-theo-khoi/publish');
  const d = await get('admin', '/api/reports/van-ban-theo-khoi');
  expect(d.status).toBe(200);
  expect(d.body.totals.n).toBe(await n(knex('documents')));
  for (const row of d.body.rows) expect(row.n).toBe(await n(knex('documents').where({ pillar: row.pillar.value, type_key: row.type.value })));
  const wrong = { ...docs, measures: [{ key: 'r', label: 'Tỷ lệ', type: 'completionRate' }] };
  await platform.api.as('admin', 'PUT', '/api/metadata/report/van-ban-sai', wrong);
  await platform.api.as('admin', 'POST', '/api/metadata/report/van-ban-sai/publish');
  const refused = await get('admin', '/api/reports/van-ban-sai');
  expect(refused.status).toBe(422);
  expect(refused.body.error.details[0].path).toBe('/measures/0/type');
});

test('the leaders’ dashboard: category counts agree with the official table, monthly trend, most overdue units', async () => {
  const res = await get('rp.ubnd.root', '/api/dashboard');
  expect(res.status).toBe(200);
  const all = knex('tasks').where('pillar', 'ubnd').whereNot('state_category', 'cancelled').whereNot('state', 'du-thao');
  const want = await expected(all);
  for (const c of CATS) expect([c, res.body.counts[c]]).toEqual([c, want[c]]);
  expect(res.body.counts.total).toBe(want.total);
  expect(res.body.completionRate).toBe(want.completionRate);
  expect(res.body.trend).toHaveLength(12);
  expect(res.body.trend[11].period).toBe('2026-M03');
  const march = res.body.trend[11];
  expect(march.created).toBe(await n(all.clone().where('created_at', '>=', '2026-02-28 17:00:00.000')));
  expect(march.completed).toBe(await n(all.clone().where('state_category', 'done').where('completed_on', '>=', '2026-03-01')));
  const top = res.body.topOverdueUnits;
  expect(top.length).toBeGreaterThan(0);
  expect(top.map((u: any) => u.overdue)).toEqual([...top.map((u: any) => u.overdue)].sort((a: number, b: number) => b - a));
  const first = fx.units.find((u) => u.id === top[0].unitId)!;
  expect(top[0].overdue).toBe(await n(whereCategory(first.depth === 0 ? all.clone().where('lead_unit_id', first.id) : inSubtree(all.clone(), first.path), 'openOverdue', TODAY, TODAY)));
  expect((await get('hdnd.leader', '/api/dashboard')).body.counts.total).toBe(0);
});

test('parameters are validated (422 with pointers) and unknown reports are 404', async () => {
  const bad = await get('admin', '/api/reports/thong-ke-tong-hop?from=2026-02-30&unit=abc');
  expect(bad.status).toBe(422);
  expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['/from', '/unit']);
  expect((await get('admin', '/api/reports/khong-co')).status).toBe(404);
  expect((await get('admin', '/api/reports/thong-ke-tong-hop?format=pdf')).status).toBe(400);
  // A specialist may read reports but not export them.
  expect((await get('ubnd.staff', '/api/reports/thong-ke-tong-hop')).status).toBe(200);
  expect((await get('ubnd.staff', '/api/reports/thong-ke-tong-hop?format=csv')).status).toBe(403);
  const list = (await get('ubnd.leader', '/api/reports')).body.items;
  expect(list.map((r: any) => r.key)).toEqual(expect.arrayContaining(['khoi-luong-chuyen-vien', 'nhiem-vu-qua-han', 'nhiem-vu-theo-van-ban', 'thong-ke-tong-hop']));
  expect(list.find((r: any) => r.key === 'thong-ke-tong-hop').canExport).toBe(true);
});
