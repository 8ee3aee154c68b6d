// Two engine processes on one MariaDB and Redis: a form published through one is served by the other
// within one second, without a restart.
import { createMysqlDatabase, leftToMysqlPass, requireMysql, requireRedis, DEFAULT_REDIS_URL, type TestDatabase } from '../support/databases.js';
import { ApiClient, SEED_PASSWORD } from '../support/engine.js';
import { spawnEngine, type EngineProcess } from '../support/processes.js';

let enabled = false;
let db: TestDatabase;
let a: EngineProcess, b: EngineProcess;

beforeAll(async () => {
  enabled = !leftToMysqlPass('two engine processes on one MariaDB') && (await requireMysql('two engine processes on one MariaDB')) && (await requireRedis('metadata change bus across processes'));
  if (!enabled) return;
  db = await createMysqlDatabase();
  const env = { DATABASE_URL: db.url, REDIS_URL: process.env.REDIS_URL || DEFAULT_REDIS_URL, SEED_PASSWORD };
  // Started together: migrations and seeding must not trip over each other.
  [a, b] = await Promise.all([spawnEngine(env), spawnEngine(env)]);
}, 120_000);

afterAll(async () => {
  await Promise.all([a?.stop(), b?.stop()]);
  await db?.drop();
});

test('a form published through engine A is served by engine B within one second', async () => {
  if (!enabled) return;
  const viaA = new ApiClient(a.url);
  const viaB = new ApiClient(b.url);
  // B has the default cached before the change.
  const before = await viaB.as('ubnd.staff', 'GET', '/api/metadata/form/nhiem-vu');
  expect(before.status).toBe(200);
  const form = (await viaA.as('ubnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
  form.title = `Phiếu giao việc ${Date.now()}`;
  expect((await viaA.as('ubnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', form)).status).toBe(200);
  const pub = await viaA.as('ubnd.admin', 'POST', '/api/metadata/form/nhiem-vu/publish?pillar=ubnd');
  expect(pub.status).toBe(200);
  const t0 = Date.now();
  let seen: any;
  while (Date.now() - t0 < 1000) {
    seen = (await viaB.as('ubnd.staff', 'GET', '/api/metadata/form/nhiem-vu')).body;
    if (seen.body?.title === form.title) break;
    await new Promise((r) => setTimeout(r, 20));
  }
  const elapsed = Date.now() - t0;
  expect(seen.body.title).toBe(form.title);
  expect(seen.version).toBe(pub.body.version);
  expect(elapsed).toBeLessThan(1000);
  console.log(`engine B served the new form ${elapsed} ms after engine A published it`);
});

test('a lockout counted on one engine holds on the other', async () => {
  if (!enabled) return;
  const viaA = new ApiClient(a.url);
  const viaB = new ApiClient(b.url);
  for (let i = 0; i < 5; i++) {
    const via = i % 2 ? viaA : viaB;
    expect((await via.request('POST', '/api/auth/login', { body: { username: 'hdnd.leader', password: 'sai' } })).status).toBe(401);
  }
  expect((await viaA.request('POST', '/api/auth/login', { body: { username: 'hdnd.leader', password: SEED_PASSWORD } })).status).toBe(429);
  expect((await viaB.request('POST', '/api/auth/login', { body: { username: 'hdnd.leader', password: SEED_PASSWORD } })).status).toBe(429);
});
