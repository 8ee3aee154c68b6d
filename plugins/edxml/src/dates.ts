// Dates in edXML messages: yyyy/MM/dd and dd/MM/yyyy (also with "-" and with a time after them).

/** 'YYYY-MM-DD', or null when `raw` is not one of the accepted forms or not a real day. */
export function parseEdxmlDate(raw: string): string | null {
  const t = raw.trim();
  let y: number, m: number, d: number;
  let hit = /^(\d{4})[/-](\d{1,2})[/-](\d{1,2})(?:[ T].*)?$/.exec(t);
  if (hit) [y, m, d] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  else {
    hit = /^(\d{1,2})[/-](\d{1,2})[/-](\d{4})(?:[ T].*)?$/.exec(t);
    if (!hit) return null;
    [d, m, y] = [Number(hit[1]), Number(hit[2]), Number(hit[3])];
  }
  if (y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1) return null;
  const days = new Date(Date.UTC(y, m, 0)).getUTCDate();
  if (d > days) return null;
  return `${y}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** 'YYYY-MM-DD' → 'yyyy/MM/dd' (how edXML writes dates). */
export const edxmlDate = (iso: string) => iso.replace(/-/g, '/');

/** A timestamp as edXML writes it, in Hanoi time: 'yyyy/MM/dd HH:mm:ss'. */
export function edxmlTimestamp(d: Date): string {
  const h = new Date(d.getTime() + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${h.getUTCFullYear()}/${p(h.getUTCMonth() + 1)}/${p(h.getUTCDate())} ${p(h.getUTCHours())}:${p(h.getUTCMinutes())}:${p(h.getUTCSeconds())}`;
}
