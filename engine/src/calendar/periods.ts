// Periods for periodic tasks and reports, keyed '2026-M03' | '2026-Q1' | '2026-H1' | '2026'. Two schemes:
// - calendar: the month, quarter, half-year or year containing a date;
// - NĐ 09/2019 reporting periods (Điều 12): a period closes on the 14th of its last month and opens on
//   the 15th of the month before its first, e.g. 2026-M03 = 15/02–14/03, year 2026 = 15/12/2025–14/12/2026.
import { addDays, isDay } from './days.js';

export type PeriodKind = 'month' | 'quarter' | 'half' | 'year';
export type PeriodScheme = 'calendar' | 'nd09';

export interface Period {
  key: string;
  from: string;
  to: string;
}

const MONTHS: Record<PeriodKind, number> = { month: 1, quarter: 3, half: 6, year: 12 };
const pad = (n: number) => String(n).padStart(2, '0');

function keyOf(kind: PeriodKind, year: number, index: number): string {
  if (kind === 'month') return `${year}-M${pad(index)}`;
  if (kind === 'quarter') return `${year}-Q${index}`;
  if (kind === 'half') return `${year}-H${index}`;
  return String(year);
}

/** Last day of a month (month 1–12), by stepping back from the 1st of the next. */
const lastDay = (year: number, month: number) =>
  addDays(month === 12 ? `${year + 1}-01-01` : `${year}-${pad(month + 1)}-01`, -1);

/** Period number `index` (1-based) of `kind` in `year`, under `scheme`. */
function build(kind: PeriodKind, year: number, index: number, scheme: PeriodScheme): Period {
  const len = MONTHS[kind];
  const first = (index - 1) * len + 1; // first month of the period
  const last = first + len - 1;
  if (scheme === 'calendar')
    return { key: keyOf(kind, year, index), from: `${year}-${pad(first)}-01`, to: lastDay(year, last) };
  const from = first === 1 ? `${year - 1}-12-15` : `${year}-${pad(first - 1)}-15`;
  return { key: keyOf(kind, year, index), from, to: `${year}-${pad(last)}-14` };
}

function assertDay(day: string): void {
  if (!isDay(day)) throw new RangeError(`Ngày không hợp lệ (cần YYYY-MM-DD): ${String(day)}`);
}

/** The period of `kind` containing `day`. */
export function periodOf(kind: PeriodKind, day: string, scheme: PeriodScheme = 'calendar'): Period {
  assertDay(day);
  let year = Number(day.slice(0, 4));
  let month = Number(day.slice(5, 7));
  // NĐ 09: from the 15th a day already belongs to the next month's period.
  if (scheme === 'nd09' && Number(day.slice(8, 10)) >= 15 && ++month === 13) [year, month] = [year + 1, 1];
  return build(kind, year, Math.floor((month - 1) / MONTHS[kind]) + 1, scheme);
}

export const calendarPeriod = (kind: PeriodKind, day: string): Period => periodOf(kind, day, 'calendar');
export const reportingPeriod = (kind: PeriodKind, day: string): Period => periodOf(kind, day, 'nd09');

/** The period right after `p` (same kind and scheme). */
export function nextPeriod(kind: PeriodKind, p: Period, scheme: PeriodScheme = 'calendar'): Period {
  return periodOf(kind, addDays(p.to, 1), scheme);
}

const KEY_RE = /^(\d{4})(?:-(M|Q|H)(\d{1,2}))?$/;

/** A period from its key ('2026-M03', '2026-Q1', '2026-H2', '2026'), or null for a malformed key. */
export function periodFromKey(
  key: string,
  scheme: PeriodScheme = 'calendar',
): (Period & { kind: PeriodKind }) | null {
  const m = KEY_RE.exec(key);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1900) return null;
  const kind: PeriodKind = m[2] === 'M' ? 'month' : m[2] === 'Q' ? 'quarter' : m[2] === 'H' ? 'half' : 'year';
  const index = m[3] ? Number(m[3]) : 1;
  if (index < 1 || index > 12 / MONTHS[kind] || (kind === 'month' && m[3]!.length !== 2)) return null;
  return { kind, ...build(kind, year, index, scheme) };
}
