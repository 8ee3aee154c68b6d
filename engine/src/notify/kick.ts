// Notifications that a request stored (workflow notify effects, a manual "đôn đốc") are committed with
// the request's transaction; right after a successful write the delivery job is queued, so they go out
// at once rather than at the next sweep. The job is idempotent and queued runs collapse into one.
// Writers outside a request (jobs, plugins) are covered where the rows are stored: TaskService.storeNotifications
// calls NotifyService.kickAfter(trx), which queues the run when that transaction commits.
import type Koa from 'koa';
import type { Services } from '../services.js';

const SKIP = /^\/api\/(notifications|auth|jobs)\b/;

export function deliverAfterWrites(s: Services): Koa.Middleware {
  return async (ctx, next) => {
    await next();
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD' && ctx.status < 400 && ctx.path.startsWith('/api/') && !SKIP.test(ctx.path)) s.notify.kick();
  };
}
