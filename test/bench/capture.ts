// The SQL one HTTP request makes the engine issue: knex emits a 'query' event per statement, so an
// in-process engine on the bench database serves the request once and we keep what it sent. Each
// binding is labelled with the column it is compared with or inserted into, so a replay can substitute
// per-iteration values (another task id, the current version, a fresh code) where the schema needs them.
import { AsyncLocalStorage } from 'node:async_hooks';
import type { Knex } from 'knex';

export interface Statement {
  sql: string;
  bindings: unknown[];
  /** Column of each binding ('' when not known, e.g. LIMIT). */
  columns: string[];
  /** An INSERT into tasks: the replay takes the new id from its result. */
  insertsTask: boolean;
}

const COMPARED = /[`"]?(\w+)[`"]?\s*(?:=|<>|!=|<=|>=|<|>|\bin\s*\(|\blike)\s*$/i;
const INSERT = /^insert into [`"]?(\w+)[`"]?\s*\(([^)]*)\)/i;

/** Labels each `?` of a statement with its column. */
export function bindingColumns(sql: string, count: number): string[] {
  const insert = INSERT.exec(sql);
  if (insert) {
    const cols = insert[2]!.split(',').map((c) => c.trim().replace(/[`"]/g, ''));
    return Array.from({ length: count }, (_, i) => cols[i % cols.length]!);
  }
  const out: string[] = [];
  let last = 0;
  let col = '';
  for (let i = sql.indexOf('?'); i !== -1 && out.length < count; i = sql.indexOf('?', i + 1)) {
    const before = sql.slice(last, i);
    const m = COMPARED.exec(before);
    col = m ? m[1]!.toLowerCase() : /^\s*,\s*$/.test(before) ? col : ''; // `in (?, ?, ?)` keeps its column
    out.push(col);
    last = i + 1;
  }
  return out;
}

/** Set while a background job of the capturing engine runs (see `markJobs`). */
const inJob = new AsyncLocalStorage<boolean>();

/**
 * Background jobs that writes queue (notification delivery, the integrations feed) run deduplicated, a
 * few times a second whatever the request rate, not once per request: their statements are not part of
 * a request's. `runner`: the in-process job runner of the capturing engine.
 */
export function markJobs(runner: unknown): void {
  const r = runner as { withRetries?: (...a: unknown[]) => Promise<void> };
  if (typeof r.withRetries !== 'function') throw new Error('markJobs: not the in-process job runner');
  const run = r.withRetries.bind(r);
  r.withRetries = (...a: unknown[]) => inJob.run(true, () => run(...a));
}

/** Runs `fn` and returns every statement knex issued meanwhile, in order (not those of background jobs). */
export async function captureQueries(knex: Knex, fn: () => Promise<unknown>): Promise<Statement[]> {
  const seen: Statement[] = [];
  const listener = (q: { sql: string; bindings?: unknown[] }) => {
    if (inJob.getStore()) return;
    const bindings = [...(q.bindings ?? [])];
    seen.push({ sql: q.sql, bindings, columns: bindingColumns(q.sql, bindings.length), insertsTask: /^insert into [`"]?tasks[`"]?\s*\(/i.test(q.sql) });
  };
  knex.on('query', listener);
  try {
    await fn();
  } finally {
    knex.off('query', listener);
  }
  // Refreshing a token's idle clock is a write at most once a minute per token, not part of a request.
  return seen.filter((s) => !/^update [`"]?auth_tokens[`"]?/i.test(s.sql));
}
