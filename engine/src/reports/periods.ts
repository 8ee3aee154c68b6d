// Period dimension values: the integer the SQL groups by (sql.ts periodIndex) ↔ the key of
// calendar/periods.ts ('2026-M03', '2026-Q1', '2026-H2', '2026') with its dates and a Vietnamese label.
import { periodFromKey } from '../calendar/periods.js';
import type { PeriodLength } from './sql.js';

const ROMAN = ['I', 'II', 'III', 'IV'];

export function periodKey(length: PeriodLength, index: number): string {
  switch (length) {
    case 'month':
      return `${Math.floor(index / 12)}-M${String((index % 12) + 1).padStart(2, '0')}`;
    case 'quarter':
      return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`;
    case 'halfYear':
      return `${Math.floor(index / 2)}-H${(index % 2) + 1}`;
    case 'year':
      return String(index);
  }
}

/** The index of a key, for drill-downs that name a period by key. */
export function periodIndexOf(length: PeriodLength, key: string): number | undefined {
  const p = periodFromKey(key);
  if (!p) return undefined;
  const kind = { month: 'month', quarter: 'quarter', halfYear: 'half', year: 'year' }[length];
  if (p.kind !== kind) return undefined;
  const year = Number(key.slice(0, 4));
  const n = p.kind === 'year' ? 0 : Number(key.slice(6)) - 1;
  return { month: year * 12, quarter: year * 4, halfYear: year * 2, year }[length] + n;
}

export function periodLabel(key: string, en = false): string {
  const year = key.slice(0, 4);
  const kind = key[5];
  const n = Number(key.slice(6));
  if (en) return kind === 'M' ? `${year}-${key.slice(6)}` : kind === 'Q' ? `Q${n} ${year}` : kind === 'H' ? `H${n} ${year}` : year;
  if (kind === 'M') return `Tháng ${n}/${year}`;
  if (kind === 'Q') return `Quý ${ROMAN[n - 1]}/${year}`;
  if (kind === 'H') return `6 tháng ${n === 1 ? 'đầu' : 'cuối'} năm ${year}`;
  return `Năm ${year}`;
}

/** From and to dates of a period key under a scheme. */
export function periodRange(key: string, scheme: 'calendar' | 'nd09'): { from: string; to: string } {
  const p = periodFromKey(key, scheme)!;
  return { from: p.from, to: p.to };
}
