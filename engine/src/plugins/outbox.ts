// The outbox: every message the engine sends to another system (webhooks, central-sync pushes, edXML
// status messages) is first a row written in the transaction of the change it reports — so nothing is
// announced that did not happen, and nothing that happened is lost — and then delivered by the job
// `outbox.deliver`, one run per message, retried with exponential backoff by the job runner (BullMQ or
// in-process). Each attempt is logged (outbox_attempts). `(channel, key)` is unique: queueing the same
// message twice sends it once, and receivers get the key as Idempotency-Key.
// `outbox.sweep` re-queues messages whose run was lost (an in-process queue dies with its engine).
import type { Knex } from 'knex';
import { readJson, writeJson } from '../db/json.js';
import { isoTime, toDbTime } from '../db/time.js';
import { defineJob, type JobHandler } from '../jobs/types.js';
import type { Services } from '../services.js';
import type { DeliveryResult, OutboxChannel, OutboxMessage, OutboxRow } from './types.js';

export const DEFAULT_ATTEMPTS = 8;

export class Outbox {
  private channels = new Map<string, OutboxChannel>();

  constructor(private s: () => Services) {}

  register(channel: OutboxChannel): void {
    this.channels.set(channel.name, channel);
  }

  has(name: string): boolean {
    return this.channels.has(name);
  }

  /** Queue messages inside `trx` (ignored when the same channel and key were queued before). Returns how many are new. */
  async add(trx: Knex, messages: OutboxMessage[]): Promise<number> {
    if (!messages.length) return 0;
    const now = toDbTime(this.s().clock.now());
    let added = 0;
    for (const m of messages) if (!this.channels.has(m.channel)) throw new Error(`outbox: no channel "${m.channel}"`);
    for (const m of messages) {
      const exists = await trx('outbox_messages').where({ channel: m.channel, idem_key: m.key }).first('id');
      if (exists) continue;
      // A concurrent writer of the same key (another engine) loses quietly on the unique index.
      await trx('outbox_messages')
        .insert({ channel: m.channel, target: m.target ?? null, idem_key: m.key, payload: writeJson(m.payload), status: 'pending', attempts: 0, created_at: now, updated_at: now })
        .onConflict(['channel', 'idem_key'])
        .ignore();
      added++;
    }
    if (added) this.kickAfter(trx);
    return added;
  }

  /** Enqueue delivery of pending messages once the transaction commits (or now, outside one). */
  private kickAfter(trx: Knex) {
    const t = trx as Knex.Transaction;
    const go = () => void this.enqueuePending().catch((err) => this.s().log.warn({ err }, 'outbox: enqueue failed'));
    if (typeof (t as any).executionPromise?.then === 'function') (t as any).executionPromise.then(go, () => undefined);
    else go();
  }

  /** Queue a delivery run for every pending message not attempted in the last `staleMs` (0: all). */
  async enqueuePending(staleMs = 0): Promise<number> {
    const s = this.s();
    const q = s.knex('outbox_messages').where({ status: 'pending' });
    if (staleMs > 0) q.where('updated_at', '<', toDbTime(new Date(s.clock.now().getTime() - staleMs)));
    else q.where('attempts', 0);
    const ids = (await q.orderBy('id').limit(500).pluck('id')).map(Number);
    for (const id of ids) await s.jobs.enqueue(DELIVER_JOB, { id }, { dedupeId: `outbox:${id}` });
    return ids.length;
  }

  /** One delivery attempt of message `id` (the job's handler): throws to have the runner retry it later. */
  async deliver(id: number): Promise<{ status: string }> {
    const s = this.s();
    const row = await s.knex('outbox_messages').where({ id }).first();
    if (!row || row.status !== 'pending') return { status: row?.status ?? 'missing' };
    const channel = this.channels.get(row.channel);
    if (!channel) throw new Error(`outbox: channel "${row.channel}" is not loaded here`);
    // Claim it: of two runs of the same message (two engines, a sweep), one sends and the other stops.
    const claimed = await s.knex('outbox_messages').where({ id, status: 'pending', attempts: row.attempts }).update({ status: 'sending', updated_at: toDbTime(s.clock.now()) });
    if (!claimed) return { status: 'taken' };
    const message: OutboxRow = { id: Number(row.id), channel: row.channel, target: row.target ?? null, key: row.idem_key, payload: readJson(row.payload), attempts: Number(row.attempts) };
    const started = Date.now();
    let result: DeliveryResult;
    try {
      result = await channel.deliver(message);
    } catch (err: any) {
      const reason = err?.name === 'TimeoutError' ? 'timeout' : (err?.cause?.code ?? err?.message ?? String(err));
      result = { ok: false, error: String(reason).slice(0, 1000) };
    }
    const attempts = Number(row.attempts) + 1;
    const failed = !result.ok && (result.permanent === true || attempts >= (channel.attempts ?? DEFAULT_ATTEMPTS));
    const status = result.ok ? 'delivered' : failed ? 'failed' : 'pending';
    const now = s.clock.now();
    await s.knex.transaction(async (trx) => {
      const logged = Number((await trx('outbox_attempts').where({ message_id: id }).count({ n: '*' }).first())?.n ?? 0);
      await trx('outbox_attempts').insert({
        message_id: id,
        attempt: logged + 1, // across retries by administrators, whereas `attempts` restarts at each
        
        at: toDbTime(now),
        status_code: result.status ?? null,
        ok: result.ok,
        error: result.error?.slice(0, 1000) ?? null,
        response: result.response?.slice(0, 500) ?? null,
        duration_ms: Date.now() - started,
      });
      await trx('outbox_messages')
        .where({ id })
        .update({
          attempts,
          status,
          last_status: result.status ?? null,
          last_error: result.ok ? null : (result.error ?? `HTTP ${result.status}`).slice(0, 1000),
          updated_at: toDbTime(now),
          delivered_at: result.ok ? toDbTime(now) : null,
        });
    });
    if (failed) s.log.warn({ id, channel: row.channel, attempts, status: result.status, error: result.error }, 'outbox: message failed');
    if (status !== 'pending') return { status };
    // Not delivered yet: the runner retries with exponential backoff; the outbox's count decides when to stop.
    throw new Error(`delivery of outbox message ${id} (${row.channel}) failed: ${result.error ?? `HTTP ${result.status}`}`);
  }

  /** Messages whose run was lost: a claim older than `staleMs` is released, then pending ones are queued again. */
  async sweep(staleMs: number): Promise<number> {
    const s = this.s();
    const before = toDbTime(new Date(s.clock.now().getTime() - staleMs));
    await s.knex('outbox_messages').where({ status: 'sending' }).where('updated_at', '<', before).update({ status: 'pending' });
    return this.enqueuePending(staleMs);
  }

  /** Send a failed message again with a fresh budget of attempts (earlier ones stay in the log). */
  async retry(id: number): Promise<boolean> {
    const s = this.s();
    const n = await s.knex('outbox_messages').where({ id }).whereIn('status', ['failed', 'pending']).update({ status: 'pending', attempts: 0, updated_at: toDbTime(s.clock.now()) });
    if (n) await s.jobs.enqueue(DELIVER_JOB, { id }, { dedupeId: `outbox:${id}:retry:${Date.now()}` });
    return n > 0;
  }
}

export const DELIVER_JOB = 'outbox.deliver';

export function outboxJobs(outbox: () => Outbox): JobHandler[] {
  return [
    defineJob<{ id: number }>({
      name: DELIVER_JOB,
      // The outbox counts attempts itself and stops at the channel's limit; the runner retries meanwhile.
      attempts: DEFAULT_ATTEMPTS,
      async run(_ctx, data) {
        return outbox().deliver(Number(data.id));
      },
    }),
    defineJob({
      name: 'outbox.sweep',
      everyMs: () => 60_000,
      attempts: 1,
      async run() {
        return { requeued: await outbox().sweep(10 * 60_000) };
      },
    }),
  ];
}

/** A message and its attempts, as administrators see them (delivery logs). */
export function messageToApi(r: any, attempts: any[] = []) {
  return {
    id: Number(r.id),
    channel: r.channel,
    target: r.target ?? null,
    key: r.idem_key,
    status: r.status,
    attempts: Number(r.attempts),
    lastStatus: r.last_status === null || r.last_status === undefined ? null : Number(r.last_status),
    lastError: r.last_error ?? null,
    createdAt: isoTime(r.created_at),
    updatedAt: isoTime(r.updated_at),
    deliveredAt: isoTime(r.delivered_at),
    payload: readJson(r.payload),
    log: attempts.map((a) => ({
      attempt: Number(a.attempt),
      at: isoTime(a.at),
      ok: !!a.ok,
      statusCode: a.status_code === null || a.status_code === undefined ? null : Number(a.status_code),
      error: a.error ?? null,
      durationMs: Number(a.duration_ms),
    })),
  };
}
