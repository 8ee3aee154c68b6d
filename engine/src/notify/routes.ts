// HTTP API of notifications (CONTRACT.md "Notifications") and of the job runner for administrators.
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { badRequest, forbidden, HttpError, notFound } from '../api/errors.js';
import { openStream } from './stream.js';
import { CHANNEL_IDS, DELIVERY_STATUSES, type DeliveryStatus, type Preferences } from './service.js';

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

// Shapes of the outbox routes, for the OpenAPI document.
const str = { type: 'string' };
const strOrNull = { type: ['string', 'null'] };
const int = { type: 'integer' };
const time = { type: 'string', format: 'date-time' };
const timeOrNull = { type: ['string', 'null'], format: 'date-time' };
const channelList = { type: 'array', items: str };
const deliverySchema = {
  type: 'object',
  additionalProperties: false,
  required: ['id', 'status', 'userId', 'username', 'fullName', 'kind', 'template', 'title', 'taskId', 'channels', 'deliveredChannels', 'attempts', 'lastError', 'nextAttemptAt', 'failedAt', 'createdAt'],
  properties: {
    id: int,
    status: { enum: [...DELIVERY_STATUSES] },
    userId: int,
    username: str,
    fullName: str,
    kind: str,
    template: strOrNull,
    title: str,
    taskId: { type: ['integer', 'null'] },
    channels: { anyOf: [channelList, { type: 'null' }], description: 'the channels the notification is meant for (null: every channel)' },
    deliveredChannels: channelList,
    attempts: int,
    lastError: strOrNull,
    nextAttemptAt: timeOrNull,
    failedAt: timeOrNull,
    createdAt: time,
  },
};
const retriedSchema = { type: 'object', additionalProperties: false, required: ['retried'], properties: { retried: { type: 'array', items: int } } };
const parseRetry = bodyValidator<{ ids?: number[] }>({
  type: 'object',
  additionalProperties: false,
  properties: { ids: { type: 'array', minItems: 1, maxItems: 1000, uniqueItems: true, items: { type: 'integer', minimum: 1 } } },
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
    path: '/api/notifications/deliveries',
    summary: 'The notification outbox by delivery status (administrators): ?status=failed (default: gave up after the last attempt) | retrying | pending, ?limit, ?before=<id> (cursor); newest first, with the exact total',
    tags: ['notifications'],
    action: 'read',
    subject: 'Job',
    query: { status: { enum: [...DELIVERY_STATUSES] }, limit: { type: 'integer', minimum: 1, maximum: 200 }, before: { type: 'integer', minimum: 1 } },
    responses: {
      200: {
        type: 'object',
        additionalProperties: false,
        required: ['status', 'total', 'items', 'nextCursor'],
        properties: { status: { enum: [...DELIVERY_STATUSES] }, total: int, items: { type: 'array', items: deliverySchema }, nextCursor: { type: ['integer', 'null'] } },
      },
    },
    async handler(ctx, s) {
      const q = ctx.query as Record<string, string>;
      const status = (q.status ?? 'failed') as DeliveryStatus;
      if (!DELIVERY_STATUSES.includes(status)) throw badRequest('Trạng thái không hợp lệ', [{ path: '/status', message: `một trong ${DELIVERY_STATUSES.join(', ')}` }]);
      ctx.body = await s.notify.deliveries({ status, limit: positive(q.limit), before: positive(q.before) });
    },
  },
  {
    method: 'post',
    path: '/api/notifications/deliveries/retry',
    summary: 'Retry failed deliveries (administrators): the given {"ids": [...]}, or every failed one (at most 1,000) without a body; a new series of attempts, audited, queued at once',
    tags: ['notifications'],
    action: 'update',
    subject: 'Job',
    body: parseRetry.schema,
    responses: { 200: retriedSchema },
    async handler(ctx, s) {
      const { ids } = parseRetry(ctx.request.body ?? {});
      const p = ctx.state.principal!;
      ctx.body = { retried: await s.notify.retryFailed({ id: p.id, username: p.username, ip: ctx.ip }, ids) };
    },
  },
  {
    method: 'post',
    path: '/api/notifications/deliveries/:id/retry',
    summary: 'Retry one failed delivery (administrators): 404 unknown, 409 when it has not failed',
    tags: ['notifications'],
    action: 'update',
    subject: 'Job',
    responses: { 200: retriedSchema },
    async handler(ctx, s) {
      const id = idOf(ctx.params.id);
      const p = ctx.state.principal!;
      const retried = await s.notify.retryFailed({ id: p.id, username: p.username, ip: ctx.ip }, [id]);
      if (!retried.length) {
        const row = await s.knex('notifications').where({ id }).first('id');
        if (!row) throw notFound('Không tìm thấy thông báo');
        throw new HttpError(409, 'not_failed', 'Thông báo này không ở trạng thái gửi lỗi');
      }
      ctx.body = { retried };
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
