// The OpenAPI 3.1 document at /api/openapi.json: every route of the engine (plugins included) is in it, its
// schemas compile as JSON Schema 2020-12 and its references resolve; and a walk through a representative
// part of the API — sign-in, organisation, documents, attachments, tasks and their workflow, notifications,
// metadata, reports, audit, jobs, integrations, webhooks, edXML, errors of every kind — gets answers that
// all match the document. (edxml.test.ts, central-sync.test.ts and webhooks.test.ts check their own
// answers the same way.)
import { createAjv } from '@dondoc/metadata';
import { openapiPath, responseProblems } from '../../engine/src/api/openapi.js';
import { startTestPlatform } from '../support/engine.js';
import { openapiStats, responseMismatch } from '../support/openapi.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;

beforeAll(async () => {
  platform = await startTestPlatform({ env: { ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), JOBS_SCHEDULE: 'off', PLUGINS: 'edxml,central-sync', EDXML_ACCOUNT: 'ubnd.clerk' } });
}, 120_000);
afterAll(async () => {
  await platform?.close();
});

test('every route is in the document, with unique operation ids, compiling schemas and resolving references', async () => {
  const r = await platform.api.request('GET', '/api/openapi.json');
  expect(r.status).toBe(200);
  const doc = r.body;
  expect(doc.openapi).toBe('3.1.0');
  // What the engine really answers: the layers of its Koa router (HEAD comes with GET), not the table the
  // document is generated from.
  const routes = platform.engine.router.stack.flatMap((layer) => layer.methods.filter((m) => m !== 'HEAD').map((m) => ({ method: m.toLowerCase(), path: layer.path as string })));
  expect(routes.length).toBeGreaterThan(80);
  const missing = routes.filter((rt) => !doc.paths[openapiPath(rt.path)]?.[rt.method]).map((rt) => `${rt.method} ${rt.path}`);
  expect(missing).toEqual([]);
  // and nothing in the document that is not a route
  const operations = Object.entries(doc.paths).flatMap(([p, ops]: [string, any]) => Object.keys(ops).map((m) => `${m} ${p}`));
  expect(operations.sort()).toEqual(routes.map((rt) => `${rt.method} ${openapiPath(rt.path)}`).sort());
  expect(routes.length).toBe(platform.engine.routes.length);
  expect(routes.map((rt) => `${rt.method} ${rt.path}`)).toEqual(expect.arrayContaining(['post /api/integrations/edxml', 'post /api/integrations/central-sync/webhook', 'get /api/webhooks', 'get /api/openapi.json']));
  const opOf = (o: string) => {
    const [m, p] = o.split(' ');
    return doc.paths[p!][m!];
  };
  const ids = operations.map((o) => opOf(o).operationId);
  expect(new Set(ids).size).toBe(ids.length);
  // every schema compiles (OpenAPI 3.1 = JSON Schema 2020-12), every $ref resolves
  const ajv = createAjv({ strictSchema: false });
  const refs: string[] = [];
  const walk = (v: any) => {
    if (!v || typeof v !== 'object') return;
    if (typeof v.$ref === 'string') refs.push(v.$ref);
    for (const x of Object.values(v)) walk(x);
  };
  walk(doc);
  for (const ref of refs) expect(ref.split('/').slice(1).reduce((o: any, k) => o?.[k], doc)).toBeDefined();
  let schemas = 0;
  for (const ops of Object.values(doc.paths) as any[])
    for (const op of Object.values(ops) as any[]) {
      for (const res of Object.values(op.responses) as any[])
        for (const media of Object.values(res.content ?? {}) as any[]) {
          if (media.schema?.$ref) continue;
          ajv.compile(media.schema);
          schemas++;
        }
      for (const media of Object.values(op.requestBody?.content ?? {}) as any[]) {
        ajv.compile(media.schema);
        schemas++;
      }
      expect(op['x-dondoc-authorization']).toBeDefined();
      expect(Array.isArray(op.security)).toBe(true);
    }
  expect(schemas).toBeGreaterThan(100);
  // the check has teeth: a wrong answer, an undocumented status, a body where none is documented
  expect(responseProblems(doc, 'GET', '/api/documents/7', 200, 'application/json', { id: 'seven' }).length).toBeGreaterThan(0);
  expect(responseProblems(doc, 'GET', '/api/webhooks', 200, 'application/json', { items: [{ id: 1 }] }).length).toBeGreaterThan(0);
  expect(responseProblems(doc, 'DELETE', '/api/webhooks/3', 204, null, '{"x":1}').length).toBeGreaterThan(0);
  expect(responseProblems(doc, 'GET', '/api/tasks/1', 422, 'application/json', { error: { code: 'x' } }).length).toBeGreaterThan(0);
  // every operation describes its real answers: no generic "any JSON" success left
  const generic = operations.filter((o) => opOf(o).responses['2XX']);
  expect(generic).toEqual([]);
  console.log(`openapi: ${operations.length} operations, ${operations.length - generic.length} with response schemas of their own; ${schemas} schemas compiled`);
});

test('the shared test client checks every answer against the document of the engine it talks to', async () => {
  const before = openapiStats().validated;
  const r = await platform.api.request('GET', '/healthz');
  expect(openapiStats().validated).toBe(before + 1);
  // what it would say about a wrong answer: the operation, the status and ajv's errors
  const json = { status: 200, headers: new Headers({ 'content-type': 'application/json' }) };
  const task = { id: 12, code: 'NV-12', pillar: 'ubnd', type: 'nhiem-vu-van-ban', title: 'T', state: 'moi', stateCategory: 'open', leadUnitId: 3, assignerId: 4, dueDate: null, progress: 0, data: {}, version: 1, createdAt: null };
  expect(await responseMismatch(platform.url, 'GET', '/api/tasks/12', json, task)).toEqual([]);
  expect(await responseMismatch(platform.url, 'GET', '/api/tasks/12', json, { ...task, code: 7 })).toEqual([`getTasksById (GET /api/tasks/{id}) → 200: /code must be string {"type":"string"}`]);
  expect((await responseMismatch(platform.url, 'GET', '/api/tasks/12', json, { id: 12 })).join('\n')).toMatch(/→ 200: \/ must have required property 'code'/);
  expect(await responseMismatch(platform.url, 'DELETE', '/api/tasks/12', { status: 418, headers: new Headers() }, '')).toEqual(['DELETE /api/tasks/12: no operation in the document (answered 418)']);
  expect(await responseMismatch(platform.url, 'POST', '/api/auth/logout', { status: 200, headers: r.headers }, r.body)).toEqual([expect.stringContaining('status not in the document')]);
});

test('a representative walk through the API: every answer matches the document', async () => {
  const api = platform.api;
  expect((await api.request('GET', '/healthz')).status).toBe(200);
  expect((await api.request('POST', '/api/auth/login', { body: { username: 'ubnd.clerk', password: 'wrong-password-123' } })).status).toBe(401);
  const clerk = await api.login('ubnd.clerk');
  const leader = await api.login('ubnd.leader');
  const admin = await api.login('admin');
  const as = (token: string, method: string, path: string, body?: unknown) => api.request(method, path, { token, body });

  expect((await api.request('GET', '/api/auth/me')).status).toBe(401);
  expect((await as(clerk, 'GET', '/api/auth/me')).status).toBe(200);
  const units = (await as(leader, 'GET', '/api/units')).body.items;
  expect((await as(leader, 'GET', '/api/pillars')).status).toBe(200);
  const soNoiVu = units.find((u: any) => u.code === '000.00.02.H26');

  // documents and attachments
  const upload = await api.request('POST', '/api/attachments?name=ke-hoach.txt', { token: clerk, raw: 'Kế hoạch rà soát', headers: { 'content-type': 'text/plain' } });
  expect(upload.status).toBe(201);
  expect((await api.request('GET', upload.body.url, { token: clerk })).status).toBe(200);
  const doc = await as(clerk, 'POST', '/api/documents', { issuedDate: '2026-10-01', type: 'cong-van', issuerName: 'UBND thành phố Hà Nội', subject: 'V/v rà soát tổ chức bộ máy', number: '100', notation: 'UBND-NC', attachmentIds: [upload.body.id] });
  expect(doc.status).toBe(201);
  expect((await as(clerk, 'POST', '/api/documents', { type: 'cong-van' })).status).toBe(422);
  expect((await as(clerk, 'GET', '/api/documents?limit=5')).status).toBe(200);
  expect((await as(clerk, 'GET', `/api/documents/${doc.body.id}`)).status).toBe(200);
  expect((await as(clerk, 'GET', '/api/documents/999999')).status).toBe(404);
  expect((await as(clerk, 'PATCH', `/api/documents/${doc.body.id}`, { version: 1, subject: 'V/v rà soát, sắp xếp tổ chức bộ máy' })).status).toBe(200);
  expect((await as(clerk, 'PATCH', `/api/documents/${doc.body.id}`, { version: 1, subject: 'cũ' })).status).toBe(409);

  // tasks and their workflow
  const fromDoc = await as(leader, 'POST', `/api/documents/${doc.body.id}/tasks`, { type: 'nhiem-vu-van-ban', draft: true, data: { noiDung: 'Rà soát', nguonGiao: 'van-ban' }, tasks: [{ leadUnitId: soNoiVu.id }] });
  expect(fromDoc.status).toBe(201);
  const taskId = fromDoc.body.items[0].id;
  expect((await as(leader, 'POST', `/api/tasks/${taskId}/transitions/giao`, {})).status).toBe(200);
  expect((await as(clerk, 'POST', `/api/tasks/${taskId}/transitions/giao`, {})).status).toBe(403);
  const sonoivu = await api.login('sonoivu.leader');
  expect((await as(sonoivu, 'POST', `/api/tasks/${taskId}/transitions/tiep-nhan`, {})).status).toBe(200);
  expect((await as(sonoivu, 'POST', `/api/tasks/${taskId}/transitions/cap-nhat-tien-do`, { data: { tienDo: 30 } })).status).toBe(422);
  expect((await as(sonoivu, 'POST', `/api/tasks/${taskId}/transitions/cap-nhat-tien-do`, { data: { tienDo: 30 }, comment: 'Đang rà soát' })).status).toBe(200);
  const direct = await as(leader, 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Nhiệm vụ trực tiếp', leadUnitId: soNoiVu.id, data: { noiDung: 'Báo cáo', nguonGiao: 'van-ban' } });
  expect(direct.status).toBe(201);
  expect((await as(leader, 'GET', '/api/tasks?limit=5&counts=true')).status).toBe(200);
  expect((await as(leader, 'GET', `/api/tasks/${taskId}`)).status).toBe(200);
  expect((await as(leader, 'GET', `/api/tasks/${taskId}/history`)).status).toBe(200);

  // the rest of the platform
  expect((await as(sonoivu, 'GET', '/api/notifications')).status).toBe(200);
  expect((await as(leader, 'GET', '/api/metadata/workflow/mac-dinh')).status).toBe(200);
  expect([400, 404]).toContain((await as(leader, 'GET', '/api/metadata/nope')).status);
  expect((await as(leader, 'GET', '/api/reports')).status).toBe(200);
  expect((await as(admin, 'GET', '/api/audit?limit=5')).status).toBe(200);
  expect((await as(leader, 'GET', '/api/audit')).status).toBe(403);
  expect((await as(admin, 'GET', '/api/jobs/failed')).status).toBe(200);
  expect((await as(admin, 'GET', '/api/oidc/clients')).status).toBe(200);

  // integrations
  expect((await as(admin, 'GET', '/api/integrations')).status).toBe(200);
  expect((await as(admin, 'GET', '/api/integrations/imports')).status).toBe(200);
  expect((await as(admin, 'GET', '/api/integrations/outbox')).status).toBe(200);
  expect((await as(admin, 'GET', '/api/integrations/imports/999')).status).toBe(404);
  const hook = await as(admin, 'POST', '/api/webhooks', { name: 'Kho dữ liệu', url: 'http://127.0.0.1:9/hook', events: ['task.transitioned'] });
  expect(hook.status).toBe(201);
  expect((await as(admin, 'GET', `/api/webhooks/${hook.body.id}/deliveries`)).status).toBe(200);
  const xml = '<?xml version="1.0" encoding="UTF-8"?><edXML><edXMLHeader><MessageHeader><From><OrganId>000.00.00.H26</OrganId><OrganName>UBND thành phố Hà Nội</OrganName></From><DocumentId>000.00.00.H26,2026/10/20,4700/UBND-NC</DocumentId><Subject>V/v kiểm tra</Subject></MessageHeader></edXMLHeader></edXML>';
  const imported = await api.request('POST', '/api/integrations/edxml', { token: clerk, raw: xml, headers: { 'content-type': 'application/xml' } });
  expect(imported.status).toBe(201);
  expect((await api.request('POST', '/api/integrations/edxml', { token: clerk, raw: xml, headers: { 'content-type': 'application/xml' } })).status).toBe(200);
  expect((await api.request('POST', '/api/integrations/edxml', { token: clerk, raw: '<edXML><oops></edXML>', headers: { 'content-type': 'application/xml' } })).status).toBe(422);
  expect((await api.request('POST', '/api/integrations/central-sync/webhook', { body: { type: 'assignments.changed' } })).status).toBe(503); // not configured here
  expect((await as(leader, 'POST', '/api/integrations/central-sync/pull')).status).toBe(403);

  expect((await api.request('GET', '/api/nothing-here')).status).toBe(404);
  expect(openapiStats().validated).toBeGreaterThanOrEqual(50); // every answer of the ApiClient is checked (test/support/openapi.ts)
  expect(openapiStats().mismatches).toEqual([]);
});
