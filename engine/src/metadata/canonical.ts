import crypto from 'node:crypto';

/** JSON with object keys sorted, so equal documents have equal checksums whatever their key order. */
export function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as any)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v ?? null);
}

export const checksumOf = (body: unknown) => crypto.createHash('sha256').update(canonicalJson(body)).digest('hex');
