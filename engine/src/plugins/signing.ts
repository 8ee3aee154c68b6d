// HMAC-SHA256 signatures of HTTP requests, both ways (outbound webhooks, the central-sync exchange):
//
//   X-DonDoc-Timestamp: <unix seconds>
//   X-DonDoc-Signature: v1=<hex HMAC-SHA256(secret, "<timestamp>\n<METHOD>\n<path?query>\n<body>")>
//
// The method and path are covered so a signed GET cannot be replayed against another resource; the
// timestamp must be within five minutes of the receiver's clock, and idempotency keys make a replay
// inside that window harmless. Several v1= values (comma separated) may be sent while a secret rotates.
import crypto from 'node:crypto';

export const SIGNATURE_HEADER = 'x-dondoc-signature';
export const TIMESTAMP_HEADER = 'x-dondoc-timestamp';
export const IDEMPOTENCY_HEADER = 'idempotency-key';
export const TOLERANCE_SECONDS = 300;

export function signatureBase(timestamp: string, method: string, pathWithQuery: string, body: string): string {
  return `${timestamp}\n${method.toUpperCase()}\n${pathWithQuery}\n${body}`;
}

export function sign(secret: string, timestamp: string, method: string, pathWithQuery: string, body: string): string {
  return crypto.createHmac('sha256', secret).update(signatureBase(timestamp, method, pathWithQuery, body), 'utf8').digest('hex');
}

/** Headers of a signed request at `now`. */
export function signedHeaders(secret: string, method: string, url: string, body: string, now = new Date()): Record<string, string> {
  const u = new URL(url);
  const ts = String(Math.floor(now.getTime() / 1000));
  return { [TIMESTAMP_HEADER]: ts, [SIGNATURE_HEADER]: `v1=${sign(secret, ts, method, `${u.pathname}${u.search}`, body)}` };
}

const header = (h: Record<string, string | string[] | undefined>, name: string): string | undefined => {
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};

/** Whether a request carries a valid signature of `secret` made within the tolerance of `now`. */
export function verifySignature(
  secret: string,
  headers: Record<string, string | string[] | undefined>,
  method: string,
  pathWithQuery: string,
  body: string,
  now = new Date(),
): boolean {
  const ts = header(headers, TIMESTAMP_HEADER);
  const sig = header(headers, SIGNATURE_HEADER);
  if (!ts || !sig || !/^\d{1,12}$/.test(ts)) return false;
  if (Math.abs(now.getTime() / 1000 - Number(ts)) > TOLERANCE_SECONDS) return false;
  const want = Buffer.from(sign(secret, ts, method, pathWithQuery, body), 'hex');
  return sig
    .split(',')
    .map((p) => p.trim())
    .filter((p) => p.startsWith('v1='))
    .some((p) => {
      const got = Buffer.from(p.slice(3), 'hex');
      return got.length === want.length && crypto.timingSafeEqual(got, want);
    });
}
