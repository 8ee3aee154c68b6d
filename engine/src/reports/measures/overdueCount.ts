import type { MeasureModule } from './types.js';
import { num } from './types.js';

/** Tasks overdue now: open (or waiting) with the due date before today. */
export const overdueCount: MeasureModule = {
  type: 'overdueCount',
  components: () => ['openOverdue'],
  value: (p) => num(p.openOverdue),
  drill: () => ['openOverdue'],
  format: 'integer',
};
