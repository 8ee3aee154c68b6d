// Bulk demo data: N realistic tasks written straight into a database the engine has migrated and
// seeded (SQLite or MySQL/MariaDB), in multi-row INSERTs, one transaction per batch. Ids are assigned
// here (after the current maximum) so sub-tasks, parties and events can refer to them without a
// round trip; code sequences continue from, and are written back to, code_sequences. The next batch is
// planned (JavaScript) while the previous one is written (database), so the two overlap. (A worker thread
// for planning was tried: on two shared cores its copying cost more than it saved.)
import type { Knex } from 'knex';
import { dialectOf } from '../../../engine/src/db/connect.js';
import { loadContext, type DemoContext } from './context.js';
import { createPlanner, toBatch, type Batch, type PlannerOptions } from './planner.js';
import type { Generated } from './task.js';
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

/** Batches planned in slices, so the pending write's callbacks run in between (the two overlap). */
async function* batches(ctx: DemoContext, o: PlannerOptions, batch: number): AsyncGenerator<Batch> {
  const plan = createPlanner(ctx, o);
  for (let start = 0; start < o.tasks; start += batch) {
    const out: Generated[] = [];
    for (let i = start; i < Math.min(start + batch, o.tasks); i++) {
      out.push(plan(i));
      if (i % 200 === 0) await tick(); // let the pending write's driver callbacks run
    }
    yield toBatch(out);
  }
}

export async function generateTasks(knex: Knex, opts: GenerateOptions): Promise<GenerateResult> {
  const started = Date.now();
  const batch = opts.batch ?? 2000;
  const ctx = await loadContext(knex, opts.now ?? new Date());
  const seqs = new Map<string, number>((await knex('code_sequences').select('scope', 'value')).map((s) => [s.scope, Number(s.value)]));
  const firstId = Number((await knex('tasks').max({ m: 'id' }).first())?.m ?? 0) + 1;
  const planner: PlannerOptions = { tasks: opts.tasks, seed: opts.seed ?? 20_260_101, spanMs: (opts.spanDays ?? 3 * 365) * 86_400_000, now: (opts.now ?? new Date()).getTime(), subtaskShare: opts.subtaskShare ?? 0.2, firstId, seqs };
  const result = { tasks: 0, parties: 0, events: 0 };
  const writer = await bulkWriter(knex);
  try {
    let writing: Promise<void> = Promise.resolve();
    for await (const b of batches(ctx, planner, batch)) {
      await writing;
      writing = writer.write(b).then(() => {
        result.tasks += b.tasks.length;
        result.parties += b.task_parties.length;
        result.events += b.task_events.length;
        opts.onProgress?.(result.tasks, opts.tasks);
      });
    }
    await writing;
  } finally {
    await writer.close();
    // Every code handed out so far, written or not, stays used: the engine continues after them.
    await saveSequences(knex, seqs);
  }
  // After a bulk load the planner's statistics are stale or (SQLite) absent: without them SQLite picks a
  // custom field's index over the permission filter's, and MariaDB may scan instead of using a range.
  if (dialectOf(knex) === 'sqlite') await knex.raw('ANALYZE');
  else await knex.raw('ANALYZE TABLE tasks, task_parties, task_events');
  return { ...result, firstId, lastId: firstId + result.tasks - 1, ms: Date.now() - started };
}
