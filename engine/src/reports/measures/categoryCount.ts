import type { MeasureModule } from './types.js';
import { num } from './types.js';

/** Tasks of one statistics category: hoàn thành đúng hạn / quá hạn, đang thực hiện trong hạn / quá hạn, không thời hạn, sắp đến hạn. */
export const categoryCount: MeasureModule = {
  type: 'categoryCount',
  components: (m) => [m.category!],
  value: (p, m) => num(p[m.category!]),
  drill: (m) => [m.category!],
  format: 'integer',
};
