// The unit tree for the Studio: add a unit under a parent (its materialised path follows from the
// parent's), rename it, reorder it, deactivate it. Moving a unit to another parent is not offered:
// tasks keep the path of their lead unit, so a move would need those rewritten too.
import { defineRoutes } from '../api/routes.js';
import { authorize } from '../api/authorize.js';
import { bodyValidator } from '../api/validate.js';
import { conflict, invalid, notFound } from '../api/errors.js';
import { actor, idParam } from './shared.js';

const parseCreate = bodyValidator<{ parentId: number; code: string; name: string; nameEn?: string; kind: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['parentId', 'code', 'name', 'kind'],
  properties: {
    parentId: { type: 'integer', minimum: 1 },
    code: { type: 'string', pattern: '^[A-Za-z0-9.\\-]{1,32}$' },
    name: { type: 'string', minLength: 1, maxLength: 300 },
    nameEn: { type: 'string', minLength: 1, maxLength: 300 },
    kind: { type: 'string', pattern: '^[a-z][a-zA-Z-]{0,31}$' },
  },
});
const parseUpdate = bodyValidator<{ name?: string; nameEn?: string | null; kind?: string; sortOrder?: number; active?: boolean }>({
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 300 },
    nameEn: { anyOf: [{ type: 'string', minLength: 1, maxLength: 300 }, { type: 'null' }] },
    kind: { type: 'string', pattern: '^[a-z][a-zA-Z-]{0,31}$' },
    sortOrder: { type: 'integer', minimum: 0, maximum: 1000000 },
    active: { type: 'boolean' },
  },
});

export const unitRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/studio/units',
    summary: 'Add a unit under a parent of the same pillar',
    tags: ['studio'],
    action: 'create',
    subject: 'Unit',
    async handler(ctx, s) {
      const input = parseCreate(ctx.request.body ?? {});
      const parent = await s.knex('units').where({ id: input.parentId, active: true }).first('id', 'pillar', 'path', 'depth');
      if (!parent) throw invalid([{ path: '/parentId', message: 'đơn vị cấp trên không tồn tại' }]);
      // Creating under the parent is allowed when the parent's subtree is the caller's to manage.
      await authorize(ctx, s, 'create', 'Unit', { pillar: parent.pillar, path: parent.path });
      if (await s.knex('units').where({ code: input.code }).first('id')) throw invalid([{ path: '/code', message: 'mã định danh đã có' }]);
      const by = actor(ctx);
      const id = await s.knex.transaction(async (trx) => {
        const last = await trx('units').where({ parent_id: parent.id }).max({ n: 'sort_order' }).first();
        const [newId] = await trx('units').insert({ pillar: parent.pillar, parent_id: parent.id, code: input.code, name: input.name, name_en: input.nameEn ?? null, kind: input.kind, path: '/', depth: Number(parent.depth) + 1, sort_order: Number(last?.n ?? 0) + 1, active: true });
        const unitId = Number(newId);
        await trx('units').where({ id: unitId }).update({ path: `${parent.path}${unitId}/` });
        await s.audit.write({ action: 'unit.create', actorId: by.id, actor: by.username, subjectType: 'Unit', subjectId: unitId, pillar: parent.pillar, ip: by.ip, detail: input }, trx);
        return unitId;
      });
      const r = await s.knex('units').where({ id }).first();
      ctx.status = 201;
      ctx.body = { id, parentId: parent.id, pillar: r.pillar, code: r.code, name: r.name, nameEn: r.name_en ?? null, kind: r.kind, path: r.path, depth: r.depth };
    },
  },
  {
    method: 'patch',
    path: '/api/studio/units/:id',
    summary: 'Rename, reorder or (de)activate a unit; a unit with active sub-units or people cannot be deactivated',
    tags: ['studio'],
    action: 'update',
    subject: 'Unit',
    async handler(ctx, s) {
      const id = idParam(ctx.params.id, '/id');
      const input = parseUpdate(ctx.request.body ?? {});
      const unit = await s.knex('units').where({ id }).first('id', 'pillar', 'path', 'parent_id');
      if (!unit) throw notFound('Không tìm thấy đơn vị');
      await authorize(ctx, s, 'update', 'Unit', { id, pillar: unit.pillar, path: unit.path });
      if (input.active === false) {
        if (!unit.parent_id) throw conflict('Không thể ngừng đơn vị gốc của khối');
        if (await s.knex('units').where({ parent_id: id, active: true }).first('id')) throw conflict('Đơn vị còn đơn vị trực thuộc đang hoạt động');
        if (await s.knex('positions').where({ unit_id: id, active: true }).first('id')) throw conflict('Đơn vị còn người giữ chức vụ');
      }
      const by = actor(ctx);
      await s.knex.transaction(async (trx) => {
        const row: Record<string, unknown> = {};
        if (input.name !== undefined) row.name = input.name;
        if (input.nameEn !== undefined) row.name_en = input.nameEn;
        if (input.kind !== undefined) row.kind = input.kind;
        if (input.sortOrder !== undefined) row.sort_order = input.sortOrder;
        if (input.active !== undefined) row.active = input.active;
        await trx('units').where({ id }).update(row);
        await s.audit.write({ action: 'unit.update', actorId: by.id, actor: by.username, subjectType: 'Unit', subjectId: id, pillar: unit.pillar, ip: by.ip, detail: input }, trx);
      });
      const r = await s.knex('units').where({ id }).first();
      ctx.body = { id, parentId: r.parent_id ?? null, pillar: r.pillar, code: r.code, name: r.name, nameEn: r.name_en ?? null, kind: r.kind, path: r.path, depth: r.depth, active: !!r.active };
    },
  },
]);
