// From the grouped SQL rows to the report: units rolled up to the requested depth, periods turned into
// keys, measures computed from the merged parts, labels, totals, sort and limit.
import type { Report } from '@dondoc/metadata';
import { dbDate } from '../db/time.js';
import type { Compiled, DimPlan } from './compile.js';
import { mergeInto, type Component } from './components.js';
import { labelCells, type Cell, type LabelContext, type SortValue } from './labels.js';
import { MEASURES, type Parts } from './measures/index.js';
import { periodKey } from './periods.js';

export interface Column {
  key: string;
  label: string;
  labelEn?: string;
  role: 'dimension' | 'measure';
  type: string;
  format?: 'integer' | 'percent' | 'days';
  /** categoryCount: the category counted. */
  category?: string;
}

export type Row = Record<string, Cell | number | null> & { drill?: Record<string, string> };

export interface ReportTable {
  columns: Column[];
  rows: Row[];
  totals: Record<string, number | null> | null;
  /** Rows before the limit. */
  rowCount: number;
}

type Value = string | number | null;

function dimValue(d: DimPlan, raw: unknown, c: LabelContext): Value {
  if (raw === null || raw === undefined) return null;
  switch (d.type) {
    case 'unit': {
      const id = Number(raw);
      if (d.rollupDepth === null || d.rollupDepth === undefined) return id;
      if (d.rollupDepth < 0) return 0;
      return c.tree.ancestorAt(id, d.rollupDepth)?.id ?? id;
    }
    case 'period':
      return periodKey(d.period!.length, Number(raw));
    case 'handler':
    case 'sourceDocument':
      return Number(raw);
    case 'field':
      if (d.field!.type === 'number' || d.field!.type === 'unit') return Number(raw);
      if (d.field!.type === 'date' || d.field!.type === 'timestamp') return dbDate(raw);
      return String(raw);
    default:
      return String(raw);
  }
}

export function columnsOf(report: Report): Column[] {
  return [
    ...report.dimensions.map((d) => ({ key: d.key, label: d.label, labelEn: d.labelEn, role: 'dimension' as const, type: d.type })),
    ...report.measures.map((m) => ({ key: m.key, label: m.label, labelEn: m.labelEn, role: 'measure' as const, type: m.type, format: MEASURES[m.type].format, ...(m.category ? { category: m.category } : {}) })),
  ];
}

function compareSort(a: { v: Value; s: SortValue }, b: { v: Value; s: SortValue }): number {
  if (a.v === null || b.v === null) return a.v === b.v ? 0 : a.v === null ? 1 : -1;
  if (typeof a.s === 'number' && typeof b.s === 'number') return a.s - b.s;
  return String(a.s).localeCompare(String(b.s), 'vi');
}

export async function finish(compiled: Compiled, sqlRows: any[], report: Report, labels: LabelContext): Promise<ReportTable> {
  const { dims, components } = compiled;
  const groups = new Map<string, { values: Value[]; parts: Parts }>();
  const total: Parts = {};
  for (const r of sqlRows) {
    const values = dims.map((d) => dimValue(d, r[d.alias], labels));
    const key = JSON.stringify(values);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { values, parts: {} }));
    for (const c of components) {
      const raw = r[`c_${c}`];
      const v = raw === null || raw === undefined ? (c === 'delayMax' ? null : 0) : Number(raw);
      mergeInto(g.parts, c as Component, v);
      mergeInto(total, c as Component, v);
    }
  }
  const distinct = new Map<string, Set<Value>>(dims.map((d) => [d.alias, new Set<Value>()]));
  for (const g of groups.values()) dims.forEach((d, i) => distinct.get(d.alias)!.add(g.values[i]!));
  const cells = await labelCells(dims, distinct, labels);

  const measureValues = (p: Parts) => Object.fromEntries(report.measures.map((m) => [m.key, MEASURES[m.type].value(p, m)]));
  const built = [...groups.values()].map((g) => {
    const row: Row = {};
    const sortOf: Record<string, { v: Value; s: SortValue }> = {};
    const drill: Record<string, string> = {};
    dims.forEach((d, i) => {
      const v = g.values[i]!;
      const info = cells.get(d.alias)!.get(v)!;
      row[d.key] = info.cell;
      sortOf[d.key] = { v, s: info.sort };
      drill[`d.${d.key}`] = v === null ? '' : String(v);
    });
    Object.assign(row, measureValues(g.parts));
    row.drill = drill;
    return { row, sortOf };
  });

  const sort = report.sort?.length ? report.sort : report.dimensions.map((d) => ({ key: d.key, dir: 'asc' as const }));
  built.sort((a, b) => {
    for (const s of sort) {
      const sign = s.dir === 'desc' ? -1 : 1;
      let c: number;
      if (a.sortOf[s.key]) c = compareSort(a.sortOf[s.key]!, b.sortOf[s.key]!) * (a.sortOf[s.key]!.v === null || b.sortOf[s.key]!.v === null ? 1 : sign);
      else {
        const x = a.row[s.key] as number | null;
        const y = b.row[s.key] as number | null;
        c = x === null || y === null ? (x === y ? 0 : x === null ? 1 : -1) : (x - y) * sign; // nulls last either way
      }
      if (c) return c;
    }
    return 0;
  });
  const rows = built.map((b) => b.row);
  return {
    columns: columnsOf(report),
    rows: report.limit ? rows.slice(0, report.limit) : rows,
    totals: report.totals ? measureValues(total) : null,
    rowCount: rows.length,
  };
}
