// Delivery: the notifications table is the outbox. A run claims a batch of undelivered rows with a lease
// (an UPDATE that only one engine wins per row), sends each through the channels it is meant for and the
// user accepts, and marks it delivered — per channel, so a retry never resends what went out. A failed
// send is retried with exponential backoff, up to MAX_ATTEMPTS; a run killed mid-way leaves its rows
// leased until the lease runs out, then another run takes them over. (E-mail cannot be made exactly
// once by any sender — SMTP has no two-phase commit — so a crash between the SMTP "250 OK" and the
// UPDATE can resend that one message; its Message-ID is stable per notification so mail systems can
// recognise it. Everything else is exactly once.)
import crypto from 'node:crypto';
import type { Services } from '../services.js';
import { dbDate, fromDbTime, hanoiDate, toDbTime } from '../db/time.js';
import { readJson } from '../db/json.js';
import type { Channel, DigestContent, OutgoingMessage, Recipient, TaskRef } from './channels.js';
import type { NotifyHub } from './hub.js';
import { notificationToApi } from './rows.js';
import { addDays } from '../calendar/days.js';
import { Sql } from './sql.js';

export const MAX_ATTEMPTS = 6;
const BATCH = 200;
const LEASE_MS = 2 * 60_000;
const PARALLEL = 4;

export interface DeliveryDeps {
  channels: Map<string, Channel>;
  hub: NotifyHub;
  appUrl: string;
}

export interface DeliveryResult {
  delivered: number;
  retrying: number;
  failed: number;
  held: number;
  more: boolean;
}

const s0 = (c: { s: Services }) => c.s.clock.now();
const taskLink = (appUrl: string, id: number) => `${appUrl.replace(/\/$/, '')}/tasks/${id}`;

async function claimBatch(s: Services, claim: string): Promise<number> {
  const now = new Date(); // leases and backoff are real time, whatever the business clock says
  const until = toDbTime(new Date(now.getTime() + LEASE_MS));
  const t = toDbTime(now);
  const free = (q: any) =>
    q
      .whereNull('delivered_at')
      .whereNull('failed_at')
      .where((w: any) => w.whereNull('next_attempt_at').orWhere('next_attempt_at', '<=', t))
      .where((w: any) => w.whereNull('claimed_until').orWhere('claimed_until', '<', t));
  // Two statements, not UPDATE … WHERE id IN (SELECT …): MariaDB 10.x runs such a subquery per row of a
  // large outbox. The UPDATE re-checks that each row is still free, so of two engines picking the same
  // candidates each row goes to exactly one; the run then reads back the rows it won.
  const ids: number[] = (await free(s.knex('notifications').select('id')).orderBy('id').limit(BATCH)).map((r: any) => Number(r.id));
  if (ids.length) await new Sql(s.knex).retrying(() => free(s.knex('notifications').whereIn('id', ids)).update({ claim, claimed_until: until }));
  return ids.length;
}

export async function deliverPending(s: Services, d: DeliveryDeps, opts: { maxBatches?: number } = {}): Promise<DeliveryResult> {
  const out: DeliveryResult = { delivered: 0, retrying: 0, failed: 0, held: 0, more: false };
  for (let b = 0; b < (opts.maxBatches ?? 25); b++) {
    const claim = crypto.randomUUID();
    const candidates = await claimBatch(s, claim);
    if (!candidates) return out;
    const rows = await s.knex('notifications as n').join('users as u', 'u.id', 'n.user_id').where('n.claim', claim).orderBy('n.id').select('n.*', 'u.username', 'u.full_name', 'u.email');
    if (!rows.length) continue; // another engine won these: try the next ones
    const userIds = [...new Set(rows.map((r) => Number(r.user_id)))];
    const prefs = new Map((await s.knex('notification_preferences').whereIn('user_id', userIds)).map((p) => [Number(p.user_id), p]));
    const taskIds = [...new Set(rows.filter((r) => r.task_id).map((r) => Number(r.task_id)))];
    const tasks = new Map((await s.knex('tasks').whereIn('id', taskIds).select('id', 'code', 'title', 'due_date')).map((t) => [Number(t.id), t]));
    const ctx: Ctx = { s, d, prefs, tasks, cal: await s.calendar.snapshot(), today: hanoiDate(s.clock.now()), claim, plain: new Map() };
    for (let i = 0; i < rows.length; i += PARALLEL) {
      const results = await Promise.all(rows.slice(i, i + PARALLEL).map((r) => deliverOne(ctx, r)));
      for (const r of results) out[r]++;
    }
    // Rows that only had to be shown in the app (nothing sent, nothing held) are recorded together.
    for (const [channels, ids] of ctx.plain)
      await new Sql(s.knex).retrying(() =>
        s.knex('notifications').whereIn('id', ids).where({ claim }).update({ claim: null, claimed_until: null, delivered_channels: channels, delivered_at: toDbTime(s.clock.now()), last_error: null }),
      );
    if (rows.length < BATCH) return out;
  }
  out.more = true;
  return out;
}

type Ctx = {
  s: Services;
  d: DeliveryDeps;
  prefs: Map<number, any>;
  tasks: Map<number, any>;
  cal: Awaited<ReturnType<Services['calendar']['snapshot']>>;
  today: string;
  claim: string;
  /** delivered_channels → ids of rows that went out without any send (marked in one UPDATE). */
  plain: Map<string, number[]>;
};

async function deliverOne(c: Ctx, row: any): Promise<'delivered' | 'retrying' | 'failed' | 'held'> {
  const { s, d } = c;
  const to: Recipient = { id: Number(row.user_id), username: row.username, fullName: row.full_name, email: row.email ?? null };
  const pref = c.prefs.get(to.id);
  const accepted: string[] | null = pref?.channels ? readJson(pref.channels) : null;
  const meant: string[] = readJson(row.channels) ?? ['inApp', ...d.channels.keys()];
  const done = new Set<string>(readJson(row.delivered_channels) ?? []);
  const msg = await message(c, row, to);
  let held = false;
  let sent = false;
  let error: unknown;
  for (const ch of meant) {
    if (done.has(ch)) continue;
    if (ch === 'inApp') {
      await d.hub.publish({ userId: to.id, notification: notificationToApi({ ...row, body: msg.body }) }).catch(() => undefined);
      done.add(ch);
      continue;
    }
    const channel = d.channels.get(ch);
    if (!channel || (accepted && !accepted.includes(ch)) || !channel.reaches(to)) continue;
    // "Digest instead of single messages": reminders and workflow messages wait for the digest;
    // a manual urge and an escalation to a leader do not wait.
    if (pref?.digest && !['digest', 'urge', 'escalation'].includes(row.kind)) {
      held = true;
      continue;
    }
    try {
      await channel.send(msg);
      sent = true;
      done.add(ch);
    } catch (err) {
      error = err;
    }
  }
  const release = { claim: null, claimed_until: null, delivered_channels: JSON.stringify([...done]) };
  // What went out must be recorded even when engines contend for the outbox's index (deadlocks are retried):
  // a lost record would mean a second e-mail after the lease.
  const mark = (changes: Record<string, unknown>) => new Sql(s.knex).retrying(() => s.knex('notifications').where({ id: row.id, claim: c.claim }).update(changes));
  if (error) {
    const attempts = Number(row.attempts) + 1;
    const last = attempts >= MAX_ATTEMPTS;
    s.log.warn({ err: error, notification: row.id, attempts }, 'notification delivery failed');
    await mark({
      ...release,
      attempts,
      last_error: String((error as Error)?.message ?? error).slice(0, 1000),
      next_attempt_at: toDbTime(new Date(Date.now() + Math.min(3600_000, 15_000 * 2 ** (attempts - 1)))),
      ...(last ? { failed_at: toDbTime(s.clock.now()) } : {}),
    });
    return last ? 'failed' : 'retrying';
  }
  if (!sent && !held && !msg.digest) {
    const key = JSON.stringify([...done]);
    c.plain.set(key, [...(c.plain.get(key) ?? []), Number(row.id)]);
    return 'delivered';
  }
  await mark({ ...release, body: msg.body, delivered_at: toDbTime(s.clock.now()), digest_pending: held, last_error: null });
  if (msg.digest && done.size) await releaseHeld(s, to.id, msg.digest);
  return held ? 'held' : 'delivered';
}

async function message(c: Ctx, row: any, to: Recipient): Promise<OutgoingMessage> {
  const t = row.task_id ? c.tasks.get(Number(row.task_id)) : undefined;
  const task: TaskRef | null = t ? { id: Number(t.id), code: t.code, title: t.title, dueDate: dbDate(t.due_date), link: taskLink(c.d.appUrl, Number(t.id)) } : null;
  const payload = readJson<any>(row.payload) ?? {};
  const facts: OutgoingMessage['facts'] = { ruleKind: payload.ruleKind };
  if (task?.dueDate) {
    const day = hanoiDate(fromDbTime(row.created_at) ?? s0(c));
    if (task.dueDate > day) facts.daysLeft = c.cal.workingDaysBetween(day, task.dueDate);
    else if (task.dueDate < day) facts.daysOverdue = c.cal.workingDaysBetween(task.dueDate, day);
  }
  const m: OutgoingMessage = { id: Number(row.id), kind: row.kind, template: row.template ?? null, title: row.title, body: row.body ?? null, createdAt: String(row.created_at), to, task, facts, appUrl: c.d.appUrl };
  if (row.kind === 'digest') {
    m.digest = await digestContent(c, to.id, payload.day ?? c.today);
    const { open, dueSoon, overdue } = m.digest.counts;
    m.body = `Bạn có ${open} nhiệm vụ đang thực hiện: ${dueSoon} sắp đến hạn, ${overdue} quá hạn.`;
  }
  return m;
}

/** The user's open tasks (handler, monitor, or a member of the lead unit) and the messages held for them. */
async function digestContent(c: Ctx, userId: number, day: string): Promise<DigestContent> {
  const { s } = c;
  const units = await s.knex('positions').where({ user_id: userId, active: true }).pluck('unit_id');
  const mine = (q: any) =>
    q
      .whereIn('t.state_category', ['open', 'waiting'])
      .where((w: any) => {
        w.where('t.handler_id', userId).orWhere('t.monitor_id', userId);
        if (units.length) w.orWhereIn('t.lead_unit_id', units);
      });
  const soon = c.cal.addWorkingDays(day, 3);
  const counts = await mine(s.knex('tasks as t'))
    .select(
      s.knex.raw('COUNT(*) AS open'),
      s.knex.raw('SUM(CASE WHEN t.due_date >= ? AND t.due_date <= ? THEN 1 ELSE 0 END) AS soon', [day, soon]),
      s.knex.raw('SUM(CASE WHEN t.due_date < ? THEN 1 ELSE 0 END) AS overdue', [day]),
    )
    .first();
  const list = await mine(s.knex('tasks as t')).whereNotNull('t.due_date').where('t.due_date', '<=', addDays(day, 30)).orderBy('t.due_date').limit(30).select('t.id', 't.code', 't.title', 't.due_date');
  const held = await s.knex('notifications').where({ user_id: userId, digest_pending: true }).orderBy('id').limit(200).select('id', 'title', 'task_id', 'created_at');
  return {
    day,
    counts: { open: Number(counts?.open ?? 0), dueSoon: Number(counts?.soon ?? 0), overdue: Number(counts?.overdue ?? 0) },
    tasks: list.map((t: any) => {
      const due = dbDate(t.due_date);
      return { id: Number(t.id), code: t.code, title: t.title, dueDate: due, link: taskLink(c.d.appUrl, Number(t.id)), overdue: !!due && due < day };
    }),
    held: held.map((h: any) => ({ id: Number(h.id), title: h.title, createdAt: String(h.created_at), link: h.task_id ? taskLink(c.d.appUrl, Number(h.task_id)) : null })),
  };
}

async function releaseHeld(s: Services, userId: number, digest: DigestContent) {
  const ids = digest.held.map((h) => h.id);
  if (ids.length) await s.knex('notifications').where({ user_id: userId }).whereIn('id', ids).update({ digest_pending: false });
}
