// Metadata drives tasks at runtime: a pillar's workflow and form changes apply to its new tasks without a
// restart, other pillars keep the defaults, running tasks keep their versions.
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

const newTask = (user: string, leadUnitId: number, data: object = {}) =>
  platform.api.as(user, 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Nhiệm vụ thử', leadUnitId, data: { noiDung: 'x', nguonGiao: 'van-ban', ...data } });

test('a ubnd workflow with an added state changes new ubnd tasks at once; hdnd tasks and running ubnd tasks keep theirs', async () => {
  const soNoiVu = unit('000.00.02.H26');
  const hdndUnit = unit('000.00.06.N26'); // Văn phòng Đoàn ĐBQH và HĐND (hdnd.leader's unit)
  const before = (await newTask('ubnd.leader', soNoiVu.id)).body;

  const wf = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/workflow/mac-dinh')).body.body;
  wf.states.push({ key: 'cho-y-kien-lanh-dao', label: 'Chờ lãnh đạo cho ý kiến', category: 'waiting' });
  wf.transitions.push(
    { key: 'xin-y-kien', label: 'Xin ý kiến lãnh đạo', from: ['dang-thuc-hien'], to: 'cho-y-kien-lanh-dao', allow: [{ party: 'lead' }], requires: { comment: true } },
    { key: 'cho-y-kien', label: 'Cho ý kiến', from: ['cho-y-kien-lanh-dao'], to: 'dang-thuc-hien', allow: [{ party: 'assigner' }], requires: { comment: true } },
  );
  expect((await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/workflow/mac-dinh?pillar=ubnd', wf)).status).toBe(200);
  expect((await platform.api.as('ubnd.admin', 'POST', '/api/metadata/workflow/mac-dinh/publish?pillar=ubnd')).status).toBe(200);

  const after = (await newTask('ubnd.leader', soNoiVu.id)).body;
  expect(after.metadata.workflow).toEqual({ key: 'mac-dinh', pillar: 'ubnd', version: 1 });
  await platform.api.as('sonoivu.leader', 'POST', `/api/tasks/${after.id}/transitions/tiep-nhan`, {});
  const keys = (await platform.api.as('sonoivu.leader', 'GET', `/api/tasks/${after.id}`)).body.transitions.map((t: any) => t.key);
  expect(keys).toContain('xin-y-kien');
  const asked = await platform.api.as('sonoivu.leader', 'POST', `/api/tasks/${after.id}/transitions/xin-y-kien`, { comment: 'Xin ý kiến về phương án' });
  expect(asked.status).toBe(200);
  expect(asked.body.state).toBe('cho-y-kien-lanh-dao');
  expect(asked.body.stateLabel).toBe('Chờ lãnh đạo cho ý kiến');
  expect(asked.body.transitions).toEqual([]); // the leader of the lead unit waits; the assigner answers
  const answered = await platform.api.as('ubnd.leader', 'POST', `/api/tasks/${after.id}/transitions/cho-y-kien`, { comment: 'Đồng ý phương án 2' });
  expect(answered.body.state).toBe('dang-thuc-hien');

  // the task created before the publish keeps the default workflow version
  await platform.api.as('sonoivu.leader', 'POST', `/api/tasks/${before.id}/transitions/tiep-nhan`, {});
  const old = (await platform.api.as('sonoivu.leader', 'GET', `/api/tasks/${before.id}`)).body;
  expect(old.metadata.workflow.pillar).toBeNull();
  expect(old.transitions.map((t: any) => t.key)).not.toContain('xin-y-kien');
  expect((await platform.api.as('sonoivu.leader', 'POST', `/api/tasks/${before.id}/transitions/xin-y-kien`, { comment: 'x' })).status).toBe(404);

  // hdnd keeps the default
  const h = (await newTask('hdnd.leader', hdndUnit.id)).body;
  expect(h.metadata.workflow.pillar).toBeNull();
  await platform.api.as('hdnd.leader', 'POST', `/api/tasks/${h.id}/transitions/tiep-nhan`, {});
  const hk = (await platform.api.as('hdnd.leader', 'GET', `/api/tasks/${h.id}`)).body.transitions.map((t: any) => t.key);
  expect(hk).not.toContain('xin-y-kien');
  expect(hk).toContain('cap-nhat-tien-do');
});

test('a field marked indexed becomes a generated column with an index; lists filter on it', async () => {
  const form = (await platform.api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
  form.schema.properties.kinhPhi = { type: 'number', title: 'Kinh phí (triệu đồng)', minimum: 0 };
  form.fields = { ...form.fields, kinhPhi: { indexed: true, listed: true } };
  expect((await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', form)).status).toBe(200);
  expect((await platform.api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd')).status).toBe(200);

  const col = await platform.db.knex('task_indexed_fields').where({ field: 'kinhPhi' }).first();
  expect(col).toMatchObject({ type: 'number', column_name: 'f_kinhphi_n' });

  const soNoiVu = unit('000.00.02.H26');
  for (const v of [120, 500, 500.5]) expect((await newTask('ubnd.leader', soNoiVu.id, { kinhPhi: v })).status).toBe(201);
  // a string in another pillar's field of the same name never breaks the insert
  const list = await platform.api.as('ubnd.leader', 'GET', '/api/tasks?f.kinhPhi=500');
  expect(list.status).toBe(200);
  expect(list.body.total).toBe(1);
  expect(list.body.items[0].data.kinhPhi).toBe(500);

  const dialect = String(platform.db.knex.client.config.client);
  if (dialect.includes('sqlite')) {
    const plan = await platform.db.knex.raw('EXPLAIN QUERY PLAN SELECT id FROM tasks WHERE f_kinhphi_n = 500');
    expect(JSON.stringify(plan)).toContain('tasks_f_kinhphi_n_idx');
  } else {
    const [plan] = await platform.db.knex.raw('EXPLAIN SELECT id FROM tasks WHERE f_kinhphi_n = 500');
    expect(plan[0].key).toBe('tasks_f_kinhphi_n_idx');
  }
  const unknown = await platform.api.as('ubnd.leader', 'GET', '/api/tasks?f.noiDung=x');
  expect(unknown.status).toBe(422);
  expect(unknown.body.error.details[0].path).toBe('/f.noiDung');
});

test('lists apply the permission filter in SQL: a specialist sees their unit’s tasks, another pillar sees none', async () => {
  const phongTongHop = unit('000.01.01.H26'); // ubnd.staff's unit
  const t = (await newTask('ubnd.leader', phongTongHop.id)).body;
  const staff = await platform.api.as('ubnd.staff', 'GET', '/api/tasks?limit=200');
  expect(staff.body.items.map((x: any) => x.id)).toContain(t.id);
  for (const x of staff.body.items) expect(x.leadUnitId === phongTongHop.id || x.handlerId !== null || x.monitorId !== null).toBe(true);
  const other = await platform.api.as('hdnd.staff', 'GET', '/api/tasks?limit=200');
  expect(other.body.items.map((x: any) => x.id)).not.toContain(t.id);
  expect((await platform.api.as('hdnd.staff', 'GET', `/api/tasks/${t.id}`)).status).toBe(404); // as an unknown id

  const counts = await platform.api.as('ubnd.leader', 'GET', `/api/tasks?counts=true&leadUnit=${unit('000.00.00.H26').id}`);
  expect(counts.body.counts.openOnTime).toBe(counts.body.total);
  const page1 = await platform.api.as('ubnd.leader', 'GET', '/api/tasks?limit=2&sort=-createdAt');
  const page2 = await platform.api.as('ubnd.leader', 'GET', `/api/tasks?limit=2&sort=-createdAt&cursor=${page1.body.nextCursor}`);
  expect(page2.body.items.map((x: any) => x.id)).not.toEqual(expect.arrayContaining(page1.body.items.map((x: any) => x.id)));
  expect(page1.body.total).toBe(page2.body.total);
});
