// Daily digests: one notification per user and day ("digest:<day>"), whatever number of policies or
// groups name them; its content (the user's open tasks, and the e-mails held for the digest) is put
// together at delivery, so it is current when it goes out.
import { toDbTime } from '../../db/time.js';
import { affected, type Sql } from '../sql.js';
import type { DayCounter } from './days.js';
import type { GroupSql } from './groups.js';
import type { PolicyRule } from './rule.js';
import { partyUsers } from './recipients.js';

const EPOCH = '2000-01-03'; // a Monday: "every N days" counts from here

export const digestKey = (day: string) => `digest:${day}`;
export const digestTitle = (day: string) => `Tổng hợp nhiệm vụ ngày ${day.slice(8, 10)}/${day.slice(5, 7)}/${day.slice(0, 4)}`;

const COLUMNS = ['user_id', 'task_id', 'kind', 'template', 'title', 'payload', 'dedupe_key', 'channels', 'created_at'];

export async function runDigest(
  sql: Sql,
  db: Sql['knex'],
  a: { group: GroupSql; rule: PolicyRule; days: DayCounter; today: string; now: Date; channels: string; leaders: string[]; changedSince?: Date | null },
): Promise<number> {
  if (a.days.between(EPOCH, a.today) % (a.rule.every ?? 1) !== 0) return 0;
  // Already written today: only the users of tasks changed since (a task assigned during the day).
  const group = a.changedSince ? { sql: `${a.group.sql} AND t.updated_at >= ?`, bindings: [...a.group.bindings, toDbTime(a.changedSince)] } : a.group;
  const users = partyUsers(a.rule.to, group, a.leaders);
  if (!users) return 0;
  const stmt = sql.insertOnce(
    'notifications',
    COLUMNS,
    `SELECT x.uid, NULL, 'digest', ?, ?, ?, ?, ?, ? FROM (${users.sql}) x JOIN users u ON u.id = x.uid AND u.active = 1 WHERE 1 = 1`,
    'user_id',
  );
  const payload = JSON.stringify({ day: a.today, rule: a.rule.key });
  const res = await db.raw(stmt, [a.rule.template ?? 'digest', digestTitle(a.today), payload, digestKey(a.today), a.channels, toDbTime(a.now), ...users.bindings] as any[]);
  return affected(res);
}

/** Users who chose "digest instead of single messages" get one whenever e-mails are held for them. */
export async function digestFallback(sql: Sql, today: string, now: Date): Promise<number> {
  const stmt = sql.insertOnce(
    'notifications',
    COLUMNS,
    `SELECT DISTINCT n.user_id, NULL, 'digest', 'digest', ?, ?, ?, ?, ? FROM notifications n ` +
      `JOIN notification_preferences np ON np.user_id = n.user_id AND np.digest = 1 WHERE n.digest_pending = 1`,
    'user_id',
  );
  const res = await sql.retrying(() =>
    sql.knex.raw(stmt, [digestTitle(today), JSON.stringify({ day: today }), digestKey(today), JSON.stringify(['inApp', 'email']), toDbTime(now)]),
  );
  return affected(res);
}
