// Field permissions of forms are enforced by the engine, not only drawn by the Runtime UI: a field readable
// only by leaders never reaches a specialist (task, list, history, report drill-down, list filters); a field
// a caller may not edit cannot be set or changed (403 naming the field, nothing written, the denial
// audited); a task the caller may not read answers 404 like an unknown one. Runs on SQLite, and on MariaDB
// with DATABASE_URL set.
import { startTestPlatform } from '../support/engine.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let units: any[];
const unit = (code: string) => units.find((u) => u.code === code);
const knex = () => platform.db.knex;
const SECRET = 'Đánh giá nội bộ: chưa đạt yêu cầu';

beforeAll(async () => {
  platform = await startTestPlatform({ env: { REPORT_CACHE_SECONDS: '0' } });
  units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
  // The ubnd pillar's task form: an internal assessment only leaders see (filterable), a priority only
  // leaders set, a confidential code only administrators set.
  const form = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
  form.schema.properties.danhGiaNoiBo = { type: 'string', title: 'Đánh giá nội bộ', maxLength: 2000 };
  form.schema.properties.maMat = { type: 'string', title: 'Mã mật', maxLength: 50 };
  form.fields = {
    ...form.fields,
    danhGiaNoiBo: { titleEn: 'Internal assessment', indexed: true, read: ['lanh-dao'] },
    doUuTien: { ...form.fields.doUuTien, edit: ['lanh-dao'] },
    maMat: { edit: ['quan-tri'] },
  };
  expect((await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', form)).status).toBe(200);
  expect((await platform.api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd')).status).toBe(200);
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

// Led by ubnd.leader's unit (the leader acts as a member of the lead unit), handled by ubnd.staff.
const leadUnit = () => unit('000.00.01.H26');
const staffId = async () => Number((await knex()('users').where({ username: 'ubnd.staff' }).first('id')).id);
const newTask = async (user: string, data: object, leadUnitId = leadUnit().id) =>
  platform.api.as(user, 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Rà soát quy chế làm việc', leadUnitId, handlerId: await staffId(), data: { noiDung: 'Rà soát', nguonGiao: 'van-ban', ...data } });
const denials = (actor: string, after: number) => knex()('audit_log').where('id', '>', after).where({ action: 'access.denied', actor });
const lastAuditId = async () => Number((await knex()('audit_log').max({ m: 'id' }).first())?.m ?? 0);

test('a field readable only by leaders is absent for a specialist in the task, the list, the history and drill-downs; present for the leader', async () => {
  const created = await newTask('ubnd.leader', { danhGiaNoiBo: SECRET, doUuTien: 'cao' });
  expect(created.status).toBe(201);
  const id = created.body.id;
  expect(created.body.data.danhGiaNoiBo).toBe(SECRET);

  const asLeader = await platform.api.as('ubnd.leader', 'GET', `/api/tasks/${id}`);
  expect(asLeader.body.data).toMatchObject({ danhGiaNoiBo: SECRET, doUuTien: 'cao' });
  const asStaff = await platform.api.as('ubnd.staff', 'GET', `/api/tasks/${id}`);
  expect(asStaff.status).toBe(200);
  expect(asStaff.body.data).not.toHaveProperty('danhGiaNoiBo');
  expect(asStaff.body.data).toMatchObject({ noiDung: 'Rà soát', doUuTien: 'cao' }); // readable, only not editable
  expect(JSON.stringify(asStaff.body)).not.toContain(SECRET);

  const staffList = await platform.api.as('ubnd.staff', 'GET', '/api/tasks?limit=200');
  const mine = staffList.body.items.find((t: any) => t.id === id);
  expect(mine).toBeTruthy();
  expect(mine.data).not.toHaveProperty('danhGiaNoiBo');
  expect(JSON.stringify(staffList.body)).not.toContain(SECRET);
  const leaderList = await platform.api.as('ubnd.leader', 'GET', '/api/tasks?limit=200');
  expect(leaderList.body.items.find((t: any) => t.id === id).data.danhGiaNoiBo).toBe(SECRET);

  // the value cannot be probed through a filter on the (indexed) field
  const probe = `/api/tasks?f.danhGiaNoiBo=${encodeURIComponent(SECRET)}`;
  expect((await platform.api.as('ubnd.leader', 'GET', probe)).body.total).toBe(1);
  const staffProbe = await platform.api.as('ubnd.staff', 'GET', probe);
  expect(staffProbe.status).toBe(200);
  expect(staffProbe.body.total).toBe(0);
  const counts = (await platform.api.as('ubnd.staff', 'GET', `${probe}&counts=true`)).body.counts;
  expect(Object.values(counts).every((c) => c === 0)).toBe(true);

  // history: the creation event's fields, and a later change of the field by the leader
  expect((await platform.api.as('ubnd.staff', 'POST', `/api/tasks/${id}/transitions/tiep-nhan`, {})).status).toBe(200);
  const changed = await platform.api.as('ubnd.leader', 'POST', `/api/tasks/${id}/transitions/cap-nhat-tien-do`, { data: { tienDo: 20, danhGiaNoiBo: `${SECRET} (lần 2)` }, comment: 'Cập nhật' });
  expect(changed.status).toBe(200);
  const staffHistory = (await platform.api.as('ubnd.staff', 'GET', `/api/tasks/${id}/history`)).body.items;
  expect(staffHistory.map((e: any) => e.action)).toEqual(['create', 'transition', 'transition']);
  expect(JSON.stringify(staffHistory)).not.toContain(SECRET);
  for (const e of staffHistory) expect(e.changes ?? {}).not.toHaveProperty('danhGiaNoiBo');
  expect(staffHistory[0].changes).toHaveProperty('noiDung');
  expect(staffHistory[2].changes).toHaveProperty('tienDo');
  const leaderHistory = (await platform.api.as('ubnd.leader', 'GET', `/api/tasks/${id}/history`)).body.items;
  expect(leaderHistory[0].changes.danhGiaNoiBo).toEqual([null, SECRET]);
  expect(leaderHistory[2].changes.danhGiaNoiBo).toEqual([SECRET, `${SECRET} (lần 2)`]);

  // a report drill-down lists the task without the field for the specialist
  const drillQ = `/api/reports/thong-ke-tong-hop/drill?from=2020-01-01&to=2099-12-31&unit=${leadUnit().id}&measure=total&limit=200`;
  const staffDrill = await platform.api.as('ubnd.staff', 'GET', drillQ);
  expect(staffDrill.status).toBe(200);
  expect(staffDrill.body.items.some((t: any) => t.id === id)).toBe(true);
  expect(JSON.stringify(staffDrill.body)).not.toContain(SECRET);
  const leaderDrill = await platform.api.as('ubnd.leader', 'GET', drillQ);
  expect(leaderDrill.body.items.find((t: any) => t.id === id).data.danhGiaNoiBo).toBe(`${SECRET} (lần 2)`);
});

test("a specialist's attempt to set a field they may not edit is refused with 403 naming the field, nothing written, the denial audited", async () => {
  const id = (await newTask('ubnd.leader', { danhGiaNoiBo: SECRET, doUuTien: 'cao' })).body.id;
  expect((await platform.api.as('ubnd.staff', 'POST', `/api/tasks/${id}/transitions/tiep-nhan`, {})).status).toBe(200);
  const before = await knex()('tasks').where({ id }).first();
  const events = async () => Number((await knex()('task_events').where({ task_id: id }).count({ n: '*' }).first())!.n);
  const eventsBefore = await events();

  for (const [data, field] of [
    [{ tienDo: 30, doUuTien: 'thap' }, 'doUuTien'], // readable, not editable
    [{ tienDo: 30, danhGiaNoiBo: 'sửa' }, 'danhGiaNoiBo'], // not even readable
    [{ tienDo: 30, danhGiaNoiBo: SECRET }, 'danhGiaNoiBo'], // "unchanged" must not confirm a hidden value
  ] as const) {
    const mark = await lastAuditId();
    const res = await platform.api.as('ubnd.staff', 'POST', `/api/tasks/${id}/transitions/cap-nhat-tien-do`, { data, comment: 'Thử sửa' });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('forbidden');
    expect(res.body.error.details).toEqual([{ path: `/data/${field}`, message: expect.any(String) }]);
    expect(JSON.stringify(res.body)).not.toContain(SECRET);
    const logged = await denials('ubnd.staff', mark);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ subject_type: 'Task', subject_id: String(id), outcome: 'denied' });
  }
  const after = await knex()('tasks').where({ id }).first();
  expect([after.version, after.state, after.progress, after.data]).toEqual([before.version, before.state, before.progress, before.data]);
  expect(await events()).toBe(eventsBefore);

  // an unchanged readable value may be sent back (a client posting the whole form), and the rest applies
  const ok = await platform.api.as('ubnd.staff', 'POST', `/api/tasks/${id}/transitions/cap-nhat-tien-do`, { data: { tienDo: 30, doUuTien: 'cao' }, comment: 'Cập nhật' });
  expect(ok.status).toBe(200);
  expect(ok.body.progress).toBe(30);
  // the leader may change it
  const leader = await platform.api.as('ubnd.leader', 'POST', `/api/tasks/${id}/transitions/cap-nhat-tien-do`, { data: { tienDo: 40, doUuTien: 'thap' }, comment: 'Đổi ưu tiên' });
  expect(leader.status).toBe(200);
  expect(leader.body.data.doUuTien).toBe('thap');
});

test('creating a task with a field the creator may not edit → 403 naming the field, nothing written, audited; defaults still apply', async () => {
  const count = async () => Number((await knex()('tasks').count({ n: '*' }).first())!.n);
  const n = await count();
  const mark = await lastAuditId();
  const res = await newTask('ubnd.leader', { maMat: 'M-01' });
  expect(res.status).toBe(403);
  expect(res.body.error.details).toEqual([{ path: '/data/maMat', message: expect.any(String) }]);
  expect(await count()).toBe(n);
  expect(await denials('ubnd.leader', mark)).toHaveLength(1);
  // from a document, for several units at once: the item's pointer, and none of them is created
  const doc = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', { number: '15', notation: 'KH-UBND', issuedDate: '2026-01-05', type: 'ke-hoach', issuerName: 'UBND thành phố Hà Nội', subject: 'Kế hoạch rà soát quy chế', signerPosition: 'Chủ tịch', signerName: 'Nguyễn Văn A' });
  expect(doc.status).toBe(201);
  const many = await platform.api.as('ubnd.leader', 'POST', `/api/documents/${doc.body.id}/tasks`, { type: 'nhiem-vu-van-ban', data: { noiDung: 'x', nguonGiao: 'van-ban' }, tasks: [{ leadUnitId: leadUnit().id }, { leadUnitId: leadUnit().id, data: { maMat: 'M-02' } }] });
  expect(many.status).toBe(403);
  expect(many.body.error.details).toEqual([{ path: '/tasks/1/data/maMat', message: expect.any(String) }]);
  expect(await count()).toBe(n);
  // without the restricted field the leader creates it; the default of a field the creator may not edit applies
  const resolved = await platform.api.as('ubnd.staff', 'GET', '/api/metadata/form/nhiem-vu');
  expect(resolved.body.body.fields.doUuTien.edit).toEqual(['lanh-dao']);
  const created = await newTask('ubnd.leader', {});
  expect(created.status).toBe(201);
  expect(created.body.data.doUuTien).toBe('trung-binh');
  expect(created.body.data).not.toHaveProperty('maMat');
});

test('a report grouped by a field the viewer may not read is refused to them (403 naming the field, audited); the leader gets its totals', async () => {
  await newTask('ubnd.leader', { danhGiaNoiBo: SECRET });
  const report = {
    name: 'Nhiệm vụ theo đánh giá nội bộ',
    dataset: 'tasks',
    dimensions: [{ key: 'danhGia', label: 'Đánh giá nội bộ', type: 'field', field: 'data.danhGiaNoiBo' }],
    measures: [{ key: 'n', label: 'Số nhiệm vụ', type: 'count' }],
    totals: true,
  };
  expect((await platform.api.as('admin', 'PUT', '/api/metadata/report/theo-danh-gia-noi-bo', report)).status).toBe(200);
  expect((await platform.api.as('admin', 'POST', '/api/metadata/report/theo-danh-gia-noi-bo/publish')).status).toBe(200);
  const leader = await platform.api.as('ubnd.leader', 'GET', '/api/reports/theo-danh-gia-noi-bo');
  expect(leader.status).toBe(200);
  expect(leader.body.rows.some((r: any) => String(r.danhGia?.value).startsWith(SECRET))).toBe(true);
  const mark = await lastAuditId();
  const staff = await platform.api.as('ubnd.staff', 'GET', '/api/reports/theo-danh-gia-noi-bo');
  expect(staff.status).toBe(403);
  expect(staff.body.error.details).toEqual([{ path: '/data/danhGiaNoiBo', message: expect.any(String) }]);
  expect(JSON.stringify(staff.body)).not.toContain(SECRET);
  expect(await denials('ubnd.staff', mark)).toHaveLength(1);
});

test('a task the caller may not read answers 404 like an unknown one (get, history); a transition on it 403 like on an unknown one; refusals audited', async () => {
  const id = (await newTask('ubnd.leader', { danhGiaNoiBo: SECRET })).body.id;
  const unknown = await platform.api.as('hdnd.staff', 'GET', '/api/tasks/99999999');
  expect(unknown.status).toBe(404);
  const unknownTransition = await platform.api.as('hdnd.staff', 'POST', '/api/tasks/99999999/transitions/tiep-nhan', {});
  expect(unknownTransition.status).toBe(403); // CONTRACT.md: a transition the caller may not fire is 403
  for (const [method, path, body, like] of [
    ['GET', `/api/tasks/${id}`, undefined, unknown],
    ['GET', `/api/tasks/${id}/history`, undefined, unknown],
    ['POST', `/api/tasks/${id}/transitions/tiep-nhan`, {}, unknownTransition],
  ] as const) {
    const mark = await lastAuditId();
    const res = await platform.api.as('hdnd.staff', method, path, body);
    expect([path, res.status, res.body]).toEqual([path, like.status, like.body]);
    const logged = await denials('hdnd.staff', mark);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({ subject_type: 'Task', subject_id: String(id) });
  }
  expect((await knex()('tasks').where({ id }).first('state')).state).toBe('cho-tiep-nhan');
});

test('the task lists its attachments: name, size, type, who and when, download address', async () => {
  const id = (await newTask('ubnd.leader', {})).body.id;
  expect((await platform.api.as('ubnd.staff', 'GET', `/api/tasks/${id}`)).body.attachments).toEqual([]);
  await platform.api.as('ubnd.staff', 'POST', `/api/tasks/${id}/transitions/tiep-nhan`, {});
  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const upload = await platform.api.request('POST', `/api/attachments?name=${encodeURIComponent('Báo cáo tiến độ.pdf')}`, {
    token: await platform.api.login('ubnd.staff'),
    raw: pdf,
    headers: { 'content-type': 'application/pdf' },
  });
  expect(upload.status).toBe(201);
  const progress = await platform.api.as('ubnd.staff', 'POST', `/api/tasks/${id}/transitions/cap-nhat-tien-do`, { data: { tienDo: 10 }, comment: 'Kèm báo cáo', attachmentIds: [upload.body.id] });
  expect(progress.status).toBe(200);
  const task = await platform.api.as('ubnd.leader', 'GET', `/api/tasks/${id}`);
  expect(task.body.attachments).toEqual([
    {
      id: upload.body.id,
      name: 'Báo cáo tiến độ.pdf',
      size: pdf.length,
      contentType: 'application/pdf',
      createdBy: { id: upload.body.createdBy, fullName: 'Phan Thị Ngọc Ánh' },
      createdAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/),
      url: `/api/attachments/${upload.body.id}`,
    },
  ]);
  const download = await platform.api.as('ubnd.leader', 'GET', task.body.attachments[0].url);
  expect(download.status).toBe(200);
});
