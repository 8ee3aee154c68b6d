// Issue 3 "must show": the full assign–receive–process–complete path through the HTTP API only, with
// its history; guards (403), wrong state (409), missing input (422) write nothing.
import { startTestPlatform } from '../support/engine.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let units: any[];
const unit = (code: string) => units.find((u) => u.code === code);

beforeAll(async () => {
  platform = await startTestPlatform();
  units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
});
afterAll(async () => {
  await platform?.close();
});

const count = async (table: string) => Number((await platform.db.knex(table).count({ n: '*' }).first())!.n);
const snapshot = async () => ({ tasks: await count('tasks'), events: await count('task_events'), notifications: await count('notifications') });

async function fire(user: string, id: number, transition: string, body: object = {}) {
  return platform.api.as(user, 'POST', `/api/tasks/${id}/transitions/${transition}`, body);
}

test('giao → tiếp nhận → giao cấp dưới → tiến độ → gia hạn → duyệt gia hạn → báo cáo hoàn thành → duyệt kết quả, with its history', async () => {
  const soNoiVu = unit('000.00.02.H26');
  const phongs = units.filter((u) => u.parentId === soNoiVu.id).slice(0, 2);
  expect(phongs).toHaveLength(2);
  const doc = await platform.api.as('ubnd.clerk', 'POST', '/api/documents', {
    number: '125',
    notation: 'KH-UBND',
    issuedDate: '2026-11-20',
    type: 'ke-hoach',
    issuerName: 'UBND thành phố Hà Nội',
    subject: 'Kế hoạch sắp xếp tổ chức bộ máy các phòng chuyên môn năm 2027',
    signerPosition: 'Chủ tịch',
    signerName: 'Nguyễn Văn A',
  });
  expect(doc.status).toBe(201);
  const threeUnits = [soNoiVu, ...units.filter((u) => u.parentId === soNoiVu.parentId && u.id !== soNoiVu.id).slice(0, 2)];
  expect(new Set(threeUnits.map((u) => u.id)).size).toBe(3);
  // all or nothing: one unknown unit and no task is created
  const tasksBefore = await count('tasks');
  const bad = await platform.api.as('ubnd.leader', 'POST', `/api/documents/${doc.body.id}/tasks`, {
    type: 'nhiem-vu-van-ban',
    draft: true,
    data: { noiDung: 'x', nguonGiao: 'van-ban' },
    tasks: [{ leadUnitId: threeUnits[0].id }, { leadUnitId: 999999 }],
  });
  expect(bad.status).toBe(422);
  expect(bad.body.error.details[0].path).toBe('/tasks/1/leadUnitId');
  expect(await count('tasks')).toBe(tasksBefore);
  const fromDoc = await platform.api.as('ubnd.leader', 'POST', `/api/documents/${doc.body.id}/tasks`, {
    type: 'nhiem-vu-van-ban',
    draft: true,
    data: { noiDung: 'Rà soát chức năng, nhiệm vụ; đề xuất phương án sắp xếp.', nguonGiao: 'van-ban' },
    tasks: threeUnits.map((u) => ({ leadUnitId: u.id, title: `Rà soát, sắp xếp tổ chức bộ máy — ${u.name}` })),
  });
  expect(fromDoc.status).toBe(201);
  expect(fromDoc.body.items).toHaveLength(3);
  for (const t of fromDoc.body.items) expect(t.sourceDocumentId).toBe(doc.body.id);
  const created = { status: 201, body: fromDoc.body.items[0] };
  expect(created.body.leadUnitId).toBe(soNoiVu.id);
  const task = created.body;
  expect(task.code).toMatch(/^UBND-\d{4}-\d{6}$/);
  expect(task.state).toBe('du-thao');
  expect((await platform.api.as('ubnd.leader', 'GET', `/api/tasks?document=${doc.body.id}`)).body.total).toBe(3);
  expect(task.dueDate).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  expect(task.transitions.map((t: any) => t.key)).toContain('giao');

  expect((await fire('ubnd.leader', task.id, 'giao')).body.state).toBe('cho-tiep-nhan');
  const received = await fire('sonoivu.leader', task.id, 'tiep-nhan');
  expect(received.status).toBe(200);
  expect(received.body.state).toBe('dang-thuc-hien');

  const delegated = await fire('sonoivu.leader', task.id, 'giao-cap-duoi', {
    data: { nhiemVuCon: phongs.map((p) => ({ unitId: p.id, noiDung: `Phần việc của ${p.name}` })) },
  });
  expect(delegated.status).toBe(200);
  expect(delegated.body.children).toHaveLength(2);
  expect(delegated.body.children.map((c: any) => c.leadUnitId).sort()).toEqual(phongs.map((p) => p.id).sort());

  const pdf = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
  const upload = await platform.api.request('POST', `/api/attachments?name=${encodeURIComponent('Báo cáo tiến độ.pdf')}`, {
    token: await platform.api.login('sonoivu.leader'),
    raw: pdf,
    headers: { 'content-type': 'application/pdf' },
  });
  expect(upload.status).toBe(201);
  const progress = await fire('sonoivu.leader', task.id, 'cap-nhat-tien-do', { data: { tienDo: 40 }, comment: 'Đã rà soát xong 4/10 phòng', attachmentIds: [upload.body.id] });
  expect(progress.status).toBe(200);
  expect(progress.body.progress).toBe(40);

  const originalDue = progress.body.dueDate;
  const asked = await fire('sonoivu.leader', task.id, 'xin-gia-han', { data: { hanDeNghi: '2099-06-30' }, comment: 'Cần thêm thời gian lấy ý kiến' });
  expect(asked.body.state).toBe('cho-duyet-gia-han');
  const extended = await fire('ubnd.leader', task.id, 'duyet-gia-han', { comment: 'Đồng ý' });
  expect(extended.status).toBe(200);
  expect(extended.body.dueDate).toBe('2099-06-30');
  expect(extended.body.originalDueDate).toBe(originalDue);

  const reported = await fire('sonoivu.leader', task.id, 'bao-cao-hoan-thanh', { data: { ketQua: 'Đã trình phương án sắp xếp' } });
  expect(reported.body.state).toBe('cho-duyet-ket-qua');
  const accepted = await fire('ubnd.leader', task.id, 'duyet-ket-qua');
  expect(accepted.body.state).toBe('hoan-thanh');
  expect(accepted.body.completedAt).toBeTruthy();

  const history = (await platform.api.as('ubnd.leader', 'GET', `/api/tasks/${task.id}/history`)).body.items;
  expect(history.map((e: any) => e.transition ?? e.action)).toEqual([
    'create',
    'giao',
    'tiep-nhan',
    'giao-cap-duoi',
    'cap-nhat-tien-do',
    'xin-gia-han',
    'duyet-gia-han',
    'bao-cao-hoan-thanh',
    'duyet-ket-qua',
  ]);
  const actors = history.map((e: any) => e.actor.username);
  expect(actors).toEqual(['ubnd.leader', 'ubnd.leader', 'sonoivu.leader', 'sonoivu.leader', 'sonoivu.leader', 'sonoivu.leader', 'ubnd.leader', 'sonoivu.leader', 'ubnd.leader']);
  expect(history[2].unit.name).toBe(soNoiVu.name);
  expect(history[4].changes.tienDo).toEqual([0, 40]);
  expect(history[4].note).toBe('Đã rà soát xong 4/10 phòng');
  expect(history[4].attachments).toEqual([upload.body.id]);
  const download = await platform.api.as('ubnd.leader', 'GET', `/api/attachments/${upload.body.id}`);
  expect(download.status).toBe(200);
  expect(Buffer.from(download.body).length).toBeGreaterThan(0);
  expect((await platform.api.as('hdnd.staff', 'GET', `/api/attachments/${upload.body.id}`)).status).toBe(404);
  expect(history[6].changes.dueDate).toEqual([originalDue, '2099-06-30']);

  const withChildren = (await platform.api.as('ubnd.leader', 'GET', `/api/tasks/${task.id}/history?subtasks=true`)).body.items;
  expect(withChildren.filter((e: any) => e.taskId !== task.id)).toHaveLength(2); // each sub-task's creation

  // the sub-units' staff see the sub-tasks led by their unit
  const inbox = await platform.api.as('sonoivu.staff', 'GET', '/api/tasks?party=myUnit');
  expect(inbox.status).toBe(200);
});

test('403 for a user who may not fire, 409 from the wrong state, 422 for missing input — nothing written', async () => {
  const soNoiVu = unit('000.00.02.H26');
  const t = (await platform.api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Kiểm tra', leadUnitId: soNoiVu.id, data: { noiDung: 'x', nguonGiao: 'van-ban' } })).body;
  expect(t.state).toBe('cho-tiep-nhan'); // created assigned: the workflow's initial state
  const before = await snapshot();

  const notAllowed = await fire('hdnd.staff', t.id, 'tiep-nhan'); // other pillar, not a party
  expect(notAllowed.status).toBe(403);
  const notParty = await fire('ubnd.leader', t.id, 'tiep-nhan'); // the assigner cannot receive
  expect(notParty.status).toBe(403);
  const wrongState = await fire('ubnd.leader', t.id, 'duyet-ket-qua');
  expect(wrongState.status).toBe(409);
  await fire('sonoivu.leader', t.id, 'tiep-nhan');
  const mid = await snapshot();
  const missing = await fire('sonoivu.leader', t.id, 'bao-cao-hoan-thanh', { data: {} });
  expect(missing.status).toBe(422);
  expect(missing.body.error.details).toEqual(expect.arrayContaining([expect.objectContaining({ path: '/data/ketQua' })]));
  const noReason = await fire('sonoivu.leader', t.id, 'xin-gia-han', { data: { hanDeNghi: '2099-01-01' } });
  expect(noReason.status).toBe(422);
  expect(noReason.body.error.details.map((d: any) => d.path)).toContain('/comment');
  expect(await snapshot()).toEqual(mid);
  expect(mid.events).toBe(before.events + 1); // only the tiếp nhận in between
  expect(await platform.db.knex('audit_log').where({ action: 'access.denied', subject_type: 'Task' }).count({ n: '*' }).first()).toEqual({ n: expect.anything() });
});

test('two transitions racing on one task: one wins, the other gets 409, the history has exactly one event', async () => {
  const soNoiVu = unit('000.00.02.H26');
  const t = (await platform.api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Chạy đua', leadUnitId: soNoiVu.id, data: { noiDung: 'x', nguonGiao: 'van-ban' } })).body;
  const events = await count('task_events');
  const results = await Promise.all([fire('sonoivu.leader', t.id, 'tiep-nhan', { version: 1 }), fire('sonoivu.leader', t.id, 'tiep-nhan', { version: 1 })]);
  expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  expect(await count('task_events')).toBe(events + 1);
});

test('create validates data against the form (422 with pointers) and writes nothing', async () => {
  const before = await snapshot();
  const r = await platform.api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Thiếu nội dung', leadUnitId: unit('000.00.02.H26').id, data: { tienDo: 300 } });
  expect(r.status).toBe(422);
  const paths = r.body.error.details.map((d: any) => d.path);
  expect(paths).toEqual(expect.arrayContaining(['/data/noiDung', '/data/tienDo']));
  const noType = await platform.api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'khong-co', title: 'x', leadUnitId: 1 });
  expect(noType.status).toBe(422);
  expect(noType.body.error.details[0].path).toBe('/type');
  expect(await snapshot()).toEqual(before);
});
