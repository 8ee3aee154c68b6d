// The driver-only baseline: the captured statements of one request, replayed in a loop straight through
// mysql2 or better-sqlite3 (no knex, no HTTP, no engine), by `connections` concurrent workers on their
// own connections. One iteration = one request's statements; its rate is the database's ceiling for the
// operation. SQLite has one writer and a synchronous driver: one worker, as the engine's single connection.
// @ts-expect-error better-sqlite3 ships no types and @types/better-sqlite3 is not installed
import Database from 'better-sqlite3';
import mysql from 'mysql2';
import type { Statement } from './capture.js';
import { percentile, type Measured } from './load.js';

/** Per-iteration context: what `substitute` rules read (ids, versions, the id a task insert returned). */
export interface Iteration {
  worker: number;
  n: number;
  insertedId?: number;
  [k: string]: unknown;
}

export interface Rule {
  columns: string[];
  /** The captured value this rule replaces (compared with ===). */
  from: unknown;
  to: (it: Iteration) => unknown;
}

export interface ReplayPlan {
  statements: Statement[];
  rules: Rule[];
  /** Runs once before the loop (e.g. reads the current versions of the tasks it will change). */
  prepare?: () => Promise<void>;
  /** Sets up an iteration (e.g. picks the worker's next task); `done` records its effects. */
  begin?: (it: Iteration) => void;
  done?: (it: Iteration) => void;
}

export interface Driver {
  run(sql: string, bindings: unknown[]): Promise<{ insertId?: number }>;
  close(): Promise<void>;
}

function sqliteDriver(file: string): Driver {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  db.pragma('synchronous = NORMAL');
  const cache = new Map<string, any>();
  const fmt = (v: unknown) => (typeof v === 'boolean' ? Number(v) : v instanceof Date ? v.valueOf() : v);
  return {
    async run(sql, bindings) {
      let st = cache.get(sql);
      if (!st) cache.set(sql, (st = db.prepare(sql)));
      const args = bindings.map(fmt);
      if (st.reader) {
        st.all(...args);
        return {};
      }
      return { insertId: Number(st.run(...args).lastInsertRowid) };
    },
    async close() {
      db.close();
    },
  };
}

function mysqlDriver(url: string): Driver {
  const u = new URL(url);
  const conn = mysql.createConnection({ host: u.hostname, port: Number(u.port || 3306), user: decodeURIComponent(u.username), password: decodeURIComponent(u.password), database: u.pathname.slice(1), charset: 'utf8mb4', timezone: 'Z', supportBigNumbers: true });
  return {
    run: (sql, bindings) => new Promise((resolve, reject) => conn.query(sql, bindings, (err, res: any) => (err ? reject(err) : resolve({ insertId: res?.insertId })))),
    close: () => new Promise((resolve) => conn.end(() => resolve())),
  };
}

/** One connection straight through the driver of the URL's database (SQLite file or MariaDB). */
export function openDriver(url: string): Driver {
  return url.startsWith('sqlite:') ? sqliteDriver(url.slice('sqlite:'.length)) : mysqlDriver(url);
}

export function bind(plan: Pick<ReplayPlan, 'rules'>, st: Statement, it: Iteration): unknown[] {
  return st.bindings.map((v, i) => {
    const rule = plan.rules.find((r) => r.from === v && r.columns.includes(st.columns[i]!));
    return rule ? rule.to(it) : v;
  });
}

export async function replay(url: string, plan: ReplayPlan, opts: { connections: number; duration: number }): Promise<Measured & { errors: number; firstError?: string }> {
  await plan.prepare?.();
  const sqlite = url.startsWith('sqlite:');
  const workers = sqlite ? 1 : opts.connections;
  const drivers = Array.from({ length: workers }, () => openDriver(url));
  const transactional = plan.statements.some((s) => /^(begin|start transaction)/i.test(s.sql));
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  const deadline = Date.now() + opts.duration * 1000;
  const started = process.hrtime.bigint();
  await Promise.all(
    drivers.map(async (d, worker) => {
      for (let n = 0; Date.now() < deadline; n++) {
        const it: Iteration = { worker, n };
        plan.begin?.(it);
        const t0 = process.hrtime.bigint();
        try {
          for (const st of plan.statements) {
            const res = await d.run(st.sql, bind(plan, st, it));
            if (st.insertsTask) it.insertedId = res.insertId;
          }
          plan.done?.(it);
        } catch (err) {
          errors++;
          firstError ??= String((err as Error).message).slice(0, 300);
          if (transactional) await d.run('ROLLBACK', []).catch(() => undefined);
        }
        latencies.push(Number(process.hrtime.bigint() - t0) / 1e6);
        if (sqlite && n % 50 === 0) await new Promise((r) => setImmediate(r)); // the sync driver never yields
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await Promise.all(drivers.map((d) => d.close()));
  latencies.sort((a, b) => a - b);
  return { rps: (latencies.length - errors) / seconds, p50: percentile(latencies, 50), p99: percentile(latencies, 99), requests: latencies.length, errors, firstError };
}
