// The Studio's own routes over HTTP: people and units, bundles, workflow migration, view-as, report preview.
import { startTestPlatform } from '../../../test/support/engine.js';

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

test('a pillar administrator creates a user with a one-time password, adds and removes positions, only in their pillar', async () => {
  const api = platform.api;
  const created = await api.as('ubnd.admin', 'POST', '/api/studio/users', {
    username: 'ubnd.moi',
    fullName: 'Nguyễn Văn Mới',
    pillar: 'ubnd',
    positions: [{ unitId: unit('000.01.01.H26').id, roleKey: 'chuyen-vien', title: 'Chuyên viên' }],
  });
  expect(created.status).toBe(201);
  expect(created.body.user.mustChangePassword).toBe(true);
  expect(created.body.user.positions).toHaveLength(1);
  const login = await api.request('POST', '/api/auth/login', { body: { username: 'ubnd.moi', password: created.body.initialPassword } });
  expect(login.status).toBe(200);
  expect(login.body.user.mustChangePassword).toBe(true);

  const id = created.body.user.id;
  const added = await api.as('ubnd.admin', 'POST', `/api/studio/users/${id}/positions`, { unitId: unit('000.00.01.H26').id, roleKey: 'van-thu' });
  expect(added.status).toBe(201);
  expect(added.body.user.positions.map((p: any) => p.roleKey).sort()).toEqual(['chuyen-vien', 'van-thu']);
  const removed = await api.as('ubnd.admin', 'DELETE', `/api/studio/positions/${added.body.user.positions[0].id}`);
  expect(removed.status).toBe(200);
  expect(removed.body.user.positions).toHaveLength(1);

  const listed = await api.as('ubnd.admin', 'GET', '/api/studio/users?pillar=ubnd');
  expect(listed.body.items.map((u: any) => u.username)).toContain('ubnd.moi');
  expect((await api.as('ubnd.admin', 'GET', '/api/studio/users?pillar=hdnd')).body.items).toEqual([]);
  expect((await api.as('ubnd.admin', 'POST', '/api/studio/users', { username: 'hdnd.moi', fullName: 'X', pillar: 'hdnd' })).status).toBe(403);
  expect((await api.as('ubnd.admin', 'POST', `/api/studio/users/${id}/positions`, { unitId: unit('000.00.06.N26').id, roleKey: 'chuyen-vien' })).status).toBe(403);
});

test('units are added under a parent with a materialised path and renamed', async () => {
  const parent = unit('000.00.01.H26');
  const r = await platform.api.as('ubnd.admin', 'POST', '/api/studio/units', { parentId: parent.id, code: '000.09.01.H26', name: 'Phòng Thử nghiệm', kind: 'department' });
  expect(r.status).toBe(201);
  expect(r.body.path).toBe(`${parent.path}${r.body.id}/`);
  const renamed = await platform.api.as('ubnd.admin', 'PATCH', `/api/studio/units/${r.body.id}`, { name: 'Phòng Thử nghiệm số' });
  expect(renamed.body.name).toBe('Phòng Thử nghiệm số');
  expect((await platform.api.as('hdnd.admin', 'PATCH', `/api/studio/units/${r.body.id}`, { name: 'x' })).status).toBe(403);
});

test('a bundle is validated whole before anything is written, and imports only what changed', async () => {
  const api = platform.api;
  const form = (await api.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
  form.schema.properties.kinhPhi = { type: 'number', title: 'Kinh phí (triệu đồng)', minimum: 0 };
  form.fields.kinhPhi = { indexed: true };
  expect((await api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd', { body: form })).status).toBe(200);
  const bundle = (await api.as('ubnd.admin', 'GET', '/api/studio/bundles/export?pillar=ubnd')).body;
  expect(bundle.documents.map((d: any) => `${d.kind}/${d.key}`)).toEqual(['form/nhiem-vu']);

  const check = await api.as('ubnd.admin', 'POST', '/api/studio/bundles/validate', bundle);
  expect(check.body).toMatchObject({ issues: [], changes: [{ kind: 'form', key: 'nhiem-vu', status: 'unchanged', currentVersion: 1 }] });

  const broken = structuredClone(bundle);
  broken.documents[0].body.fields.kinhPhi.catalog = 'khong-co';
  delete broken.documents[0].checksum;
  broken.documents.push({ kind: 'workflow', key: 'mac-dinh', body: { name: 'x', initial: 'a', states: [{ key: 'a', label: 'A', category: 'open' }, { key: 'b', label: 'B', category: 'done' }], transitions: [] } });
  const refused = await api.as('ubnd.admin', 'POST', '/api/studio/bundles/import', broken);
  expect(refused.status).toBe(422);
  expect(refused.body.error.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['/documents/0/body/fields/kinhPhi/catalog', '/documents/1/body/states/1']));
  expect((await api.as('ubnd.admin', 'GET', '/api/metadata/workflow/mac-dinh/versions?pillar=ubnd')).body.items).toEqual([]);

  const tampered = structuredClone(bundle);
  tampered.documents[0].body.title = 'Đổi tay';
  expect((await api.as('ubnd.admin', 'POST', '/api/studio/bundles/import', tampered)).status).toBe(422);

  const again = await api.as('ubnd.admin', 'POST', '/api/studio/bundles/import', bundle);
  expect(again.body).toEqual({ pillar: 'ubnd', published: [], unchanged: 1 });
  expect((await api.as('hdnd.admin', 'POST', '/api/studio/bundles/import', bundle)).status).toBe(403);
});

test('a bundle import is one transaction: a 5th invalid document writes nothing, found before or while writing', async () => {
  const api = platform.api;
  const knex = platform.engine.services.knex;
  const catalog = (n: number) => ({ kind: 'catalog' as const, key: `danh-muc-${n}`, body: { name: `Danh mục ${n}`, items: [{ value: 'a', label: 'A' }] } });
  const invalidForm = { kind: 'form' as const, key: 'bieu-mau-hong', body: { title: 'Hỏng', schema: { type: 'object', properties: { x: { type: 'string' } }, required: ['y'] } } };
  const count = async () => Number((await knex('metadata_documents').count({ n: '*' }).first())!.n);
  const imports = async () => Number((await knex('audit_log').where({ action: 'metadata.import' }).count({ n: '*' }).first())!.n);
  const before = { docs: await count(), imports: await imports() };

  // Over HTTP: the whole bundle is checked first, the 5th document's problem named with its index.
  const bundle = { format: 'dondoc.metadata-bundle', formatVersion: 1, pillar: 'ubnd', documents: [1, 2, 3, 4].map(catalog).concat([invalidForm as any]) };
  const refused = await api.as('ubnd.admin', 'POST', '/api/studio/bundles/import', bundle);
  expect(refused.status).toBe(422);
  expect(refused.body.error.details).toEqual([{ path: '/documents/4/body/schema/required/0', message: expect.any(String) }]);
  expect(await count()).toBe(before.docs);

  // While writing: the four catalogs are inserted in the transaction, the 5th fails, all roll back.
  const by = { id: null, username: 'test' };
  const docs = [...[1, 2, 3, 4].map(catalog), invalidForm].map((d, i) => ({ ...d, at: `/documents/${i}/body` }));
  await expect(platform.engine.services.metadata.publishMany(docs, 'ubnd', by)).rejects.toMatchObject({ status: 422, details: [{ path: '/documents/4/body/schema/required/0' }] });
  expect(await count()).toBe(before.docs);
  expect(Number((await knex('metadata_documents').where('key', 'like', 'danh-muc-%').count({ n: '*' }).first())!.n)).toBe(0);
  expect(Number((await knex('audit_log').where({ action: 'metadata.publish' }).whereIn('subject_id', ['danh-muc-1', 'danh-muc-4']).count({ n: '*' }).first())!.n)).toBe(0);

  // The same bundle without the broken document: all four in, one audit entry.
  const good = await api.as('ubnd.admin', 'POST', '/api/studio/bundles/import', { ...bundle, documents: bundle.documents.slice(0, 4) });
  expect(good.status).toBe(200);
  expect(good.body.published.map((p: any) => p.key)).toEqual(['danh-muc-1', 'danh-muc-2', 'danh-muc-3', 'danh-muc-4']);
  expect(await count()).toBe(before.docs + 4);
  expect(await imports()).toBe(before.imports + 1);
});

test('running tasks move to a new workflow version only with every occupied state mapped, one history event each', async () => {
  const api = platform.api;
  const lead = unit('000.00.02.H26');
  const t = (await api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Chuyển quy trình', leadUnitId: lead.id, data: { noiDung: 'x', nguonGiao: 'van-ban' } })).body;
  expect(t.metadata.workflow).toEqual({ key: 'mac-dinh', pillar: null, version: 1 });
  const wf = (await api.as('ubnd.admin', 'GET', '/api/metadata/workflow/mac-dinh')).body.body;
  wf.states = wf.states.map((s: any) => (s.key === 'cho-tiep-nhan' ? { ...s, key: 'moi-giao', label: 'Mới giao' } : s));
  wf.initial = 'moi-giao';
  for (const tr of wf.transitions) {
    tr.from = tr.from.map((f: string) => (f === 'cho-tiep-nhan' ? 'moi-giao' : f));
    if (tr.to === 'cho-tiep-nhan') tr.to = 'moi-giao';
  }
  expect((await api.as('ubnd.admin', 'POST', '/api/metadata/workflow/mac-dinh/publish?pillar=ubnd', { body: wf })).status).toBe(200);

  const counts = await api.as('ubnd.admin', 'GET', '/api/studio/workflows/mac-dinh/tasks?pillar=ubnd');
  expect(counts.body.items).toEqual([{ pillar: null, version: 1, state: 'cho-tiep-nhan', category: 'open', count: 1 }]);
  const body = { from: { pillar: null, version: 1 }, to: { pillar: 'ubnd', version: 1 }, mapping: {} };
  const refused = await api.as('ubnd.admin', 'POST', '/api/studio/workflows/mac-dinh/migrate?pillar=ubnd', body);
  expect(refused.status).toBe(422);
  expect(refused.body.error.details[0].path).toBe('/mapping/cho-tiep-nhan');
  const done = await api.as('ubnd.admin', 'POST', '/api/studio/workflows/mac-dinh/migrate?pillar=ubnd', { ...body, mapping: { 'cho-tiep-nhan': 'moi-giao' } });
  expect(done.body).toEqual({ migrated: 1 });
  const after = (await api.as('ubnd.leader', 'GET', `/api/tasks/${t.id}`)).body;
  expect(after.state).toBe('moi-giao');
  expect(after.metadata.workflow).toEqual({ key: 'mac-dinh', pillar: 'ubnd', version: 1 });
  const history = (await api.as('ubnd.leader', 'GET', `/api/tasks/${t.id}/history`)).body.items;
  expect(history.at(-1)).toMatchObject({ fromState: 'cho-tiep-nhan', toState: 'moi-giao' });
  expect((await api.as('admin', 'GET', '/api/audit?action=workflow.migrate')).body.items).toHaveLength(1);
});

test('view as a user shows their rules and tasks, also with an unpublished role', async () => {
  const api = platform.api;
  const staff = (await api.as('ubnd.admin', 'GET', '/api/studio/users?pillar=ubnd&q=ubnd.staff')).body.items[0];
  const seen = await api.as('ubnd.admin', 'POST', `/api/studio/view-as/${staff.id}`, {});
  expect(seen.status).toBe(200);
  expect(seen.body.user.username).toBe('ubnd.staff');
  expect(seen.body.rules.length).toBeGreaterThan(0);
  expect(seen.body.can.find((c: any) => c.action === 'publish').allowed).toBe(false);
  const role = (await api.as('ubnd.admin', 'GET', '/api/metadata/role/chuyen-vien')).body.body;
  role.rules.push({ action: 'publish', subject: 'Metadata' });
  const preview = await api.as('ubnd.admin', 'POST', `/api/studio/view-as/${staff.id}`, { roles: { 'chuyen-vien': role } });
  expect(preview.body.can.find((c: any) => c.action === 'publish').allowed).toBe(true);
  const hdndStaff = (await api.as('admin', 'GET', '/api/studio/users?pillar=hdnd&q=hdnd.staff')).body.items[0];
  expect((await api.as('ubnd.admin', 'POST', `/api/studio/view-as/${hdndStaff.id}`, {})).status).toBe(403);
});

test('a report body is previewed without publishing; an invalid one is 422', async () => {
  const api = platform.api;
  const report = (await api.as('ubnd.admin', 'GET', '/api/metadata/report/thong-ke-tong-hop')).body.body;
  const r = await api.as('ubnd.admin', 'POST', '/api/studio/reports/preview?pillar=ubnd', { body: report, params: {} });
  expect(r.status).toBe(200);
  expect(Array.isArray(r.body.rows)).toBe(true);
  expect(r.body.columns.length).toBeGreaterThan(0);
  const bad = await api.as('ubnd.admin', 'POST', '/api/studio/reports/preview?pillar=ubnd', { body: { ...report, dataset: 'nothing' } });
  expect(bad.status).toBe(422);
});
