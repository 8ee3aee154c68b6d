// The additive parts measures are computed from. SQL aggregates them per group of the finest grain
// (e.g. per lead unit); the unit roll-up and the totals row merge groups by adding them (the maximum for
// delayMax), so every measure of a rolled-up row or of the totals is exact.
import { categoryCondition, frag, type CategoryKey, type Frag } from './sql.js';

export type Component = 'n' | Exclude<CategoryKey, 'cancelled'> | 'delaySum' | 'delayCount' | 'delayMax';

export interface ComponentContext {
  today: string;
  soonUntil: string;
  /** n(today) of report_working_days: working days up to today. */
  todayN: number;
}

/** Working days from the due date to completion (completed late) or to today (open, overdue); else NULL. */
function delay(ctx: ComponentContext): Frag {
  const late = categoryCondition('doneLate', ctx.today, ctx.soonUntil);
  const overdue = categoryCondition('openOverdue', ctx.today, ctx.soonUntil);
  return frag(`(CASE WHEN ${late.sql} THEN rwc.n - rwd.n WHEN ${overdue.sql} THEN ? - rwd.n END)`, [...late.bindings, ...overdue.bindings, ctx.todayN]);
}

export function componentSql(c: Component, ctx: ComponentContext): Frag {
  switch (c) {
    case 'n':
      return frag('COUNT(*)');
    case 'delaySum': {
      const d = delay(ctx);
      return frag(`SUM(${d.sql})`, d.bindings);
    }
    case 'delayCount': {
      const d = delay(ctx);
      return frag(`COUNT(${d.sql})`, d.bindings);
    }
    case 'delayMax': {
      const d = delay(ctx);
      return frag(`MAX(${d.sql})`, d.bindings);
    }
    default: {
      const cond = categoryCondition(c, ctx.today, ctx.soonUntil);
      return frag(`SUM(CASE WHEN ${cond.sql} THEN 1 ELSE 0 END)`, cond.bindings);
    }
  }
}

export const usesWorkingDays = (cs: Iterable<Component>): boolean => [...cs].some((c) => c.startsWith('delay'));

export function mergeInto(target: Partial<Record<Component, number | null>>, c: Component, v: number | null): void {
  const cur = target[c];
  if (c === 'delayMax') target[c] = v === null ? (cur ?? null) : cur === null || cur === undefined ? v : Math.max(cur, v);
  else target[c] = (cur ?? 0) + (v ?? 0);
}
