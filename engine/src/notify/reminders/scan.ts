// The reminder scan: every occurrence due is derived from the database state (tasks, their due dates
// and states, the published policies) — nothing lives in timers, so a restart loses nothing and a
// policy disabled or a rule removed stops at the next scan. Each rule of each (pillar, task type,
// policy) group is one transaction:
//   1. INSERT INTO reminders_sent … SELECT the tasks with an occurrence that became due since the rule
//      was last scanned, skipping (task, rule, occurrence) keys that exist — "already done", whoever did
//      it (another engine, an earlier scan);
//   2. the same for the tasks changed since that scan (a new deadline, a reopened task), in full;
//   3. the rule's scan state: the day, the rule's and the calendar's hashes (a changed rule or calendar,
//      or no state at all, means a full scan of that rule).
// Engines scanning at once each insert what the others have not; a scan killed mid-way rolls back its
// open transaction and the next scan does the rest. The notifications of the new reminders (one per
// recipient) are written afterwards by the fan-out (fanout.ts).
import crypto from 'node:crypto';
import type { Services } from '../../services.js';
import { fromDbTime, hanoiDate, toDbTime } from '../../db/time.js';
import { Sql } from '../sql.js';
import { calendarDays, workingDays, type DayCounter } from './days.js';
import { draftStates, groupWhere, leaderRoles, taskGroups, type GroupSql, type TaskGroup } from './groups.js';
import { ruleKinds } from './rules/index.js';
import type { PolicyRule, RuleContext, RulePlan, ReminderRuleModule } from './rule.js';
import { digestFallback, runDigest } from './digest.js';

export interface ScanStep {
  pillar: string;
  type: string;
  policy: string;
  rule: string;
  kind: string;
  /** 'full' (no usable state), 'incremental' (since the last scan), 'changed' (only tasks changed since). */
  mode: 'full' | 'incremental' | 'changed';
  reminders: number;
  ms: number;
}

export interface ScanResult {
  scanId: string;
  today: string;
  reminders: number;
  digests: number;
  /** Of `ms`: the digest statements. */
  digestMs: number;
  steps: ScanStep[];
  ms: number;
}

export interface ScanOptions {
  /** Only the per-task reminder rules, or only the per-user digests (default: both). */
  only?: 'reminders' | 'digests';
  /** Test only (NODE_ENV=test): sleep inside each rule's transaction, so a test can kill a scan mid-way. */
  pauseMs?: number;
}

export const hanoiTime = (d: Date) => new Date(d.getTime() + 7 * 3600_000).toISOString().slice(11, 16);
export const DEFAULT_RULE_TIME = '08:00';
export const DEFAULT_DIGEST_TIME = '07:30';
/** A task changed this long before the last scan started may have committed after it read: look again. */
const CHANGED_MARGIN_MS = 10 * 60_000;

/** When a task started waiting: the newest event that moved it into its current state. */
const WAITING_SINCE = '(SELECT MAX(e.at) FROM task_events e WHERE e.task_id = t.id AND e.to_state = t.state)';

const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');
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

/** The calendar's exceptions as one hash: an edited calendar moves every window, so rules rescan in full. */
async function calendarHash(s: Services): Promise<string> {
  const rows = await s.knex('calendar_days').orderBy('day').select('day', 'kind');
  return sha256(rows.map((r: any) => `${normDay(r.day)}:${r.kind}`).join(','));
}

interface State {
  day: string;
  rule_hash: string;
  calendar_hash: string;
  scanned_at: Date;
}

export async function scanReminders(s: Services, opts: ScanOptions = {}): Promise<ScanResult> {
  const started = Date.now();
  const sql = new Sql(s.knex);
  const now = s.clock.now();
  const today = hanoiDate(now);
  const time = hanoiTime(now);
  await freshMetadata(s);
  const cal = await s.calendar.snapshot();
  const calHash = await calendarHash(s);
  const drafts = await draftStates(s);
  const states = new Map<string, State>(
    (await s.knex('reminder_scan_state').select('id', 'day', 'rule_hash', 'calendar_hash', 'scanned_at')).map((r: any) => [r.id, { ...r, day: normDay(r.day), scanned_at: fromDbTime(r.scanned_at)! }]),
  );
  const result: ScanResult = { scanId: crypto.randomUUID(), today, reminders: 0, digests: 0, digestMs: 0, steps: [], ms: 0 };

  for (const g of await taskGroups(s)) {
    const policy = s.metadata.snapshot.resolve('reminderPolicy', g.policyKey, g.pillar)?.body;
    if (!policy?.enabled) continue;
    const days: DayCounter = policy.workingDays ? workingDays(cal) : calendarDays;
    if (!days.isWorkingDay(today)) continue; // nobody works today: windows and repeats catch up next working day
    const gw = groupWhere(g);
    const leaders = leaderRoles(s, g.pillar);
    for (const rule of (policy.rules ?? []) as PolicyRule[]) {
      if (time < (rule.time ?? DEFAULT_RULE_TIME)) continue;
      const stateId = sha256([g.pillar, g.typeKey, g.policyKey, rule.key].join('|'));
      const ruleHash = sha256(JSON.stringify({ rule, workingDays: !!policy.workingDays, channels: policy.channels }));
      const st = states.get(stateId);
      const usable = st && st.rule_hash === ruleHash && st.calendar_hash === calHash && st.day <= today ? st : undefined;
      const saveState = { id: stateId, pillar: g.pillar, type_key: g.typeKey, policy_key: g.policyKey, rule_key: rule.key, day: today, rule_hash: ruleHash, calendar_hash: calHash, scanned_at: toDbTime(now) };
      const isDigest = rule.kind === 'digest';
      if ((opts.only === 'reminders' && isDigest) || (opts.only === 'digests' && !isDigest)) continue;
      if (rule.kind === 'digest') {
        const channels = JSON.stringify(rule.channels ?? policy.channels ?? ['inApp']);
        const changedSince = usable?.day === today ? new Date(usable.scanned_at.getTime() - CHANGED_MARGIN_MS) : null;
        const t0 = Date.now();
        result.digests += await sql.retrying(() =>
          sql.transaction(async (trx) => {
            const n = await runDigest(sql, trx, { group: gw, rule, days, today, now, channels, leaders, changedSince });
            await putState(sql, trx, saveState);
            return n;
          }),
        );
        result.digestMs += Date.now() - t0;
        continue;
      }
      const m = ruleKinds.get(rule.kind);
      if (!m) continue;
      const since = usable?.day ?? null;
      const plan = await m.plan(rule, ruleContext(sql, gw, today, since, days, drafts));
      // Tasks changed since the last scan are looked at in full: their dates or states may have moved.
      const changedSince = usable ? new Date(usable.scanned_at.getTime() - CHANGED_MARGIN_MS) : null;
      const full = changedSince ? await m.plan(rule, ruleContext(sql, gw, today, null, days, drafts)) : null;
      const step = await runRule(sql, { g, gw, m, rule, plan, full, changedSince, now, drafts, state: saveState, pauseMs: opts.pauseMs });
      result.steps.push(step);
      result.reminders += step.reminders;
    }
  }
  if (opts.only !== 'reminders' && time >= DEFAULT_DIGEST_TIME && workingDays(cal).isWorkingDay(today)) {
    const t0 = Date.now();
    result.digests += await digestFallback(sql, today, now);
    result.digestMs += Date.now() - t0;
  }
  result.ms = Date.now() - started;
  return result;
}

function ruleContext(sql: Sql, gw: GroupSql, today: string, since: string | null, days: DayCounter, drafts: string[]): RuleContext {
  let overdue: Promise<string | null> | undefined;
  let waiting: Promise<string | null> | undefined;
  return {
    today,
    since,
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
        // A task starts waiting after it was created: its creation bounds the day from below (an index
        // range and a row read per waiting task, where the exact day would be an events lookup for each).
        .min({ m: 't.created_at' })
        .first()
        .then((r: any) => (r?.m ? hanoiDate(fromDbTime(r.m)!) : null))),
  };
}

const normDay = (v: unknown) => (v instanceof Date ? v.toISOString().slice(0, 10) : String(v).slice(0, 10));

interface RunArgs {
  g: TaskGroup;
  gw: GroupSql;
  m: ReminderRuleModule;
  rule: PolicyRule;
  /** What became due since the last scan (or everything, without a state); null: nothing. */
  plan: RulePlan | null;
  /** Everything due now, applied to the tasks changed since `changedSince`. */
  full: RulePlan | null;
  changedSince: Date | null;
  now: Date;
  drafts: string[];
  state: Record<string, unknown>;
  pauseMs?: number;
}

/** One INSERT … SELECT of a plan into reminders_sent (`changedSince`: only tasks updated since). */
function recordStatement(sql: Sql, a: RunArgs, plan: RulePlan, runId: string, changedSince: Date | null) {
  const where: string[] = [a.gw.sql];
  const bindings: unknown[] = [...a.gw.bindings];
  let dayExpr = 't.due_date';
  if (plan.source === 'due') {
    where.push(`t.state_category = 'open'`, 't.due_date IS NOT NULL');
    for (const [op, day] of [['>=', plan.from], ['>', plan.after], ['<', plan.before], ['<=', plan.until]] as const) {
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
  if (changedSince) {
    where.push('t.updated_at >= ?');
    bindings.push(toDbTime(changedSince));
  }
  const occurrence = plan.table ? 'm.occ' : sql.dateText('t.due_date');
  const join = plan.table ? `JOIN ${sql.dayTable(plan.table)} m ON m.d = ${dayExpr}` : '';
  const text = sql.insertOnce(
    'reminders_sent',
    ['task_id', 'rule_key', 'occurrence', 'policy_key', 'kind', 'scan_id', 'created_at'],
    `SELECT t.id, ?, ${occurrence}, ?, ?, ?, ? FROM tasks t ${join} WHERE ${where.join(' AND ')}`,
    'task_id',
  );
  return { text, bindings: [a.rule.key, a.g.policyKey, a.rule.kind, runId, toDbTime(a.now), ...bindings] };
}

async function runRule(sql: Sql, a: RunArgs): Promise<ScanStep> {
  const runId = crypto.randomUUID();
  const started = Date.now();
  const statements = [
    ...(a.plan ? [recordStatement(sql, a, a.plan, runId, null)] : []),
    ...(a.full && a.changedSince ? [recordStatement(sql, a, a.full, runId, a.changedSince)] : []),
  ];
  const mode: ScanStep['mode'] = !a.changedSince ? 'full' : a.plan ? 'incremental' : 'changed';
  const reminders = await sql.retrying(() =>
    sql.transaction(async (trx) => {
      for (const st of statements) await trx.raw(st.text, st.bindings as any[]);
      if (a.pauseMs) await new Promise((r) => setTimeout(r, a.pauseMs));
      await putState(sql, trx, a.state);
      return Number((await trx('reminders_sent').where('scan_id', runId).count({ n: '*' }).first())?.n ?? 0);
    }),
  );
  return { pillar: a.g.pillar, type: a.g.typeKey, policy: a.g.policyKey, rule: a.rule.key, kind: a.rule.kind, mode, reminders, ms: Date.now() - started };
}

async function putState(sql: Sql, trx: Sql['knex'], row: Record<string, unknown>) {
  await trx('reminder_scan_state').insert(row).onConflict('id').merge(['day', 'rule_hash', 'calendar_hash', 'scanned_at']);
}
