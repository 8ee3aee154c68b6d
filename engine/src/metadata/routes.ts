// HTTP API of the metadata registry (CONTRACT.md, "Metadata").
import type Koa from 'koa';
import { isMetadataKind, METADATA_KINDS, type MetadataKind } from '@dondoc/metadata';
import { defineRoutes } from '../api/routes.js';
import { authorize } from '../api/authorize.js';
import { badRequest, HttpError, localizeDetails, notFound } from '../api/errors.js';
import type { AppState } from '../api/state.js';
import type { Services } from '../services.js';

const KEY = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$/;

function kindOf(ctx: Koa.ParameterizedContext<AppState>): MetadataKind {
  const kind = (ctx as any).params.kind as string;
  if (!isMetadataKind(kind))
    throw new HttpError(404, 'unknown_kind', `Loại metadata không tồn tại: ${kind}`, [
      { path: '/kind', message: `phải là một trong ${METADATA_KINDS.join(', ')}` },
    ]);
  return kind;
}

function keyOf(ctx: Koa.ParameterizedContext<AppState>): string {
  const key = (ctx as any).params.key as string;
  if (!KEY.test(key)) throw badRequest('Khóa metadata không hợp lệ', [{ path: '/key', message: 'chỉ gồm chữ, số, . _ -' }]);
  return key;
}

/** `?pillar=<key>` names a pillar's override; absent means the platform default (stored as ''). */
async function scopeOf(ctx: Koa.ParameterizedContext<AppState>, s: Services): Promise<string> {
  const p = ctx.query.pillar;
  if (p === undefined || p === '') return '';
  if (typeof p !== 'string' || !(await s.knex('pillars').where({ key: p }).first('key')))
    throw badRequest('Khối không tồn tại', [{ path: '/pillar', message: 'không tồn tại' }]);
  return p;
}

/** The pillar whose view the caller reads by default. */
function viewerPillar(ctx: Koa.ParameterizedContext<AppState>): string | null {
  const p = ctx.state.principal!;
  return p.pillar ?? p.positions[0]?.pillar ?? null;
}

/** Kind, key and scope of a route on one document, after checking that the caller may act on it there. */
async function documentOf(ctx: Koa.ParameterizedContext<AppState>, s: Services, action: 'read' | 'update' | 'publish') {
  const kind = kindOf(ctx);
  const key = keyOf(ctx);
  const pillar = await scopeOf(ctx, s);
  await authorize(ctx, s, action, 'Metadata', { kind, key, pillar });
  return { kind, key, pillar };
}

const author = (ctx: Koa.ParameterizedContext<AppState>) => ({
  id: ctx.state.principal!.id,
  username: ctx.state.principal!.username,
  ip: ctx.ip,
});

export const metadataRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/metadata/:kind',
    summary: 'Documents of a kind, as resolved for the caller’s pillar (or ?pillar=)',
    tags: ['metadata'],
    action: 'read',
    subject: 'Metadata',
    async handler(ctx, s) {
      const kind = kindOf(ctx);
      const pillar = ctx.query.pillar !== undefined ? (await scopeOf(ctx, s)) || null : viewerPillar(ctx);
      const items = await s.metadata.list(kind, pillar, (qb) =>
        s.access.filter(qb, ctx.state.ability!, 'read', 'Metadata', { kind: 'kind', key: 'key', pillar: 'pillar' }),
      );
      ctx.body = { items };
    },
  },
  {
    method: 'get',
    path: '/api/metadata/:kind/:key',
    summary: 'One document: resolved for the caller’s pillar; ?pillar= for one scope, ?version=n or ?version=draft',
    tags: ['metadata'],
    action: 'read',
    subject: 'Metadata',
    async handler(ctx, s) {
      const kind = kindOf(ctx);
      const key = keyOf(ctx);
      const v = ctx.query.version;
      let doc;
      if (ctx.query.pillar !== undefined || v !== undefined) {
        const pillar = await scopeOf(ctx, s);
        if (v === 'draft') {
          await authorize(ctx, s, 'update', 'Metadata', { kind, key, pillar });
          doc = await s.metadata.get(kind, key, pillar, 'draft');
        } else if (v !== undefined) {
          const n = Number(v);
          if (!Number.isInteger(n) || n < 1) throw badRequest('Phiên bản không hợp lệ', [{ path: '/version', message: 'số nguyên dương hoặc draft' }]);
          doc = await s.metadata.get(kind, key, pillar, n);
        } else doc = await s.metadata.resolve(kind, key, pillar || null);
      } else doc = await s.metadata.resolve(kind, key, viewerPillar(ctx));
      if (!doc) throw notFound('Không tìm thấy metadata');
      await authorize(ctx, s, 'read', 'Metadata', { kind, key, pillar: doc.pillar ?? '' });
      ctx.body = doc;
    },
  },
  {
    method: 'put',
    path: '/api/metadata/:kind/:key',
    summary: 'Save the draft (platform default, or ?pillar= for a pillar override); validated, 422 with JSON Pointers',
    tags: ['metadata'],
    action: 'update',
    subject: 'Metadata',
    async handler(ctx, s) {
      const { kind, key, pillar } = await documentOf(ctx, s, 'update');
      const body = ctx.request.body;
      if (body === undefined || body === null || typeof body !== 'object' || Array.isArray(body))
        throw badRequest('Nội dung phải là một đối tượng JSON', [{ path: '', message: 'object' }]);
      ctx.body = await s.metadata.saveDraft(kind, key, pillar, body, author(ctx));
    },
  },
  {
    method: 'post',
    path: '/api/metadata/:kind/:key/validate',
    summary: 'Validate a document without saving it (for designers)',
    tags: ['metadata'],
    action: 'update',
    subject: 'Metadata',
    async handler(ctx, s) {
      const kind = kindOf(ctx);
      keyOf(ctx);
      const pillar = await scopeOf(ctx, s);
      ctx.body = { issues: localizeDetails(ctx, await s.metadata.validate(kind, ctx.request.body, pillar)) };
    },
  },
  {
    method: 'post',
    path: '/api/metadata/:kind/:key/publish',
    summary: 'Publish the draft as the next immutable version → {version}',
    tags: ['metadata'],
    action: 'publish',
    subject: 'Metadata',
    async handler(ctx, s) {
      const { kind, key, pillar } = await documentOf(ctx, s, 'publish');
      const raw = ctx.request.body as any;
      // An optional {"body": {...}} publishes that content directly (e.g. a rollback to an old version).
      const body = raw && typeof raw === 'object' && 'body' in raw ? raw.body : undefined;
      const doc = await s.metadata.publish(kind, key, pillar, author(ctx), body);
      ctx.body = { version: doc.version, kind, key, pillar: doc.pillar, checksum: doc.checksum };
    },
  },
  {
    method: 'get',
    path: '/api/metadata/:kind/:key/versions',
    summary: 'Versions of one document in one scope (?pillar=), oldest first; the draft, if any, as version 0',
    tags: ['metadata'],
    action: 'read',
    subject: 'Metadata',
    async handler(ctx, s) {
      const { kind, key, pillar } = await documentOf(ctx, s, 'read');
      const all = await s.metadata.versions(kind, key, pillar);
      ctx.body = {
        items: all.map(({ body: _b, ...v }) => v),
      };
    },
  },
]);
