// The notify capability's service: the outbox delivery, the caller's notifications (list, unread count,
// mark read), preferences, and the tickets and checks of the live stream.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Services } from '../services.js';
import { fromDbTime, isoTime, toDbTime } from '../db/time.js';
import { readJson } from '../db/json.js';
import { loadChannels, type Channel } from './channels.js';
import { deliverPending, type DeliveryResult } from './delivery.js';
import { LocalHub, RedisHub, type NotifyHub } from './hub.js';
import { notificationToApi } from './rows.js';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
export const TICKET_SECONDS = 60;
export const CHANNEL_IDS = ['inApp', 'email'] as const;

/**
 * The rows the app shows (list, unread count, live stream): those meant for the in-app channel. `channels`
 * null means every channel; a reminder rule with `"channels": ["email"]` (the daily digest) is e-mail only.
 */
const inApp = (qb: Knex.QueryBuilder) => qb.where((w) => w.whereNull('channels').orWhere('channels', 'like', '%"inApp"%'));

export const DELIVERY_STATUSES = ['failed', 'retrying', 'pending'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** A notification as the outbox sees it (administrators: GET /api/notifications/deliveries). */
function deliveryToApi(r: any) {
  return {
    id: Number(r.id),
    status: (r.failed_at ? 'failed' : Number(r.attempts) > 0 ? 'retrying' : 'pending') as DeliveryStatus,
    userId: Number(r.user_id),
    username: r.username,
    fullName: r.full_name,
    kind: r.kind,
    template: r.template ?? null,
    title: r.title,
    taskId: r.task_id === null || r.task_id === undefined ? null : Number(r.task_id),
    channels: readJson<string[]>(r.channels) ?? null,
    deliveredChannels: readJson<string[]>(r.delivered_channels) ?? [],
    attempts: Number(r.attempts),
    lastError: r.last_error ?? null,
    nextAttemptAt: isoTime(r.next_attempt_at),
    failedAt: isoTime(r.failed_at),
    createdAt: isoTime(r.created_at)!,
  };
}
export type Delivery = ReturnType<typeof deliveryToApi>;

export interface Preferences {
  channels: string[] | null;
  digest: boolean;
}

export class NotifyService {
  readonly hub: NotifyHub;
  channels = new Map<string, Channel>();
  readonly appUrl: string;

  constructor(
    private s: () => Services,
    opts: { redisUrl?: string; tag: string; appUrl: string },
  ) {
    this.hub = opts.redisUrl ? new RedisHub(opts.redisUrl, opts.tag) : new LocalHub();
    this.appUrl = opts.appUrl;
  }

  /** Loads the configured channel plugins (NOTIFY_CHANNELS; "email" by default when SMTP_URL is set). */
  async start(env: Record<string, string | undefined>, names: string[]): Promise<void> {
    const s = this.s();
    this.channels = await loadChannels(names, { env, log: s.log, appUrl: this.appUrl });
  }

  /** Delivers soon (after a commit that stored notifications): one queued run, however many kicks. */
  kick(): void {
    this.s()
      .jobs.enqueue('notify.deliver', {}, { dedupeId: 'notify.deliver' })
      .catch((err) => this.s().log.warn({ err }, 'could not queue notification delivery'));
  }

  /**
   * Delivers once `trx` has committed (nothing when it rolls back): the notifications it stored are not
   * visible to the delivery run before that. In a nested transaction, once the outermost one commits;
   * outside a transaction, at once.
   */
  kickAfter(trx: Knex): void {
    let t = trx as unknown as Partial<Knex.Transaction>;
    if (!t.isTransaction || !t.executionPromise) return this.kick();
    while (t.parentTransaction) t = t.parentTransaction; // a savepoint's release is not the commit
    t.executionPromise!.then(() => this.kick(), () => undefined);
  }

  deliver(): Promise<DeliveryResult> {
    return deliverPending(this.s(), { channels: this.channels, hub: this.hub, appUrl: this.appUrl });
  }

  async list(userId: number, q: { limit?: number; before?: number; unread?: boolean }) {
    const s = this.s();
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    const qb = inApp(s.knex('notifications').where({ user_id: userId })).orderBy('id', 'desc').limit(limit + 1);
    if (q.before) qb.where('id', '<', q.before);
    if (q.unread) qb.whereNull('read_at');
    const rows = await qb;
    const items = rows.slice(0, limit).map(notificationToApi);
    return { items, unread: await this.unread(userId), nextCursor: rows.length > limit ? items.at(-1)!.id : null };
  }

  /** Newer than `afterId`, oldest first (a reconnecting stream's Last-Event-ID). */
  async since(userId: number, afterId: number, limit = 200) {
    const rows = await inApp(this.s().knex('notifications').where({ user_id: userId }).where('id', '>', afterId)).orderBy('id').limit(limit);
    return rows.map(notificationToApi);
  }

  async unread(userId: number): Promise<number> {
    const r = await inApp(this.s().knex('notifications').where({ user_id: userId }).whereNull('read_at')).count({ n: '*' }).first();
    return Number(r?.n ?? 0);
  }

  async markRead(userId: number, id: number): Promise<boolean> {
    const s = this.s();
    const row = await inApp(s.knex('notifications').where({ id, user_id: userId })).first('id', 'read_at');
    if (!row) return false;
    if (!row.read_at) await s.knex('notifications').where({ id, user_id: userId }).whereNull('read_at').update({ read_at: toDbTime(s.clock.now()) });
    return true;
  }

  async markAllRead(userId: number): Promise<number> {
    const s = this.s();
    return inApp(s.knex('notifications').where({ user_id: userId }).whereNull('read_at')).update({ read_at: toDbTime(s.clock.now()) });
  }

  /** The outbox by delivery status, newest first (cursor `before`), with the exact total of that status. */
  async deliveries(q: { status: DeliveryStatus; limit?: number; before?: number }) {
    const s = this.s();
    const limit = Math.min(Math.max(q.limit ?? 50, 1), 200);
    const of = (qb: Knex.QueryBuilder) => {
      qb.whereNull('n.delivered_at');
      if (q.status === 'failed') qb.whereNotNull('n.failed_at');
      else qb.whereNull('n.failed_at').where('n.attempts', q.status === 'retrying' ? '>' : '=', 0);
      return qb;
    };
    const rows = await of(s.knex('notifications as n').join('users as u', 'u.id', 'n.user_id'))
      .modify((qb) => (q.before ? qb.where('n.id', '<', q.before) : qb))
      .orderBy('n.id', 'desc')
      .limit(limit + 1)
      .select('n.*', 'u.username', 'u.full_name');
    const total = Number((await of(s.knex('notifications as n')).count({ n: '*' }).first())?.n ?? 0);
    const items = rows.slice(0, limit).map(deliveryToApi);
    return { status: q.status, total, items, nextCursor: rows.length > limit ? items.at(-1)!.id : null };
  }

  /**
   * Gives failed deliveries a new series of attempts (all of them when `ids` is absent, at most 1,000 at a
   * time), audited; delivery is queued once committed. The channels that went out are not sent again.
   */
  async retryFailed(actor: { id: number; username: string; ip?: string }, ids?: number[]): Promise<number[]> {
    const s = this.s();
    const retried = await s.knex.transaction(async (trx) => {
      const q = trx('notifications').whereNull('delivered_at').whereNotNull('failed_at');
      if (ids) q.whereIn('id', ids);
      const rows = await q.orderBy('id').limit(1000).select('id', 'user_id', 'attempts', 'last_error');
      if (!rows.length) return [];
      const won = rows.map((r) => Number(r.id));
      await trx('notifications').whereIn('id', won).whereNotNull('failed_at').update({ failed_at: null, attempts: 0, next_attempt_at: null, claim: null, claimed_until: null });
      await s.audit.write(
        {
          action: 'notification.retry',
          actorId: actor.id,
          actor: actor.username,
          subjectType: 'Notification',
          subjectId: won.length === 1 ? won[0] : `${won.length} notifications`,
          ip: actor.ip,
          detail: { ids: won, lastErrors: [...new Set(rows.map((r) => r.last_error).filter(Boolean))].slice(0, 5) },
        },
        trx,
      );
      this.kickAfter(trx);
      return won;
    });
    return retried;
  }

  async preferences(userId: number): Promise<Preferences> {
    const r = await this.s().knex('notification_preferences').where({ user_id: userId }).first();
    return { channels: r?.channels ? readJson<string[]>(r.channels) : null, digest: !!r?.digest };
  }

  async setPreferences(userId: number, p: Preferences): Promise<Preferences> {
    const s = this.s();
    const row = { channels: p.channels ? JSON.stringify([...new Set(p.channels)]) : null, digest: p.digest, updated_at: toDbTime(s.clock.now()) };
    await s.knex('notification_preferences').insert({ user_id: userId, ...row }).onConflict('user_id').merge(row);
    return this.preferences(userId);
  }

  /** A single-use ticket for EventSource, which cannot send an Authorization header. */
  async issueTicket(userId: number, tokenId: number): Promise<{ ticket: string; expiresIn: number }> {
    const s = this.s();
    const ticket = crypto.randomBytes(32).toString('base64url');
    const now = s.clock.now();
    await s.knex('notification_stream_tickets').where('expires_at', '<', toDbTime(new Date(now.getTime() - 3600_000))).delete();
    await s.knex('notification_stream_tickets').insert({ ticket_hash: sha256(ticket), user_id: userId, token_id: tokenId, expires_at: toDbTime(new Date(now.getTime() + TICKET_SECONDS * 1000)) });
    return { ticket, expiresIn: TICKET_SECONDS };
  }

  /** Redeems a ticket once (the UPDATE only one request can win), while its session is alive. */
  async redeemTicket(ticket: string): Promise<{ userId: number; tokenId: number } | null> {
    const s = this.s();
    if (!/^[A-Za-z0-9_-]{20,100}$/.test(ticket)) return null;
    const hash = sha256(ticket);
    const now = toDbTime(s.clock.now());
    const won = await s.knex('notification_stream_tickets').where({ ticket_hash: hash }).whereNull('used_at').where('expires_at', '>', now).update({ used_at: now });
    if (!won) return null;
    const row = await s.knex('notification_stream_tickets').where({ ticket_hash: hash }).first('user_id', 'token_id');
    if (!(await this.sessionAlive(Number(row.token_id)))) return null;
    return { userId: Number(row.user_id), tokenId: Number(row.token_id) };
  }

  /** Whether the session a stream was opened with still stands (not revoked, expired, or idle for 15 minutes). */
  async sessionAlive(tokenId: number): Promise<boolean> {
    const s = this.s();
    const t = await s.knex('auth_tokens').where({ id: tokenId }).first('revoked_at', 'expires_at', 'last_seen_at');
    if (!t || t.revoked_at) return false;
    const now = s.clock.now().getTime();
    return fromDbTime(t.expires_at)!.getTime() > now && now - fromDbTime(t.last_seen_at)!.getTime() <= 15 * 60_000;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.channels.values()].map((c) => c.close?.()));
    await this.hub.close();
  }
}
