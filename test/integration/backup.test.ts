// Backups (issue 10): the full scenario on SQLite (backup-scenario.ts; in the SQLite pass — the MariaDB pass
// runs it on MariaDB, backup-mariadb.test.ts), and scheduled backups under the jobs runner, on this run's database — a Sunday-night full that appears in the list with its manifest and in GET /api/backups,
// a missed and a failed slot that notify the platform administrators.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createEngine, type Engine } from '../../engine/src/app.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { ManualClock } from '../../engine/src/config/clock.js';
import { BackupService } from '../../engine/src/backup/service.js';
import { ApiClient, SEED_PASSWORD } from '../support/engine.js';
import { responseProblems } from '../../engine/src/api/openapi.js';
import { differing, runScenario, sqliteDb } from './backup-scenario.js';
import { configuredDialect, createTestDatabase, type TestDatabase } from '../support/databases.js';

(configuredDialect() === 'sqlite' ? test : test.skip)(
  'SQLite: full, changes, incremental, changes, incremental, drop, restore — every table equal; a point in time between the incrementals; a flipped byte fails verify and is named',
  async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-backup-sqlite-'));
    try {
      const r = await runScenario(sqliteDb(dir), (m) => console.log(`backup scenario (SQLite) ${m}`));
      expect(r.full.kind).toBe('full');
      expect([r.inc1.kind, r.inc2.kind]).toEqual(['incremental', 'incremental']);
      expect(r.inc2.parent).toBe(r.inc1.id);
      expect(r.inc1.parent).toBe(r.full.id);
      // every table of the database is covered, and the changes reached several of them
      expect(Object.keys(r.original).length).toBeGreaterThan(30);
      expect(differing(r.full.tables, r.original).length).toBeGreaterThan(3);
      // the manifest of the last incremental is the state the engine left; the restore equals it, table by table
      expect(differing(r.inc2.tables, r.original)).toEqual([]);
      expect(differing(r.afterRestore, r.original)).toEqual([]);
      expect(r.restored.compared).toBe(true);
      expect(r.restored.mismatches).toEqual([]);
      expect(r.blobsRestored).toBe(true);
      expect(r.newestTitle).toBe('Sau T');
      // the point in time: the state of T exactly — not the first incremental's, not the last one's
      expect(differing(r.atT, r.inc1.tables).length).toBeGreaterThan(0);
      expect(differing(r.atT, r.original).length).toBeGreaterThan(0);
      expect(differing(r.atPit, r.atT)).toEqual([]);
      expect(r.pit.chain).toEqual([r.full.id, r.inc1.id, r.inc2.id]);
      // encrypted, copied to the second target, verified there
      expect(r.inc2.files.every((f) => f.sha256 !== f.plainSha256)).toBe(true);
      expect(r.verifiedIntact.ok).toBe(true);
      // the flipped byte
      expect(r.flipped.status).not.toBe(0);
      expect(r.flipped.out).toContain(r.victim);
      expect(r.flipped.out).toMatch(/FAILED/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  },
  240_000,
);

describe('scheduled backups under the jobs runner', () => {
  let engine: Engine;
  let dir: string;
  let api: ApiClient;
  let db: TestDatabase;
  const clock = new ManualClock(new Date('2026-11-29T14:59:00Z')); // Sunday 21:59 in Hanoi
  const waitFor = async <T>(
    what: string,
    fn: () => Promise<T | undefined | null | false>,
    ms = 60_000,
  ): Promise<T> => {
    const end = Date.now() + ms;
    for (;;) {
      const v = await fn();
      if (v) return v as T;
      if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  };

  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-backup-sched-'));
    db = await createTestDatabase();
    engine = await createEngine(
      loadConfig({
        NODE_ENV: 'test',
        DATABASE_URL: db.url,
        DATA_DIR: dir,
        SEED_PASSWORD,
        BACKUP_SCHEDULE: 'on',
        BACKUP_CHECK_SECONDS: '0.2',
        BACKUP_VERIFY_SCHEDULED: 'true',
        REMINDER_SCAN_SECONDS: '3600',
        PERIODIC_TASKS_SECONDS: '3600',
      }),
      { clock, jobs: { schedule: true } },
    );
    api = new ApiClient((await engine.listen(0, '127.0.0.1')).url);
  }, 120_000);
  afterAll(async () => {
    await engine?.close();
    await db?.drop();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('the Sunday-night full runs at its time, appears in the list with its manifest and in GET /api/backups', async () => {
    const s = engine.services;
    // The first tick records when the scheduler started; nothing is due before 22:00.
    await waitFor(
      'the scheduler',
      async () => (await s.knex('backup_state').where({ key: 'scheduler_since' }).first()) ?? false,
    );
    expect(await s.knex('backup_runs').count({ n: '*' }).first()).toEqual({ n: 0 });
    clock.set('2026-11-29T15:00:05Z'); // Sunday 22:00:05
    const run = await waitFor('the scheduled full', async () =>
      s.knex('backup_runs').where({ slot_key: 'full@2026-11-29T15:00Z', status: 'ok' }).first(),
    );
    expect(run.trigger).toBe('schedule');
    const { sets } = await s.backup.list();
    const set = sets.find((x) => x.id === run.set_id)!;
    expect(set.kind).toBe('full');
    expect(set.trigger).toBe('schedule');
    expect(Object.keys(set.tables).length).toBeGreaterThan(30);
    expect(set.tables.metadata_documents!.rows).toBeGreaterThan(0); // the metadata …
    expect(set.tables.oidc_keys!.rows).toBeGreaterThan(0); // … and the OIDC signing keys are in it
    expect(set.files.map((f) => f.name)).toContain(
      configuredDialect() === 'sqlite' ? 'database.sqlite' : 'dump.sql',
    );

    const overview = await api.as('admin', 'GET', '/api/backups');
    expect(overview.status).toBe(200);
    expect(overview.body.sets[0].id).toBe(set.id);
    expect(overview.body.lastSuccess.full.setId).toBe(set.id);
    expect(overview.body.nextRun.full).toBe('2026-12-06T15:00:00.000Z'); // next Sunday 22:00 in Hanoi
    expect(overview.body.nextRun.incremental).toBe('2026-11-30T10:30:00.000Z'); // Monday 17:30 in Hanoi
    // the answer is the one the OpenAPI document describes (the Admin Studio backup page reads it)
    const doc = (await api.request('GET', '/api/openapi.json')).body;
    expect(responseProblems(doc, 'GET', '/api/backups', 200, 'application/json', overview.body)).toEqual([]);
    const one = await api.as('admin', 'GET', `/api/backups/${set.id}`);
    expect(responseProblems(doc, 'GET', `/api/backups/${set.id}`, 200, 'application/json', one.body)).toEqual(
      [],
    );
    expect(one.body.manifest.tables).toEqual(set.tables);
    expect((await api.as('ubnd.admin', 'GET', '/api/backups')).status).toBe(403); // platform administrators only
  }, 120_000);

  test('a missed and failed incremental notifies the administrators', async () => {
    const s = engine.services;
    const target = s.backup.c.dir;
    fs.mkdirSync(target, { recursive: true });
    fs.renameSync(target, `${target}.away`);
    fs.writeFileSync(target, 'not a folder'); // the removable disk is not mounted: writing fails
    try {
      clock.set('2026-11-30T13:00:00Z'); // Monday 20:00: the 17:30 incremental is 150 minutes late
      const run = await waitFor('the failed incremental', async () =>
        s.knex('backup_runs').where({ slot_key: 'incremental@2026-11-30T10:30Z', status: 'failed' }).first(),
      );
      expect(run.error).toBeTruthy();
      const admin = await s.knex('users').where({ username: 'admin' }).first('id');
      const notes = await waitFor('the notifications', async () => {
        const rows = await s
          .knex('notifications')
          .where({ user_id: admin.id, kind: 'system' })
          .select('template', 'title', 'dedupe_key');
        return rows.length >= 2 ? rows : null;
      });
      expect(notes.map((n: any) => `${n.template} ${n.dedupe_key}`).sort()).toEqual([
        'backup-failed backup:incremental@2026-11-30T10:30Z:failed',
        'backup-missed backup:incremental@2026-11-30T10:30Z:missed',
      ]);
      const ubndAdmin = await s.knex('users').where({ username: 'ubnd.admin' }).first('id');
      expect(
        await s
          .knex('notifications')
          .where({ user_id: ubndAdmin.id, kind: 'system' })
          .count({ n: '*' })
          .first(),
      ).toEqual({ n: 0 });
      const failures = (await new ApiClient(api.url).as('admin', 'GET', '/api/backups')).body.failures; // (a new sign-in: the clock moved past the session's idle time)
      expect(failures[0]).toMatchObject({
        slot: 'incremental@2026-11-30T10:30Z',
        kind: 'incremental',
        trigger: 'schedule',
        status: 'failed',
        late: true,
      });
    } finally {
      fs.rmSync(target, { force: true });
      fs.renameSync(`${target}.away`, target);
    }
  }, 120_000);

  test('retention keeps the newest chains by count, drops chains older than the age limit, never the newest', async () => {
    const s = engine.services;
    const keepDir = path.join(dir, 'retention');
    const own = new ManualClock(); // (the engine's clock drives its scheduler: left alone)
    const svc = (env: Record<string, string>) =>
      new BackupService(
        loadConfig({ NODE_ENV: 'test', DATABASE_URL: db.url, DATA_DIR: dir, BACKUP_DIR: keepDir, ...env }),
        own,
      );
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) ids.push((await svc({}).full({ trigger: 'test' })).id);
    const byCount = await svc({ BACKUP_KEEP_FULLS: '2' }).prune();
    expect(byCount).toEqual([ids[0]]);
    expect((await s.backup.list()).sets.length).toBeGreaterThan(0); // the engine's own target is not touched
    own.set(new Date(Date.now() + 40 * 86_400_000)); // 40 days on: both chains are past BACKUP_KEEP_DAYS=35
    const byAge = await svc({}).prune();
    expect(byAge).toEqual([ids[1]]); // the newest chain stays, whatever its age
    expect((await svc({}).list()).sets.map((x) => x.id)).toEqual([ids[2]]);
  }, 120_000);
});
