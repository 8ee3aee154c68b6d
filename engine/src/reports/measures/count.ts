import type { MeasureModule } from './types.js';
import { num } from './types.js';

/** Số nhiệm vụ (or documents, or events): every row of the cell. */
export const count: MeasureModule = {
  type: 'count',
  anyDataset: true,
  components: () => ['n'],
  value: (p) => num(p.n),
  drill: () => [],
  format: 'integer',
};
