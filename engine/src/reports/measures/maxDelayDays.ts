import type { MeasureModule } from './types.js';

/** The longest delay in working days among the late tasks (see avgDelayDays). */
export const maxDelayDays: MeasureModule = {
  type: 'maxDelayDays',
  components: () => ['delayMax'],
  value: (p) => (p.delayMax === null || p.delayMax === undefined ? null : p.delayMax),
  drill: () => ['doneLate', 'openOverdue'],
  format: 'days',
};
