// The few SQL spellings that differ between SQLite and MySQL/MariaDB, for the set-based reminder scan
// and the delivery outbox.
import type { Knex } from 'knex';
import { dialectOf, type Dialect } from '../db/connect.js';

export class Sql {
  readonly dialect: Dialect;
  constructor(readonly knex: Knex) {
    this.dialect = dialectOf(knex);
  }
  get mysql(): boolean {
    return this.dialect === 'mysql';
  }

  concat(...parts: string[]): string {
    return this.mysql ? `CONCAT(${parts.join(', ')})` : `(${parts.join(' || ')})`;
  }

  /** A DATE column as 'YYYY-MM-DD' text. */
  dateText(col: string): string {
    return this.mysql ? `DATE_FORMAT(${col}, '%Y-%m-%d')` : col;
  }

  /** The Asia/Ho_Chi_Minh date (UTC+7, no daylight saving) of a UTC timestamp column, as text. */
  hanoiDay(expr: string): string {
    return this.mysql ? `DATE_FORMAT(DATE_ADD(${expr}, INTERVAL 7 HOUR), '%Y-%m-%d')` : `date(${expr}, '+7 hours')`;
  }

  /**
   * INSERT … SELECT where a row whose unique key exists already is "already done": skipped, and only
   * that (not INSERT IGNORE, which would also swallow truncations and other errors). `select` must
   * have a WHERE clause (SQLite's upsert grammar needs one after a SELECT).
   */
  insertOnce(table: string, columns: string[], select: string, touch: string): string {
    const head = `INSERT INTO ${table} (${columns.join(', ')}) ${select}`;
    return this.mysql ? `${head} ON DUPLICATE KEY UPDATE ${touch} = ${table}.${touch}` : `${head} ON CONFLICT DO NOTHING`;
  }

  /** A derived table of literal rows `(d, occ)` — dates and occurrence keys made here, checked, not user input. */
  dayTable(rows: Array<[string, string]>): string {
    const safe = /^[0-9A-Za-z#:_-]{1,40}$/;
    const parts = rows.map(([d, occ], i) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(d) || !safe.test(occ)) throw new Error(`bad day row ${d} ${occ}`);
      const day = this.mysql ? `DATE '${d}'` : `'${d}'`; // a DATE on MySQL, so the join uses the due-date index
      return i === 0 ? `SELECT ${day} AS d, '${occ}' AS occ` : `SELECT ${day}, '${occ}'`;
    });
    return `(${parts.join(' UNION ALL ')})`;
  }

  /**
   * Deadlocks and lock timeouts between engines scanning at once are retried: every step is idempotent.
   * So is MariaDB's ER_AUTOINC_READ_FAILED (1467), which concurrent INSERT … SELECT … ON DUPLICATE KEY
   * UPDATE statements on one table can raise at READ COMMITTED.
   */
  async retrying<T>(fn: () => Promise<T>, tries = 6): Promise<T> {
    for (let i = 1; ; i++) {
      try {
        return await fn();
      } catch (err: any) {
        const transient = [1213, 1205, 1467].includes(err?.errno) || err?.code === 'SQLITE_BUSY' || err?.code === 'ER_LOCK_DEADLOCK';
        if (!transient || i >= tries) throw err;
        await new Promise((r) => setTimeout(r, 20 * i + Math.random() * 50));
      }
    }
  }

  /** One transaction; on MySQL at READ COMMITTED, so a scan's INSERT … SELECT does not lock the tasks it reads. */
  transaction<T>(fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
    return this.mysql ? this.knex.transaction(fn, { isolationLevel: 'read committed' }) : this.knex.transaction(fn);
  }
}

/** Rows an INSERT wrote, from either driver's raw result. */
export function affected(res: any): number {
  const head = Array.isArray(res) ? res[0] : undefined;
  // INSERT … SELECT on MySQL: "Records: N  Duplicates: D" — affectedRows counts duplicates too (FOUND_ROWS).
  const m = /Records:\s*(\d+)\s+Duplicates:\s*(\d+)/.exec(String(head?.info ?? ''));
  if (m) return Number(m[1]) - Number(m[2]);
  if (head && typeof head.affectedRows === 'number') return head.affectedRows;
  if (res && typeof res.changes === 'number') return res.changes;
  return 0;
}
