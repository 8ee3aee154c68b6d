// What a plugin adds to metadata, end to end (PLUGINS=edxml): the field type "ma-dinh-danh" (an
// organisation code) that a form field names with `"format"` — an unknown type is refused at publish with
// the pointer to its format, task data is checked with the plugin's validator — and the report dataset
// "edxml-messages": a report on it counts what independent SQL counts, under the viewer's Document
// permission filter, and a report naming a dataset no plugin registers is refused at /dataset.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startTestPlatform } from '../support/engine.js';
import { openapiStats } from '../support/openapi.js';

const FIXTURES = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/edxml');
const fixture = (name: string) => fs.readFileSync(path.join(FIXTURES, name));

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let units: any[];
const unit = (code: string) => units.find((u) => u.code === code);
const knex = () => platform.engine.services.knex;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), JOBS_SCHEDULE: 'off', PLUGINS: 'edxml', EDXML_ACCOUNT: 'ubnd.clerk' } });
  units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

const newTask = (user: string, leadUnitId: number, data: object = {}) =>
  platform.api.as(user, 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Nhiệm vụ thử', leadUnitId, data: { noiDung: 'x', nguonGiao: 'van-ban', ...data } });

test('a form field of the plugin type: an unknown type is refused at publish, task data is checked with the plugin validator', async () => {
  const form = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
  const unknown = structuredClone(form);
  unknown.schema.properties.coQuanGui = { type: 'string', title: 'Cơ quan gửi', format: 'ma-co-quan-khong-co' };
  const refused = await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', unknown);
  expect(refused.status).toBe(422);
  expect(refused.body.error.details).toEqual([{ path: '/schema/properties/coQuanGui/format', message: expect.stringContaining('ma-co-quan-khong-co') }]);

  form.schema.properties.coQuanGui = { type: 'string', title: 'Cơ quan gửi', format: 'ma-dinh-danh' };
  expect((await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', form)).status).toBe(200);
  expect((await platform.api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd')).status).toBe(200);

  const soNoiVu = unit('000.00.02.H26');
  const before = Number((await knex()('tasks').count({ n: '*' }).first())!.n);
  const bad = await newTask('ubnd.leader', soNoiVu.id, { coQuanGui: '000.00.2.H26' });
  expect(bad.status).toBe(422);
  expect(bad.body.error.details).toEqual([{ path: '/data/coQuanGui', message: 'Phải là mã định danh điện tử của cơ quan, tổ chức dạng NNN.NN.NN.Xnn (ví dụ 000.00.05.H26)' }]);
  const token = await platform.api.login('ubnd.leader');
  const en = await platform.api.request('POST', '/api/tasks', { token, headers: { 'accept-language': 'en' }, body: { type: 'nhiem-vu-van-ban', title: 'Nhiệm vụ thử', leadUnitId: soNoiVu.id, data: { noiDung: 'x', nguonGiao: 'van-ban', coQuanGui: 'H26' } } });
  expect(en.body.error.details).toEqual([{ path: '/data/coQuanGui', message: 'must be an electronic organisation code NNN.NN.NN.Xnn (e.g. 000.00.05.H26)' }]);
  expect(Number((await knex()('tasks').count({ n: '*' }).first())!.n)).toBe(before); // nothing written
  const ok = await newTask('ubnd.leader', soNoiVu.id, { coQuanGui: '000.00.05.H26' });
  expect(ok.status).toBe(201);
  expect(ok.body.data.coQuanGui).toBe('000.00.05.H26');
});

const dayStartUtc = (day: string) => new Date(`${day}T00:00:00+07:00`).toISOString().replace('T', ' ').replace('Z', '');
const nextDay = (day: string) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
const count = async (q: any) => Number((await q.count({ n: '*' }).first()).n);

test('a report on the plugin dataset counts what SQL counts, per sender and day, under the viewer’s permission filter', async () => {
  for (const f of ['directive-two-attachments.edxml', 'flat-default-namespace.edxml', 'other-prefix-ddmmyyyy.edxml', 'minimal-no-optional.edxml', 'sample-directive.edxml', 'update-two-attachments.edxml']) {
    const token = await platform.api.login('ubnd.clerk');
    const res = await platform.api.request('POST', '/api/integrations/edxml', { token, raw: fixture(f), headers: { 'content-type': 'application/xml' } });
    expect([200, 201]).toContain(res.status);
  }
  // spread the messages over three days (Hanoi time)
  const ids = (await knex()('edxml_messages').orderBy('id').pluck('id')).map(Number);
  expect(ids.length).toBeGreaterThanOrEqual(6);
  await knex()('edxml_messages').where('id', ids[0]).update({ received_at: '2026-03-01 18:30:00.000' }); // 2 March in Hanoi
  await knex()('edxml_messages').where('id', ids[1]).update({ received_at: '2026-03-01 16:59:59.000' }); // 1 March in Hanoi

  const body = {
    name: 'Văn bản edXML nhận được theo nơi gửi và ngày',
    dataset: 'edxml-messages',
    dimensions: [
      { key: 'sender', label: 'Nơi gửi', type: 'field', field: 'senderCode' },
      { key: 'day', label: 'Ngày nhận', type: 'field', field: 'receivedAt' },
    ],
    measures: [{ key: 'n', label: 'Số văn bản', type: 'count' }],
    totals: true,
  };
  const unknown = await platform.api.as('admin', 'PUT', '/api/metadata/report/edxml-khong-co', { ...body, dataset: 'webhook-deliveries' });
  expect(unknown.status).toBe(422);
  expect(unknown.body.error.details).toEqual([{ path: '/dataset', message: expect.stringContaining('webhook-deliveries') }]);
  expect((await platform.api.as('admin', 'PUT', '/api/metadata/report/edxml-theo-noi-gui', body)).status).toBe(200);
  expect((await platform.api.as('admin', 'POST', '/api/metadata/report/edxml-theo-noi-gui/publish')).status).toBe(200);

  const res = await platform.api.as('ubnd.leader', 'GET', '/api/reports/edxml-theo-noi-gui');
  expect(res.status).toBe(200);
  expect(res.body.report.dataset).toBe('edxml-messages');
  const visible = () => knex()('edxml_messages').join('documents', 'documents.id', 'edxml_messages.document_id').where('documents.pillar', 'ubnd');
  let sum = 0;
  for (const row of res.body.rows) {
    const sender = row.sender.value as string | null;
    const day = row.day.value as string;
    const q = visible().where('edxml_messages.received_at', '>=', dayStartUtc(day)).where('edxml_messages.received_at', '<', dayStartUtc(nextDay(day)));
    if (sender === null) q.whereNull('edxml_messages.sender_code');
    else q.where('edxml_messages.sender_code', sender);
    expect([sender, day, row.n]).toEqual([sender, day, await count(q)]);
    sum += row.n;
  }
  expect(sum).toBe(await count(visible()));
  expect(res.body.totals.n).toBe(sum);
  expect(res.body.rows.map((r: any) => r.day.value)).toEqual(expect.arrayContaining(['2026-03-01', '2026-03-02']));

  // the drill-down lists the rows behind a cell: its fields
  const first = res.body.rows[0];
  const drill = await platform.api.as('ubnd.leader', 'GET', `/api/reports/edxml-theo-noi-gui/drill?${new URLSearchParams({ ...first.drill, measure: 'n' })}`);
  expect([drill.status, drill.body.error]).toEqual([200, undefined]);
  expect(drill.body.total).toBe(first.n);
  expect(drill.body.items[0]).toMatchObject({ id: expect.any(Number), documentId: expect.any(Number), senderCode: first.sender.value, pillar: 'ubnd' });

  // another pillar's leader may read only their pillar's documents: the same report counts none
  const other = await platform.api.as('hdnd.leader', 'GET', '/api/reports/edxml-theo-noi-gui');
  expect(other.status).toBe(200);
  expect(other.body.rows).toEqual([]);
  // a clerk may run no report (no Report permission): 403, as for a built-in dataset's report
  const clerk = await platform.api.as('ubnd.clerk', 'GET', '/api/reports/edxml-theo-noi-gui');
  expect(clerk.status).toBe(403);
  expect((await platform.api.as('ubnd.clerk', 'GET', '/api/reports/thong-ke-tong-hop')).status).toBe(403);
});

test('GET /api/integrations lists the field types and datasets plugins added, for the designers', async () => {
  const r = await platform.api.as('admin', 'GET', '/api/integrations');
  expect(r.status).toBe(200);
  expect(r.body.fieldTypes).toEqual([expect.objectContaining({ name: 'ma-dinh-danh', plugin: 'edxml', widget: 'text', schema: { type: 'string', maxLength: 13 }, label: expect.stringContaining('mã định danh') })]);
  expect(r.body.datasets).toEqual([expect.objectContaining({ key: 'edxml-messages', plugin: 'edxml', subject: 'Document', fields: expect.objectContaining({ senderCode: 'string', receivedAt: 'timestamp', unitId: 'unit' }) })]);
});

test('a pillar administrator, who designs that pillar\'s forms and reports, reads the same list (not the rest of /api/integrations)', async () => {
  const all = (await platform.api.as('admin', 'GET', '/api/integrations')).body;
  const mine = await platform.api.as('ubnd.admin', 'GET', '/api/integrations/extensions');
  expect(mine.status).toBe(200);
  expect(mine.body).toEqual({ fieldTypes: all.fieldTypes, datasets: all.datasets });
  expect((await platform.api.as('ubnd.admin', 'GET', '/api/integrations')).status).toBe(403);
});

test('every answer above matches the OpenAPI document', () => {
  expect(openapiStats().validated).toBeGreaterThan(10);
  expect(openapiStats().mismatches).toEqual([]);
});
