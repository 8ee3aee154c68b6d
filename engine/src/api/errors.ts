// Every error leaves the engine as JSON {"error": {code, message, details}} (CONTRACT.md) with a 4xx/5xx
// status; nothing internal (stack, SQL) is ever sent to the client.
import type Koa from 'koa';

export interface ErrorDetail {
  path: string;
  /** Vietnamese: the platform's first language. */
  message: string;
  /** English, answered instead when the request prefers it (Accept-Language: en). */
  messageEn?: string;
}

/** Whether the request prefers English over Vietnamese (Accept-Language); Vietnamese by default. */
export function prefersEnglish(ctx: Pick<Koa.Context, 'acceptsLanguages'>): boolean {
  return ctx.acceptsLanguages('vi', 'en') === 'en';
}

/**
 * Details in the request's language with CONTRACT.md's shape {path, message} (the other language dropped),
 * and Content-Language saying which when any detail has both. For 422 bodies and for 200 answers that list
 * issues (validate endpoints).
 */
export function localizeDetails(ctx: Pick<Koa.Context, 'acceptsLanguages' | 'set'>, details: readonly ErrorDetail[]): { path: string; message: string }[] {
  const bilingual = details.some((d) => d.messageEn);
  const english = bilingual && prefersEnglish(ctx);
  if (bilingual) ctx.set('Content-Language', english ? 'en' : 'vi');
  return details.map((d) => ({ path: d.path, message: english && d.messageEn ? d.messageEn : d.message }));
}

export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
  }
}

export const badRequest = (message: string, details: ErrorDetail[] = []) => new HttpError(400, 'bad_request', message, details);
export const unauthorized = (message = 'Chưa đăng nhập hoặc phiên đã hết hạn') => new HttpError(401, 'unauthorized', message);
export const forbidden = (message = 'Không có quyền thực hiện thao tác này') => new HttpError(403, 'forbidden', message);
export const notFound = (message = 'Không tìm thấy') => new HttpError(404, 'not_found', message);
export const conflict = (message: string) => new HttpError(409, 'conflict', message);
export const invalid = (details: ErrorDetail[], message = 'Dữ liệu không hợp lệ') => new HttpError(422, 'validation_failed', message, details);

/** Errors raised by the body parser (raw-body / co-body) carry a `type` and a `status`. */
function fromParserError(err: any): HttpError | null {
  switch (err?.type) {
    case 'entity.too.large':
      return new HttpError(413, 'payload_too_large', 'Dữ liệu gửi lên vượt quá giới hạn cho phép');
    case 'entity.parse.failed':
      return new HttpError(400, 'malformed_json', 'Nội dung JSON không đúng cú pháp');
    case 'encoding.unsupported':
    case 'charset.unsupported':
      return new HttpError(415, 'unsupported_encoding', 'Bảng mã không được hỗ trợ');
    case 'request.aborted':
      return new HttpError(400, 'request_aborted', 'Yêu cầu bị hủy');
    default:
      // co-body marks a JSON syntax error with status 400 and no type.
      if (err instanceof SyntaxError && err && (err as any).status === 400)
        return new HttpError(400, 'malformed_json', 'Nội dung JSON không đúng cú pháp');
      return null;
  }
}

export function errorMiddleware(log: { error(obj: unknown, msg?: string): void }): Koa.Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new HttpError(404, 'not_found', 'Không tìm thấy đường dẫn');
    } catch (err: any) {
      let e: HttpError;
      if (err instanceof HttpError) e = err;
      else if (fromParserError(err)) e = fromParserError(err)!;
      else if (err?.status === 405 || err?.status === 501) e = new HttpError(err.status, 'method_not_allowed', 'Phương thức không được hỗ trợ');
      else {
        log.error({ err, method: ctx.method, path: ctx.path }, 'unhandled error');
        e = new HttpError(500, 'internal_error', 'Lỗi hệ thống, vui lòng thử lại sau');
      }
      ctx.status = e.status;
      // Details in Vietnamese unless the caller prefers English (Accept-Language); the shape stays
      // CONTRACT.md's {path, message} either way.
      const details = localizeDetails(ctx, e.details);
      ctx.body = { error: { code: e.code, message: e.message, details } };
      if (e.status === 429 && (err as any).retryAfter) ctx.set('Retry-After', String((err as any).retryAfter));
    }
  };
}

/** Deeply nested JSON is refused before any recursive code (validators, CASL) walks it. */
export function assertJsonDepth(value: unknown, max = 64): void {
  const stack: Array<[unknown, number]> = [[value, 0]];
  while (stack.length) {
    const [v, d] = stack.pop()!;
    if (d > max) throw new HttpError(400, 'too_deep', `Dữ liệu JSON lồng quá ${max} cấp`);
    if (v && typeof v === 'object') for (const child of Object.values(v)) stack.push([child, d + 1]);
  }
}
