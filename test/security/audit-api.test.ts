// Issue 4: the audit log has a read API for auditors — filters, cursor pagination, exact total, each
// pillar's administrators limited to their pillar — and a retention of at least 90 days: pruning
// younger entries is refused, by the function and by `audit prune`.
import path from 'node:path';
import { jest } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../engine/src/config/clock.js';
import { AuditLog } from '../../engine/src/audit/log.js';
import { pruneAuditLog } from '../../engine/src/audit/retention.js';
import { toDbTime } from '../../engine/src/db/time.js';
import { loadConfig } from '../../engine/src/config/index.js';
import auditPrune from '../../engine/src/cli/audit-prune.js';
import { ApiClient, SEED_PASSWORD, startTestPlatform } from '../support/engine.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const clock = new ManualClock(new Date('2026-03-02T01:00:00Z')); // 08:00 in Hanoi
let platform: Awaited<ReturnType<typeof startTestPlatform>>;
let reader: ApiClient; // signed in after the simulated day has passed

const dbCount = async (where: (qb: any) => any = (qb) => qb) => Number((await where(platform.db.knex('audit_log')).count({ n: '*' }).first()).n);
const get = (user: string, q: string) => reader.as(user, 'GET', `/api/audit${q}`);

beforeAll(async () => {
  platform = await startTestPlatform({ clock });
  const { api } = platform;
  // Day 1: sign-ins, failures, a denial in ubnd, a metadata change in hdnd.
  for (const u of ['admin', 'ubnd.admin', 'hdnd.admin', 'ubnd.staff', 'hdnd.staff']) await api.login(u);
  for (const u of ['ubnd.staff', 'hdnd.leader', 'nobody']) await api.request('POST', '/api/auth/login', { body: { username: u, password: 'sai-mat-khau' } });
  await api.as('ubnd.staff', 'PUT', '/api/metadata/form/nhiem-vu?pillar=ubnd', { title: 'x' });
  const form = (await api.as('hdnd.admin', 'GET', '/api/metadata/form/nhiem-vu')).body.body;
  await api.as('hdnd.admin', 'PUT', '/api/metadata/form/nhiem-vu?pillar=hdnd', form);
  // Day 2 (Hanoi): more failures.
  clock.advance(24 * 3600_000);
  for (let i = 0; i < 2; i++) await api.request('POST', '/api/auth/login', { body: { username: 'ubnd.leader', password: `sai-${i}` } });
  reader = new ApiClient(platform.url);
}, 180_000);
afterAll(async () => {
  await platform?.close();
});

test('the platform administrator reads every entry, newest first, with the exact total', async () => {
  const r = await get('admin', '?limit=500');
  expect(r.status).toBe(200);
  expect(r.body.total).toBe(await dbCount());
  const ids = r.body.items.map((e: any) => e.id);
  expect(ids).toEqual([...ids].sort((a, b) => b - a));
  const failure = r.body.items.find((e: any) => e.action === 'login.failure' && e.actor === 'hdnd.leader');
  expect(failure).toMatchObject({ outcome: 'failed', pillar: 'hdnd', ip: '127.0.0.1', at: expect.stringMatching(/^2026-03-02T01:00:00/) });
  // no secret in any entry
  expect(JSON.stringify(r.body)).not.toContain('sai-mat-khau');
  expect(JSON.stringify(r.body)).not.toContain(SEED_PASSWORD);
});

test('filters: action (list and prefix), actor, outcome, from/to as Hanoi dates or instants, pillar', async () => {
  const total = async (q: string) => (await get('admin', q)).body.total;
  expect(await total('?action=login.failure')).toBe(await dbCount((qb) => qb.where({ action: 'login.failure' })));
  expect(await total('?action=login.*')).toBe(await dbCount((qb) => qb.where('action', 'like', 'login.%')));
  expect(await total('?action=login.failure,access.denied')).toBe(await dbCount((qb) => qb.whereIn('action', ['login.failure', 'access.denied'])));
  expect(await total('?actor=ubnd.leader&action=login.failure')).toBe(2);
  expect(await total('?outcome=denied')).toBe(await dbCount((qb) => qb.where({ outcome: 'denied' })));
  expect(await total('?from=2026-03-03&action=login.failure')).toBe(2);
  expect(await total('?to=2026-03-02&action=login.failure')).toBe(3);
  expect(await total('?from=2026-03-03T01:00:00Z&to=2026-03-03T01:00:00.999Z')).toBe(await dbCount((qb) => qb.where('at', '>=', '2026-03-03 01:00:00.000').where('at', '<=', '2026-03-03 01:00:00.999')));
  expect(await total('?pillar=hdnd&action=metadata.*')).toBeGreaterThanOrEqual(1);
  const denied = (await get('admin', '?action=access.denied&actor=ubnd.staff')).body.items;
  expect(denied[0]).toMatchObject({ outcome: 'denied', subjectType: 'Metadata', pillar: 'ubnd', detail: expect.objectContaining({ action: 'update' }) });
});

test('cursor pagination walks every filtered entry once, in order, with a stable total', async () => {
  const all: number[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const r: any = await get('admin', `?action=login.*&limit=3${cursor ? `&cursor=${cursor}` : ''}`);
    expect(r.status).toBe(200);
    expect(r.body.total).toBe(await dbCount((qb) => qb.where('action', 'like', 'login.%')));
    all.push(...r.body.items.map((e: any) => e.id));
    cursor = r.body.nextCursor;
    pages++;
  } while (cursor && pages < 50);
  const expected = (await platform.db.knex('audit_log').where('action', 'like', 'login.%').orderBy('id', 'desc').pluck('id')).map(Number);
  expect(all).toEqual(expected);
});

test('a pillar administrator reads only their pillar; others may not read the log at all (403, audited)', async () => {
  const ubnd = await get('ubnd.admin', '?limit=500');
  expect(ubnd.status).toBe(200);
  expect(ubnd.body.total).toBe(await dbCount((qb) => qb.where({ pillar: 'ubnd' })));
  expect(ubnd.body.items.every((e: any) => e.pillar === 'ubnd')).toBe(true);
  expect(ubnd.body.items.some((e: any) => e.actor === 'ubnd.staff' && e.action === 'login.failure')).toBe(true);
  expect((await get('ubnd.admin', '?pillar=hdnd')).body.total).toBe(0);
  expect((await get('ubnd.admin', '?actor=admin')).body.total).toBe(0); // platform-level entries stay with the platform
  for (const u of ['ubnd.staff', 'ubnd.leader', 'ubnd.clerk']) {
    const r = await get(u, '');
    expect(r.status).toBe(403);
    expect(await dbCount((qb) => qb.where({ action: 'access.denied', actor: u, subject_id: 'GET /api/audit' }))).toBe(1);
  }
});

test('bad parameters are 400 with pointers; injection in a filter is only data', async () => {
  const bad = await get('admin', '?outcome=maybe&from=yesterday&limit=501&cursor=%%%&action=a%20b');
  expect(bad.status).toBe(400);
  expect(bad.body.error.details.map((d: any) => d.path).sort()).toEqual(['/action', '/cursor', '/from', '/limit', '/outcome']);
  const inj = await get('admin', `?actor=${encodeURIComponent("' OR 1=1 -- ")}&subjectId=${encodeURIComponent('1; DROP TABLE audit_log')}`);
  expect(inj.status).toBe(200);
  expect(inj.body.total).toBe(0);
  expect(await dbCount()).toBeGreaterThan(10);
});

test('retention: nothing younger than 90 days can be pruned; older entries can, and the pruning is audited', async () => {
  const knex = platform.db.knex;
  const audit = new AuditLog(knex, clock);
  const before = await dbCount();
  await expect(pruneAuditLog(knex, clock, audit, 89)).rejects.toThrow(/90/);
  await expect(pruneAuditLog(knex, clock, audit, 30.5)).rejects.toThrow(/90/);
  expect(await dbCount()).toBe(before);
  clock.advance(95 * 24 * 3600_000); // everything so far is now 94–95 days old
  await audit.write({ action: 'test.recent' });
  const r = await pruneAuditLog(knex, clock, audit, 90);
  expect(r.deleted).toBe(before);
  expect((await knex('audit_log').pluck('action')).sort()).toEqual(['audit.prune', 'test.recent']);
});

test('`audit prune` refuses fewer than 90 days and prunes older entries otherwise', async () => {
  const knex = platform.db.knex;
  const day = 24 * 3600_000;
  await knex('audit_log').delete();
  await knex('audit_log').insert([
    { at: toDbTime(new Date(Date.now() - 200 * day)), action: 'test.old', outcome: 'ok' },
    { at: toDbTime(new Date(Date.now() - 60 * day)), action: 'test.young', outcome: 'ok' },
  ]);
  const cli = (...args: string[]) =>
    spawnSync('npm', ['run', '--silent', 'cli', '--', 'audit', 'prune', ...args], {
      cwd: repoRoot,
      env: { PATH: process.env.PATH, DATABASE_URL: platform.db.url, DATA_DIR: platform.engine.services.config.dataDir, NODE_ENV: 'test' },
      encoding: 'utf8',
    });
  const refused = cli('--older-than', '30'); // through npm run cli: a one-line reason, non-zero exit
  expect(refused.status).not.toBe(0);
  expect(refused.stderr).toMatch(/audit prune: refused: .*90/);
  expect(await knex('audit_log').where({ action: 'test.old' })).toHaveLength(1);
  // the same command in-process (a second process would only repeat the start-up)
  const config = loadConfig({ NODE_ENV: 'test', DATABASE_URL: platform.db.url, DATA_DIR: platform.engine.services.config.dataDir });
  await expect(auditPrune.run(config, [])).rejects.toThrow(/usage/);
  const log = jest.spyOn(console, 'log').mockImplementation(() => {});
  try {
    expect(await auditPrune.run(config, ['--older-than', '90'])).toBe(0);
    expect(log.mock.calls.flat().join('\n')).toMatch(/1 entry older than/);
  } finally {
    log.mockRestore();
  }
  expect(await knex('audit_log').where({ action: 'test.old' })).toHaveLength(0);
  expect(await knex('audit_log').where({ action: 'test.young' })).toHaveLength(1);
  expect(await knex('audit_log').where({ action: 'audit.prune' })).toHaveLength(1);
}, 180_000);
