// Bulk demo data: N realistic tasks written straight into a database the engine has migrated and
// seeded (SQLite or MySQL/MariaDB), in multi-row INSERTs, one transaction per batch. Ids are assigned
// here (after the current maximum) so sub-tasks, parties and events can refer to them without a
// round trip; code sequences continue from, and are written back to, code_sequences. The next batch is
// planned (JavaScript) while the previous one is written (database), so the two overlap.
import type { Knex } from 'knex';
import { loadContext } from './context.js';
import { planTask, type Generated, type ParentCandidate } from './task.js';
import { pick, rng } from './vocab.js';
import { bulkWriter } from './writer.js';

export interface GenerateOptions {
  tasks: number;
  /** Tasks per transaction. */
  batch?: number;
  seed?: number;
  /** Creation times are spread over this many days before `now`. */
  spanDays?: number;
  now?: Date;
  /** Share of tasks that are sub-tasks of a recent task of the same pillar. */
  subtaskShare?: number;
  onProgress?: (done: number, total: number) => void;
}

export interface GenerateResult {
  tasks: number;
  parties: number;
  events: number;
  firstId: number;
  lastId: number;
  ms: number;
}

async function saveSequences(trx: Knex, seqs: Map<string, number>) {
  for (const [scope, value] of seqs) {
    const n = await trx('code_sequences').where({ scope }).where('value', '<', value).update({ value });
    if (!n && !(await trx('code_sequences').where({ scope }).first('scope'))) await trx('code_sequences').insert({ scope, value });
  }
}

const tick = () => new Promise<void>((r) => setImmediate(r));

export async function generateTasks(knex: Knex, opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const now = (opts.now ?? new Date()).getTime();
  const batch = opts.batch ?? 2000;
  const spanMs = (opts.spanDays ?? 3 * 365) * 86_400_000;
  const r = rng(opts.seed ?? 20_260_101);
  const ctx = await loadContext(knex, new Date(now));
  const pillarKeys = [...ctx.pillars.keys()].sort();
  const seqs = new Map<string, number>((await knex('code_sequences').select('scope', 'value')).map((s) => [s.scope, Number(s.value)]));
  const firstId = Number((await knex('tasks').max({ m: 'id' }).first())?.m ?? 0) + 1;
  const recent = new Map<string, ParentCandidate[]>(pillarKeys.map((p) => [p, []]));
  const result = { tasks: 0, parties: 0, events: 0 };

  const plan = (i: number): Generated => {
    // Chronological: ids grow with creation time, as they would in production.
    let createdAt = Math.round(now - spanMs + (spanMs * (i + r())) / opts.tasks) - 3_600_000;
    const pillar = pick(r, pillarKeys);
    const pool = recent.get(pillar)!;
    let parent: ParentCandidate | null = null;
    if (r() < (opts.subtaskShare ?? 0.2) && pool.length) {
      // Delegated hours to days after the parent was created, and before it was closed.
      parent = pick(r, pool);
      const until = Math.min(parent.completedAt ?? now, now, parent.createdAt + 3 * 86_400_000);
      createdAt = Math.round(parent.createdAt + (until - parent.createdAt) * (0.1 + 0.5 * r()));
    }
    const g = planTask(ctx, r, { id: firstId + i, createdAt, now, pillar, seqs, parent });
    if (g.candidate) {
      pool.push(g.candidate);
      if (pool.length > 50) pool.shift();
    }
    return g;
  };

  const writer = await bulkWriter(knex);
  try {
    let writing: Promise<void> = Promise.resolve();
    for (let start = 0; start < opts.tasks; start += batch) {
      const out: Generated[] = [];
      for (let i = start; i < Math.min(start + batch, opts.tasks); i++) {
        out.push(plan(i));
        if (i % 200 === 0) await tick(); // let the pending write's driver callbacks run
      }
      await writing;
      writing = writer.write({ tasks: out.map((g) => g.task), task_parties: out.flatMap((g) => g.parties), task_events: out.flatMap((g) => g.events) }).then(() => {
        result.tasks += out.length;
        result.parties += out.reduce((n, g) => n + g.parties.length, 0);
        result.events += out.reduce((n, g) => n + g.events.length, 0);
        opts.onProgress?.(result.tasks, opts.tasks);
      });
    }
    await writing;
  } finally {
    await writer.close();
    // Every code handed out so far, written or not, stays used: the engine continues after them.
    await saveSequences(knex, seqs);
  }
  return { ...result, firstId, lastId: firstId + result.tasks - 1, ms: Date.now() - started };
}
