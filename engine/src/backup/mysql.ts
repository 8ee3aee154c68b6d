// MySQL/MariaDB: a full backup is `mariadb-dump --single-transaction --master-data=2` (InnoDB's consistent
// snapshot: writers are not blocked while it runs), which records the binary-log position of its snapshot;
// an incremental is the binary-log files from the previous set's position up to a rotation
// (`FLUSH BINARY LOGS`), fetched with `mariadb-binlog --read-from-remote-server --raw`, so the database
// server may be on another machine. A restore loads the dump and replays the binary logs of the chain,
// filtered to this database (and renamed when restoring under another name), up to a point in time.
// Nothing a restore (or a verify's scratch restore) writes goes to the server's own binary log
// (`sql_log_bin = 0` on every restoring session): otherwise the next incrementals of every database on
// that server would carry a whole copy of the restored data (and a replica would replay it).
//
// The manifest's table checksums must describe exactly the state the dump (or the rotation) holds. So a
// second connection takes FLUSH TABLES WITH READ LOCK and its own consistent snapshot, and releases the
// lock as soon as the dump has started its own snapshot: under the lock no transaction commits, so both
// snapshots are the same state — and the two binary-log positions must agree, which is checked. Commits
// wait for that moment only (a fraction of a second); then the checksums are computed in the snapshot
// while the dump runs.
import crypto from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { spawn, spawnSync } from 'node:child_process';
import type { Knex } from 'knex';
import { checksumKnex, tableChecksums, type TableSums } from './checksum.js';
import { NeedsFull } from './sqlite.js';
import { toDbTime } from '../db/time.js';

export interface MysqlTarget {
  host: string;
  port: number;
  user: string;
  password: string;
  database: string;
}

export interface BinlogPos {
  file: string;
  pos: number;
}

export function mysqlTargetOf(url: string): MysqlTarget {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  const database = decodeURIComponent(u.pathname.replace(/^\//, ''));
  if (!database) throw new Error('DATABASE_URL names no database');
  return {
    host: u.hostname || '127.0.0.1',
    port: u.port ? Number(u.port) : 3306,
    user: decodeURIComponent(u.username),
    password: decodeURIComponent(u.password),
    database,
  };
}

export function urlOf(t: MysqlTarget, database = t.database): string {
  const u = new URL('mysql://localhost/');
  u.hostname = t.host;
  u.port = String(t.port);
  u.username = encodeURIComponent(t.user);
  u.password = encodeURIComponent(t.password);
  u.pathname = `/${database}`;
  return u.toString();
}

const found = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`], { stdio: 'ignore' }).status === 0;
const tools = new Map<string, string>();
/** `mariadb-dump` (or `mysqldump`), `mariadb-binlog` (or `mysqlbinlog`), `mariadb` (or `mysql`). */
export function tool(name: 'dump' | 'binlog' | 'client'): string {
  if (!tools.has(name)) {
    const [a, b] = {
      dump: ['mariadb-dump', 'mysqldump'],
      binlog: ['mariadb-binlog', 'mysqlbinlog'],
      client: ['mariadb', 'mysql'],
    }[name] as [string, string];
    const t = found(a) ? a : found(b) ? b : undefined;
    if (!t)
      throw new Error(
        `${a} (or ${b}) is not installed: install the MariaDB/MySQL client (Debian: apt-get install mariadb-client)`,
      );
    tools.set(name, t);
  }
  return tools.get(name)!;
}

/**
 * The options that differ between the MariaDB and the MySQL client tools, read from the tool's own
 * `--help` (so a MariaDB client against MySQL, or the reverse, gets what that binary knows):
 * - the dump's binary-log position: MariaDB's `--master-data=2`; MySQL 8.0.26+ `--source-data=2` (8.4
 *   removed `--master-data`);
 * - MySQL with GTIDs: the dump would write `SET @@GLOBAL.GTID_PURGED` (fails when loaded into a server
 *   that has GTIDs of its own) → `--set-gtid-purged=OFF`; its binary-log decoder would replay each
 *   transaction under its original GTID, which the server already executed and silently skips →
 *   `--skip-gtids`. MariaDB's GTIDs do not skip replayed events, and its tools have neither option.
 */
export function flavourArgs(tool: 'dump' | 'binlog', help: string): string[] {
  const knows = (option: string) => new RegExp(`^\\s*${option}\\b`, 'm').test(help);
  if (tool === 'dump')
    return [
      knows('--source-data') ? '--source-data=2' : '--master-data=2',
      ...(knows('--set-gtid-purged') ? ['--set-gtid-purged=OFF'] : []),
    ];
  return knows('--skip-gtids') ? ['--skip-gtids'] : [];
}

const helps = new Map<string, string>();
function helpOf(cmd: string): string {
  if (!helps.has(cmd)) helps.set(cmd, spawnSync(cmd, ['--help'], { encoding: 'utf8' }).stdout ?? '');
  return helps.get(cmd)!;
}

/** The position the dump prints: `CHANGE MASTER TO MASTER_LOG_FILE=…` or (MySQL 8) `CHANGE REPLICATION SOURCE TO SOURCE_LOG_FILE=…`. */
export const DUMP_POSITION =
  /CHANGE (?:MASTER|REPLICATION SOURCE) TO (?:MASTER|SOURCE)_LOG_FILE='([^']+)', (?:MASTER|SOURCE)_LOG_POS=(\d+)/;

/** The password never goes on a command line (ps shows it): a 0600 defaults file, removed after. */
async function withDefaults<T>(t: MysqlTarget, fn: (file: string) => Promise<T>): Promise<T> {
  const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'dondoc-my-'));
  const file = path.join(dir, 'client.cnf');
  const esc = (v: string) => `"${v.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
  await fsp.writeFile(
    file,
    `[client]\nhost=${esc(t.host)}\nport=${t.port}\nuser=${esc(t.user)}\npassword=${esc(t.password)}\nprotocol=TCP\n`,
    { mode: 0o600 },
  );
  try {
    return await fn(file);
  } finally {
    await fsp.rm(dir, { recursive: true, force: true });
  }
}

interface RunOpts {
  /** A file fed to the tool's standard input (opened when the tool starts: nothing read is lost). */
  stdinFile?: string;
  onStdinBytes?: (n: number) => void;
  stdout?: NodeJS.WritableStream;
  onStdout?: (chunk: Buffer) => void;
  env?: NodeJS.ProcessEnv;
}

/** The telling line of a client tool's stderr (the mariadb client frames statements with dashes). */
function firstError(stderr: string): string {
  const lines = stderr
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l && !/^-+$/.test(l) && !/Warning/i.test(l));
  return (lines.find((l) => /ERROR|error/.test(l)) ?? lines[0] ?? '').slice(0, 500);
}

/** Runs a client tool; rejects with its first line of stderr. */
function run(cmd: string, args: string[], o: RunOpts = {}): Promise<void> {
  return new Promise((resolve, reject) => {
    const p = spawn(cmd, args, { stdio: ['pipe', 'pipe', 'pipe'], env: o.env ?? process.env });
    let err = '';
    p.stderr.on('data', (d) => (err = (err + d).slice(-4000)));
    p.stdout.on('data', (d: Buffer) => o.onStdout?.(d));
    if (o.stdout) p.stdout.pipe(o.stdout);
    else if (!o.onStdout) p.stdout.resume();
    if (o.stdinFile) {
      const input = fs.createReadStream(o.stdinFile);
      input.on('data', (c) => o.onStdinBytes?.(c.length));
      input.on('error', (e) => {
        p.kill();
        reject(e);
      });
      input.pipe(p.stdin);
    } else p.stdin.end();
    p.stdin.on('error', () => {}); // the tool may exit first; its status says why
    p.on('error', reject);
    p.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${cmd} exited with ${code}: ${firstError(err)}`.trim()));
    });
  });
}

async function rows(k: Knex, sql: string, bindings: unknown[] = []): Promise<any[]> {
  const [r] = await k.raw(sql, bindings as any);
  return r as any[];
}

async function binlogOn(k: Knex): Promise<boolean> {
  const r = await rows(k, `SHOW VARIABLES LIKE 'log_bin'`);
  return String(r[0]?.Value ?? '').toUpperCase() === 'ON';
}

async function masterStatus(k: Knex): Promise<BinlogPos> {
  let r: any[];
  try {
    r = await rows(k, 'SHOW MASTER STATUS');
  } catch {
    r = await rows(k, 'SHOW BINARY LOG STATUS'); // MySQL 8.4
  }
  if (!r[0]) throw new Error('the server reports no binary-log position (log_bin off?)');
  return { file: String(r[0].File), pos: Number(r[0].Position) };
}

async function binaryLogs(k: Knex): Promise<{ file: string; size: number }[]> {
  return (await rows(k, 'SHOW BINARY LOGS')).map((r) => ({
    file: String(r.Log_name),
    size: Number(r.File_size),
  }));
}

/** The statement that keeps a restoring session out of the binary log. */
const UNLOGGED = 'SET SESSION sql_log_bin = 0';

/**
 * Whether this account may keep its sessions out of the binary log (MariaDB: SUPER or BINLOG ADMIN; MySQL:
 * SYSTEM_VARIABLES_ADMIN or SESSION_VARIABLES_ADMIN). Without it a restore is still possible — and logged.
 */
export async function canRestoreUnlogged(url: string): Promise<boolean> {
  const k = checksumKnex(urlOf(mysqlTargetOf(url), ''));
  try {
    await k.raw(UNLOGGED);
    return true;
  } catch {
    return false;
  } finally {
    await k.destroy();
  }
}

/** A connection whose writes are not binary-logged (`unlogged`), for a restore. */
async function restoringKnex(url: string, unlogged: boolean): Promise<Knex> {
  const k = checksumKnex(url);
  if (unlogged) await k.raw(UNLOGGED); // one connection (pool of 1): the setting holds for every statement
  return k;
}

/** The client tool's option that does the same for its session. */
const unloggedArgs = (unlogged: boolean) => (unlogged ? [`--init-command=${UNLOGGED}`] : []);

/**
 * Runs the client tool on the database of `t` (a restore's load or replay), `args` before the database's
 * name; its session is kept out of the binary log when `unlogged`.
 */
function runClient(t: MysqlTarget, args: string[], unlogged: boolean, o: RunOpts): Promise<void> {
  return withDefaults(t, (cnf) =>
    run(
      tool('client'),
      [
        `--defaults-extra-file=${cnf}`,
        ...unloggedArgs(unlogged),
        '--max-allowed-packet=1G',
        ...args,
        t.database,
      ],
      o,
    ),
  );
}

async function writeLineage(k: Knex, lineage: string, now: Date) {
  await k.raw(
    'CREATE TABLE IF NOT EXISTS backup_state (`key` VARCHAR(64) NOT NULL PRIMARY KEY, value VARCHAR(255), updated_at DATETIME(3)) DEFAULT CHARSET = utf8mb4',
  );
  await k.raw(
    'INSERT INTO backup_state (`key`, value, updated_at) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value), updated_at = VALUES(updated_at)',
    ['lineage', lineage, toDbTime(now)],
  );
}

export async function readLineageMysql(k: Knex): Promise<string | null> {
  try {
    const r = await rows(k, 'SELECT value FROM backup_state WHERE `key` = ?', ['lineage']);
    return r[0]?.value ?? null;
  } catch {
    return null;
  }
}

async function serverVersion(k: Knex): Promise<string> {
  return String((await rows(k, 'SELECT VERSION() AS v'))[0].v);
}

async function dataBytes(k: Knex): Promise<number> {
  const r = await rows(
    k,
    'SELECT COALESCE(SUM(DATA_LENGTH), 0) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()',
  );
  return Number(r[0].n);
}

/** Holds FLUSH TABLES WITH READ LOCK at most this long, whatever happens. */
const MAX_LOCK_MS = 30_000;

export interface MysqlFull {
  lineage: string;
  position: BinlogPos | null;
  tables: TableSums;
  lockedMs: number;
  server: string;
  snapshotAt: Date;
}

export async function mysqlFull(
  url: string,
  dumpFile: string,
  now: Date,
  progress?: (done: number, total: number) => void,
): Promise<MysqlFull> {
  const t = mysqlTargetOf(url);
  const k = checksumKnex(url);
  const lineage = crypto.randomUUID();
  let dumpStarted = false;
  void dumpStarted;
  try {
    const server = await serverVersion(k);
    const withBinlog = await binlogOn(k);
    const estimate = Math.max(1, await dataBytes(k));
    await writeLineage(k, lineage, now);
    await k.raw('SET SESSION lock_wait_timeout = 60');
    await k.raw('FLUSH TABLES WITH READ LOCK');
    const lockedAt = Date.now();
    let unlocked = false;
    const unlock = async () => {
      if (unlocked) return;
      unlocked = true;
      await k.raw('UNLOCK TABLES');
    };
    const safety = setTimeout(() => void unlock().catch(() => {}), MAX_LOCK_MS);
    let ours: BinlogPos | null = null;
    let theirs: BinlogPos | null = null;
    let lockedMs = 0;
    try {
      await k.raw('START TRANSACTION WITH CONSISTENT SNAPSHOT');
      if (withBinlog) ours = await masterStatus(k);
      const snapshotAt = new Date();
      const out = fs.createWriteStream(dumpFile, { mode: 0o600 });
      let head = '';
      let written = 0;
      let released: Promise<void> | undefined;
      let signal!: () => void;
      const started = new Promise<void>((r) => (signal = r));
      const dump = withDefaults(t, (cnf) =>
        run(
          tool('dump'),
          [
            `--defaults-extra-file=${cnf}`,
            '--single-transaction',
            ...(withBinlog ? flavourArgs('dump', helpOf(tool('dump'))) : []),
            '--hex-blob',
            '--routines',
            '--triggers',
            '--default-character-set=utf8mb4',
            '--max-allowed-packet=1G',
            t.database,
          ],
          {
            stdout: out,
            onStdout(chunk) {
              written += chunk.length;
              progress?.(Math.min(written, estimate), estimate);
              if (released) return;
              head += chunk.toString('utf8');
              const m = DUMP_POSITION.exec(head);
              if (m) theirs = { file: m[1]!, pos: Number(m[2]) };
              // The dump has its snapshot once it prints its position, or starts on the first table.
              if (m || /-- Table structure for table|-- Dump completed/.test(head)) {
                lockedMs = Date.now() - lockedAt;
                released = unlock();
                signal();
              }
            },
          },
        ),
      );
      dumpStarted = true;
      await Promise.race([started, dump.then(signal, signal)]);
      if (!released) {
        await dump; // it failed: its reason
        throw new Error('the dump finished without its header: no snapshot to compare');
      }
      await released;
      // The checksums of the very state the dump is writing, while it writes.
      const checksums = await tableChecksums(k, 'mysql');
      await dump;
      await new Promise<void>((r) => (out.writableFinished ? r() : out.once('finish', () => r())));
      if (
        withBinlog &&
        (!theirs || ours!.file !== (theirs as BinlogPos).file || ours!.pos !== (theirs as BinlogPos).pos)
      )
        throw new Error(
          `the dump's binary-log position ${JSON.stringify(theirs)} is not the one held under the lock ${JSON.stringify(ours)}`,
        );
      await k.raw('COMMIT');
      progress?.(estimate, estimate);
      return { lineage, position: ours, tables: checksums, lockedMs, server, snapshotAt };
    } finally {
      clearTimeout(safety);
      if (!unlocked) await unlock().catch(() => {});
      await k.raw('ROLLBACK').catch(() => {}); // (after COMMIT: nothing to do)
    }
  } finally {
    await k.destroy();
  }
}

export interface MysqlIncremental {
  start: BinlogPos;
  end: BinlogPos;
  files: { file: string; size: number }[];
  tables: TableSums;
  server: string;
  snapshotAt: Date;
}

/** The binary logs from `prev` to a fresh rotation, into `outDir`, with the checksums of that moment. */
export async function mysqlIncremental(
  url: string,
  prev: { lineage: string; position: BinlogPos | null },
  outDir: string,
  progress?: (done: number, total: number) => void,
): Promise<MysqlIncremental> {
  const t = mysqlTargetOf(url);
  const k = checksumKnex(url);
  try {
    const server = await serverVersion(k);
    if (!(await binlogOn(k)))
      throw new NeedsFull('the binary log is off on this server (log_bin; see README "Backup")');
    if (!prev.position) throw new NeedsFull('the previous backup recorded no binary-log position');
    const lineage = await readLineageMysql(k);
    if (lineage !== prev.lineage)
      throw new NeedsFull(
        'the database is not the one the previous backup was taken of (restored or replaced since)',
      );
    const before = await binaryLogs(k);
    if (!before.some((b) => b.file === prev.position!.file))
      throw new NeedsFull(
        `the binary log ${prev.position.file} is gone from the server (purged: binlog_expire_logs_seconds too short?)`,
      );
    await k.raw('SET SESSION lock_wait_timeout = 60');
    await k.raw('FLUSH TABLES WITH READ LOCK');
    let end: BinlogPos;
    let snapshotAt: Date;
    try {
      await k.raw('FLUSH BINARY LOGS'); // (an implicit commit: the snapshot is taken after it, still under the lock)
      end = await masterStatus(k);
      await k.raw('START TRANSACTION WITH CONSISTENT SNAPSHOT');
      snapshotAt = new Date();
    } finally {
      await k.raw('UNLOCK TABLES');
    }
    try {
      const logs = await binaryLogs(k);
      const from = logs.findIndex((l) => l.file === prev.position!.file);
      const to = logs.findIndex((l) => l.file === end.file);
      if (from < 0 || to < 0 || to <= from)
        throw new Error(`cannot find the binary logs from ${prev.position.file} to ${end.file}`);
      const files = logs.slice(from, to);
      const total = files.reduce((n, f) => n + f.size, 0);
      await fsp.mkdir(outDir, { recursive: true });
      await withDefaults(t, (cnf) =>
        run(tool('binlog'), [
          `--defaults-extra-file=${cnf}`,
          '--read-from-remote-server',
          '--raw',
          `--result-file=${outDir}${path.sep}`,
          ...files.map((f) => f.file),
        ]),
      );
      let done = 0;
      for (const f of files) {
        const st = await fsp.stat(path.join(outDir, f.file)).catch(() => null);
        if (!st || st.size !== f.size)
          throw new Error(`binary log ${f.file}: fetched ${st?.size ?? 0} bytes, the server has ${f.size}`);
        done += f.size;
        progress?.(done, total);
      }
      const tables = await tableChecksums(k, 'mysql');
      await k.raw('COMMIT');
      return { start: prev.position, end, files, tables, server, snapshotAt };
    } catch (err) {
      await k.raw('ROLLBACK').catch(() => {});
      throw err;
    }
  } finally {
    await k.destroy();
  }
}

/** Creates the database when absent; refuses one that has tables unless `force` (which empties it). */
export async function prepareTarget(url: string, force: boolean, unlogged = true): Promise<void> {
  const t = mysqlTargetOf(url);
  const k = await restoringKnex(urlOf(t, ''), unlogged);
  try {
    const exists =
      (
        await rows(k, 'SELECT SCHEMA_NAME AS n FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
          t.database,
        ])
      ).length > 0;
    if (exists) {
      const n = Number(
        (
          await rows(k, 'SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?', [
            t.database,
          ])
        )[0].n,
      );
      if (n > 0 && !force)
        throw new Error(
          `the database ${t.database} has ${n} tables: restore into an empty or absent database, or pass --force to replace it`,
        );
      if (n > 0) await k.raw(`DROP DATABASE \`${t.database.replace(/`/g, '``')}\``);
    }
    await k.raw(
      `CREATE DATABASE IF NOT EXISTS \`${t.database.replace(/`/g, '``')}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
    );
  } finally {
    await k.destroy();
  }
}

export async function dropDatabase(url: string, unlogged = true): Promise<void> {
  const t = mysqlTargetOf(url);
  const k = await restoringKnex(urlOf(t, ''), unlogged);
  try {
    await k.raw(`DROP DATABASE IF EXISTS \`${t.database.replace(/`/g, '``')}\``);
  } finally {
    await k.destroy();
  }
}

/** Loads a dump into the (empty) database of `url`. */
export async function loadDump(
  url: string,
  dumpFile: string,
  progress?: (done: number, total: number) => void,
  unlogged = true,
): Promise<void> {
  const t = mysqlTargetOf(url);
  const total = (await fsp.stat(dumpFile)).size;
  let done = 0;
  await runClient(t, ['--default-character-set=utf8mb4'], unlogged, {
    stdinFile: dumpFile,
    onStdinBytes: (n) => progress?.((done += n), total),
  });
}

/**
 * Replays binary-log files (the first from `startPos`) into the database of `url`: only the events of
 * `sourceDb`, renamed to the target's name, stopping before `until` (UTC; the binary log counts seconds).
 */
export async function replayBinlogs(
  url: string,
  sourceDb: string,
  files: string[],
  startPos: number,
  until?: Date,
  unlogged = true,
): Promise<void> {
  const t = mysqlTargetOf(url);
  const args = [
    `--start-position=${startPos}`,
    `--database=${sourceDb}`,
    ...flavourArgs('binlog', helpOf(tool('binlog'))),
  ];
  if (sourceDb !== t.database) args.push(`--rewrite-db=${sourceDb}->${t.database}`);
  if (until) args.push(`--stop-datetime=${toDbTime(until).slice(0, 19)}`);
  const sql = `${files[0]}.replay.sql`;
  try {
    await run(tool('binlog'), [...args, `--result-file=${sql}`, ...files], {
      env: { ...process.env, TZ: 'UTC' },
    });
    await runClient(t, ['--binary-mode'], unlogged, { stdinFile: sql });
  } finally {
    await fsp.rm(sql, { force: true });
  }
}

/** After a restore: a new lineage, so the next backup of this database is a full one. */
export async function markRestored(url: string, unlogged = true): Promise<void> {
  const k = await restoringKnex(url, unlogged);
  try {
    await writeLineage(k, `restored-${crypto.randomUUID()}`, new Date());
  } finally {
    await k.destroy();
  }
}

export async function mysqlChecksums(url: string): Promise<TableSums> {
  const k = checksumKnex(url);
  try {
    return await tableChecksums(k, 'mysql');
  } finally {
    await k.destroy();
  }
}
