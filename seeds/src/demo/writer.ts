// Bulk writes straight through the driver of a knex connection: query building per row would cost more
// than the database itself. SQLite: prepared single-row INSERTs in one transaction (better-sqlite3 runs
// them in microseconds). MySQL/MariaDB: multi-row `INSERT … VALUES ?` of 1,000 rows, one transaction per
// batch, foreign key checks off for the session (rows are consistent by construction).
import type { Knex } from 'knex';
import { dialectOf } from '../../../engine/src/db/connect.js';

export type Rows = Record<string, Record<string, unknown>[]>;

export interface BulkWriter {
  /** Writes every table's rows in one transaction, in the order of the object's keys. */
  write(rows: Rows): Promise<void>;
  close(): Promise<void>;
}

const ident = (sqlite: boolean, name: string) => (sqlite ? `"${name}"` : `\`${name}\``);

export async function bulkWriter(knex: Knex): Promise<BulkWriter> {
  const sqlite = dialectOf(knex) === 'sqlite';
  const conn: any = await (knex.client as any).acquireConnection();
  const release = async () => (knex.client as any).releaseConnection(conn);
  if (sqlite) {
    conn.pragma('cache_size = -262144'); // 256 MiB instead of 2: a dozen indexes grow at once
    const statements = new Map<string, any>();
    const insert = (table: string, cols: string[]) => {
      const key = `${table}(${cols.join(',')})`;
      if (!statements.has(key)) statements.set(key, conn.prepare(`INSERT INTO ${ident(true, table)} (${cols.map((c) => ident(true, c)).join(', ')}) VALUES (${cols.map(() => '?').join(', ')})`));
      return statements.get(key);
    };
    const tx = conn.transaction((rows: Rows) => {
      for (const [table, list] of Object.entries(rows)) {
        if (!list.length) continue;
        const cols = Object.keys(list[0]!);
        const st = insert(table, cols);
        for (const r of list) st.run(cols.map((c) => r[c]));
      }
    });
    return { write: async (rows) => tx(rows), close: release };
  }
  const query = (sql: string, values?: unknown) => new Promise<void>((resolve, reject) => conn.query(sql, values, (err: Error | null) => (err ? reject(err) : resolve())));
  await query('SET foreign_key_checks = 0');
  return {
    async write(rows) {
      await query('START TRANSACTION');
      try {
        for (const [table, list] of Object.entries(rows)) {
          if (!list.length) continue;
          const cols = Object.keys(list[0]!);
          const sql = `INSERT INTO ${ident(false, table)} (${cols.map((c) => ident(false, c)).join(', ')}) VALUES ?`;
          for (let i = 0; i < list.length; i += 1000) await query(sql, [list.slice(i, i + 1000).map((r) => cols.map((c) => r[c]))]);
        }
        await query('COMMIT');
      } catch (err) {
        await query('ROLLBACK').catch(() => undefined);
        throw err;
      }
    },
    async close() {
      await query('SET foreign_key_checks = 1');
      await release();
    },
  };
}
