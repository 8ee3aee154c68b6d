// Small helpers of the Studio's routes: the caller as an author, the pillar scope of a request.
import type Koa from 'koa';
import { badRequest } from '../api/errors.js';
import type { AppState } from '../api/state.js';
import type { Services } from '../services.js';

export type Ctx = Koa.ParameterizedContext<AppState>;

export const KEY = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$/;

export const actor = (ctx: Ctx) => ({ id: ctx.state.principal!.id, username: ctx.state.principal!.username, ip: ctx.ip });

/** `?pillar=<key>` (or `platform`/empty for the platform defaults, stored as ''). */
export async function scopeParam(ctx: Ctx, s: Services, value: unknown = ctx.query.pillar): Promise<string> {
  if (value === undefined || value === '' || value === null || value === 'platform') return '';
  if (typeof value !== 'string' || !(await s.knex('pillars').where({ key: value }).first('key')))
    throw badRequest('Khối không tồn tại', [{ path: '/pillar', message: 'không tồn tại' }]);
  return value;
}

export function idParam(raw: unknown, path: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw badRequest('Mã không hợp lệ', [{ path, message: 'số nguyên dương' }]);
  return id;
}
