// Day arithmetic of a reminder policy — working days (the admin-maintained calendar) or calendar days —
// done once per scan in JS, so the SQL only compares due dates with precomputed bounds.
import { addDays, toEpochDay } from '../../calendar/days.js';
import type { CalendarSnapshot } from '../../calendar/workingDays.js';

export interface DayCounter {
  /** Days in (a, b] (negative when b < a), counting only working days for a working-days policy. */
  between(a: string, b: string): number;
  isWorkingDay(day: string): boolean;
}

export const workingDays = (cal: CalendarSnapshot): DayCounter => ({
  between: (a, b) => cal.workingDaysBetween(a, b),
  isWorkingDay: (d) => cal.isWorkingDay(d),
});

export const calendarDays: DayCounter = {
  between: (a, b) => toEpochDay(b) - toEpochDay(a),
  isWorkingDay: () => true,
};

const LIMIT = 4000; // days; no rule looks further than ~10 years

/** The first day after `today` that is more than `n` counted days away (exclusive upper bound). */
export function firstBeyond(c: DayCounter, today: string, n: number): string {
  let d = addDays(today, 1);
  for (let i = 0; i < LIMIT && c.between(today, d) <= n; i++) d = addDays(d, 1);
  return d;
}

/** The last day before `today` that is at least `n` counted days before it. */
export function lastAtLeast(c: DayCounter, today: string, n: number): string {
  let d = addDays(today, -1);
  for (let i = 0; i < LIMIT && c.between(d, today) < n; i++) d = addDays(d, -1);
  return d;
}

/** The previous working day (exclusive lower bound of "due today": a due date on a day off before it counts). */
export function previousWorkingDay(c: DayCounter, today: string): string {
  let d = addDays(today, -1);
  for (let i = 0; i < LIMIT && !c.isWorkingDay(d); i++) d = addDays(d, -1);
  return d;
}

/**
 * For repeating rules ("every N days overdue", "every N days waiting"): for each day `from` ≤ d < today,
 * the latest occurrence k = ⌊between(d, today) / every⌋ ≥ 1, keyed "d#k". A scan delivers that latest
 * occurrence once; a scan missed (engine down) catches up with it, never with a burst of old ones.
 */
export function repeatTable(c: DayCounter, from: string, today: string, every: number, since: string | null = null): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  let d = from < addDays(today, -LIMIT) ? addDays(today, -LIMIT) : from;
  for (; d < today; d = addDays(d, 1)) {
    const k = Math.floor(c.between(d, today) / every);
    if (k < 1) continue;
    // Incremental: only the days whose latest occurrence changed since the last scan.
    if (since && d < since && Math.floor(c.between(d, since) / every) === k) continue;
    out.push([d, `${d}#${k}`]);
  }
  return out;
}
