// One knex factory for both supported databases: SQLite (embedded default) and MySQL/MariaDB.
import fs from 'node:fs';
import path from 'node:path';
import knexFactory, { type Knex } from 'knex';

export type Dialect = 'sqlite' | 'mysql';

export function dialectOf(db: Knex): Dialect {
  const client = String(db.client.config.client);
  return client.includes('sqlite') ? 'sqlite' : 'mysql';
}

const STATEMENT_CACHE = 500;

/**
 * knex prepares every statement anew (better-sqlite3's `prepare` compiles the SQL each time: ~half of
 * the driver's time on the hot path). The connection keeps the most recently used prepared statements,
 * keyed by their SQL text. SQLite re-prepares a cached statement by itself when the schema changes
 * (e.g. a generated column added at runtime); the per-query `safeIntegers` option, which knex sets on the
 * statement, is reset to the connection's default before each reuse.
 */
function cacheStatements(conn: any): void {
  const prepare = conn.prepare.bind(conn);
  const cache = new Map<string, any>();
  conn.prepare = (sql: string) => {
    let st = cache.get(sql);
    if (st?.busy) return prepare(sql); // an iterator of it is still open: a fresh statement for this use
    if (st) {
      cache.delete(sql); // most recently used last
      st.safeIntegers(false);
    } else {
      st = prepare(sql);
      if (cache.size >= STATEMENT_CACHE) cache.delete(cache.keys().next().value!);
    }
    cache.set(sql, st);
    return st;
  };
}

/** `url` undefined → SQLite file under dataDir; `sqlite::memory:` → in-memory; `mysql://…` → MySQL/MariaDB. */
export function connect(url: string | undefined, dataDir = './data'): Knex {
  if (!url || url.startsWith('sqlite:') || url.startsWith('file:')) {
    let filename: string;
    if (url === 'sqlite::memory:') filename = ':memory:';
    else if (url) filename = url.replace(/^(sqlite|file):(\/\/)?/, '');
    else filename = path.join(dataDir, 'dondoc.sqlite');
    if (filename !== ':memory:') fs.mkdirSync(path.dirname(path.resolve(filename)), { recursive: true });
    return knexFactory({
      client: 'better-sqlite3',
      connection: { filename },
      useNullAsDefault: true,
      pool: {
        min: 1,
        max: 1,
        afterCreate(conn: any, done: (err: Error | null, conn: any) => void) {
          // WAL lets readers run beside the writer; busy_timeout makes a second process wait, not fail.
          if (filename !== ':memory:') conn.pragma('journal_mode = WAL');
          conn.pragma('foreign_keys = ON');
          conn.pragma('busy_timeout = 5000');
          conn.pragma('synchronous = NORMAL');
          // Statistics for the planner on databases that grew through the engine (tables never analysed or
          // changed a lot since); bounded by SQLite's own analysis limit, so cheap at start.
          if (filename !== ':memory:') conn.pragma('optimize = 0x10002');
          cacheStatements(conn);
          done(null, conn);
        },
      },
    });
  }
  if (url.startsWith('mysql:') || url.startsWith('mariadb:')) {
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
        dateStrings: false,
        supportBigNumbers: true,
        bigNumberStrings: false,
      },
      pool: { min: 0, max: Number(u.searchParams.get('pool') || 10) },
    });
  }
  throw new Error(`Unsupported DATABASE_URL scheme: ${url.split(':')[0]}`);
}
