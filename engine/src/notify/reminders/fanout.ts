// The fan-out: reminders_sent is the ledger of (task, rule, occurrence); each new reminder becomes one
// notification per recipient (the rule's `to`, as the task's pillar sees the policy now) in the outbox.
// A chunk of unfanned reminders is taken under lock (MySQL: FOR UPDATE SKIP LOCKED, so engines share the
// work), its notifications inserted — a (user, dedupe key) that exists is "already done" — and the chunk
// marked, all in one transaction: killed half-way, it rolls back and the next run does it again.
import type { Services } from '../../services.js';
import { toDbTime } from '../../db/time.js';
import { affected, Sql } from '../sql.js';
import { leaderRoles } from './groups.js';
import { recipientUnion } from './recipients.js';
import { ruleKinds } from './rules/index.js';
import type { PolicyRule } from './rule.js';

export interface FanOutResult {
  reminders: number;
  notifications: number;
  ms: number;
}

const CHUNK = 5000;

export async function fanOut(s: Services, opts: { maxChunks?: number } = {}): Promise<FanOutResult> {
  const started = Date.now();
  const sql = new Sql(s.knex);
  await s.metadata.snapshot.ensureFresh();
  const out: FanOutResult = { reminders: 0, notifications: 0, ms: 0 };
  for (let i = 0; i < (opts.maxChunks ?? 1000); i++) {
    const done = await sql.retrying(() => sql.transaction((trx) => fanOutChunk(s, sql, trx)));
    out.reminders += done.reminders;
    out.notifications += done.notifications;
    if (done.reminders < CHUNK) break;
  }
  out.ms = Date.now() - started;
  return out;
}

async function fanOutChunk(s: Services, sql: Sql, trx: Sql['knex']): Promise<Omit<FanOutResult, 'ms'>> {
  const q = trx('reminders_sent').whereNull('fanned_at').orderBy('id').limit(CHUNK).select('id', 'task_id', 'policy_key', 'rule_key');
  const rows: any[] = sql.mysql ? await q.forUpdate().skipLocked() : await q;
  if (!rows.length) return { reminders: 0, notifications: 0 };
  const pillarOf = new Map<number, string>();
  for (let i = 0; i < rows.length; i += 1000)
    for (const t of await trx('tasks').whereIn('id', rows.slice(i, i + 1000).map((r) => r.task_id)).select('id', 'pillar')) pillarOf.set(Number(t.id), t.pillar);
  // One INSERT per (policy, rule, pillar): the recipients, channels and wording are the rule's.
  const groups = new Map<string, { policy: string; rule: string; pillar: string; ids: number[] }>();
  for (const r of rows) {
    const pillar = pillarOf.get(Number(r.task_id));
    if (!pillar) continue;
    const key = `${r.policy_key}|${r.rule_key}|${pillar}`;
    if (!groups.has(key)) groups.set(key, { policy: r.policy_key, rule: r.rule_key, pillar, ids: [] });
    groups.get(key)!.ids.push(Number(r.id));
  }
  const now = toDbTime(s.clock.now());
  let notifications = 0;
  for (const g of groups.values()) {
    const policy = s.metadata.snapshot.resolve('reminderPolicy', g.policy, g.pillar)?.body;
    const rule = (policy?.rules as PolicyRule[] | undefined)?.find((r) => r.key === g.rule);
    const m = rule && ruleKinds.get(rule.kind);
    if (!rule || !m) continue; // the rule was removed since: nobody to address, nothing more to send
    const which = { sql: `r.id IN (${g.ids.map(() => '?').join(', ')})`, bindings: g.ids };
    const recipients = recipientUnion(rule.to, which, leaderRoles(s, g.pillar));
    if (!recipients) continue;
    const channels = JSON.stringify(rule.channels ?? policy.channels ?? ['inApp']);
    const stmt = sql.insertOnce(
      'notifications',
      ['user_id', 'task_id', 'kind', 'template', 'title', 'payload', 'dedupe_key', 'channels', 'created_at'],
      `SELECT x.uid, t.id, ?, ?, SUBSTR(${sql.concat('?', 't.code', "' — '", 't.title')}, 1, 500), ` +
        `JSON_OBJECT('rule', r.rule_key, 'ruleKind', r.kind, 'occurrence', r.occurrence, 'policy', r.policy_key, 'code', t.code, 'dueDate', ${sql.dateText('t.due_date')}), ` +
        `${sql.concat("'r:'", 'r.task_id', "':'", 'r.rule_key', "':'", 'r.occurrence')}, ?, ? ` +
        `FROM (${recipients.sql}) x JOIN reminders_sent r ON r.id = x.rid JOIN tasks t ON t.id = r.task_id ` +
        `JOIN users u ON u.id = x.uid AND u.active = 1 WHERE 1 = 1`,
      'user_id',
    );
    notifications += affected(await trx.raw(stmt, [m.notification, rule.template ?? rule.kind, `${rule.label ?? m.title}: `, channels, now, ...recipients.bindings] as any[]));
  }
  const ids = rows.map((r) => Number(r.id));
  for (let i = 0; i < ids.length; i += 1000) await trx('reminders_sent').whereIn('id', ids.slice(i, i + 1000)).update({ fanned_at: now });
  return { reminders: rows.length, notifications };
}
