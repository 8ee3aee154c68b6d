// HTTP API of directive documents (CONTRACT.md, "Documents"): parse, authorise, call the service.
import { subject } from '@casl/ability';
import type Koa from 'koa';
import { authorize } from '../api/authorize.js';
import { forbidden, invalid, notFound } from '../api/errors.js';
import { defineRoutes } from '../api/routes.js';
import type { AppState } from '../api/state.js';
import type { Services } from '../services.js';
import { readableOr404, idParam } from './guard.js';
import { listDocuments, parseListQuery } from './list.js';
import { abilityFields } from './rows.js';
import { createSchema, updateSchema, validateBody } from './schema.js';
import { createDocument, findDocument, updateDocument, withAttachments, type OwningUnit } from './service.js';

type Ctx = Koa.ParameterizedContext<AppState>;
const NOT_FOUND = 'Không tìm thấy văn bản';

const actor = (ctx: Ctx) => ({ id: ctx.state.principal!.id, username: ctx.state.principal!.username, ip: ctx.ip });

/**
 * The unit a new document belongs to: the body's `unitId` when the caller may create documents there,
 * else the first of the caller's positions' units where they may.
 */
async function owningUnit(ctx: Ctx, s: Services, unitId: number | undefined): Promise<OwningUnit> {
  if (unitId !== undefined) {
    const unit = await s.knex('units').where({ id: unitId, active: true }).first('id', 'pillar', 'path');
    if (!unit) throw invalid([{ path: '/unitId', message: 'Đơn vị không tồn tại' }]);
    await authorize(ctx, s, 'create', 'Document', { pillar: unit.pillar, unitId: unit.id, unitPath: unit.path });
    return { id: unit.id, pillar: unit.pillar, path: unit.path };
  }
  const ability = ctx.state.ability!;
  for (const p of ctx.state.principal!.positions) {
    const fields = { pillar: p.pillar, unitId: p.unitId, unitPath: p.unitPath };
    if (ability.can('create', subject('Document', fields) as any)) return { id: p.unitId, pillar: p.pillar, path: p.unitPath };
  }
  const first = ctx.state.principal!.positions[0];
  if (first) await authorize(ctx, s, 'create', 'Document', { pillar: first.pillar, unitId: first.unitId, unitPath: first.unitPath });
  throw forbidden('Bạn không có chức vụ nào được phép vào sổ văn bản');
}

export const documentRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/documents',
    summary: 'Register a directive document (with attachmentIds of the caller’s uploads) → 201 with the document',
    tags: ['documents'],
    action: 'create',
    subject: 'Document',
    async handler(ctx, s) {
      const input = validateBody(createSchema, ctx.request.body);
      const unit = await owningUnit(ctx, s, input.unitId);
      ctx.status = 201;
      ctx.body = await createDocument(s, actor(ctx), unit, input);
    },
  },
  {
    method: 'get',
    path: '/api/documents',
    summary:
      'Documents the caller may read. Filters: q, type, urgency, status (comma lists), from, to (issue date), unitId (subtree); sort=[-]issuedDate|createdAt|updatedAt; limit, offset or cursor → {items, total, limit, offset, nextCursor}',
    tags: ['documents'],
    action: 'read',
    subject: 'Document',
    async handler(ctx, s) {
      ctx.body = await listDocuments(s, ctx.state.ability!, parseListQuery(ctx.query));
    },
  },
  {
    method: 'get',
    path: '/api/documents/:id',
    summary: 'One document with its attachments',
    tags: ['documents'],
    action: 'read',
    subject: 'Document',
    async handler(ctx, s) {
      const id = idParam(ctx, NOT_FOUND);
      const row = await findDocument(s.knex, id);
      if (!row) throw notFound(NOT_FOUND);
      await readableOr404(ctx, s, 'Document', abilityFields(row), NOT_FOUND);
      ctx.body = await withAttachments(s.knex, row);
    },
  },
  {
    method: 'patch',
    path: '/api/documents/:id',
    summary: 'Update fields of a document; `version` must be the current one (409 otherwise); attachmentIds are linked in addition',
    tags: ['documents'],
    action: 'update',
    subject: 'Document',
    async handler(ctx, s) {
      const id = idParam(ctx, NOT_FOUND);
      const row = await findDocument(s.knex, id);
      if (!row) throw notFound(NOT_FOUND);
      await readableOr404(ctx, s, 'Document', abilityFields(row), NOT_FOUND);
      await authorize(ctx, s, 'update', 'Document', abilityFields(row));
      const input = validateBody(updateSchema, ctx.request.body);
      ctx.body = await updateDocument(s, actor(ctx), row, input);
    },
  },
]);
