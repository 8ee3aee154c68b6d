// The task event feed: every row of the task history (task_events), in id order, handed to each consumer
// (webhooks, central-sync, edXML status messages) with the task fields it needs. Each consumer has a
// cursor (integration_cursors) moved in the same transaction as the outbox rows it writes, so an event is
// consumed once per consumer even across engine instances.
//
// Ids are allocated at insert and transactions commit in any order, so a short-lived gap can hide an event
// that commits a moment later. The ids missing below the cursor (within WINDOW of it) are therefore
// looked for again on the next runs: the holes this process saw when it left the cursor where it still
// is; or, when it did not leave it there (first run, another engine moved it), every event of the last
// WINDOW ids. Consumers write idempotently (the outbox key is unique), so a re-read event is not sent twice.
// The job `integrations.feed` runs every INTEGRATIONS_FEED_SECONDS (5) and right after each write request.
import type { Knex } from 'knex';
import { readJson } from '../db/json.js';
import { dbDate, isoTime, toDbTime } from '../db/time.js';
import { defineJob, type JobHandler } from '../jobs/types.js';
import type { Services } from '../services.js';
import { secondsOf } from './config.js';
import type { FeedConsumer, FeedEvent } from './types.js';

const WINDOW = 200;
const BATCH = 500;
export const FEED_JOB = 'integrations.feed';

export class TaskEventFeed {
  private consumers: FeedConsumer[] = [];
  /** Per consumer: where this process left its cursor, and the ids below it not seen yet. */
  private left = new Map<string, { cursor: number; holes: number[] }>();

  constructor(private s: () => Services) {}

  add(consumer: FeedConsumer): void {
    if (this.consumers.some((c) => c.name === consumer.name)) throw new Error(`feed consumer "${consumer.name}" registered twice`);
    this.consumers.push(consumer);
  }

  get size(): number {
    return this.consumers.length;
  }

  /** Runs every consumer over the events since its cursor. A new consumer starts at the newest event. */
  async run(): Promise<Record<string, number>> {
    const out: Record<string, number> = {};
    for (const c of this.consumers) out[c.name] = await this.runOne(c);
    return out;
  }

  private async runOne(c: FeedConsumer): Promise<number> {
    const s = this.s();
    const start = await this.cursorOf(c.name);
    const memo = this.left.get(c.name);
    const known = memo?.cursor === start;
    // The ids already looked at below `lo` are known; `lo` up to the cursor is read again unless known.
    const lo = known ? start : Math.max(0, start - WINDOW);
    const seen = new Set<number>();
    let cursor = start;
    let handled = 0;
    const consume = async (events: FeedEvent[]) => {
      const last = events[events.length - 1]!.id;
      await s.knex.transaction(async (trx) => {
        await c.handle(trx, events);
        if (last > cursor) await trx('integration_cursors').where({ consumer: c.name }).update({ last_id: last, updated_at: toDbTime(s.clock.now()) });
      });
      for (const e of events) seen.add(e.id);
      handled += events.filter((e) => e.id > cursor).length;
      cursor = Math.max(cursor, last);
    };
    const holes = known ? memo.holes : [];
    if (holes.length) {
      const late = await loadEvents(s.knex, (q) => q.whereIn('e.id', holes).orderBy('e.id'));
      if (late.length) await consume(late);
    }
    for (let from = lo; ; ) {
      const events = await loadEvents(s.knex, (q) => q.where('e.id', '>', from).orderBy('e.id').limit(BATCH));
      if (!events.length) break;
      await consume(events);
      if (events.length < BATCH) break;
      from = cursor;
    }
    // Still missing within the window: the known holes not found, and the ids skipped by this run.
    const floor = cursor - WINDOW;
    const missing = holes.filter((id) => id > floor && !seen.has(id));
    for (let id = Math.max(lo, floor) + 1; id <= cursor; id++) if (!seen.has(id) && !missing.includes(id)) missing.push(id);
    this.left.set(c.name, { cursor, holes: missing });
    return handled;
  }

  private async cursorOf(name: string): Promise<number> {
    const s = this.s();
    const row = await s.knex('integration_cursors').where({ consumer: name }).first('last_id');
    if (row) return Number(row.last_id);
    const max = Number((await s.knex('task_events').max({ m: 'id' }).first())?.m ?? 0);
    await s
      .knex('integration_cursors')
      .insert({ consumer: name, last_id: max, updated_at: toDbTime(s.clock.now()) })
      .onConflict('consumer')
      .ignore();
    return Number((await s.knex('integration_cursors').where({ consumer: name }).first('last_id'))!.last_id);
  }
}

/** Events with the task fields consumers need; `which` picks the rows (by id range or by ids) and their order. */
export async function loadEvents(knex: Knex, which: (q: Knex.QueryBuilder) => Knex.QueryBuilder): Promise<FeedEvent[]> {
  const rows = await which(knex('task_events as e'))
    .join('tasks as t', 't.id', 'e.task_id')
    .leftJoin('units as u', 'u.id', 't.lead_unit_id')
    .select(
      'e.id', 'e.task_id', 'e.seq', 'e.at', 'e.action', 'e.transition', 'e.from_state', 'e.to_state', 'e.actor_id', 'e.note', 'e.changes',
      't.code', 't.title', 't.pillar', 't.type_key', 't.state', 't.state_category', 't.progress', 't.due_date', 't.lead_unit_id', 'u.code as lead_unit_code',
      't.source_document_id', 't.parent_id', 't.data', 't.workflow_key', 't.workflow_scope', 't.workflow_version',
    );
  return rows.map((r: any) => ({
    id: Number(r.id),
    taskId: Number(r.task_id),
    seq: Number(r.seq),
    at: isoTime(r.at)!,
    action: r.action,
    transition: r.transition ?? null,
    fromState: r.from_state ?? null,
    toState: r.to_state ?? null,
    actorId: r.actor_id === null || r.actor_id === undefined ? null : Number(r.actor_id),
    note: r.note ?? null,
    changes: readJson(r.changes) ?? null,
    task: {
      id: Number(r.task_id),
      code: r.code,
      title: r.title,
      pillar: r.pillar,
      typeKey: r.type_key,
      state: r.state,
      stateCategory: r.state_category,
      progress: Number(r.progress),
      dueDate: dbDate(r.due_date),
      leadUnitId: Number(r.lead_unit_id),
      leadUnitCode: r.lead_unit_code ?? null,
      sourceDocumentId: r.source_document_id === null || r.source_document_id === undefined ? null : Number(r.source_document_id),
      parentId: r.parent_id === null || r.parent_id === undefined ? null : Number(r.parent_id),
      data: readJson<Record<string, unknown>>(r.data) ?? {},
      workflow: { key: r.workflow_key, scope: r.workflow_scope ?? '', version: Number(r.workflow_version) },
    },
  }));
}

export function feedJob(feed: () => TaskEventFeed): JobHandler {
  return defineJob({
    name: FEED_JOB,
    everyMs: (s) => (feed().size ? secondsOf(s.config.pluginEnv?.INTEGRATIONS_FEED_SECONDS, 5) * 1000 || undefined : undefined),
    attempts: 3,
    async run() {
      return feed().run();
    },
  });
}
