// The task's append-only history. Each event carries the hash of the previous one of the same task and
// the task row keeps the newest hash and sequence number, so an altered, inserted or deleted event shows
// (see verify.ts). Events are written in the transaction of the change they record.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { canonicalJson } from '../metadata/canonical.js';
import { readJson, writeJson } from '../db/json.js';
import { fromDbTime, toDbTime } from '../db/time.js';

export interface EventInput {
  actorId: number | null;
  positionId: number | null;
  unitId: number | null;
  action: 'create' | 'transition' | 'update' | 'attach' | 'system';
  transition?: string | null;
  fromState?: string | null;
  toState?: string | null;
  changes?: Record<string, [unknown, unknown]> | null;
  note?: string | null;
  attachments?: number[] | null;
}

/** The fields a hash covers, normalised so both databases hash the same bytes. */
export function hashedFields(r: any) {
  return {
    task_id: Number(r.task_id),
    seq: Number(r.seq),
    at: toDbTime(fromDbTime(r.at)!),
    actor_id: r.actor_id ?? null,
    position_id: r.position_id ?? null,
    unit_id: r.unit_id ?? null,
    action: r.action,
    transition: r.transition ?? null,
    from_state: r.from_state ?? null,
    to_state: r.to_state ?? null,
    changes: readJson(r.changes) ?? null,
    note: r.note ?? null,
    attachments: readJson(r.attachments) ?? null,
    prev_hash: r.prev_hash,
  };
}

export const eventHash = (r: any) => crypto.createHash('sha256').update(canonicalJson(hashedFields(r))).digest('hex');

/**
 * Appends one event. `task` is the task row as locked/updated by the caller in `trx` (history_seq and
 * history_hash of before this event); returns the new head the caller must store on the task.
 */
export async function appendEvent(
  trx: Knex,
  task: { id: number; history_seq: number; history_hash: string },
  e: EventInput,
  at: Date,
): Promise<{ seq: number; hash: string }> {
  const row: any = {
    task_id: Number(task.id),
    seq: Number(task.history_seq) + 1,
    at: toDbTime(at),
    actor_id: e.actorId,
    position_id: e.positionId,
    unit_id: e.unitId,
    action: e.action,
    transition: e.transition ?? null,
    from_state: e.fromState ?? null,
    to_state: e.toState ?? null,
    changes: e.changes && Object.keys(e.changes).length ? e.changes : null,
    note: e.note ?? null,
    attachments: e.attachments?.length ? e.attachments : null,
    prev_hash: task.history_hash,
  };
  row.hash = eventHash(row);
  await trx('task_events').insert({
    ...row,
    changes: row.changes === null ? null : writeJson(row.changes),
    attachments: row.attachments === null ? null : writeJson(row.attachments),
  });
  await trx('tasks').where({ id: task.id }).update({ history_seq: row.seq, history_hash: row.hash });
  return { seq: row.seq, hash: row.hash };
}

/** Field-level differences between two data objects: { field: [before, after] }. */
export function diff(before: Record<string, unknown>, after: Record<string, unknown>): Record<string, [unknown, unknown]> {
  const out: Record<string, [unknown, unknown]> = {};
  for (const k of new Set([...Object.keys(before), ...Object.keys(after)]))
    if (canonicalJson(before[k]) !== canonicalJson(after[k])) out[k] = [before[k] ?? null, after[k] ?? null];
  return out;
}
