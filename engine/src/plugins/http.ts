// HTTP helpers of integrations: raw request bodies with a size limit (the engine's body parser reads
// JSON only), and outbound requests with a timeout, optionally HMAC-signed (signing.ts).
import type Koa from 'koa';
import { HttpError } from '../api/errors.js';
import type { Clock } from '../config/clock.js';
import { IDEMPOTENCY_HEADER, signedHeaders } from './signing.js';
import type { HttpResult, SignedRequest } from './types.js';

const tooLarge = (limit: number) => new HttpError(413, 'payload_too_large', `Dữ liệu gửi lên vượt quá giới hạn cho phép (${Math.round(limit / 1024 / 1024)} MB)`);

/** Reads the whole request body (not yet consumed by a parser) into memory, refusing more than `limit` bytes. */
export async function readRawBody(ctx: Koa.Context | Koa.ParameterizedContext<any>, limit: number): Promise<Buffer> {
  const declared = Number(ctx.get('content-length'));
  if (Number.isFinite(declared) && declared > limit) throw tooLarge(limit);
  // A JSON body was read by the engine's parser already: it keeps the exact text (signatures cover it).
  const parsed = (ctx.request as any).rawBody;
  if (typeof parsed === 'string') {
    const buf = Buffer.from(parsed, 'utf8');
    if (buf.length > limit) throw tooLarge(limit);
    return buf;
  }
  const req = ctx.req;
  if (req.readableEnded) return Buffer.alloc(0);
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    const finish = (err?: unknown) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('aborted', onAborted);
      if (err) {
        req.resume(); // drain, so the 413 can still be answered on this connection
        reject(err);
      } else resolve(Buffer.concat(chunks));
    };
    const onData = (c: Buffer) => {
      size += c.length;
      if (size > limit) return finish(tooLarge(limit));
      chunks.push(c);
    };
    const onEnd = () => finish();
    const onError = () => finish(new HttpError(400, 'request_aborted', 'Yêu cầu bị hủy'));
    const onAborted = onError;
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.once('aborted', onAborted);
  });
}

/** One outbound request; never throws for an HTTP status, only for a network failure or the timeout. */
export async function request(r: SignedRequest, clock: Clock): Promise<HttpResult> {
  const body = r.body ?? '';
  const headers: Record<string, string> = { 'user-agent': 'DonDoc-Integrations/1', ...r.headers };
  if (r.body !== undefined && !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  if (r.idempotencyKey) headers[IDEMPOTENCY_HEADER] = r.idempotencyKey;
  if (r.secret) Object.assign(headers, signedHeaders(r.secret, r.method, r.url, body, clock.now()));
  const res = await fetch(r.url, {
    method: r.method,
    headers,
    body: r.method === 'GET' || r.method === 'HEAD' ? undefined : body,
    redirect: 'manual', // a redirect is an answer, not an invitation to send the signed body elsewhere
    signal: AbortSignal.timeout(r.timeoutMs ?? 15_000),
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text };
}

/** A delivery result from an HTTP answer: 2xx delivered; 408, 425, 429 and 5xx retried; other 4xx permanent. */
export function resultOf(res: HttpResult): { ok: boolean; status: number; permanent: boolean; response: string } {
  const ok = res.status >= 200 && res.status < 300;
  const retry = res.status === 408 || res.status === 425 || res.status === 429 || res.status >= 500;
  return { ok, status: res.status, permanent: !ok && !retry, response: res.text.slice(0, 500) };
}
