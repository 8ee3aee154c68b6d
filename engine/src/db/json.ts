// JSON columns: MySQL returns parsed objects, MariaDB (JSON = LONGTEXT) and SQLite return strings.
export function readJson<T = unknown>(v: unknown): T {
  if (v === null || v === undefined) return v as T;
  if (typeof v === 'string') return JSON.parse(v) as T;
  if (Buffer.isBuffer(v)) return JSON.parse(v.toString('utf8')) as T;
  return v as T;
}

export function writeJson(v: unknown): string {
  return JSON.stringify(v ?? null);
}
