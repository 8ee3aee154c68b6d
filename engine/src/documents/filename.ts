// Original file names of uploads: taken from the request, made harmless, and sent back in a
// Content-Disposition that every browser reads correctly. A name is only ever data, never a path.

const MAX_NAME = 200;
export const DEFAULT_NAME = 'tep-dinh-kem';

// C0/C1 controls, DEL, bidi overrides/isolates (a "gpj.exe" shown as "exe.jpg"), zero-width and BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
// Reserved on Windows or meaningful in shells and headers.
const RESERVED = /[<>:"|?*]/g;
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com\d|lpt\d)(\.|$)/i;

/**
 * A display name safe to store and to offer for download: NFC, no controls, path parts joined with
 * "_" (so "../../etc/passwd" becomes "etc_passwd", and "123/UBND-KT.pdf" keeps its number), no
 * leading or trailing dots and spaces, at most 200 characters with the extension kept.
 */
export function sanitizeFileName(raw: string | undefined | null): string {
  if (!raw) return '';
  const parts = raw
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .split(/[/\\]+/)
    .map((p) => p.replace(RESERVED, '_').replace(/\s+/g, ' ').trim())
    .filter((p) => p !== '' && !/^\.+$/.test(p));
  let name = parts.join('_').replace(/^[.\s]+|[.\s]+$/g, '');
  if (WINDOWS_DEVICE.test(name)) name = `_${name}`;
  if ([...name].length > MAX_NAME) {
    const ext = extensionOf(name);
    const keep = ext && ext.length < 16 ? `.${ext}` : '';
    name = [...name].slice(0, MAX_NAME - keep.length).join('').trimEnd() + keep;
  }
  return name;
}

/** The lower-case extension without the dot, or '' (a name that is only ".pdf" has none). */
export function extensionOf(name: string): string {
  const i = name.lastIndexOf('.');
  return i > 0 && i < name.length - 1 ? name.slice(i + 1).toLowerCase() : '';
}

/** RFC 8187 value-chars: unreserved ASCII stays, everything else is percent-encoded UTF-8. */
function encodeRfc8187(s: string): string {
  return encodeURIComponent(s).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** ASCII stand-in for old clients: "Kế hoạch số 12.pdf" → "Ke hoach so 12.pdf". */
export function asciiFallback(name: string): string {
  const plain = name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^\x20-\x7e]/g, '_')
    .replace(/["\\%]/g, '_');
  return plain || DEFAULT_NAME;
}

export function contentDisposition(name: string, kind: 'attachment' | 'inline' = 'attachment'): string {
  return `${kind}; filename="${asciiFallback(name)}"; filename*=UTF-8''${encodeRfc8187(name)}`;
}

/** Percent-decoding that reports bad input instead of throwing. */
function decodePercent(s: string): string | undefined {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
}

/** `filename*=UTF-8''…` (preferred) or `filename="…"` of a Content-Disposition header. */
export function nameFromContentDisposition(header: string): string | undefined {
  const star = /filename\*\s*=\s*([\w!#$&+.^`|~-]+)'[^']*'([^;\s]+)/i.exec(header);
  if (star) {
    if (star[1]!.toLowerCase() !== 'utf-8') return undefined;
    return decodePercent(star[2]!);
  }
  const quoted = /filename\s*=\s*"((?:[^"\\]|\\.)*)"/i.exec(header);
  if (quoted) return decodePercent(quoted[1]!.replace(/\\(.)/g, '$1'));
  const bare = /filename\s*=\s*([^;\s]+)/i.exec(header);
  return bare ? decodePercent(bare[1]!) : undefined;
}

/**
 * The client's file name: `?name=` (already decoded by the query parser), else `X-File-Name`
 * (percent-encoded UTF-8), else `Content-Disposition`. undefined = none given; null = given but not
 * decodable.
 */
export function requestedFileName(query: unknown, headers: Record<string, string | string[] | undefined>): string | null | undefined {
  if (typeof query === 'string') return query;
  if (query !== undefined) return null; // ?name= repeated
  const x = headers['x-file-name'];
  if (typeof x === 'string') return decodePercent(x) ?? null;
  const cd = headers['content-disposition'];
  if (typeof cd === 'string') return nameFromContentDisposition(cd) ?? null;
  return undefined;
}
