// Instance checks of the document API. A record the caller may not read answers 404, as if it did not
// exist (ids are sequential: a 403 would confirm it does), but the denial is logged like any other.
import type Koa from 'koa';
import { authorize } from '../api/authorize.js';
import { HttpError, notFound } from '../api/errors.js';
import type { AppState } from '../api/state.js';
import type { Services } from '../services.js';

type Ctx = Koa.ParameterizedContext<AppState>;

export async function readableOr404(ctx: Ctx, s: Services, subjectType: string, fields: Record<string, unknown>, message: string): Promise<void> {
  try {
    await authorize(ctx, s, 'read', subjectType, fields);
  } catch (err) {
    if (err instanceof HttpError && err.status === 403) throw notFound(message);
    throw err;
  }
}

/** Log a denial decided outside CASL (an attachment's owner check), then answer 404. */
export async function deniedAs404(ctx: Ctx, s: Services, subjectType: string, subjectId: number, message: string): Promise<never> {
  const p = ctx.state.principal!;
  await s.audit.write({
    action: 'access.denied',
    outcome: 'denied',
    actorId: p.id,
    actor: p.username,
    subjectType,
    subjectId,
    ip: ctx.ip,
    detail: { action: 'read', method: ctx.method, path: ctx.path },
  });
  throw notFound(message);
}

/** A positive integer id from the path, or 404. */
export function idParam(ctx: Ctx, message: string): number {
  const raw = (ctx as any).params?.id as string | undefined;
  if (!raw || !/^[1-9]\d{0,15}$/.test(raw) || !Number.isSafeInteger(Number(raw))) throw notFound(message);
  return Number(raw);
}
