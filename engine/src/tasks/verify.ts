// `audit verify`: walks every task's history and checks the chain: sequence without gaps, each event's
// prev_hash equal to the previous event's hash, each hash recomputed from the row, and the task's head
// equal to its last event. Streams task by task so it runs in bounded memory on millions of events.
import type { Knex } from 'knex';
import { eventHash } from './history.js';

export interface ChainProblem {
  taskId: number;
  eventId: number | null;
  seq: number | null;
  problem: string;
}

export async function verifyHistory(knex: Knex, onProgress?: (done: number, total: number) => void): Promise<{ tasks: number; events: number; problems: ChainProblem[] }> {
  const total = Number((await knex('tasks').count({ n: '*' }).first())!.n);
  const problems: ChainProblem[] = [];
  let lastId = 0;
  let tasks = 0;
  let events = 0;
  const BATCH = 500;
  for (;;) {
    const batch = await knex('tasks').where('id', '>', lastId).orderBy('id').limit(BATCH).select('id', 'history_seq', 'history_hash');
    if (!batch.length) break;
    const ids = batch.map((t) => t.id);
    const rows = await knex('task_events').whereIn('task_id', ids).orderBy([{ column: 'task_id' }, { column: 'seq' }]);
    const byTask = new Map<number, any[]>();
    for (const r of rows) {
      const k = Number(r.task_id);
      if (!byTask.has(k)) byTask.set(k, []);
      byTask.get(k)!.push(r);
    }
    for (const t of batch) {
      const evs = byTask.get(Number(t.id)) ?? [];
      let prev = '';
      let expectedSeq = 1;
      for (const e of evs) {
        const at = { taskId: Number(t.id), eventId: Number(e.id), seq: Number(e.seq) };
        if (Number(e.seq) !== expectedSeq) problems.push({ ...at, problem: `sequence jumps from ${expectedSeq - 1} to ${e.seq}: an event is missing` });
        if (e.prev_hash !== prev) problems.push({ ...at, problem: 'prev_hash does not match the previous event' });
        if (eventHash(e) !== e.hash) problems.push({ ...at, problem: 'content does not match its hash: the event was altered' });
        prev = e.hash;
        expectedSeq = Number(e.seq) + 1;
      }
      const lastSeq = evs.length ? Number(evs[evs.length - 1].seq) : 0;
      if (lastSeq !== Number(t.history_seq) || prev !== t.history_hash)
        problems.push({ taskId: Number(t.id), eventId: null, seq: Number(t.history_seq), problem: `the task's history ends at event ${t.history_seq} but ${lastSeq} remain: events were deleted or the head was altered` });
      tasks++;
    }
    events += rows.length;
    lastId = Number(batch[batch.length - 1].id);
    onProgress?.(tasks, total);
  }
  return { tasks, events, problems };
}
