// Least privilege holds against the administrators of a pillar: they manage their pillar's metadata,
// people and positions, but can neither write themselves a wider role (a pillar override of a role that
// reaches beyond the pillar), nor take a platform role, nor see other pillars through a role preview.
import { startTestPlatform } from '../support/engine.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let hdndTaskTitle: string;

beforeAll(async () => {
  platform = await startTestPlatform();
  const units = (await platform.api.as('admin', 'GET', '/api/units')).body.items;
  const hdndUnit = units.find((u: any) => u.code === '000.00.06.N26');
  hdndTaskTitle = 'Nhiệm vụ mật của HĐND';
  const t = await platform.api.as('hdnd.admin', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: hdndTaskTitle, leadUnitId: hdndUnit.id, data: { noiDung: 'x', nguonGiao: 'van-ban' } });
  expect(t.status).toBe(201);
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

const seesHdnd = async (user: string) => {
  const r = await platform.api.as(user, 'GET', '/api/tasks?limit=200');
  return r.body.items.some((t: any) => t.pillar === 'hdnd');
};

test('a pillar administrator cannot publish a role override that reaches beyond the pillar', async () => {
  const api = platform.api;
  expect(await seesHdnd('ubnd.admin')).toBe(false);
  const wide = [
    { name: 'Toàn quyền', rules: [{ action: 'manage', subject: 'all' }] },
    { name: 'Mọi nhiệm vụ', rules: [{ action: 'read', subject: 'Task' }] },
    { name: 'Khối khác', rules: [{ action: 'read', subject: 'Task', conditions: { pillar: 'hdnd' } }] },
    { name: 'Lịch', rules: [{ action: 'update', subject: 'Calendar', conditions: { pillar: '${position.pillar}' } }] },
    { name: 'Ứng dụng', rules: [{ action: 'create', subject: 'Client' }] },
  ];
  for (const body of wide) {
    const saved = await api.as('ubnd.admin', 'PUT', '/api/metadata/role/quan-tri?pillar=ubnd', body);
    expect([body.name, saved.status]).toEqual([body.name, 422]);
    const published = await api.as('ubnd.admin', 'POST', '/api/metadata/role/quan-tri/publish?pillar=ubnd', { body });
    expect([body.name, published.status]).not.toEqual([body.name, 200]);
  }
  expect(await seesHdnd('ubnd.admin')).toBe(false);
  // within the pillar, a pillar may still shape its own roles
  const own = { name: 'Chuyên viên (UBND)', rules: [{ action: 'read', subject: 'Task', conditions: { pillar: '${position.pillar}', leadUnitId: '${position.unitId}' } }] };
  expect((await api.as('ubnd.admin', 'PUT', '/api/metadata/role/chuyen-vien?pillar=ubnd', own)).status).toBe(200);
  // the platform administrator keeps the whole vocabulary for platform roles
  expect((await api.as('admin', 'PUT', '/api/metadata/role/kiem-toan', { name: 'Kiểm toán', rules: [{ action: 'read', subject: 'all' }] })).status).toBe(200);
});

test('a pillar administrator cannot give anyone (themselves included) the platform administrator role', async () => {
  const api = platform.api;
  const me = (await api.as('ubnd.admin', 'GET', '/api/auth/me')).body.user;
  const unitId = me.positions[0].unitId;
  const grant = await api.as('ubnd.admin', 'POST', `/api/studio/users/${me.id}/positions`, { unitId, roleKey: 'quan-tri-he-thong' });
  expect(grant.status).toBe(403);
  const rows = await platform.db.knex('positions').where({ user_id: me.id, role_key: 'quan-tri-he-thong' });
  expect(rows).toHaveLength(0);
  expect(await seesHdnd('ubnd.admin')).toBe(false);
  // nor remove the platform administrator's position, which sits in a unit of their pillar
  const admin = (await api.as('admin', 'GET', '/api/auth/me')).body.user;
  const removed = await api.as('ubnd.admin', 'DELETE', `/api/studio/positions/${admin.positions[0].id}`);
  expect(removed.status).toBe(403);
  // their own level they may still give
  const staff = (await api.as('ubnd.staff', 'GET', '/api/auth/me')).body.user;
  expect((await api.as('ubnd.admin', 'POST', `/api/studio/users/${staff.id}/positions`, { unitId, roleKey: 'van-thu' })).status).toBe(201);
});

test('"view as" with a previewed role shows no more than the caller may read', async () => {
  const api = platform.api;
  const staff = (await api.as('ubnd.staff', 'GET', '/api/auth/me')).body.user;
  const r = await api.as('ubnd.admin', 'POST', `/api/studio/view-as/${staff.id}`, { roles: { 'chuyen-vien': { name: 'x', rules: [{ action: 'manage', subject: 'all' }] } } });
  expect([200, 403, 422]).toContain(r.status);
  expect(JSON.stringify(r.body)).not.toContain(hdndTaskTitle);
});
