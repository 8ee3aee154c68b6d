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
