// Issue 4: rate limits per address (all requests; sign-ins tighter) and per account, shared by every
// engine instance — in the database without Redis, in Redis with it — answering 429 with Retry-After
// and the JSON error of CONTRACT.md; the first refusal of a window is audited.
import { ManualClock } from '../../engine/src/config/clock.js';
import { loadSecurityConfig } from '../../engine/src/config/index.js';
import { addressKey } from '../../engine/src/api/rate-limit.js';
import { readJson } from '../../engine/src/db/json.js';
import { createTestDatabase, DEFAULT_REDIS_URL, requireRedis, type TestDatabase } from '../support/databases.js';
import { ApiClient, SEED_PASSWORD, startEngine, type RunningEngine } from '../support/engine.js';

const LIMITS = { RATE_LIMIT_PER_IP_PER_MIN: '40', RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '5', RATE_LIMIT_PER_ACCOUNT_PER_MIN: '12' };

test('defaults are generous and configurable; IPv6 clients count per /64', () => {
  expect(loadSecurityConfig({})).toMatchObject({ rateLimitPerIpPerMin: 600, rateLimitLoginPerIpPerMin: 100, rateLimitPerAccountPerMin: 600, inactiveDays: 45, adminAllowlist: undefined });
  expect(loadSecurityConfig({ RATE_LIMIT_PER_IP_PER_MIN: '0', INACTIVE_DAYS: '30' })).toMatchObject({ rateLimitPerIpPerMin: 0, inactiveDays: 30 });
  expect(addressKey('::ffff:203.0.113.7')).toBe('203.0.113.7');
  expect(addressKey('2001:db8:1:2:aaaa::1')).toBe(addressKey('2001:db8:1:2:ffff:ffff:ffff:ffff'));
  expect(addressKey('2001:db8:1:2::1')).not.toBe(addressKey('2001:db8:1:3::1'));
});

function expectLimited(r: { status: number; body: any; headers: Headers }) {
  expect(r.status).toBe(429);
  expect(r.body).toEqual({ error: { code: 'rate_limited', message: expect.any(String), details: [] } });
  const retry = Number(r.headers.get('retry-after'));
  expect(retry).toBeGreaterThanOrEqual(1);
  expect(retry).toBeLessThanOrEqual(60);
}

describe('in the database, shared by two instances', () => {
  const clock = new ManualClock(new Date('2026-11-27T02:00:00Z'));
  let db: TestDatabase;
  let a: RunningEngine, b: RunningEngine;
  let viaA: ApiClient, viaB: ApiClient;
  const wrongLogin = (api: ApiClient, i: number) => api.request('POST', '/api/auth/login', { body: { username: `khong-co-${i}`, password: 'sai' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    a = await startEngine({ db, clock, env: LIMITS });
    b = await startEngine({ db, clock, env: LIMITS });
    viaA = new ApiClient(a.url);
    viaB = new ApiClient(b.url);
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await db?.drop();
  });

  test('sign-in attempts from one address: the sixth within a minute is 429 on either instance, audited once; the next minute is open again', async () => {
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await wrongLogin(i % 2 ? viaB : viaA, i)).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expectLimited(await wrongLogin(viaA, 5));
    // even the right password: the limit is on attempts from the address, not on failures
    expectLimited(await viaB.request('POST', '/api/auth/login', { body: { username: 'ubnd.staff', password: SEED_PASSWORD } }));
    const audited = await db.knex('audit_log').where({ action: 'rate.limited' });
    expect(audited).toHaveLength(1);
    expect(audited[0].outcome).toBe('denied');
    expect(readJson<{ rule: string }>(audited[0].detail).rule).toBe('login');
    clock.advance(61_000);
    expect((await viaA.request('POST', '/api/auth/login', { body: { username: 'ubnd.staff', password: SEED_PASSWORD } })).status).toBe(200);
  });

  test('requests of one account: over the limit is 429 on both instances; another account is unaffected', async () => {
    clock.advance(61_000);
    const token = await viaA.login('ubnd.staff');
    const other = await viaB.login('hdnd.staff');
    const statuses = [];
    for (let i = 0; i < 12; i++) statuses.push((await (i % 2 ? viaB : viaA).request('GET', '/api/auth/me', { token })).status);
    expect(statuses.every((s) => s === 200)).toBe(true);
    expectLimited(await viaB.request('GET', '/api/auth/me', { token }));
    expectLimited(await viaA.request('GET', '/api/units', { token }));
    expect((await viaA.request('GET', '/api/auth/me', { token: other })).status).toBe(200);
    const audited = await db.knex('audit_log').where({ action: 'rate.limited', actor: 'ubnd.staff' });
    expect(audited).toHaveLength(1);
  });

  test('all requests from one address: over the limit is 429, anonymous or not; /healthz stays reachable', async () => {
    clock.advance(61_000);
    const statuses: number[] = [];
    for (let i = 0; i < 40; i++) statuses.push((await (i % 2 ? viaB : viaA).request('GET', '/api/pillars')).status);
    expect(statuses.every((s) => s === 401)).toBe(true);
    expectLimited(await viaA.request('GET', '/api/pillars'));
    expectLimited(await viaB.request('GET', '/oidc/.well-known/openid-configuration'));
    expect((await viaA.request('GET', '/healthz')).status).toBe(200);
    clock.advance(61_000);
    expect((await viaB.request('GET', '/api/pillars')).status).toBe(401);
  });

  test('expired windows are swept from the table', async () => {
    clock.advance(10 * 60_000);
    await viaA.request('GET', '/api/pillars');
    const live = await db.knex('rate_limits').select('bucket');
    expect(live.length).toBeLessThanOrEqual(2);
  });
});

describe('in Redis, shared by two instances, apart from another installation', () => {
  let enabled = false;
  let db: TestDatabase, otherDb: TestDatabase;
  let a: RunningEngine, b: RunningEngine, other: RunningEngine;

  beforeAll(async () => {
    enabled = await requireRedis('rate limits shared through Redis');
    if (!enabled) return;
    const redisUrl = process.env.REDIS_URL || DEFAULT_REDIS_URL;
    db = await createTestDatabase();
    otherDb = await createTestDatabase();
    a = await startEngine({ db, redisUrl, env: LIMITS });
    b = await startEngine({ db, redisUrl, env: LIMITS });
    other = await startEngine({ db: otherDb, redisUrl, env: LIMITS });
  }, 180_000);
  afterAll(async () => {
    await a?.close();
    await b?.close();
    await other?.close();
    await db?.drop();
    await otherDb?.drop();
  });

  test('sign-in attempts count across both instances; another deployment on the same Redis counts on its own', async () => {
    if (!enabled) return;
    const viaA = new ApiClient(a.url);
    const viaB = new ApiClient(b.url);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await (i % 2 ? viaB : viaA).request('POST', '/api/auth/login', { body: { username: `x${i}`, password: 'sai' } })).status);
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    expectLimited(await viaA.request('POST', '/api/auth/login', { body: { username: 'x', password: 'sai' } }));
    expectLimited(await viaB.request('POST', '/api/auth/login', { body: { username: 'x', password: 'sai' } }));
    expect((await new ApiClient(other.url).request('POST', '/api/auth/login', { body: { username: 'ubnd.staff', password: SEED_PASSWORD } })).status).toBe(200);
    expect(Number((await db.knex('rate_limits').count({ n: '*' }).first())!.n)).toBe(0); // nothing in the database
  });
});
