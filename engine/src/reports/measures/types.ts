// A report measure is one small module: the additive parts it needs from SQL (components.ts), how its
// value follows from them (after a unit roll-up and for the totals row), and which tasks a drill-down
// from one of its cells lists.
import type { ReportMeasure } from '@dondoc/metadata';
import type { CategoryKey } from '../sql.js';
import type { Component } from '../components.js';

export type Parts = Partial<Record<Component, number | null>>;

export interface MeasureModule {
  type: ReportMeasure['type'];
  /** false: only the tasks dataset has what it needs (deadlines, states). */
  anyDataset?: boolean;
  components(m: ReportMeasure): Component[];
  value(p: Parts, m: ReportMeasure): number | null;
  /** The tasks behind a cell: these categories (OR), or every row of the cell when empty. */
  drill(m: ReportMeasure): CategoryKey[];
  format: 'integer' | 'percent' | 'days';
}

export const num = (v: number | null | undefined): number => (v === null || v === undefined ? 0 : v);
/** A percentage with two decimals, or null when nothing is counted. */
export const percent = (a: number, b: number): number | null => (b > 0 ? Math.round((a / b) * 10000) / 100 : null);
