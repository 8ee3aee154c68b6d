// central-sync against a mock centre: a real HTTP server on loopback that checks every signature, assigns a
// resolution and its tasks to the city, and answers the first two pushes of each event with 500. Progress on
// a task that came from it is pushed back signed, retried with backoff until the centre takes it; the same
// pull twice creates nothing new; an unknown unit code is logged as rejected; the centre's webhook is
// verified and idempotent.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestPlatform } from '../support/engine.js';
import { signedHeaders, verifySignature } from '../../engine/src/plugins/signing.js';
import { openapiStats } from '../support/openapi.js';

const SECRET = 'centre-shared-secret-for-tests-0123456789';

interface Received {
  method: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  validSignature: boolean;
  answered: number;
}

const received: Received[] = [];
const failuresLeft = new Map<string, number>();
let centre: http.Server;
let centreUrl: string;
let platform: Awaited<ReturnType<typeof startTestPlatform>>;

const page = {
  cursor: 7,
  resolutions: [{ id: 'NQ-15-2026', number: '15', notation: 'NQ/TW', title: 'Nghị quyết về sắp xếp tổ chức bộ máy', issuedDate: '2026-09-30', issuer: { code: '000.00.00.G01', name: 'Ban Chấp hành Trung ương' }, status: 'active', version: '1' }],
  tasks: [
    { id: 'NQ-15-2026/T1', resolutionId: 'NQ-15-2026', title: 'Rà soát chức năng, nhiệm vụ các sở', content: 'Rà soát và đề xuất phương án sắp xếp', dueDate: '2026-11-30', unitCode: '000.00.02.H26', status: 'active', version: '1' },
    { id: 'NQ-15-2026/T2', resolutionId: 'NQ-15-2026', title: 'Nhiệm vụ cho đơn vị không có', unitCode: '999.99.99.X99', status: 'active', version: '1' },
  ],
};

beforeAll(async () => {
  centre = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const validSignature = verifySignature(SECRET, req.headers, req.method!, req.url!, body);
      const r: Received = { method: req.method!, path: req.url!, headers: req.headers, body, validSignature, answered: 0 };
      received.push(r);
      const answer = (status: number, json: unknown) => {
        r.answered = status;
        res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(json));
      };
      if (!validSignature) return answer(401, { error: 'bad signature' });
      if (req.method === 'GET' && req.url!.startsWith('/v1/assignments')) {
        const since = Number(new URL(req.url!, 'http://x').searchParams.get('since'));
        return answer(200, since >= page.cursor ? { cursor: page.cursor, resolutions: [], tasks: [] } : page);
      }
      if (req.method === 'POST' && /^\/v1\/tasks\/[^/]+\/progress$/.test(req.url!)) {
        const key = String(req.headers['idempotency-key']);
        const left = failuresLeft.get(key) ?? 2;
        failuresLeft.set(key, left - 1);
        return left > 0 ? answer(500, { error: 'busy' }) : answer(200, { recorded: true });
      }
      answer(404, { error: 'not found' });
    });
  });
  await new Promise<void>((r) => centre.listen(0, '127.0.0.1', () => r()));
  centreUrl = `http://127.0.0.1:${(centre.address() as AddressInfo).port}`;
  platform = await startTestPlatform({
    env: { ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), JOBS_SCHEDULE: 'off', PLUGINS: 'central-sync', CENTRAL_SYNC_URL: centreUrl, CENTRAL_SYNC_SECRET: SECRET, CENTRAL_SYNC_ACCOUNT: 'ubnd.clerk' },
  });
}, 120_000);
afterAll(async () => {
  await platform?.close();
  centre?.closeAllConnections();
  await new Promise((r) => centre?.close(r));
});

const knex = () => platform.engine.services.knex;
const waitFor = async (check: () => boolean | Promise<boolean>, ms = 20_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
};

let taskId: number;

test('a pull creates the resolution as a document and its task for the unit with that organisation code; again, nothing new', async () => {
  const r = await platform.api.as('admin', 'POST', '/api/integrations/central-sync/pull');
  expect(r.status).toBe(200);
  expect(r.body).toMatchObject({ created: 2, rejected: 1 });
  const get = received.find((x) => x.method === 'GET')!;
  expect(get.validSignature).toBe(true);
  expect(get.path).toBe('/v1/assignments?recipient=000.00.00.H26&since=0');
  const links = await knex()('central_links').orderBy('id').select('kind', 'central_id', 'local_type', 'local_id', 'unit_code');
  expect(links.map((l: any) => [l.kind, l.central_id])).toEqual([
    ['resolution', 'NQ-15-2026'],
    ['task', 'NQ-15-2026/T1'],
  ]);
  taskId = Number(links[1].local_id);
  const task = (await platform.api.as('sonoivu.leader', 'GET', `/api/tasks/${taskId}`)).body;
  expect(task).toMatchObject({ title: 'Rà soát chức năng, nhiệm vụ các sở', state: 'cho-tiep-nhan', dueDate: '2026-11-30', sourceDocumentId: Number(links[0].local_id) });
  expect(task.data).toMatchObject({ nguonGiao: 'nghi-quyet-trung-uong' });
  const rejections = (await platform.api.as('admin', 'GET', '/api/integrations/rejections?plugin=central-sync')).body.items;
  expect(rejections[0]).toMatchObject({ item: 'NQ-15-2026/T2', details: [{ path: '/tasks/1/unitCode', message: expect.stringContaining('999.99.99.X99') }] });

  const again = await platform.api.as('admin', 'POST', '/api/integrations/central-sync/pull');
  expect(again.body).toMatchObject({ created: 0 });
  expect(await knex()('central_links').count({ n: '*' }).first()).toEqual({ n: 2 });
  expect(received.filter((x) => x.method === 'GET').at(-1)!.path).toContain('since=7');
});

test('progress on the task is pushed back with a valid signature, retried after the centre answered 500 twice, until it succeeds', async () => {
  expect((await platform.api.as('sonoivu.leader', 'POST', `/api/tasks/${taskId}/transitions/tiep-nhan`, {})).status).toBe(200);
  const progress = await platform.api.as('sonoivu.leader', 'POST', `/api/tasks/${taskId}/transitions/cap-nhat-tien-do`, { data: { tienDo: 40 }, comment: 'Đã rà soát 4/10 sở' });
  expect(progress.status).toBe(200);
  const pushesOf = () => received.filter((x) => x.method === 'POST' && x.path === `/v1/tasks/${encodeURIComponent('NQ-15-2026/T1')}/progress` && JSON.parse(x.body).transition === 'cap-nhat-tien-do');
  await waitFor(() => pushesOf().some((x) => x.answered === 200));
  const pushes = pushesOf();
  expect(pushes.map((x) => x.answered)).toEqual([500, 500, 200]);
  for (const p of pushes) expect(p.validSignature).toBe(true);
  expect(new Set(pushes.map((p) => p.headers['idempotency-key'])).size).toBe(1); // one message, three attempts
  expect(JSON.parse(pushes[2]!.body)).toMatchObject({ taskId: 'NQ-15-2026/T1', localTaskId: taskId, state: 'dang-thuc-hien', progress: 40, note: 'Đã rà soát 4/10 sở', recipient: '000.00.00.H26' });
  // the delivery log has the three attempts
  await waitFor(async () => (await knex()('outbox_messages').where({ channel: 'central-sync', idem_key: pushes[0]!.headers['idempotency-key'] }).first('status')).status === 'delivered');
  const log = (await platform.api.as('admin', 'GET', '/api/integrations/outbox?channel=central-sync')).body.items.find((m: any) => m.key === pushes[0]!.headers['idempotency-key']);
  expect(log).toMatchObject({ status: 'delivered', attempts: 3 });
  expect(log.log.map((a: any) => a.statusCode)).toEqual([500, 500, 200]);
}, 30_000);

test('the centre’s webhook: signature checked, idempotent by key, records applied like a pulled page', async () => {
  const send = (body: object, key: string, secret = SECRET) => {
    const raw = JSON.stringify(body);
    const headers = { ...signedHeaders(secret, 'POST', `${platform.url}/api/integrations/central-sync/webhook`, raw), 'content-type': 'application/json', 'idempotency-key': key };
    return platform.api.request('POST', '/api/integrations/central-sync/webhook', { raw, headers });
  };
  const body = { type: 'assignments', tasks: [{ id: 'NQ-15-2026/T3', resolutionId: 'NQ-15-2026', title: 'Báo cáo kết quả sắp xếp', unitCode: '000.00.03.H26', dueDate: '2026-12-15', version: '1' }] };
  const bad = await send(body, 'k-1', 'not-the-secret-0123456789012345678901');
  expect(bad.status).toBe(401);
  const first = await send(body, 'k-1');
  expect(first.status).toBe(202);
  expect(first.body).toMatchObject({ accepted: true, created: 1 });
  const replay = await send(body, 'k-1');
  expect(replay.status).toBe(202);
  expect(replay.body).toMatchObject({ accepted: true, created: 1, replay: true });
  expect(await knex()('central_links').where({ kind: 'task' }).count({ n: '*' }).first()).toEqual({ n: 2 });
  const noKey = await platform.api.request('POST', '/api/integrations/central-sync/webhook', { raw: '{"type":"assignments.changed"}', headers: { ...signedHeaders(SECRET, 'POST', `${platform.url}/api/integrations/central-sync/webhook`, '{"type":"assignments.changed"}'), 'content-type': 'application/json' } });
  expect(noKey.status).toBe(400);
});

test('the connector reports its state; every answer above matches the OpenAPI document', async () => {
  const r = await platform.api.as('admin', 'GET', '/api/integrations');
  expect(r.body.plugins.map((p: any) => p.name)).toEqual(['central-sync']);
  expect(r.body.connectors[0]).toMatchObject({ id: 'central-sync', status: { configured: true, tasks: 2, cursor: 7 } });
  expect(openapiStats().mismatches).toEqual([]);
});
