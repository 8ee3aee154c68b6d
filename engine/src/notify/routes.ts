// HTTP API of notifications (CONTRACT.md "Notifications") and of the job runner for administrators.
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { badRequest, forbidden, notFound } from '../api/errors.js';
import { openStream } from './stream.js';
import { CHANNEL_IDS, type Preferences } from './service.js';

const idOf = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw badRequest('Mã không hợp lệ', [{ path: '/id', message: 'số nguyên dương' }]);
  return id;
};
const positive = (raw: unknown) => (raw === undefined ? undefined : idOf(String(raw)));

const parsePreferences = bodyValidator<Preferences>({
  type: 'object',
  additionalProperties: false,
  required: ['digest'],
  properties: {
    channels: { anyOf: [{ type: 'null' }, { type: 'array', uniqueItems: true, items: { enum: [...CHANNEL_IDS] } }] },
    digest: { type: 'boolean' },
  },
});

/** Users only: an integration (client credentials) has no notifications. */
const userOf = (ctx: any): number => {
  const id = ctx.state.principal?.id;
  if (!id) throw forbidden('Chỉ người dùng mới có thông báo');
  return id;
};

export const notifyRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/notifications',
    summary: 'The caller’s notifications, newest first, with the unread count; ?unread=true, ?limit, ?before=<id> (cursor)',
    tags: ['notifications'],
    authenticated: true,
    async handler(ctx, s) {
      const q = ctx.query as Record<string, string>;
      ctx.body = await s.notify.list(userOf(ctx), { limit: positive(q.limit), before: positive(q.before), unread: q.unread === 'true' });
    },
  },
  {
    method: 'get',
    path: '/api/notifications/stream',
    summary: 'Server-Sent Events of new notifications (bearer header, session cookie, or ?ticket= from POST /api/notifications/stream-ticket)',
    tags: ['notifications'],
    public: true, // authenticates itself: see notify/stream.ts
    async handler(ctx, s) {
      await openStream(ctx, s);
    },
  },
  {
    method: 'post',
    path: '/api/notifications/stream-ticket',
    summary: 'A single-use ticket (60 s) to open the stream from an EventSource, which cannot send the Authorization header',
    tags: ['notifications'],
    authenticated: true,
    async handler(ctx, s) {
      if (!ctx.state.tokenId) throw forbidden('Cần phiên đăng nhập của người dùng');
      ctx.body = await s.notify.issueTicket(userOf(ctx), ctx.state.tokenId);
    },
  },
  {
    method: 'post',
    path: '/api/notifications/read-all',
    summary: 'Mark all of the caller’s notifications read',
    tags: ['notifications'],
    authenticated: true,
    async handler(ctx, s) {
      const userId = userOf(ctx);
      const marked = await s.notify.markAllRead(userId);
      ctx.body = { marked, unread: await s.notify.unread(userId) };
    },
  },
  {
    method: 'post',
    path: '/api/notifications/:id/read',
    summary: 'Mark one of the caller’s notifications read (404 for anybody else’s)',
    tags: ['notifications'],
    authenticated: true,
    async handler(ctx, s) {
      const userId = userOf(ctx);
      if (!(await s.notify.markRead(userId, idOf(ctx.params.id)))) throw notFound('Không tìm thấy thông báo');
      ctx.body = { unread: await s.notify.unread(userId) };
    },
  },
  {
    method: 'get',
    path: '/api/notifications/preferences',
    summary: 'The caller’s notification preferences: channels (null = all) and digest instead of single e-mails',
    tags: ['notifications'],
    authenticated: true,
    async handler(ctx, s) {
      ctx.body = await s.notify.preferences(userOf(ctx));
    },
  },
  {
    method: 'put',
    path: '/api/notifications/preferences',
    summary: 'Set the caller’s notification preferences',
    tags: ['notifications'],
    authenticated: true,
    async handler(ctx, s) {
      ctx.body = await s.notify.setPreferences(userOf(ctx), parsePreferences(ctx.request.body ?? {}));
    },
  },
  {
    method: 'get',
    path: '/api/jobs/failed',
    summary: 'Background jobs that failed after their retries (administrators)',
    tags: ['jobs'],
    action: 'read',
    subject: 'Job',
    async handler(ctx, s) {
      ctx.body = { runner: s.jobs.kind, items: await s.jobs.failed(Math.min(Number(ctx.query.limit) || 50, 500)) };
    },
  },
  {
    method: 'post',
    path: '/api/jobs/failed/:id/retry',
    summary: 'Retry a failed background job (administrators)',
    tags: ['jobs'],
    action: 'update',
    subject: 'Job',
    async handler(ctx, s) {
      if (!(await s.jobs.retry(ctx.params.id))) throw notFound('Không tìm thấy công việc lỗi');
      ctx.body = { retried: true };
    },
  },
  {
    method: 'post',
    path: '/api/jobs/:name/run',
    summary: 'Run a background job now on this engine and return its result (administrators): reminders.scan, notify.deliver, tasks.periodic',
    tags: ['jobs'],
    action: 'update',
    subject: 'Job',
    async handler(ctx, s) {
      const name = ctx.params.name;
      if (!/^[a-z]+\.[a-z]+$/.test(name)) throw notFound('Không có công việc này');
      const p = ctx.state.principal!;
      await s.audit.write({ action: 'job.run', actorId: p.id, actor: p.username, subjectType: 'Job', subjectId: name, ip: ctx.ip });
      try {
        ctx.body = { name, result: await s.jobs.runNow(name, {}) };
      } catch (err) {
        if (/Không có công việc nền/.test(String((err as Error)?.message))) throw notFound('Không có công việc này');
        throw err;
      }
    },
  },
]);
