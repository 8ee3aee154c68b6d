// The registry of report measures: adding one is one module here.
import type { ReportMeasure } from '@dondoc/metadata';
import type { MeasureModule } from './types.js';
import { count } from './count.js';
import { categoryCount } from './categoryCount.js';
import { overdueCount } from './overdueCount.js';
import { completionRate } from './completionRate.js';
import { onTimeRate } from './onTimeRate.js';
import { avgDelayDays } from './avgDelayDays.js';
import { maxDelayDays } from './maxDelayDays.js';

export const MEASURES: Record<ReportMeasure['type'], MeasureModule> = Object.fromEntries(
  [count, categoryCount, overdueCount, completionRate, onTimeRate, avgDelayDays, maxDelayDays].map((m) => [m.type, m]),
) as Record<ReportMeasure['type'], MeasureModule>;

export type { MeasureModule, Parts } from './types.js';
