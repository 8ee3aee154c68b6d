// The reminder scan: every occurrence due today is derived from the database state (tasks, their due
// dates and states, the published policies) — nothing lives in timers, so a restart loses nothing and a
// policy disabled or a rule removed stops at the next scan. Each rule of each (pillar, task type,
// policy) group is one transaction of two set-based statements:
//   1. INSERT INTO reminders_sent … SELECT the tasks due for an occurrence, skipping (task, rule,
//      occurrence) keys that exist — "already done", whoever did it (another engine, an earlier scan);
//   2. INSERT INTO notifications … SELECT one row per recipient of the rows step 1 inserted.
// Engines scanning at once each insert what the others have not; a scan killed mid-way rolls back its
// open transaction and the next scan does the rest.
import crypto from 'node:crypto';
import type { Services } from '../../services.js';
import { fromDbTime, hanoiDate, toDbTime } from '../../db/time.js';
import { affected, Sql } from '../sql.js';
import { calendarDays, workingDays, type DayCounter } from './days.js';
import { draftStates, groupWhere, leaderRoles, taskGroups, type GroupSql, type TaskGroup } from './groups.js';
import { recipientUnion } from './recipients.js';
import { ruleKinds } from './rules/index.js';
import type { PolicyRule, RuleContext, RulePlan, ReminderRuleModule } from './rule.js';
import { digestFallback, runDigest } from './digest.js';

export interface ScanStep {
  pillar: string;
  type: string;
  policy: string;
  rule: string;
  kind: string;
  reminders: number;
  notifications: number;
}

export interface ScanResult {
  scanId: string;
  today: string;
  reminders: number;
  notifications: number;
  digests: number;
  steps: ScanStep[];
  ms: number;
}

export interface ScanOptions {
  /** Test only (NODE_ENV=test): sleep inside each rule's transaction, so a test can kill a scan mid-way. */
  pauseMs?: number;
}

export const hanoiTime = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
export const DEFAULT_RULE_TIME = '08:00';

const seenMetadata = new WeakMap<Services, number>();

/** Another engine may have published: the scan decides from the database, not from a missed message. */
async function freshMetadata(s: Services): Promise<void> {
  const row = await s.knex('metadata_documents').where('status', 'published').max({ m: 'id' }).first();
  const max = Number(row?.m ?? 0);
  if (seenMetadata.get(s) !== max) {
    s.metadata.snapshot.invalidate();
    seenMetadata.set(s, max);
  }
  await s.metadata.snapshot.ensureFresh();
}

export async function scanReminders(s: Services, opts: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const sql = new Sql(s.knex);
  const now = s.clock.now();
  const today = hanoiDate(now);
  const time = hanoiTime(now);
  await freshMetadata(s);
  const cal = await s.calendar.snapshot();
  const drafts = await draftStates(s);
  const result: ScanResult = { scanId: crypto.randomUUID(), today, reminders: 0, notifications: 0, digests: 0, steps: [], ms: 0 };

  for (const g of await taskGroups(s)) {
    const policy = s.metadata.snapshot.resolve('reminderPolicy', g.policyKey, g.pillar)?.body;
    if (!policy?.enabled) continue;
    const days: DayCounter = policy.workingDays ? workingDays(cal) : calendarDays;
    if (!days.isWorkingDay(today)) continue; // nobody works today: windows and repeats catch up next working day
    const gw = groupWhere(g);
    const leaders = leaderRoles(s, g.pillar);
    const ctx = ruleContext(sql, gw, today, days, drafts);
    for (const rule of (policy.rules ?? []) as PolicyRule[]) {
      if (time < (rule.time ?? DEFAULT_RULE_TIME)) continue;
      const channels = JSON.stringify(rule.channels ?? policy.channels ?? ['inApp']);
      if (rule.kind === 'digest') {
        result.digests += await runDigest(sql, { group: gw, rule, days, today, now, channels, leaders });
        continue;
      }
      const m = ruleKinds.get(rule.kind);
      if (!m) continue;
      const plan = await m.plan(rule, ctx);
      if (!plan) continue;
      const step = await runRule(sql, { g, gw, m, rule, plan, now, channels, leaders, drafts, pauseMs: opts.pauseMs });
      result.steps.push(step);
      result.reminders += step.reminders;
      result.notifications += step.notifications;
    }
  }
  if (time >= DEFAULT_DIGEST_TIME && workingDays(cal).isWorkingDay(today)) result.digests += await digestFallback(sql, today, now);
  result.ms = Date.now() - started;
  return result;
}

export const DEFAULT_DIGEST_TIME = '07:30';

/** When a task started waiting: the newest event that moved it into its current state. */
const WAITING_SINCE = '(SELECT MAX(e.at) FROM task_events e WHERE e.task_id = t.id AND e.to_state = t.state)';

function ruleContext(sql: Sql, gw: GroupSql, today: string, days: DayCounter, drafts: string[]): RuleContext {
  let overdue: Promise<string | null> | undefined;
  let waiting: Promise<string | null> | undefined;
  return {
    today,
    days,
    minOverdue: () =>
      (overdue ??= sql
        .knex('tasks as t')
        .whereRaw(gw.sql, gw.bindings as any[])
        .where('t.state_category', 'open')
        .where('t.due_date', '<', today)
        .min({ m: 't.due_date' })
        .first()
        .then((r: any) => (r?.m ? normDay(r.m) : null))),
    minWaiting: () =>
      (waiting ??= sql
        .knex('tasks as t')
        .whereRaw(gw.sql, gw.bindings as any[])
        .where('t.state_category', 'waiting')
        .whereNotIn('t.state', drafts)
        .first(sql.knex.raw(`MIN(${WAITING_SINCE}) AS m`))
        .then((r: any) => (r?.m ? hanoiDate(fromDbTime(r.m)!) : null))),
  };
}

const normDay = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

interface RunArgs {
  g: TaskGroup;
  gw: GroupSql;
  m: ReminderRuleModule;
  rule: PolicyRule;
  plan: RulePlan;
  now: Date;
  channels: string;
  leaders: string[];
  drafts: string[];
  pauseMs?: number;
}

async function runRule(sql: Sql, a: RunArgs): Promise<ScanStep> {
  const { plan, rule } = a;
  const runId = crypto.randomUUID();
  const at = toDbTime(a.now);
  const where: string[] = [a.gw.sql];
  const bindings: unknown[] = [...a.gw.bindings];
  let dayExpr = 't.due_date';
  if (plan.source === 'due') {
    where.push(`t.state_category = 'open'`, 't.due_date IS NOT NULL');
    for (const [op, day] of [['>', plan.after], ['<', plan.before], ['<=', plan.until]] as const) {
      if (!day) continue;
      where.push(`t.due_date ${op} ?`);
      bindings.push(day);
    }
  } else {
    where.push(`t.state_category = 'waiting'`);
    if (a.drafts.length) {
      where.push(`t.state NOT IN (${a.drafts.map(() => '?').join(', ')})`);
      bindings.push(...a.drafts);
    }
    dayExpr = sql.hanoiDay(WAITING_SINCE);
  }
  const occurrence = plan.table ? 'm.occ' : sql.dateText('t.due_date');
  const join = plan.table ? `JOIN ${sql.dayTable(plan.table)} m ON m.d = ${dayExpr}` : '';
  const record = sql.insertOnce(
    'reminders_sent',
    ['task_id', 'rule_key', 'occurrence', 'policy_key', 'kind', 'scan_id', 'created_at'],
    `SELECT t.id, ?, ${occurrence}, ?, ?, ?, ? FROM tasks t ${join} WHERE ${where.join(' AND ')}`,
    'task_id',
  );
  const recipients = recipientUnion(rule.to, runId, a.leaders);
  const title = `${rule.label ?? a.m.title}: `;
  const fanOut =
    recipients &&
    sql.insertOnce(
      'notifications',
      ['user_id', 'task_id', 'kind', 'template', 'title', 'payload', 'dedupe_key', 'channels', 'created_at'],
      `SELECT x.uid, t.id, ?, ?, SUBSTR(${sql.concat('?', 't.code', "' — '", 't.title')}, 1, 500), ` +
        `JSON_OBJECT('rule', r.rule_key, 'ruleKind', r.kind, 'occurrence', r.occurrence, 'policy', r.policy_key, 'code', t.code, 'dueDate', ${sql.dateText('t.due_date')}), ` +
        `${sql.concat("'r:'", 'r.task_id', "':'", 'r.rule_key', "':'", 'r.occurrence')}, ?, ? ` +
        `FROM (${recipients.sql}) x JOIN reminders_sent r ON r.id = x.rid JOIN tasks t ON t.id = r.task_id ` +
        `JOIN users u ON u.id = x.uid AND u.active = 1 WHERE 1 = 1`,
      'user_id',
    );
  return sql.retrying(() =>
    sql.transaction(async (trx) => {
      await trx.raw(record, [rule.key, a.g.policyKey, rule.kind, runId, at, ...bindings] as any[]);
      const reminders = Number((await trx('reminders_sent').where('scan_id', runId).count({ n: '*' }).first())?.n ?? 0);
      if (a.pauseMs) await new Promise((r) => setTimeout(r, a.pauseMs));
      let notifications = 0;
      if (fanOut && reminders) {
        const res: any = await trx.raw(fanOut, [a.m.notification, rule.template ?? rule.kind, title, a.channels, at, ...recipients!.bindings] as any[]);
        notifications = affected(res);
      }
      return { pillar: a.g.pillar, type: a.g.typeKey, policy: a.g.policyKey, rule: rule.key, kind: rule.kind, reminders, notifications };
    }),
  );
}
