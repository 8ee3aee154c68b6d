// Issue 4: an IP allow-list option for administrative routes. With ADMIN_ALLOWLIST set, every route that
// isAdminRoute() calls administrative answers 403 (audited) to other addresses; other routes are
// unaffected. Behind a trusted proxy the client address is the one the proxy saw, not one the client
// wrote into X-Forwarded-For.
import { IpAllowlist, parseRange } from '../../engine/src/api/admin-allowlist.js';
import { isAdminRoute } from '../../engine/src/api/routes.js';
import { readJson } from '../../engine/src/db/json.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { ApiClient, startEngine, type RunningEngine } from '../support/engine.js';

test('addresses and CIDR ranges, IPv4 and IPv6; a typo is refused rather than ignored', () => {
  const list = new IpAllowlist(['10.0.0.0/8', '192.168.1.5', '2001:db8::/32', '::1']);
  for (const ip of ['10.0.0.1', '10.255.255.255', '::ffff:10.1.2.3', '192.168.1.5', '2001:db8:1::7', '2001:0db8:ffff:ffff::1', '::1'])
    expect([ip, list.allows(ip)]).toEqual([ip, true]);
  for (const ip of ['11.0.0.1', '192.168.1.6', '2001:db9::1', '127.0.0.1', '', 'not-an-ip', '::2', '::ffff:11.0.0.1'])
    expect([ip, list.allows(ip)]).toEqual([ip, false]);
  expect(new IpAllowlist(['0.0.0.0/0']).allows('203.0.113.9')).toBe(true);
  expect(new IpAllowlist(['0.0.0.0/0']).allows('2001:db8::1')).toBe(false);
  for (const bad of ['10.0.0.0/33', '10.0.0/8', 'example.org', '10.0.0.1/8/1', '2001:db8::/129', '10.0.0.0/-1', '10.0.0.0/'])
    expect(() => parseRange(bad)).toThrow(/ADMIN_ALLOWLIST/);
});

describe('an engine with ADMIN_ALLOWLIST', () => {
  let db: TestDatabase;
  let closed: RunningEngine, proxied: RunningEngine;

  beforeAll(async () => {
    db = await createTestDatabase();
    // (two engines on one database: the second finds it migrated and seeded)
    closed = await startEngine({ db, env: { ADMIN_ALLOWLIST: '10.0.0.0/8, 2001:db8::/32' } });
    proxied = await startEngine({ db, env: { ADMIN_ALLOWLIST: '10.0.0.0/8', TRUST_PROXY: 'true' } });
  }, 180_000);
  afterAll(async () => {
    await closed?.close();
    await proxied?.close();
    await db?.drop();
  });

  test('every administrative route answers 403 from elsewhere (audited); the others still answer', async () => {
    const api = new ApiClient(closed.url);
    const token = await api.login('admin');
    const adminRoutes = closed.engine.routes.filter(isAdminRoute);
    expect(adminRoutes.length).toBeGreaterThanOrEqual(8);
    for (const r of adminRoutes) {
      const path = r.path.replace(/:(\w+)/g, (_, p) => (p === 'kind' ? 'form' : p === 'day' ? '2026-12-01' : 'x1'));
      const res = await api.request(r.method.toUpperCase(), path, { token, body: ['get', 'delete'].includes(r.method) ? undefined : {} });
      expect([r.method, r.path, res.status, res.body?.error?.code]).toEqual([r.method, r.path, 403, 'address_not_allowed']);
      const row = await db.knex('audit_log').where({ action: 'access.denied', actor: 'admin', subject_id: `${r.method.toUpperCase()} ${path}` }).orderBy('id', 'desc').first();
      expect(readJson<{ reason: string }>(row.detail).reason).toBe('admin_allowlist');
      expect(row.ip).toBe('127.0.0.1');
    }
    expect((await api.request('GET', '/api/units', { token })).status).toBe(200);
    expect((await api.request('GET', '/api/metadata/form/nhiem-vu', { token })).status).toBe(200);
    // nothing was written by the refused writes
    expect(await db.knex('metadata_documents').where({ key: 'x1' })).toHaveLength(0);
  });

  test('from a listed address the same routes work', async () => {
    // through the trusted proxy, from an address of the list
    const api = new ApiClient(proxied.url);
    const token = await api.login('admin');
    for (const ip of ['10.20.30.40', '10.0.0.1'])
      for (const p of ['/api/audit?limit=1', '/api/oidc/clients'])
        expect([ip, p, (await api.request('GET', p, { token, headers: { 'x-forwarded-for': ip } })).status]).toEqual([ip, p, 200]);
  });

  test('behind a trusted proxy: the address the proxy saw counts, not one the client wrote before it', async () => {
    const api = new ApiClient(proxied.url);
    const token = await api.login('admin');
    const viaProxy = (xff: string) => api.request('GET', '/api/oidc/clients', { token, headers: { 'x-forwarded-for': xff } });
    expect((await viaProxy('10.1.2.3')).status).toBe(200);
    // the client sent "X-Forwarded-For: 10.1.2.3" itself; the proxy appended the real address
    const spoofed = await viaProxy('10.1.2.3, 203.0.113.9');
    expect(spoofed.status).toBe(403);
    const row = await db.knex('audit_log').where({ action: 'access.denied', actor: 'admin' }).orderBy('id', 'desc').first();
    expect(row.ip).toBe('203.0.113.9');
  });

  test('an invalid ADMIN_ALLOWLIST stops the engine from starting', async () => {
    await expect(startEngine({ db, env: { ADMIN_ALLOWLIST: '10.0.0.0/8, intranet' } })).rejects.toThrow(/ADMIN_ALLOWLIST: "intranet"/);
  });
});
