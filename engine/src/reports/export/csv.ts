// CSV: UTF-8 with a byte order mark (so Excel reads the Vietnamese right), one header row of Vietnamese
// labels, the rows, then the totals. Cells that a spreadsheet would run as a formula are neutralised.
import type { ReportResult } from '../service.js';
import type { Cell } from '../labels.js';

function quote(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

const raw = (v: Cell | number | null | undefined): string => (v === null || v === undefined ? '' : typeof v === 'object' ? v.label : String(v));

export function toCsv(result: ReportResult): string {
  const cols = result.columns;
  const lines = [cols.map((c) => quote(c.label)).join(',')];
  for (const r of result.rows) lines.push(cols.map((c) => quote(raw(r[c.key] as Cell | number | null))).join(','));
  if (result.totals) {
    const firstDim = cols.findIndex((c) => c.role === 'dimension');
    lines.push(cols.map((c, i) => quote(c.role === 'measure' ? raw(result.totals![c.key]) : i === firstDim ? 'Tổng cộng' : '')).join(','));
  }
  return `\ufeff${lines.join('\r\n')}\r\n`;
}
