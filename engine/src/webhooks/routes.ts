// Webhook subscriptions, managed by administrators (subject Webhook; scope webhooks:manage for clients).
// The secret is shown once, when created or rotated, and stored sealed (AES-256-GCM).
import crypto from 'node:crypto';
import { conflict, invalid, notFound } from '../api/errors.js';
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { seal } from '../config/seal.js';
import { readJson, writeJson } from '../db/json.js';
import { isoTime, toDbTime } from '../db/time.js';
import type { Services } from '../services.js';
import { messageToApi } from '../plugins/outbox.js';
import { EVENT_TYPES, WEBHOOK_CHANNEL } from './events.js';

const NOT_FOUND = 'Không tìm thấy đăng ký webhook';
const ID = /^[1-9]\d{0,9}$/;

const url = { type: 'string', minLength: 10, maxLength: 2000, pattern: '^https?://[^\\s@/]+(/[^\\s]*)?$' };
const events = { type: 'array', minItems: 1, maxItems: 10, uniqueItems: true, items: { enum: ['*', ...EVENT_TYPES] } };
const pillar = { anyOf: [{ type: 'string', minLength: 1, maxLength: 16 }, { type: 'null' }] };

interface CreateInput {
  name: string;
  url: string;
  events: string[];
  pillar?: string | null;
  secret?: string;
  active?: boolean;
}
interface UpdateInput extends Partial<CreateInput> {
  rotateSecret?: boolean;
}

const parseCreate = bodyValidator<CreateInput>({
  type: 'object',
  additionalProperties: false,
  required: ['name', 'url', 'events'],
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    url,
    events,
    pillar,
    secret: { type: 'string', minLength: 32, maxLength: 200 },
    active: { type: 'boolean' },
  },
});
const parseUpdate = bodyValidator<UpdateInput>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, url, events, pillar, active: { type: 'boolean' }, rotateSecret: { type: 'boolean' } },
});

const subscriptionSchema = {
  type: 'object',
  required: ['id', 'name', 'url', 'events', 'pillar', 'active', 'createdAt', 'updatedAt'],
  additionalProperties: false,
  properties: {
    id: { type: 'integer' },
    name: { type: 'string' },
    url: { type: 'string' },
    events: { type: 'array', items: { type: 'string' } },
    pillar: { type: ['string', 'null'] },
    active: { type: 'boolean' },
    createdAt: { type: 'string' },
    updatedAt: { type: 'string' },
    secret: { type: 'string', description: 'Only when created or rotated' },
  },
};

export const deliverySchema = {
  type: 'object',
  required: ['id', 'channel', 'key', 'status', 'attempts', 'createdAt', 'payload', 'log'],
  properties: {
    id: { type: 'integer' },
    channel: { type: 'string' },
    target: { type: ['string', 'null'] },
    key: { type: 'string' },
    status: { enum: ['pending', 'sending', 'delivered', 'failed'] },
    attempts: { type: 'integer' },
    lastStatus: { type: ['integer', 'null'] },
    lastError: { type: ['string', 'null'] },
    createdAt: { type: 'string' },
    updatedAt: { type: ['string', 'null'] },
    deliveredAt: { type: ['string', 'null'] },
    payload: {},
    log: {
      type: 'array',
      items: {
        type: 'object',
        required: ['attempt', 'at', 'ok', 'statusCode', 'error', 'durationMs'],
        properties: { attempt: { type: 'integer' }, at: { type: 'string' }, ok: { type: 'boolean' }, statusCode: { type: ['integer', 'null'] }, error: { type: ['string', 'null'] }, durationMs: { type: 'integer' } },
      },
    },
  },
};

function toApi(r: any, secret?: string) {
  return {
    id: Number(r.id),
    name: r.name,
    url: r.url,
    events: readJson<string[]>(r.events) ?? [],
    pillar: r.pillar ?? null,
    active: !!r.active,
    createdAt: isoTime(r.created_at)!,
    updatedAt: isoTime(r.updated_at)!,
    ...(secret ? { secret } : {}),
  };
}

/** http:// only outside production, or with WEBHOOKS_ALLOW_HTTP=true (a receiver inside the city network). */
function checkUrl(s: Services, raw: string) {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw invalid([{ path: '/url', message: 'Địa chỉ không hợp lệ' }]);
  }
  if (u.username || u.password) throw invalid([{ path: '/url', message: 'Địa chỉ không được chứa tên đăng nhập hay mật khẩu' }]);
  if (u.protocol === 'http:' && s.config.production && s.config.pluginEnv?.WEBHOOKS_ALLOW_HTTP !== 'true')
    throw invalid([{ path: '/url', message: 'Cần dùng https (hoặc đặt WEBHOOKS_ALLOW_HTTP=true)' }]);
}

async function checkPillar(s: Services, p: string | null | undefined) {
  if (p && !(await s.knex('pillars').where({ key: p }).first('key'))) throw invalid([{ path: '/pillar', message: 'Khối không tồn tại' }]);
}

async function load(s: Services, raw: string) {
  if (!ID.test(raw)) throw notFound(NOT_FOUND);
  const row = await s.knex('webhook_subscriptions').where({ id: Number(raw) }).first();
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

const audit = (s: Services, ctx: any, action: string, id: number, detail: Record<string, unknown> = {}) =>
  s.audit.write({ action, actorId: ctx.state.principal!.id, actor: ctx.state.principal!.username, subjectType: 'Webhook', subjectId: id, ip: ctx.ip, detail });

const list = (schema: object) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema } } });

export const webhookRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/webhooks',
    summary: 'Webhook subscriptions (without secrets)',
    tags: ['webhooks'],
    action: 'read',
    subject: 'Webhook',
    admin: true,
    responses: { 200: list(subscriptionSchema) },
    async handler(ctx, s) {
      ctx.body = { items: (await s.knex('webhook_subscriptions').orderBy('id')).map((r: any) => toApi(r)) };
    },
  },
  {
    method: 'post',
    path: '/api/webhooks',
    summary: 'Subscribe a URL to task events; the signing secret is in this response only',
    tags: ['webhooks'],
    action: 'create',
    subject: 'Webhook',
    admin: true,
    body: parseCreate.schema,
    responses: { 201: subscriptionSchema },
    async handler(ctx, s) {
      const input = parseCreate(ctx.request.body ?? {});
      checkUrl(s, input.url);
      await checkPillar(s, input.pillar);
      const secret = input.secret ?? `whsec_${crypto.randomBytes(32).toString('base64url')}`;
      const now = toDbTime(s.clock.now());
      const [id] = await s.knex('webhook_subscriptions').insert({
        name: input.name,
        url: input.url,
        events: writeJson(input.events),
        pillar: input.pillar ?? null,
        sealed_secret: seal(s.secrets.keySecret, secret),
        active: input.active ?? true,
        created_by: ctx.state.principal!.id,
        created_at: now,
        updated_at: now,
      });
      await audit(s, ctx, 'webhook.create', Number(id), { url: input.url, events: input.events, pillar: input.pillar ?? null });
      ctx.status = 201;
      ctx.body = toApi(await s.knex('webhook_subscriptions').where({ id: Number(id) }).first(), secret);
    },
  },
  {
    method: 'get',
    path: '/api/webhooks/:id',
    summary: 'One webhook subscription',
    tags: ['webhooks'],
    action: 'read',
    subject: 'Webhook',
    admin: true,
    responses: { 200: subscriptionSchema },
    async handler(ctx, s) {
      ctx.body = toApi(await load(s, ctx.params.id!));
    },
  },
  {
    method: 'patch',
    path: '/api/webhooks/:id',
    summary: 'Change a subscription (name, url, events, pillar, active); rotateSecret: true returns a new secret once',
    tags: ['webhooks'],
    action: 'update',
    subject: 'Webhook',
    admin: true,
    body: parseUpdate.schema,
    responses: { 200: subscriptionSchema },
    async handler(ctx, s) {
      const row = await load(s, ctx.params.id!);
      const input = parseUpdate(ctx.request.body ?? {});
      if (input.url) checkUrl(s, input.url);
      await checkPillar(s, input.pillar);
      const secret = input.rotateSecret ? `whsec_${crypto.randomBytes(32).toString('base64url')}` : undefined;
      const changes: Record<string, unknown> = { updated_at: toDbTime(s.clock.now()) };
      if (input.name !== undefined) changes.name = input.name;
      if (input.url !== undefined) changes.url = input.url;
      if (input.events !== undefined) changes.events = writeJson(input.events);
      if (input.pillar !== undefined) changes.pillar = input.pillar;
      if (input.active !== undefined) changes.active = input.active;
      if (secret) changes.sealed_secret = seal(s.secrets.keySecret, secret);
      await s.knex('webhook_subscriptions').where({ id: row.id }).update(changes);
      await audit(s, ctx, 'webhook.update', Number(row.id), { fields: Object.keys(input) });
      ctx.body = toApi(await s.knex('webhook_subscriptions').where({ id: row.id }).first(), secret);
    },
  },
  {
    method: 'delete',
    path: '/api/webhooks/:id',
    summary: 'Remove a subscription (its delivery log stays; pending deliveries fail)',
    tags: ['webhooks'],
    action: 'delete',
    subject: 'Webhook',
    admin: true,
    responses: { 204: null },
    async handler(ctx, s) {
      const row = await load(s, ctx.params.id!);
      await s.knex('webhook_subscriptions').where({ id: row.id }).delete();
      await audit(s, ctx, 'webhook.delete', Number(row.id), { url: row.url });
      ctx.status = 204;
    },
  },
  {
    method: 'get',
    path: '/api/webhooks/:id/deliveries',
    summary: 'Delivery log of a subscription, newest first: each message with its attempts (status, error, duration). Filters: status, limit (≤ 200)',
    tags: ['webhooks'],
    action: 'read',
    subject: 'Webhook',
    admin: true,
    query: { status: { enum: ['pending', 'sending', 'delivered', 'failed'] }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
    responses: { 200: list(deliverySchema) },
    async handler(ctx, s) {
      if (!ID.test(ctx.params.id!)) throw notFound(NOT_FOUND);
      const q = s.knex('outbox_messages').where({ channel: WEBHOOK_CHANNEL, target: ctx.params.id }).orderBy('id', 'desc').limit(Math.min(Math.max(Number(ctx.query.limit) || 50, 1), 200));
      if (typeof ctx.query.status === 'string') q.where({ status: ctx.query.status });
      const rows = await q;
      const attempts = rows.length ? await s.knex('outbox_attempts').whereIn('message_id', rows.map((r: any) => r.id)).orderBy(['message_id', 'attempt']) : [];
      ctx.body = { items: rows.map((r: any) => messageToApi(r, attempts.filter((a: any) => Number(a.message_id) === Number(r.id)))) };
    },
  },
  {
    method: 'post',
    path: '/api/webhooks/:id/ping',
    summary: 'Queue a webhook.ping delivery to the subscription (to test the receiver and its signature check) → 202 {deliveryId}',
    tags: ['webhooks'],
    action: 'update',
    subject: 'Webhook',
    admin: true,
    responses: { 202: { type: 'object', required: ['deliveryId'], properties: { deliveryId: { type: 'integer' } } } },
    async handler(ctx, s) {
      const row = await load(s, ctx.params.id!);
      if (!row.active) throw conflict('Đăng ký webhook đang tắt');
      const key = `${row.id}:ping_${crypto.randomUUID()}`;
      await s.knex.transaction((trx) => s.plugins.outbox.add(trx, [{ channel: WEBHOOK_CHANNEL, target: String(row.id), key, payload: { id: `ping_${Date.now()}`, type: 'webhook.ping', occurredAt: s.clock.now().toISOString() } }]));
      const m = await s.knex('outbox_messages').where({ channel: WEBHOOK_CHANNEL, idem_key: key }).first('id');
      ctx.status = 202;
      ctx.body = { deliveryId: Number(m.id) };
    },
  },
  {
    method: 'post',
    path: '/api/webhooks/:id/deliveries/:deliveryId/retry',
    summary: 'Send a failed delivery again (a fresh budget of attempts) → 202',
    tags: ['webhooks'],
    action: 'update',
    subject: 'Webhook',
    admin: true,
    responses: { 202: { type: 'object', required: ['retried'], properties: { retried: { const: true } } } },
    async handler(ctx, s) {
      const row = await load(s, ctx.params.id!);
      const id = ctx.params.deliveryId!;
      const m = ID.test(id) ? await s.knex('outbox_messages').where({ id: Number(id), channel: WEBHOOK_CHANNEL, target: String(row.id) }).first('id', 'status') : undefined;
      if (!m) throw notFound('Không tìm thấy lần gửi');
      if (m.status === 'delivered' || m.status === 'sending') throw conflict('Lần gửi này đã thành công hoặc đang gửi');
      await s.plugins.outbox.retry(Number(m.id));
      await audit(s, ctx, 'webhook.retry', Number(row.id), { deliveryId: Number(m.id) });
      ctx.status = 202;
      ctx.body = { retried: true };
    },
  },
]);
