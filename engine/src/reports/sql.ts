// SQL fragments the report compiler shares between SQLite and MySQL/MariaDB. Column names come only from
// the dataset field maps (datasets.ts); every value is a `?` binding.
import type { Knex } from 'knex';
import { dialectOf, type Dialect } from '../db/connect.js';
import { addDays } from '../calendar/days.js';
import { toDbTime } from '../db/time.js';

export type { Dialect };
export { dialectOf };

export interface Frag {
  sql: string;
  bindings: unknown[];
}

export const frag = (sql: string, bindings: unknown[] = []): Frag => ({ sql, bindings });

/** Quotes an identifier that comes from a whitelist ('tasks.due_date' → `tasks`.`due_date` / "tasks"."due_date"). */
export function ident(dialect: Dialect, name: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)?$/.test(name)) throw new Error(`unsafe identifier ${name}`);
  const q = dialect === 'mysql' ? '`' : '"';
  return name
    .split('.')
    .map((p) => `${q}${p}${q}`)
    .join('.');
}

/** The local (Asia/Ho_Chi_Minh, UTC+7) date of a UTC timestamp column, as a DATE expression. */
export function localDate(dialect: Dialect, column: string): string {
  return dialect === 'sqlite' ? `date(${column}, '+7 hours')` : `DATE(${column} + INTERVAL 7 HOUR)`;
}

/** Start of a local day as a stored UTC timestamp: '2026-03-01' → '2026-02-28 17:00:00.000'. */
export function dayStart(day: string): string {
  return toDbTime(new Date(`${day}T00:00:00+07:00`));
}
export const nextDayStart = (day: string): string => dayStart(addDays(day, 1));

const MONTHS = { month: 1, quarter: 3, halfYear: 6, year: 12 } as const;
export type PeriodLength = keyof typeof MONTHS;

/**
 * The period of a DATE expression as one integer: months since year 0 (y·12 + m − 1), shifted by one month
 * from the 15th for NĐ 09/2019 periods (15th of the previous month to the 14th), divided by the period's
 * length in months. NULL dates stay NULL. periods.ts turns the integer back into a key.
 */
export function periodIndex(dialect: Dialect, date: string, length: PeriodLength, scheme: 'calendar' | 'nd09'): string {
  const months =
    dialect === 'sqlite'
      ? `(CAST(substr(${date}, 1, 4) AS INTEGER) * 12 + CAST(substr(${date}, 6, 2) AS INTEGER) - 1${scheme === 'nd09' ? ` + (CASE WHEN CAST(substr(${date}, 9, 2) AS INTEGER) >= 15 THEN 1 ELSE 0 END)` : ''})`
      : `(YEAR(${date}) * 12 + MONTH(${date}) - 1${scheme === 'nd09' ? ` + (CASE WHEN DAYOFMONTH(${date}) >= 15 THEN 1 ELSE 0 END)` : ''})`;
  const n = MONTHS[length];
  if (n === 1) return months;
  return dialect === 'sqlite' ? `(${months} / ${n})` : `(${months} DIV ${n})`;
}

/** LIKE pattern for a substring match, escaped with '!' (means the same in every sql_mode). */
export function containsPattern(v: string): string {
  return `%${v.replace(/[!%_]/g, '!$&')}%`;
}

// --- the statistics categories (DOMAIN.md "Statistics"), as in tasks/categories.ts ----------------------
// Conditions on `tasks`; `?` is today ('YYYY-MM-DD', Hanoi), bound by the caller. A done task without a
// deadline counts as on time; cancelled tasks belong to no category of the official table.

export const OPEN_CATEGORIES = "('open', 'waiting')";
export type CategoryKey = 'doneOnTime' | 'doneLate' | 'openOnTime' | 'openOverdue' | 'noDeadline' | 'dueSoon' | 'cancelled';

export function categoryCondition(c: CategoryKey, today: string, soonUntil: string): Frag {
  switch (c) {
    case 'doneOnTime':
      return frag("(tasks.state_category = 'done' AND (tasks.due_date IS NULL OR tasks.completed_on <= tasks.due_date))");
    case 'doneLate':
      return frag("(tasks.state_category = 'done' AND tasks.due_date IS NOT NULL AND (tasks.completed_on IS NULL OR tasks.completed_on > tasks.due_date))");
    case 'openOnTime':
      return frag(`(tasks.state_category IN ${OPEN_CATEGORIES} AND tasks.due_date >= ?)`, [today]);
    case 'openOverdue':
      return frag(`(tasks.state_category IN ${OPEN_CATEGORIES} AND tasks.due_date < ?)`, [today]);
    case 'noDeadline':
      return frag(`(tasks.state_category IN ${OPEN_CATEGORIES} AND tasks.due_date IS NULL)`);
    case 'dueSoon':
      return frag(`(tasks.state_category IN ${OPEN_CATEGORIES} AND tasks.due_date >= ? AND tasks.due_date <= ?)`, [today, soonUntil]);
    case 'cancelled':
      return frag("(tasks.state_category = 'cancelled')");
  }
}

/** Each task's category as one CASE (for the category dimension); same rules as categoryCondition. */
export function categoryCaseSql(today: string): Frag {
  return frag(
    `(CASE WHEN tasks.state_category = 'cancelled' THEN 'cancelled'
      WHEN tasks.state_category = 'done' AND (tasks.due_date IS NULL OR tasks.completed_on <= tasks.due_date) THEN 'doneOnTime'
      WHEN tasks.state_category = 'done' THEN 'doneLate'
      WHEN tasks.due_date IS NULL THEN 'noDeadline'
      WHEN tasks.due_date < ? THEN 'openOverdue'
      ELSE 'openOnTime' END)`,
    [today],
  );
}

export const anyOf = (parts: Frag[]): Frag => ({ sql: `(${parts.map((p) => p.sql).join(' OR ')})`, bindings: parts.flatMap((p) => p.bindings) });

export function whereFrag(qb: Knex.QueryBuilder, f: Frag): Knex.QueryBuilder {
  return qb.whereRaw(f.sql, f.bindings as Knex.RawBinding[]);
}
