// Administrators follow the integrations: plugins loaded and what they added, connectors' health, imports
// with their progress and rejected messages, and the outbox (every outbound message with its attempts).
import { conflict, notFound } from '../api/errors.js';
import { defineRoutes } from '../api/routes.js';
import { importToApi, rejectionToApi } from './imports.js';
import { messageToApi } from './outbox.js';
import type { Services } from '../services.js';

const ID = /^[1-9]\d{0,15}$/;
const limitOf = (v: unknown, max = 200) => Math.min(Math.max(Number(v) || 50, 1), max);

const importSchema = {
  type: 'object',
  required: ['id', 'plugin', 'source', 'name', 'status', 'total', 'processed', 'imported', 'duplicates', 'rejected', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    plugin: { type: 'string' },
    source: { type: 'string' },
    name: { type: 'string' },
    status: { enum: ['running', 'done', 'failed'] },
    total: { type: 'integer' },
    processed: { type: 'integer' },
    imported: { type: 'integer' },
    duplicates: { type: 'integer' },
    rejected: { type: 'integer' },
    error: { type: ['string', 'null'] },
    createdBy: { type: ['integer', 'null'] },
    createdAt: { type: 'string' },
    finishedAt: { type: ['string', 'null'] },
  },
};
const rejectionSchema = {
  type: 'object',
  required: ['id', 'importId', 'plugin', 'item', 'reason', 'details', 'createdAt'],
  properties: {
    id: { type: 'integer' },
    importId: { type: ['integer', 'null'] },
    plugin: { type: 'string' },
    item: { type: 'string' },
    externalId: { type: ['string', 'null'] },
    reason: { type: 'string' },
    details: { type: 'array', items: { type: 'object', required: ['path', 'message'], properties: { path: { type: 'string' }, message: { type: 'string' } } } },
    createdAt: { type: 'string' },
  },
};
const items = (schema: object) => ({ type: 'object', required: ['items'], properties: { items: { type: 'array', items: schema } } });

const fieldTypesSchema = {
  type: 'array',
  description: 'Form field types (a field\'s "format"), for the form designer',
  items: {
    type: 'object',
    required: ['name', 'label', 'plugin'],
    properties: { name: { type: 'string' }, label: { type: 'string' }, labelEn: { type: ['string', 'null'] }, description: { type: ['string', 'null'] }, schema: { type: ['object', 'null'] }, widget: { type: ['string', 'null'] }, plugin: { type: 'string' } },
  },
};
const datasetsSchema = {
  type: 'array',
  description: 'Report datasets (report "dataset"), with the fields filters and dimensions may name',
  items: {
    type: 'object',
    required: ['key', 'label', 'subject', 'fields', 'plugin'],
    properties: {
      key: { type: 'string' },
      label: { type: 'string' },
      subject: { type: 'string' },
      fields: { type: 'object', additionalProperties: { type: 'string', enum: ['string', 'number', 'date', 'timestamp', 'unit'] } },
      plugin: { type: 'string' },
    },
  },
};

/** The field types and report datasets plugins registered, as the designers read them. */
function extensionsOf(h: Services['plugins']) {
  return {
    fieldTypes: [...h.fieldTypes.values()].map((f) => ({ name: f.name, label: f.label, labelEn: f.labelEn ?? null, description: f.description ?? null, schema: f.schema ?? null, widget: f.widget ?? null, plugin: f.plugin })),
    datasets: [...h.datasets.values()].map((d) => ({ key: d.key, label: d.label ?? d.key, subject: d.subject, fields: Object.fromEntries(Object.entries(d.fields).map(([k, f]) => [k, f.type])), plugin: d.plugin })),
  };
}

export const integrationRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/integrations',
    summary: 'Plugins loaded in this deployment (routes, jobs), connectors with their status, field types and report datasets plugins added',
    tags: ['integrations'],
    action: 'read',
    subject: 'Integration',
    admin: true,
    responses: {
      200: {
        type: 'object',
        required: ['plugins', 'connectors', 'fieldTypes', 'datasets'],
        properties: {
          plugins: { type: 'array', items: { type: 'object', required: ['name', 'package', 'routes', 'jobs'] } },
          connectors: { type: 'array', items: { type: 'object', required: ['id', 'name', 'plugin', 'status'] } },
          fieldTypes: fieldTypesSchema,
          datasets: datasetsSchema,
        },
      },
    },
    async handler(ctx, s) {
      const h = s.plugins;
      const connectors = [];
      for (const c of h.connectors.values()) {
        let status: Record<string, unknown>;
        try {
          status = await c.status();
        } catch (err: any) {
          status = { error: String(err?.message ?? err) };
        }
        connectors.push({ id: c.id, name: c.name, plugin: c.plugin, status });
      }
      ctx.body = {
        plugins: h.loaded,
        connectors,
        ...extensionsOf(h),
      };
    },
  },
  {
    method: 'get',
    path: '/api/integrations/extensions',
    summary: 'What plugins add to metadata — form field types and report datasets — for the designers of anyone who may read metadata (pillar administrators included)',
    tags: ['integrations'],
    action: 'read',
    subject: 'Metadata',
    responses: { 200: { type: 'object', required: ['fieldTypes', 'datasets'], properties: { fieldTypes: fieldTypesSchema, datasets: datasetsSchema } } },
    async handler(ctx, s) {
      ctx.body = extensionsOf(s.plugins);
    },
  },
  {
    method: 'get',
    path: '/api/integrations/imports',
    summary: 'Imports, newest first, with progress (total, processed, imported, duplicates, rejected). Filters: plugin, limit (≤ 200)',
    tags: ['integrations'],
    action: 'read',
    subject: 'Integration',
    admin: true,
    query: { plugin: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
    responses: { 200: items(importSchema) },
    async handler(ctx, s) {
      const q = s.knex('integration_imports').orderBy('id', 'desc').limit(limitOf(ctx.query.limit));
      if (typeof ctx.query.plugin === 'string') q.where({ plugin: ctx.query.plugin });
      ctx.body = { items: (await q).map(importToApi) };
    },
  },
  {
    method: 'get',
    path: '/api/integrations/imports/:id',
    summary: 'One import with the messages it rejected and why (element paths)',
    tags: ['integrations'],
    action: 'read',
    subject: 'Integration',
    admin: true,
    responses: { 200: { ...importSchema, required: [...importSchema.required, 'rejections'], properties: { ...importSchema.properties, rejections: { type: 'array', items: rejectionSchema } } } },
    async handler(ctx, s) {
      const id = ctx.params.id!;
      const row = ID.test(id) ? await s.knex('integration_imports').where({ id: Number(id) }).first() : undefined;
      if (!row) throw notFound('Không tìm thấy lần nhập');
      const rejections = await s.knex('integration_rejections').where({ import_id: row.id }).orderBy('id').limit(1000);
      ctx.body = { ...importToApi(row), rejections: rejections.map(rejectionToApi) };
    },
  },
  {
    method: 'get',
    path: '/api/integrations/rejections',
    summary: 'Rejected messages, newest first, with the reason and the offending elements. Filters: plugin, limit (≤ 200)',
    tags: ['integrations'],
    action: 'read',
    subject: 'Integration',
    admin: true,
    query: { plugin: { type: 'string' }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
    responses: { 200: items(rejectionSchema) },
    async handler(ctx, s) {
      const q = s.knex('integration_rejections').orderBy('id', 'desc').limit(limitOf(ctx.query.limit));
      if (typeof ctx.query.plugin === 'string') q.where({ plugin: ctx.query.plugin });
      ctx.body = { items: (await q).map(rejectionToApi) };
    },
  },
  {
    method: 'get',
    path: '/api/integrations/outbox',
    summary: 'Outbound messages (webhooks, central-sync pushes, edXML status messages), newest first, with their delivery attempts. Filters: channel, status, limit (≤ 200)',
    tags: ['integrations'],
    action: 'read',
    subject: 'Integration',
    admin: true,
    query: { channel: { type: 'string' }, status: { enum: ['pending', 'sending', 'delivered', 'failed'] }, limit: { type: 'integer', minimum: 1, maximum: 200 } },
    responses: { 200: items({ type: 'object', required: ['id', 'channel', 'key', 'status', 'attempts', 'log'] }) },
    async handler(ctx, s) {
      const q = s.knex('outbox_messages').orderBy('id', 'desc').limit(limitOf(ctx.query.limit));
      if (typeof ctx.query.channel === 'string') q.where({ channel: ctx.query.channel });
      if (typeof ctx.query.status === 'string') q.where({ status: ctx.query.status });
      const rows = await q;
      const attempts = rows.length ? await s.knex('outbox_attempts').whereIn('message_id', rows.map((r: any) => r.id)).orderBy(['message_id', 'attempt']) : [];
      ctx.body = { items: rows.map((r: any) => messageToApi(r, attempts.filter((a: any) => Number(a.message_id) === Number(r.id)))) };
    },
  },
  {
    method: 'post',
    path: '/api/integrations/outbox/:id/retry',
    summary: 'Send a failed outbound message again (a fresh budget of attempts) → 202',
    tags: ['integrations'],
    action: 'update',
    subject: 'Integration',
    admin: true,
    responses: { 202: { type: 'object', required: ['retried'], properties: { retried: { const: true } } } },
    async handler(ctx, s) {
      const id = ctx.params.id!;
      const m = ID.test(id) ? await s.knex('outbox_messages').where({ id: Number(id) }).first('id', 'status', 'channel') : undefined;
      if (!m) throw notFound('Không tìm thấy tin gửi đi');
      if (m.status === 'delivered' || m.status === 'sending') throw conflict('Tin này đã gửi thành công hoặc đang gửi');
      await s.plugins.outbox.retry(Number(m.id));
      await s.audit.write({ action: 'integration.retry', actorId: ctx.state.principal!.id, actor: ctx.state.principal!.username, subjectType: 'Integration', subjectId: Number(m.id), ip: ctx.ip, detail: { channel: m.channel } });
      ctx.status = 202;
      ctx.body = { retried: true };
    },
  },
]);
