// Calendar dates as 'YYYY-MM-DD' strings. Arithmetic runs on UTC day numbers, never on a local Date at
// midnight, so the server's time zone cannot shift a day. "Today" is the date in Asia/Ho_Chi_Minh.
import type { Clock } from '../config/clock.js';

const DAY_MS = 86_400_000;
const DAY_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a real calendar date written 'YYYY-MM-DD' (rejects 2026-02-30, 2026-1-5, …). */
export function isDay(s: unknown): s is string {
  if (typeof s !== 'string') return false;
  const m = DAY_RE.exec(s);
  if (!m) return false;
  const t = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  // Date.UTC maps years 0–99 to 1900–1999; only accept dates that round-trip exactly.
  return new Date(t).toISOString().slice(0, 10) === s;
}

/** Days since 1970-01-01 (UTC day number). Throws RangeError on a malformed date. */
export function toEpochDay(day: string): number {
  if (!isDay(day)) throw new RangeError(`Ngày không hợp lệ (cần YYYY-MM-DD): ${String(day)}`);
  return Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10))) / DAY_MS;
}

export function fromEpochDay(n: number): string {
  return new Date(n * DAY_MS).toISOString().slice(0, 10);
}

export function addDays(day: string, n: number): string {
  return fromEpochDay(toEpochDay(day) + n);
}

/** 0 = Sunday … 6 = Saturday. 1970-01-01 was a Thursday. */
export function weekday(day: string): number {
  return (((toEpochDay(day) + 4) % 7) + 7) % 7;
}

export const isWeekend = (day: string): boolean => weekday(day) === 0 || weekday(day) === 6;

export const yearOf = (day: string): number => Number(day.slice(0, 4));

const vnFormat = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Ho_Chi_Minh',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The date of an instant in Vietnam (UTC+7, no daylight saving). */
export function vnDay(at: Date): string {
  const p = Object.fromEntries(vnFormat.formatToParts(at).map((x) => [x.type, x.value]));
  return `${p.year}-${p.month}-${p.day}`;
}

export const vnToday = (clock: Clock): string => vnDay(clock.now());
