// Timestamps are stored in UTC as 'YYYY-MM-DD HH:MM:SS.mmm': a DATETIME(3) on MySQL/MariaDB and a text that
// sorts chronologically on SQLite (better-sqlite3 cannot bind Date objects). Dates without time ('YYYY-MM-DD')
// are stored as DATE / text alike. Display time zone is Asia/Ho_Chi_Minh, applied at the edges.

export function toDbTime(d: Date = new Date()): string {
  return d.toISOString().replace('T', ' ').replace('Z', '');
}

export function fromDbTime(v: unknown): Date | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v;
  const s = String(v);
  return new Date(s.includes('T') ? s : `${s.replace(' ', 'T')}Z`);
}

/** ISO 8601 string for API output, or null. */
export function isoTime(v: unknown): string | null {
  const d = fromDbTime(v);
  return d ? d.toISOString() : null;
}

/** A DATE column read back from either database as 'YYYY-MM-DD'. */
export function dbDate(v: unknown): string | null {
  if (v === null || v === undefined) return null;
  if (v instanceof Date) return v.toISOString().slice(0, 10);
  return String(v).slice(0, 10);
}

/** The calendar date in Asia/Ho_Chi_Minh (UTC+7 all year, no daylight saving) of an instant. */
export function hanoiDate(d: Date): string {
  return new Date(d.getTime() + 7 * 3600 * 1000).toISOString().slice(0, 10);
}

/** A Date whose local-time getters read Hanoi's calendar fields whatever the process time zone. */
export function hanoiFieldsDate(d: Date): Date {
  const [y, m, day] = hanoiDate(d).split('-').map(Number);
  return new Date(y!, m! - 1, day!);
}
