// The table layout every file format shares: a "STT" column, the dimension columns, the measures, and
// the two-row header of official tables, where consecutive category counts of one family sit under a
// merged group header ("Đã hoàn thành": đúng hạn | quá hạn; "Đang thực hiện": trong hạn | quá hạn).
import type { ReportResult } from '../service.js';
import type { Column } from '../result.js';
import type { Cell } from '../labels.js';

export interface HeaderCell {
  label: string;
  /** First column (0-based, STT = 0). */
  col: number;
  /** Columns this cell spans (group headers) and rows (ungrouped columns in a two-row header). */
  colspan: number;
  rowspan: number;
}

export interface Layout {
  columns: Array<Column & { stt?: boolean }>;
  /** One or two rows of header cells. */
  header: HeaderCell[][];
}

const FAMILIES: Array<{ categories: string[]; label: string; prefix: RegExp }> = [
  { categories: ['doneOnTime', 'doneLate'], label: 'Đã hoàn thành', prefix: /^(đã\s+)?hoàn thành\s*/iu },
  { categories: ['openOnTime', 'openOverdue', 'dueSoon'], label: 'Đang thực hiện', prefix: /^đang thực hiện\s*/iu },
];

function capitalise(s: string): string {
  return s ? s[0]!.toLocaleUpperCase('vi') + s.slice(1) : s;
}

function familyOf(c: Column) {
  if (c.role !== 'measure' || c.type !== 'categoryCount') return undefined;
  return FAMILIES.find((f) => f.categories.includes(c.category ?? ''));
}

export function layoutOf(result: ReportResult): Layout {
  const columns: Layout['columns'] = [{ key: '#', label: 'STT', role: 'dimension', type: 'index', stt: true }, ...result.columns];
  // Runs of ≥ 2 consecutive columns of one family become a group.
  const groupOf: Array<{ label: string; start: number; length: number } | undefined> = [];
  for (let i = 0; i < columns.length; ) {
    const fam = familyOf(columns[i]!);
    let j = i + 1;
    while (fam && j < columns.length && familyOf(columns[j]!) === fam) j++;
    if (fam && j - i >= 2) for (let k = i; k < j; k++) groupOf[k] = { label: fam.label, start: i, length: j - i };
    i = fam ? j : i + 1;
  }
  if (!groupOf.some(Boolean)) return { columns, header: [columns.map((c, i) => ({ label: c.label, col: i, colspan: 1, rowspan: 1 }))] };
  const top: HeaderCell[] = [];
  const sub: HeaderCell[] = [];
  columns.forEach((c, i) => {
    const g = groupOf[i];
    if (!g) return void top.push({ label: c.label, col: i, colspan: 1, rowspan: 2 });
    if (g.start === i) top.push({ label: g.label, col: i, colspan: g.length, rowspan: 1 });
    const fam = FAMILIES.find((f) => f.label === g.label)!;
    const short = c.label.replace(fam.prefix, '');
    sub.push({ label: capitalise(short || c.label), col: i, colspan: 1, rowspan: 1 });
  });
  return { columns, header: [top, sub] };
}

/** The text of a cell as files show it. */
export function cellText(v: Cell | number | null | undefined, c: Column): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'object') return v.label;
  if (c.format === 'percent') return v.toLocaleString('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  if (c.format === 'days') return v.toLocaleString('vi-VN', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  return v.toLocaleString('vi-VN');
}

/** 'YYYY-MM-DD' → 'dd/mm/yyyy'. */
export const vnDate = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;
