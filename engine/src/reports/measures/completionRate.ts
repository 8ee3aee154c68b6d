import type { MeasureModule } from './types.js';
import { num, percent } from './types.js';

/**
 * Tỷ lệ hoàn thành (%) = completed ÷ tasks whose deadline has arrived (DOMAIN.md): the completed tasks
 * and the open ones already past their due date; open tasks still within their deadline, and those
 * without one, are not yet due.
 */
export const completionRate: MeasureModule = {
  type: 'completionRate',
  components: () => ['doneOnTime', 'doneLate', 'openOverdue'],
  value: (p) => {
    const done = num(p.doneOnTime) + num(p.doneLate);
    return percent(done, done + num(p.openOverdue));
  },
  drill: () => ['doneOnTime', 'doneLate', 'openOverdue'],
  format: 'percent',
};
