// Issue 2 "must show", through the HTTP API only, on this run's database.
import { startTestPlatform, SEED_PASSWORD } from '../support/engine.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
beforeAll(async () => {
  platform = await startTestPlatform();
});
afterAll(async () => {
  await platform?.close();
});

const countRows = async (table: string) => Number((await platform.db.knex(table).count({ n: '*' }).first())!.n);

test('GET /healthz answers 200 once the database answers, and admin signs in with a token', async () => {
  const h = await platform.api.request('GET', '/healthz');
  expect(h.status).toBe(200);
  expect(h.body.status).toBe('ok');
  const r = await platform.api.request('POST', '/api/auth/login', { body: { username: 'admin', password: SEED_PASSWORD } });
  expect(r.status).toBe(200);
  expect(typeof r.body.token).toBe('string');
  expect(r.body.user.username).toBe('admin');
  const me = await platform.api.request('GET', '/api/auth/me', { token: r.body.token });
  expect(me.status).toBe(200);
  expect(me.body.user.positions.length).toBeGreaterThan(0);
});

test('an unreachable workflow state is refused with 422 pointing at it; valid versions publish as 1 and 2', async () => {
  const base = (await platform.api.as('admin', 'GET', '/api/metadata/workflow/mac-dinh')).body.body;
  const broken = structuredClone(base);
  broken.states.push({ key: 'mo-coi', label: 'Trạng thái mồ côi', category: 'open' });
  const before = await countRows('metadata_documents');
  const r = await platform.api.as('admin', 'PUT', '/api/metadata/workflow/quy-trinh-thu', broken);
  expect(r.status).toBe(422);
  expect(r.body.error.code).toBe('validation_failed');
  expect(r.body.error.details).toEqual(
    expect.arrayContaining([expect.objectContaining({ path: `/states/${broken.states.length - 1}` })]),
  );
  expect(await countRows('metadata_documents')).toBe(before);

  expect((await platform.api.as('admin', 'PUT', '/api/metadata/workflow/quy-trinh-thu', base)).status).toBe(200);
  const p1 = await platform.api.as('admin', 'POST', '/api/metadata/workflow/quy-trinh-thu/publish');
  expect(p1.status).toBe(200);
  expect(p1.body.version).toBe(1);
  const v2 = { ...base, name: `${base.name} (sửa đổi)` };
  expect((await platform.api.as('admin', 'PUT', '/api/metadata/workflow/quy-trinh-thu', v2)).status).toBe(200);
  const p2 = await platform.api.as('admin', 'POST', '/api/metadata/workflow/quy-trinh-thu/publish');
  expect(p2.body.version).toBe(2);
  const versions = await platform.api.as('admin', 'GET', '/api/metadata/workflow/quy-trinh-thu/versions');
  expect(versions.status).toBe(200);
  expect(versions.body.items.map((v: any) => [v.version, v.status])).toEqual([
    [1, 'published'],
    [2, 'published'],
  ]);
  const audit = await platform.db.knex('audit_log').where({ action: 'metadata.publish', subject_id: 'quy-trinh-thu' });
  expect(audit).toHaveLength(2);
});

test('a ubnd override of the default form is what ubnd.staff reads; hdnd.staff reads the default; ubnd.admin cannot write hdnd', async () => {
  const def = (await platform.api.as('admin', 'GET', '/api/metadata/form/nhiem-vu')).body;
  expect(def.pillar).toBeNull();
  const override = structuredClone(def.body);
  override.title = 'Phiếu giao nhiệm vụ (UBND)';
  override.schema.properties.kinhPhi = { type: 'number', title: 'Kinh phí (triệu đồng)' };
  expect((await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', override)).status).toBe(200);
  expect((await platform.api.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd')).body.version).toBe(1);

  const ubndView = await platform.api.as('ubnd.staff', 'GET', '/api/metadata/form/nhiem-vu');
  expect(ubndView.status).toBe(200);
  expect(ubndView.body.pillar).toBe('ubnd');
  expect(ubndView.body.body.schema.properties.kinhPhi.title).toBe('Kinh phí (triệu đồng)');
  const hdndView = await platform.api.as('hdnd.staff', 'GET', '/api/metadata/form/nhiem-vu');
  expect(hdndView.body.pillar).toBeNull();
  expect(hdndView.body.body.schema.properties.kinhPhi).toBeUndefined();

  const before = await countRows('metadata_documents');
  const denied = await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=hdnd', override);
  expect(denied.status).toBe(403);
  expect(denied.body.error.code).toBe('forbidden');
  const deniedDefault = await platform.api.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu', override);
  expect(deniedDefault.status).toBe(403);
  expect(await countRows('metadata_documents')).toBe(before);
  expect(await platform.db.knex('audit_log').where({ action: 'access.denied', actor: 'ubnd.admin' })).toHaveLength(2);
  // and a specialist cannot write metadata at all
  expect((await platform.api.as('ubnd.staff', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', override)).status).toBe(403);
});

test('six wrong passwords lock ubnd.staff (429, even with the right one); another account still signs in', async () => {
  const statuses: number[] = [];
  for (let i = 0; i < 6; i++)
    statuses.push((await platform.api.request('POST', '/api/auth/login', { body: { username: 'ubnd.staff', password: `sai-${i}` } })).status);
  expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
  const right = await platform.api.request('POST', '/api/auth/login', { body: { username: 'ubnd.staff', password: SEED_PASSWORD } });
  expect(right.status).toBe(429);
  expect(right.body.error.code).toBe('account_locked');
  const other = await platform.api.request('POST', '/api/auth/login', { body: { username: 'hdnd.staff', password: SEED_PASSWORD } });
  expect(other.status).toBe(200);
  // an unknown user gets the same answer as a wrong password
  const unknown = await platform.api.request('POST', '/api/auth/login', { body: { username: 'khong-ton-tai', password: 'x' } });
  expect(unknown.status).toBe(401);
  expect(unknown.body.error).toEqual({ code: 'invalid_credentials', message: expect.any(String), details: [] });
});

test('logout revokes the token', async () => {
  const token = (await platform.api.request('POST', '/api/auth/login', { body: { username: 'mttq.staff', password: SEED_PASSWORD } })).body.token;
  expect((await platform.api.request('GET', '/api/units', { token })).status).toBe(200);
  expect((await platform.api.request('POST', '/api/auth/logout', { token })).status).toBe(204);
  const after = await platform.api.request('GET', '/api/units', { token });
  expect(after.status).toBe(401);
  expect(after.body.error.code).toBe('unauthorized');
});

test('malformed JSON, a 10 MB body and an unknown kind get clear 4xx JSON errors, the server stays up, nothing is written', async () => {
  const token = await platform.api.login('admin');
  const before = await countRows('metadata_documents');
  const malformed = await platform.api.request('PUT', '/api/metadata/form/x', {
    token,
    raw: '{"title": "thiếu dấu ngoặc"',
    headers: { 'content-type': 'application/json' },
  });
  expect(malformed.status).toBe(400);
  expect(malformed.body.error.code).toBe('malformed_json');

  const huge = JSON.stringify({ title: 'x', schema: { type: 'object', properties: {} }, pad: 'a'.repeat(10 * 1024 * 1024) });
  const big = await platform.api.request('PUT', '/api/metadata/form/x', { token, raw: huge, headers: { 'content-type': 'application/json' } });
  expect(big.status).toBe(413);
  expect(big.body.error.code).toBe('payload_too_large');

  const unknown = await platform.api.request('PUT', '/api/metadata/khong-co/x', { token, body: { a: 1 } });
  expect(unknown.status).toBe(404);
  expect(unknown.body.error.code).toBe('unknown_kind');

  const deep = `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`;
  const nested = await platform.api.request('PUT', '/api/metadata/form/x', { token, raw: deep, headers: { 'content-type': 'application/json' } });
  expect(nested.status).toBe(400);
  expect(nested.body.error.code).toBe('too_deep');

  expect(await countRows('metadata_documents')).toBe(before);
  expect((await platform.api.request('GET', '/healthz')).status).toBe(200);
});

test('GET /api/units returns the tree visible to the caller', async () => {
  const admin = await platform.api.as('admin', 'GET', '/api/units');
  expect(admin.status).toBe(200);
  const pillarsSeen = new Set(admin.body.items.map((u: any) => u.pillar));
  expect([...pillarsSeen].sort()).toEqual(['hdnd', 'mttq', 'thanhuy', 'ubnd']);
  for (const u of admin.body.items) if (u.parentId) expect(admin.body.items.some((p: any) => p.id === u.parentId)).toBe(true);
  expect((await platform.api.request('GET', '/api/units')).status).toBe(401);
});
