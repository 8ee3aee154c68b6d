import type { MeasureModule } from './types.js';
import { num, percent } from './types.js';

/** Tỷ lệ đúng hạn (%) = completed on time ÷ completed. */
export const onTimeRate: MeasureModule = {
  type: 'onTimeRate',
  components: () => ['doneOnTime', 'doneLate'],
  value: (p) => percent(num(p.doneOnTime), num(p.doneOnTime) + num(p.doneLate)),
  drill: () => ['doneOnTime', 'doneLate'],
  format: 'percent',
};
