// Outbound webhooks: administrators subscribe a receiver (a real HTTP server on loopback) to task events;
// each event arrives signed with the subscription's secret, is retried when the receiver fails, and every
// attempt is in the delivery log. Only administrators manage subscriptions.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestPlatform } from '../support/engine.js';
import { verifySignature } from '../../engine/src/plugins/signing.js';
import { openapiStats } from '../support/openapi.js';

interface Hit {
  path: string;
  headers: http.IncomingHttpHeaders;
  body: any;
  raw: string;
  answered: number;
}
const hits: Hit[] = [];
/** Status to answer per path, consumed in order; 200 when empty. */
const script = new Map<string, number[]>();
let receiver: http.Server;
let base: string;
let platform: Awaited<ReturnType<typeof startTestPlatform>>;

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    let raw = '';
    req.on('data', (c) => (raw += c));
    req.on('end', () => {
      const status = script.get(req.url!)?.shift() ?? 200;
      hits.push({ path: req.url!, headers: req.headers, raw, body: JSON.parse(raw || 'null'), answered: status });
      res.writeHead(status).end();
    });
  });
  await new Promise<void>((r) => receiver.listen(0, '127.0.0.1', () => r()));
  base = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  platform = await startTestPlatform({ env: { ...(process.env.REDIS_URL ? { REDIS_URL: process.env.REDIS_URL } : {}), JOBS_SCHEDULE: 'off' } });
}, 120_000);
afterAll(async () => {
  await platform?.close();
  receiver?.closeAllConnections();
  await new Promise((r) => receiver?.close(r));
});

const waitFor = async (check: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

test('only administrators manage subscriptions; the secret is shown once; bad bodies are 422 with pointers', async () => {
  expect((await platform.api.as('ubnd.leader', 'GET', '/api/webhooks')).status).toBe(403);
  expect((await platform.api.as('ubnd.leader', 'POST', '/api/webhooks', { name: 'x', url: `${base}/x`, events: ['*'] })).status).toBe(403);
  const bad = await platform.api.as('admin', 'POST', '/api/webhooks', { name: 'x', url: 'ftp://example', events: ['task.nope'] });
  expect(bad.status).toBe(422);
  expect(bad.body.error.details.map((d: any) => d.path)).toEqual(expect.arrayContaining(['/url', '/events/0']));
});

test('a task event reaches the subscriber signed with its secret, retried after a failure, with every attempt in the delivery log', async () => {
  const created = await platform.api.as('admin', 'POST', '/api/webhooks', { name: 'Cổng tích hợp UBND', url: `${base}/ubnd`, events: ['task.created', 'task.transitioned'], pillar: 'ubnd' });
  expect(created.status).toBe(201);
  const { id, secret } = created.body;
  expect(secret).toMatch(/^whsec_/);
  expect((await platform.api.as('admin', 'GET', `/api/webhooks/${id}`)).body.secret).toBeUndefined();
  const other = await platform.api.as('admin', 'POST', '/api/webhooks', { name: 'HĐND', url: `${base}/hdnd`, events: ['*'], pillar: 'hdnd' });
  expect(other.status).toBe(201);

  script.set('/ubnd', [503]);
  const units = (await platform.api.as('ubnd.leader', 'GET', '/api/units')).body.items;
  const lead = units.find((u: any) => u.code === '000.00.02.H26');
  const task = await platform.api.as('ubnd.leader', 'POST', '/api/tasks', { type: 'nhiem-vu-van-ban', title: 'Kiểm tra webhook', leadUnitId: lead.id, data: { noiDung: 'Kiểm tra', nguonGiao: 'van-ban' } });
  expect(task.status).toBe(201);
  await waitFor(() => hits.some((h) => h.path === '/ubnd' && h.answered === 200));
  const mine = hits.filter((h) => h.path === '/ubnd');
  expect(mine.map((h) => h.answered)).toEqual([503, 200]);
  for (const h of mine) {
    expect(verifySignature(secret, h.headers, 'POST', '/ubnd', h.raw)).toBe(true);
    expect(h.headers['x-dondoc-event']).toBe('task.created');
  }
  expect(mine[0]!.headers['idempotency-key']).toBe(mine[1]!.headers['idempotency-key']);
  expect(mine[1]!.body).toMatchObject({ type: 'task.created', task: { id: task.body.id, code: task.body.code, pillar: 'ubnd', leadUnitCode: '000.00.02.H26', state: 'cho-tiep-nhan' }, event: { action: 'create' } });
  expect(hits.some((h) => h.path === '/hdnd')).toBe(false); // another pillar's subscriber hears nothing

  await waitFor(async () => (await platform.api.as('admin', 'GET', `/api/webhooks/${id}/deliveries`)).body.items[0]?.status === 'delivered');
  const log = (await platform.api.as('admin', 'GET', `/api/webhooks/${id}/deliveries`)).body.items;
  expect(log).toHaveLength(1);
  expect(log[0]).toMatchObject({ status: 'delivered', attempts: 2 });
  expect(log[0].log.map((a: any) => [a.attempt, a.statusCode, a.ok])).toEqual([
    [1, 503, false],
    [2, 200, true],
  ]);
}, 30_000);

test('a receiver that refuses for good (410) fails at once; an administrator sends it again; ping tests the receiver', async () => {
  const sub = (await platform.api.as('admin', 'POST', '/api/webhooks', { name: 'Gone', url: `${base}/gone`, events: ['*'] })).body;
  script.set('/gone', [410]);
  const ping = await platform.api.as('admin', 'POST', `/api/webhooks/${sub.id}/ping`);
  expect(ping.status).toBe(202);
  await waitFor(async () => (await platform.api.as('admin', 'GET', `/api/webhooks/${sub.id}/deliveries`)).body.items[0]?.status === 'failed');
  const failed = (await platform.api.as('admin', 'GET', `/api/webhooks/${sub.id}/deliveries?status=failed`)).body.items[0];
  expect(failed).toMatchObject({ id: ping.body.deliveryId, attempts: 1, lastStatus: 410 });
  const retry = await platform.api.as('admin', 'POST', `/api/webhooks/${sub.id}/deliveries/${failed.id}/retry`);
  expect(retry.status).toBe(202);
  await waitFor(async () => (await platform.api.as('admin', 'GET', `/api/webhooks/${sub.id}/deliveries`)).body.items[0]?.status === 'delivered');
  expect(hits.filter((h) => h.path === '/gone').map((h) => h.body.type)).toEqual(['webhook.ping', 'webhook.ping']);
  const off = await platform.api.as('admin', 'PATCH', `/api/webhooks/${sub.id}`, { active: false });
  expect(off.body.active).toBe(false);
  expect((await platform.api.as('admin', 'DELETE', `/api/webhooks/${sub.id}`)).status).toBe(204);
  expect((await platform.api.as('admin', 'GET', `/api/webhooks/${sub.id}`)).status).toBe(404);
});

test('every answer above matches the OpenAPI document', () => {
  expect(openapiStats().mismatches).toEqual([]);
});
