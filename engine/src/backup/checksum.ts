// Table checksums, computed the same way on the source and on a restored copy: every row read in primary
// key order, each value in a canonical text form, columns by name — so the result depends on the data
// only, not on the server version, the column order or the driver's type mapping (CHECKSUM TABLE
// differs across MySQL/MariaDB versions and row formats; SQLite has none).
import crypto from 'node:crypto';
import knexFactory, { type Knex } from 'knex';
import type { Db as SqliteDb } from './driver.js';
import type { Dialect } from '../db/connect.js';

export interface TableSum {
  rows: number;
  sha256: string;
}
export type TableSums = Record<string, TableSum>;

/** Bookkeeping of the backups themselves: in the backup, but outside the comparison. */
export const isBookkeeping = (table: string) => table.startsWith('backup_');

/**
 * A connection for checksums and snapshots: a single connection (a snapshot transaction and FTWRL are
 * per connection), date and big numbers as the server's text (canonical, whatever the driver version).
 */
export function checksumKnex(url: string): Knex {
  const u = new URL(url.replace(/^mariadb:/, 'mysql:'));
  return knexFactory({
    client: 'mysql2',
    connection: {
      host: u.hostname,
      port: u.port ? Number(u.port) : 3306,
      user: decodeURIComponent(u.username),
      password: decodeURIComponent(u.password),
      database: u.pathname.replace(/^\//, '') || undefined,
      charset: 'utf8mb4',
      timezone: 'Z',
      dateStrings: true,
      supportBigNumbers: true,
      bigNumberStrings: true,
      decimalNumbers: false,
    },
    pool: { min: 1, max: 1 },
  });
}

export async function listTables(k: Knex, dialect: Dialect): Promise<string[]> {
  if (dialect === 'sqlite') {
    const rows = await k.raw(
      `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
    );
    return rows.map((r: any) => String(r.name));
  }
  const [rows] = await k.raw(
    `SELECT TABLE_NAME AS name FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_TYPE = 'BASE TABLE' ORDER BY TABLE_NAME`,
  );
  return rows.map((r: any) => String(r.name));
}

/** Primary key columns in key order; all columns when a table has none. */
export async function keyColumns(
  k: Knex,
  dialect: Dialect,
  table: string,
): Promise<{ key: string[]; columns: string[] }> {
  if (dialect === 'sqlite') {
    const info: any[] = await k.raw(`SELECT name, pk, hidden FROM pragma_table_xinfo(?)`, [table]);
    const columns = info.map((c) => String(c.name));
    const key = info
      .filter((c) => Number(c.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((c) => String(c.name));
    return { key: key.length ? key : columns, columns };
  }
  const [cols] = await k.raw(
    `SELECT COLUMN_NAME AS name, COLUMN_KEY AS ck FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION`,
    [table],
  );
  const [pk] = await k.raw(
    `SELECT COLUMN_NAME AS name FROM information_schema.KEY_COLUMN_USAGE WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ? AND CONSTRAINT_NAME = 'PRIMARY' ORDER BY ORDINAL_POSITION`,
    [table],
  );
  const columns = cols.map((c: any) => String(c.name));
  const key = pk.map((c: any) => String(c.name));
  return { key: key.length ? key : columns, columns };
}

/** One value in canonical form: null, a number or integer as decimal text, text, bytes as hex. */
export function canonicalValue(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return `n:${v.toString()}`;
  if (typeof v === 'number') return Number.isInteger(v) ? `n:${v}` : `n:${String(v)}`;
  if (typeof v === 'boolean') return `n:${v ? 1 : 0}`;
  if (Buffer.isBuffer(v)) return `b:${v.toString('hex')}`;
  if (v instanceof Date) return `s:${v.toISOString()}`;
  return `s:${String(v)}`;
}

/** Checksum and row count of every table but the backups' bookkeeping, on one connection. */
export async function tableChecksums(
  k: Knex,
  dialect: Dialect,
  onTable?: (done: number, total: number, table: string) => void,
): Promise<TableSums> {
  const tables = (await listTables(k, dialect)).filter((t) => !isBookkeeping(t));
  const out: TableSums = {};
  let done = 0;
  for (const table of tables) {
    onTable?.(done, tables.length, table);
    out[table] = await tableChecksum(k, dialect, table);
    done++;
  }
  onTable?.(done, tables.length, '');
  return out;
}

/** The one hashing of a table: the sorted column names, then each row's canonical values, in key order. */
export class RowHasher {
  private h = crypto.createHash('sha256');
  rows = 0;
  constructor(readonly names: string[]) {
    this.h.update(`${JSON.stringify(names)}\n`);
  }
  add(row: Record<string, unknown>) {
    this.h.update(`${JSON.stringify(this.names.map((n) => canonicalValue(row[n])))}\n`);
    this.rows++;
  }
  result(): TableSum {
    return { rows: this.rows, sha256: this.h.digest('hex') };
  }
}

const quoteId = (dialect: Dialect, name: string) =>
  dialect === 'sqlite' ? `"${name.replace(/"/g, '""')}"` : `\`${name.replace(/`/g, '``')}\``;

/** SELECT of a table's columns (sorted by name) in primary key order. */
export function orderedSelect(dialect: Dialect, table: string, names: string[], key: string[]): string {
  const q = (n: string) => quoteId(dialect, n);
  return `SELECT ${names.map(q).join(', ')} FROM ${q(table)} ORDER BY ${key.map(q).join(', ')}`;
}

export async function tableChecksum(k: Knex, dialect: Dialect, table: string): Promise<TableSum> {
  const { key, columns } = await keyColumns(k, dialect, table);
  const hasher = new RowHasher([...columns].sort());
  const stream = k.raw(orderedSelect(dialect, table, hasher.names, key)).stream();
  for await (const row of stream as AsyncIterable<Record<string, unknown>>) hasher.add(row);
  return hasher.result();
}

/** The same checksums over a better-sqlite3 connection (inside whatever read transaction it has open). */
export async function sqliteTableChecksums(
  db: SqliteDb,
  onTable?: (done: number, total: number, table: string) => void,
): Promise<TableSums> {
  const tables = (
    db
      .prepare(
        `SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\' ORDER BY name`,
      )
      .all() as { name: string }[]
  )
    .map((r) => r.name)
    .filter((t) => !isBookkeeping(t));
  const out: TableSums = {};
  for (const [i, table] of tables.entries()) {
    onTable?.(i, tables.length, table);
    const info = db.prepare(`SELECT name, pk FROM pragma_table_xinfo(?)`).all(table) as {
      name: string;
      pk: number | bigint;
    }[];
    const columns = info.map((c) => c.name);
    const pk = info
      .filter((c) => Number(c.pk) > 0)
      .sort((a, b) => Number(a.pk) - Number(b.pk))
      .map((c) => c.name);
    const hasher = new RowHasher([...columns].sort());
    const stmt = db
      .prepare(orderedSelect('sqlite', table, hasher.names, pk.length ? pk : columns))
      .safeIntegers(true);
    for (const row of stmt.iterate() as Iterable<Record<string, unknown>>) {
      hasher.add(row);
      // The driver is synchronous: let the engine's requests and jobs run now and then.
      if (hasher.rows % 5000 === 0) await new Promise((r) => setImmediate(r));
    }
    out[table] = hasher.result();
  }
  onTable?.(tables.length, tables.length, '');
  return out;
}

/** The tables whose checksum or row count differ; missing and extra tables count as differing. */
export function compareSums(expected: TableSums, actual: TableSums): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.filter(
    (n) => expected[n]?.sha256 !== actual[n]?.sha256 || expected[n]?.rows !== actual[n]?.rows,
  );
}
