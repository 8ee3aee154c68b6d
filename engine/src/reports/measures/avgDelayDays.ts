import type { MeasureModule } from './types.js';
import { num } from './types.js';

/**
 * Average delay in working days over the late tasks (completed late, or open past the due date): from
 * the due date to the completion date, or to today for open ones (workingDaysBetween of the calendar).
 */
export const avgDelayDays: MeasureModule = {
  type: 'avgDelayDays',
  components: () => ['delaySum', 'delayCount'],
  value: (p) => (num(p.delayCount) > 0 ? Math.round((num(p.delaySum) / num(p.delayCount)) * 10) / 10 : null),
  drill: () => ['doneLate', 'openOverdue'],
  format: 'days',
};
