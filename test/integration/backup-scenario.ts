// The backup scenario of issue 10, the same on SQLite and on MariaDB: seed, full backup, changes,
// incremental, changes, incremental, drop the database, restore — every table's checksum equals the
// original's; a restore to a point in time between the two incrementals gives exactly the state of that
// moment; one flipped byte in a backup file makes `backup verify` (the CLI) fail and name the file.
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createEngine, type Engine } from '../../engine/src/app.js';
import { loadConfig } from '../../engine/src/config/index.js';
import type { TableSums } from '../../engine/src/backup/checksum.js';
import { sqliteChecksums } from '../../engine/src/backup/sqlite.js';
import { mysqlChecksums } from '../../engine/src/backup/mysql.js';
import { setDir, encName } from '../../engine/src/backup/catalog.js';
import { ApiClient, SEED_PASSWORD } from '../support/engine.js';
import { connect } from '../../engine/src/db/connect.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export interface ScenarioDb {
  /** DATABASE_URL of the engine. */
  url: string;
  checksums(): Promise<TableSums>;
  /** Drops the database (the engine is stopped). */
  drop(): Promise<void>;
  /** MySQL/MariaDB: the server's binary-log position (a restore must not move it). */
  binlogPosition?(): Promise<string>;
}

export function sqliteDb(dir: string): ScenarioDb {
  const file = path.join(dir, 'dondoc.sqlite');
  return {
    url: `sqlite:${file}`,
    checksums: async () => sqliteChecksums(file),
    async drop() {
      for (const ext of ['', '-wal', '-shm']) fs.rmSync(file + ext, { force: true });
    },
  };
}

export function mysqlDb(serverUrl: string, name: string): ScenarioDb {
  const url = `${serverUrl.replace(/\/$/, '')}/${name}`;
  return {
    url,
    checksums: () => mysqlChecksums(url),
    async drop() {
      const k = connect(serverUrl);
      try {
        await k.raw(`DROP DATABASE \`${name}\``);
      } finally {
        await k.destroy();
      }
    },
    async binlogPosition() {
      const k = connect(serverUrl);
      try {
        const [rows] = await k.raw('SHOW MASTER STATUS');
        return `${rows[0].File}:${rows[0].Position}`;
      } finally {
        await k.destroy();
      }
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runScenario(db: ScenarioDb, log: (msg: string) => void = () => {}) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-backup-t-'));
  const dataDir = path.join(dir, 'data');
  const backupDir = path.join(dir, 'target');
  const copyDir = path.join(dir, 'central');
  const env = {
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    DATA_DIR: dataDir,
    BACKUP_DIR: backupDir,
    BACKUP_COPY_DIR: copyDir,
    SEED_PASSWORD,
    JOBS_SCHEDULE: 'off',
  };
  const t0 = Date.now();
  const mark = (what: string) => log(`${what}: ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  let engine: Engine | undefined = await createEngine(loadConfig(env));
  try {
    const { url } = await engine.listen(0, '127.0.0.1');
    const api = new ApiClient(url);
    const s = engine.services;
    mark('engine seeded');
    const units = (await api.as('admin', 'GET', '/api/units')).body.items;
    const lead = units.find((u: any) => u.code === '000.00.02.H26');
    const task = async (title: string) => {
      const r = await api.as('ubnd.leader', 'POST', '/api/tasks', {
        type: 'nhiem-vu-van-ban',
        title,
        leadUnitId: lead.id,
        data: { noiDung: title, nguonGiao: 'van-ban' },
      });
      if (r.status !== 201) throw new Error(`task: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body;
    };
    const attach = async (text: string) => {
      const token = await api.login('ubnd.leader');
      const r = await api.request('POST', `/api/attachments?name=${encodeURIComponent(`${text}.txt`)}`, {
        token,
        raw: Buffer.from(`${text}\n`),
        headers: { 'content-type': 'text/plain' },
      });
      if (r.status !== 201) throw new Error(`attachment: ${r.status} ${JSON.stringify(r.body)}`);
      return r.body.sha256 as string;
    };
    /** Lets the writes a request leaves behind (notification delivery) finish. */
    const settle = async () => {
      await sleep(300);
      await s.jobs.runNow('notify.deliver');
      await sleep(100);
    };

    // Seed (the engine's own seed) and some work, then the full backup.
    const a = await attach('tệp A');
    const t1 = await task('Trước bản sao lưu toàn bộ');
    await settle();
    const full = await s.backup.full({ trigger: 'test', runs: s.knex });
    mark('full');
    // Changes, first incremental.
    await api.as('sonoivu.leader', 'POST', `/api/tasks/${t1.id}/transitions/tiep-nhan`, {});
    const b = await attach('tệp B');
    await task('Sau bản toàn bộ');
    await s.knex('users').where({ username: 'ubnd.staff' }).update({ full_name: 'Đã đổi tên lần 1' });
    await s
      .knex('login_failures')
      .insert({ username: 'ai-do', ip: '10.0.0.1', at: '2026-01-01 00:00:00.000' });
    await settle();
    const inc1 = await s.backup.incremental({ trigger: 'test', runs: s.knex });
    mark('incremental 1');
    // Changes after the first incremental, then the point in time T, then more changes.
    const t3 = await task('Giữa hai bản gia tăng (trước T)');
    await s
      .knex('users')
      .where({ username: 'ubnd.staff' })
      .update({ full_name: 'Đã đổi tên lần 2 (trước T)' });
    await s
      .knex('positions')
      .where({ id: (await s.knex('positions').max({ m: 'id' }).first())!.m })
      .update({ title: 'Chức danh trước T' });
    await settle();
    const atT = await db.checksums();
    await sleep(1000 - (Date.now() % 1000) + 30); // the next whole second: the binary log counts seconds
    const until = new Date(Math.floor(Date.now() / 1000) * 1000);
    await sleep(50);
    await api.as('sonoivu.leader', 'POST', `/api/tasks/${t3.id}/transitions/tiep-nhan`, {});
    const c = await attach('tệp C');
    await task('Sau T');
    await s.knex('users').where({ username: 'ubnd.staff' }).update({ full_name: 'Đã đổi tên lần 3 (sau T)' });
    const day = await s.knex('calendar_days').orderBy('day', 'desc').first('day');
    if (day) await s.knex('calendar_days').where({ day: day.day }).delete();
    await settle();
    const original = await db.checksums();
    const inc2 = await s.backup.incremental({ trigger: 'test', runs: s.knex });
    mark('incremental 2');
    const blobs = { a, b, c };
    await engine.close();
    engine = undefined;

    // Lose everything: the database and the attachment store.
    await db.drop();
    fs.rmSync(path.join(dataDir, 'attachments'), { recursive: true, force: true });
    const restoreEngine = () =>
      createEngine(loadConfig({ ...env }), { seed: false, jobs: { schedule: false } });
    const svc = (await import('../../engine/src/backup/service.js')).BackupService;
    const { systemClock } = await import('../../engine/src/config/clock.js');
    const backups = new svc(loadConfig(env), systemClock);
    /** The binary-log positions before and after `fn` (nothing else writes to the test's server meanwhile). */
    const binlogAround = async <T>(fn: () => Promise<T>): Promise<[T, string[]]> => {
      const before = await db.binlogPosition?.();
      const r = await fn();
      return [r, [before, await db.binlogPosition?.()].filter((x): x is string => !!x)];
    };
    const [restored, binlogByRestore] = await binlogAround(() => backups.restore('latest'));
    const afterRestore = await db.checksums();
    mark('restore');
    const blobOk = (sha: string) => {
      const f = path.join(dataDir, 'attachments', sha.slice(0, 2), sha.slice(2, 4), sha);
      return fs.existsSync(f) && crypto.createHash('sha256').update(fs.readFileSync(f)).digest('hex') === sha;
    };
    const blobsRestored = Object.values(blobs).every(blobOk);
    // The restored database serves: an engine starts on it and reads the newest task.
    const e2 = await restoreEngine();
    const newestTitle = (await e2.services.knex('tasks').orderBy('id', 'desc').first('title')).title;
    await e2.close();

    // Point in time between the two incrementals.
    const [pit, binlogByPit] = await binlogAround(() => backups.restore('latest', { until, force: true }));
    const atPit = await db.checksums();
    mark('restore --until');
    // MySQL/MariaDB: a point in time finer than a second is refused (the binary log counts seconds).
    const subSecond = db.binlogPosition
      ? await backups.restore('latest', { until: new Date(until.getTime() + 500), force: true }).then(
          () => 'restored',
          (e: Error) => e.message,
        )
      : null;

    // Verify through the CLI: intact, then one flipped byte in a file of the first incremental.
    const cli = (...args: string[]) => {
      const r = spawnSync('npm', ['run', '--silent', 'cli', '--', ...args], {
        cwd: repoRoot,
        env: { PATH: process.env.PATH, ...env },
        encoding: 'utf8',
      });
      return { status: r.status, out: `${r.stdout}${r.stderr}` };
    };
    const victim = [...inc1.files].sort((x, y) => y.size - x.size)[0]!;
    const victimPath = path.join(setDir(backupDir, inc1.id), encName(victim));
    const bytes = fs.readFileSync(victimPath);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    fs.writeFileSync(victimPath, bytes);
    const flipped = cli('backup', 'verify', inc2.id);
    mark('verify (CLI)');
    const [verifiedIntact, binlogByVerify] = await binlogAround(() =>
      new svc(loadConfig({ ...env, BACKUP_DIR: copyDir }), systemClock).verify(inc2.id),
    );
    mark('verify (copy)');
    return {
      full,
      inc1,
      inc2,
      original,
      atT,
      afterRestore,
      atPit,
      restored,
      pit,
      until,
      blobsRestored,
      newestTitle,
      flipped,
      victim: `${inc1.id}/${encName(victim)}`,
      verifiedIntact,
      binlogByRestore,
      binlogByPit,
      binlogByVerify,
      subSecond,
      backupDir,
      copyDir,
    };
  } finally {
    await engine?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The tables whose checksums differ between two snapshots. */
export const differing = (x: TableSums, y: TableSums) =>
  [...new Set([...Object.keys(x), ...Object.keys(y)])]
    .filter((t) => x[t]?.sha256 !== y[t]?.sha256 || x[t]?.rows !== y[t]?.rows)
    .sort();
