// Pre-fills `calendar_days` with Vietnam's public holidays from `date-holidays`, which computes the
// lunar ones (Tết, Giỗ Tổ Hùng Vương) correctly for Vietnam. Only a pre-fill: the Government announces
// the real days each year and administrators correct them; a row an administrator wrote is never touched.
import Holidays from 'date-holidays';
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import { dbDate, toDbTime } from '../db/time.js';
import { addDays, isWeekend, vnToday, weekday, yearOf } from './days.js';

export interface LibraryDay {
  day: string;
  kind: 'off';
  name: string;
}

const DAY_MS = 86_400_000;
// Public holidays only: the lunar observances (Trung thu, Vu Lan, …) are costly to compute and not days off.
const holidays = new Holidays('VN', { types: ['public'] });
const byYear = new Map<number, LibraryDay[]>(); // the library's answer for a year never changes in a process

/** Names as people say them, by the library's rule; anything else keeps the library's Vietnamese name. */
const NAMES: Array<[RegExp, string]> = [
  [/^01-01$/, 'Tết Dương lịch'],
  [/vietnamese 1-0-1\b/, 'Tết Nguyên đán'], // one rule spanning 5 days from the eve (P5D), named after the eve
  [/vietnamese 3-0-10$/, 'Giỗ Tổ Hùng Vương'],
  [/^04-30$/, 'Ngày Giải phóng miền Nam, thống nhất đất nước'],
  [/^05-01$/, 'Ngày Quốc tế Lao động'],
  [/^09-02$/, 'Quốc khánh'],
];

/** 2/9 plus one adjacent day (Bộ luật Lao động 2019, from 2021): the one that joins a weekend where one does. */
const NATIONAL_DAY_NEIGHBOUR = ['09-03', '09-03', '09-01', '09-01', '09-03', '09-01', '09-01']; // by weekday of 2/9, Sun…Sat

/** The public holidays of `year` as days off, with compensatory days (nghỉ bù) for those on a weekend. */
export function libraryDays(year: number): LibraryDay[] {
  if (!byYear.has(year)) byYear.set(year, computeYear(year));
  return byYear.get(year)!.map((d) => ({ ...d }));
}

function computeYear(year: number): LibraryDay[] {
  const off = new Map<string, string>();
  for (const h of holidays.getHolidays(year, 'vi')) {
    if (h.type !== 'public') continue;
    const name = NAMES.find(([re]) => re.test(h.rule))?.[1] ?? h.name;
    const span = Math.max(1, Math.round((h.end.getTime() - h.start.getTime()) / DAY_MS));
    const first = h.date.slice(0, 10);
    for (let i = 0; i < span; i++) if (!off.has(addDays(first, i))) off.set(addDays(first, i), name);
  }
  const nationalDay = `${year}-09-02`;
  if (year >= 2021 && off.has(nationalDay)) {
    const neighbour = `${year}-${NATIONAL_DAY_NEIGHBOUR[weekday(nationalDay)]}`;
    if (!off.has(neighbour)) off.set(neighbour, `${off.get(nationalDay)} (ngày liền kề)`);
  }
  // Điều 111 khoản 3: a holiday on a weekly rest day is compensated on the next working day.
  const days = [...off.keys()].sort();
  for (const day of days) {
    if (!isWeekend(day)) continue;
    let d = addDays(day, 1);
    while (isWeekend(d) || off.has(d)) d = addDays(d, 1);
    off.set(d, `Nghỉ bù ${off.get(day)}`);
  }
  return [...off].sort(([a], [b]) => (a < b ? -1 : 1)).map(([day, name]) => ({ day, kind: 'off', name }));
}

export interface YearRange {
  from: number;
  to: number;
}

/** Default range: last year to three years ahead, by the date in Vietnam. */
export function defaultYears(clock: Clock): YearRange {
  const y = yearOf(vnToday(clock));
  return { from: y - 1, to: y + 3 };
}

/**
 * Inserts the library's days missing from the table and refreshes rows the library wrote earlier;
 * rows with source 'admin' are left alone. Idempotent; safe inside the seeding transaction.
 */
export async function prefillCalendar(
  knex: Knex,
  clock: Clock,
  years: YearRange = defaultYears(clock),
): Promise<{ inserted: number; updated: number }> {
  if (
    !Number.isInteger(years.from) ||
    !Number.isInteger(years.to) ||
    years.from > years.to ||
    years.to - years.from > 50
  )
    throw new RangeError(`Khoảng năm không hợp lệ: ${years.from}–${years.to}`);
  const existing = new Map<string, { kind: string; name: string; source: string }>();
  for (const r of await knex('calendar_days')
    .whereBetween('day', [`${years.from}-01-01`, `${years.to}-12-31`])
    .select('day', 'kind', 'name', 'source'))
    existing.set(dbDate(r.day)!, r);
  const now = toDbTime(clock.now());
  const inserts: Record<string, unknown>[] = [];
  let updated = 0;
  for (let y = years.from; y <= years.to; y++) {
    for (const d of libraryDays(y)) {
      const row = existing.get(d.day);
      if (!row)
        inserts.push({
          day: d.day,
          kind: d.kind,
          name: d.name,
          source: 'date-holidays',
          updated_by: null,
          updated_at: now,
        });
      else if (row.source === 'date-holidays' && (row.kind !== d.kind || row.name !== d.name)) {
        await knex('calendar_days')
          .where({ day: d.day, source: 'date-holidays' })
          .update({ kind: d.kind, name: d.name, updated_at: now });
        updated++;
      }
    }
  }
  // Another engine may pre-fill at the same moment: a day already there is skipped, not an error.
  for (let i = 0; i < inserts.length; i += 200)
    await knex('calendar_days')
      .insert(inserts.slice(i, i + 200))
      .onConflict('day')
      .ignore();
  return { inserted: inserts.length, updated };
}
