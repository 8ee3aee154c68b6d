// SQLite: full backups with the online backup API (better-sqlite3 `db.backup()`: a consistent copy while
// the engine keeps writing), incrementals from a changes log.
//
// Why a changes log: SQLite has no binary log. A page-level diff of two snapshots would give
// incrementals, but only the states at the moments of the backups — no point in time between them. So
// the first full backup installs triggers on every table that append each change, as the SQL statement
// that repeats it (values through quote(): exact for text, integers, blobs and reals), with its UTC time
// to the millisecond, to `backup_changes`. An incremental is the log since the previous set, read in one
// read transaction together with the table checksums; the copied rows are then pruned from the live log.
// A restore copies the full and replays the statements in order, stopping before `--until`.
// Limits, said plainly: schema changes are not in the log — when the schema differs from the previous
// set (a migration, a new indexed form field) the next backup is a full one; and the point in time cuts
// per change: a transaction in progress at that very millisecond may be applied in part.
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { Database, type Db } from './driver.js';
import { sqliteTableChecksums, type TableSums } from './checksum.js';
import { toDbTime } from '../db/time.js';

export const LOG_TABLE = 'backup_changes';
const TRIGGER_PREFIX = 'backup_log_';

export class NeedsFull extends Error {}

/** The database file of a DATABASE_URL (absent: $DATA_DIR/dondoc.sqlite), as db/connect.ts opens it. */
export function sqliteFileOf(url: string | undefined, dataDir: string): string {
  if (!url) return path.resolve(dataDir, 'dondoc.sqlite');
  if (url === 'sqlite::memory:') throw new Error('an in-memory database cannot be backed up');
  return path.resolve(url.replace(/^(sqlite|file):(\/\/)?/, ''));
}

export function openSqlite(file: string, opts: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { fileMustExist: true, readonly: opts.readonly ?? false });
  db.pragma('busy_timeout = 15000');
  return db;
}

const q = (name: string) => `"${name.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

function userTables(db: Db): string[] {
  return (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((t) => !t.startsWith('backup_'));
}

/** The schema the log's statements were written for: tables, indexes, views (not the log's own triggers). */
export function schemaFingerprint(db: Db): string {
  const rows = db
    .prepare(
      `SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type IN ('table', 'index', 'view', 'trigger') AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY type, name`,
    )
    .all() as { type: string; name: string; tbl_name: string; sql: string | null }[];
  const h = crypto.createHash('sha256');
  for (const r of rows) {
    if (r.type === 'trigger' && r.name.startsWith(TRIGGER_PREFIX)) continue;
    if (r.tbl_name.startsWith('backup_')) continue;
    h.update(`${r.type}\0${r.name}\0${r.sql ?? ''}\n`);
  }
  return h.digest('hex');
}

function triggerSql(db: Db, table: string): string[] {
  const info = db.prepare(`SELECT name, pk, hidden FROM pragma_table_xinfo(?)`).all(table) as {
    name: string;
    pk: number;
    hidden: number;
  }[];
  const cols = info.filter((c) => Number(c.hidden) === 0).map((c) => c.name);
  const pk = info
    .filter((c) => Number(c.pk) > 0)
    .sort((a, b) => a.pk - b.pk)
    .map((c) => c.name);
  const key = pk.length ? pk : ['rowid'];
  const colList = (pk.length ? cols : ['rowid', ...cols]).map(q).join(',');
  const values = (row: 'NEW' | 'OLD', names: string[]) =>
    names.map((c) => `quote(${row}.${q(c)})`).join(` || ',' || `);
  const where = key
    .map((c, i) => `${lit(`${i ? ' AND ' : ' WHERE '}${q(c)} IS `)} || quote(OLD.${q(c)})`)
    .join(' || ');
  const log = (expr: string) =>
    `INSERT INTO ${LOG_TABLE}(at, stmt) VALUES (strftime('%Y-%m-%d %H:%M:%f', 'now'), ${expr})`;
  const t = q(table);
  const name = (op: string) => q(`${TRIGGER_PREFIX}${table}_${op}`);
  const setList = (pk.length ? cols : ['rowid', ...cols])
    .map((c, i) => `${lit(`${i ? ',' : ''}${q(c)}=`)} || quote(NEW.${q(c)})`)
    .join(' || ');
  return [
    `CREATE TRIGGER ${name('ins')} AFTER INSERT ON ${t} BEGIN ${log(`${lit(`INSERT OR REPLACE INTO ${t}(${colList}) VALUES(`)} || ${values('NEW', pk.length ? cols : ['rowid', ...cols])} || ')'`)}; END`,
    `CREATE TRIGGER ${name('upd')} AFTER UPDATE ON ${t} BEGIN ${log(`${lit(`UPDATE ${t} SET `)} || ${setList} || ${where}`)}; END`,
    `CREATE TRIGGER ${name('del')} AFTER DELETE ON ${t} BEGIN ${log(`${lit(`DELETE FROM ${t}`)} || ${where}`)}; END`,
  ];
}

function dropLogTriggers(db: Db) {
  for (const r of db
    .prepare(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'backup\\_log\\_%' ESCAPE '\\'`,
    )
    .all() as { name: string }[])
    db.exec(`DROP TRIGGER IF EXISTS ${q(r.name)}`);
}

function ensureLogTable(db: Db) {
  db.exec(
    `CREATE TABLE IF NOT EXISTS ${LOG_TABLE} (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, stmt TEXT NOT NULL)`,
  );
  db.exec(
    `CREATE TABLE IF NOT EXISTS backup_state (key VARCHAR(64) PRIMARY KEY, value VARCHAR(255), updated_at DATETIME)`,
  );
}

/** Whether every user table has its three log triggers (a table added since has none). */
function logComplete(db: Db): boolean {
  const have = new Set(
    (
      db
        .prepare(
          `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'backup\\_log\\_%' ESCAPE '\\'`,
        )
        .all() as { name: string }[]
    ).map((r) => r.name),
  );
  return userTables(db).every((t) =>
    ['ins', 'upd', 'del'].every((op) => have.has(`${TRIGGER_PREFIX}${t}_${op}`)),
  );
}

export function readLineage(db: Db): string | null {
  try {
    const r = db.prepare(`SELECT value FROM backup_state WHERE key = 'lineage'`).get() as
      { value: string } | undefined;
    return r?.value ?? null;
  } catch {
    return null;
  }
}

export interface SqliteFull {
  lineage: string;
  toSeq: number;
  fingerprint: string;
  tables: TableSums;
}

/**
 * A full backup into `copyFile`: (re)installs the log triggers and starts a new lineage in one write
 * transaction, then copies the database page by page while the engine keeps working.
 */
export async function sqliteFull(
  file: string,
  copyFile: string,
  now: Date,
  progress?: (done: number, total: number) => void,
): Promise<SqliteFull> {
  const src = openSqlite(file);
  const lineage = crypto.randomUUID();
  try {
    src
      .transaction(() => {
        ensureLogTable(src);
        dropLogTriggers(src);
        for (const t of userTables(src)) for (const sql of triggerSql(src, t)) src.exec(sql);
        src
          .prepare(
            `INSERT INTO backup_state(key, value, updated_at) VALUES ('lineage', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
          )
          .run(lineage, toDbTime(now));
      })
      .immediate();
    // Page by page (a progress bar), but a write by the engine restarts the copy: after two restarts the
    // rest goes in one step, one read transaction, which WAL lets the engine's writes run beside.
    let last = Infinity;
    let restarts = 0;
    await src.backup(copyFile, {
      progress({ totalPages, remainingPages }) {
        if (remainingPages > last) restarts++;
        last = remainingPages;
        progress?.(totalPages - remainingPages, totalPages);
        return restarts >= 2 ? Math.max(totalPages, 1) : 1024;
      },
    });
  } finally {
    src.close();
  }
  const copy = openSqlite(copyFile);
  try {
    const toSeq = Number(
      (copy.prepare(`SELECT COALESCE(MAX(seq), 0) AS s FROM ${LOG_TABLE}`).get() as { s: number }).s,
    );
    copy.prepare(`DELETE FROM ${LOG_TABLE}`).run(); // the full is the state at toSeq: its log is of no use
    const fingerprint = schemaFingerprint(copy);
    const tables = await sqliteTableChecksums(copy);
    copy.pragma('journal_mode = DELETE'); // one self-contained file
    return { lineage: readLineage(copy) ?? lineage, toSeq, fingerprint, tables };
  } finally {
    copy.close();
  }
}

export interface SqliteIncremental {
  fromSeq: number;
  toSeq: number;
  changes: number;
  fingerprint: string;
  tables: TableSums;
  firstAt: string | null;
  lastAt: string | null;
}

/**
 * The changes after `prev.toSeq` into `outFile` (one JSON line per change), with the table checksums of
 * the same moment: everything is read in one read transaction.
 */
export async function sqliteIncremental(
  file: string,
  prev: { lineage: string; toSeq: number; fingerprint: string },
  outFile: string,
): Promise<SqliteIncremental> {
  const src = openSqlite(file);
  try {
    src.exec('BEGIN'); // deferred: the snapshot starts with the first read and holds until COMMIT
    try {
      const lineage = readLineage(src);
      if (lineage !== prev.lineage)
        throw new NeedsFull(
          'the database is not the one the previous backup was taken of (restored or replaced since)',
        );
      const fingerprint = schemaFingerprint(src);
      if (fingerprint !== prev.fingerprint)
        throw new NeedsFull(
          'the schema changed since the previous backup (a migration or a new indexed field)',
        );
      if (!logComplete(src)) throw new NeedsFull('the changes log does not cover every table');
      const fd = fs.openSync(outFile, 'w', 0o600);
      let toSeq = prev.toSeq;
      let changes = 0;
      let firstAt: string | null = null;
      let lastAt: string | null = null;
      try {
        let buf = '';
        for (const r of src
          .prepare(`SELECT seq, at, stmt FROM ${LOG_TABLE} WHERE seq > ? ORDER BY seq`)
          .iterate(prev.toSeq) as Iterable<{ seq: number; at: string; stmt: string }>) {
          buf += `${JSON.stringify([r.seq, r.at, r.stmt])}\n`;
          if (buf.length > 1 << 20) {
            fs.writeSync(fd, buf);
            buf = '';
          }
          toSeq = r.seq;
          changes++;
          firstAt ??= r.at;
          lastAt = r.at;
        }
        fs.writeSync(fd, buf);
      } finally {
        fs.closeSync(fd);
      }
      const tables = await sqliteTableChecksums(src);
      return { fromSeq: prev.toSeq, toSeq, changes, fingerprint, tables, firstAt, lastAt };
    } finally {
      src.exec('COMMIT');
    }
  } finally {
    src.close();
  }
}

/** Drops the log rows a written set holds (they are in the backup now). */
export function pruneLog(file: string, upToSeq: number): void {
  const db = openSqlite(file);
  try {
    db.prepare(`DELETE FROM ${LOG_TABLE} WHERE seq <= ?`).run(upToSeq);
  } finally {
    db.close();
  }
}

/**
 * Rebuilds a database at `target` from a full copy and change files, applying only the changes logged
 * before `until` (UTC 'YYYY-MM-DD HH:MM:SS.mmm'). The result has no log triggers and a new lineage: the
 * next backup of it is a full one.
 */
export async function sqliteRestore(
  fullCopy: string,
  changeFiles: string[],
  target: string,
  opts: { until?: string; onChange?: (n: number) => void } = {},
): Promise<{ applied: number; lastAt: string | null }> {
  const db = openSqlite(fullCopy);
  let applied = 0;
  let lastAt: string | null = null;
  try {
    dropLogTriggers(db);
    db.pragma('foreign_keys = OFF'); // the log holds the cascades' own changes, in their order
    let stop = false;
    for (const f of changeFiles) {
      if (stop) break;
      const rl = readline.createInterface({ input: fs.createReadStream(f, 'utf8'), crlfDelay: Infinity });
      db.exec('BEGIN');
      try {
        for await (const line of rl) {
          if (!line) continue;
          const [, at, stmt] = JSON.parse(line) as [number, string, string];
          if (opts.until && at >= opts.until) {
            stop = true;
            break;
          }
          db.exec(stmt);
          applied++;
          lastAt = at;
          if (applied % 500 === 0) opts.onChange?.(applied);
        }
        db.exec('COMMIT');
      } catch (err) {
        db.exec('ROLLBACK');
        throw err;
      } finally {
        rl.close();
      }
    }
    ensureLogTable(db);
    db.prepare(`DELETE FROM ${LOG_TABLE}`).run();
    db.prepare(
      `INSERT INTO backup_state(key, value, updated_at) VALUES ('lineage', ?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at`,
    ).run(`restored-${crypto.randomUUID()}`, toDbTime(new Date()));
    db.pragma('foreign_keys = ON');
    const fk = db.pragma('foreign_key_check') as unknown[];
    if (fk.length) throw new Error(`the restored database breaks ${fk.length} foreign key(s)`);
  } finally {
    db.close();
  }
  fs.mkdirSync(path.dirname(target), { recursive: true });
  for (const ext of ['-wal', '-shm', '-journal']) fs.rmSync(`${target}${ext}`, { force: true });
  fs.copyFileSync(fullCopy, `${target}.restoring`);
  fs.renameSync(`${target}.restoring`, target);
  return { applied, lastAt };
}

/** The checksums of a database file (a restored one, for verify). */
export async function sqliteChecksums(file: string): Promise<TableSums> {
  const db = openSqlite(file, { readonly: true });
  try {
    return await sqliteTableChecksums(db);
  } finally {
    db.close();
  }
}
