/** Deadlines as people read them: today in Hanoi, days left, overdue or due soon. */
import { dayjs, TIME_ZONE } from '../shared/datetime';
import type { Category } from './types';

export const DUE_SOON_DAYS = 3;

export function todayInHanoi(): string {
  return dayjs().tz(TIME_ZONE).format('YYYY-MM-DD');
}

/** Calendar days from today to `due` (negative: overdue). */
export function daysUntil(due: string, today = todayInHanoi()): number {
  return dayjs(due).diff(dayjs(today), 'day');
}

/** The statistics category of a task on the client (the list gets it from the engine). */
export function categoryOf(
  t: { stateCategory: string; dueDate: string | null; completedAt: string | null },
  today = todayInHanoi(),
): Category {
  if (t.stateCategory === 'cancelled') return 'cancelled';
  if (t.stateCategory === 'done') {
    const done = t.completedAt ? dayjs(t.completedAt).tz(TIME_ZONE).format('YYYY-MM-DD') : today;
    return !t.dueDate || done <= t.dueDate ? 'doneOnTime' : 'doneLate';
  }
  if (!t.dueDate) return 'noDeadline';
  if (t.dueDate < today) return 'openOverdue';
  return 'openOnTime';
}

/** Overdue / due soon flag of an open task, for highlighting. */
export function urgencyOf(
  t: { stateCategory: string; dueDate: string | null },
  today = todayInHanoi(),
): 'overdue' | 'dueSoon' | null {
  if (!t.dueDate || t.stateCategory === 'done' || t.stateCategory === 'cancelled') return null;
  const d = daysUntil(t.dueDate, today);
  if (d < 0) return 'overdue';
  if (d <= DUE_SOON_DAYS) return 'dueSoon';
  return null;
}

/**
 * Working days between today and `due` (negative: overdue): Monday–Friday, corrected by the engine's
 * calendar exceptions (`kind` 'off' on a weekday holiday, 'work' on a make-up Saturday).
 */
export function workingDaysUntil(
  due: string,
  today = todayInHanoi(),
  exceptions: Map<string, 'off' | 'work'> = new Map(),
): number {
  let a = dayjs(today);
  const b = dayjs(due);
  const sign = b.isBefore(a) ? -1 : 1;
  let n = 0;
  while (!a.isSame(b, 'day')) {
    a = a.add(sign, 'day');
    const wd = a.day();
    const kind = exceptions.get(a.format('YYYY-MM-DD'));
    const working = kind ? kind === 'work' : wd !== 0 && wd !== 6;
    if (working) n += sign;
  }
  return n;
}
