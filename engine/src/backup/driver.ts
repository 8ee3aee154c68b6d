// The few better-sqlite3 calls the backups make, typed here (the package ships no types and
// @types/better-sqlite3 is not installed — as test/bench/replay.ts does).
// @ts-expect-error better-sqlite3 ships no types and @types/better-sqlite3 is not installed
import BetterSqlite3 from 'better-sqlite3';

export interface Statement {
  run(...params: unknown[]): { changes: number };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
  iterate(...params: unknown[]): IterableIterator<unknown>;
  safeIntegers(on?: boolean): Statement;
}

export interface Db {
  prepare(sql: string): Statement;
  exec(sql: string): void;
  pragma(sql: string, opts?: { simple?: boolean }): unknown;
  transaction<F extends (...args: any[]) => unknown>(fn: F): F & { immediate: F; deferred: F; exclusive: F };
  backup(
    dest: string,
    opts?: { progress?: (p: { totalPages: number; remainingPages: number }) => number },
  ): Promise<{ totalPages: number; remainingPages: number }>;
  close(): void;
}

export const Database = BetterSqlite3 as new (
  file: string,
  opts?: { readonly?: boolean; fileMustExist?: boolean },
) => Db;
