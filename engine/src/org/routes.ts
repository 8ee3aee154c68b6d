import { defineRoutes } from '../api/routes.js';

export const orgRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/units',
    summary: 'The unit tree visible to the caller, as a flat list ordered by path (parentId links the tree)',
    tags: ['organisation'],
    action: 'read',
    subject: 'Unit',
    async handler(ctx, s) {
      const rows = await s.access
        .filter(s.knex('units'), ctx.state.ability!, 'read', 'Unit', { id: 'id', path: 'path', pillar: 'pillar' })
        .where('active', true)
        .orderBy([{ column: 'pillar' }, { column: 'depth' }, { column: 'sort_order' }, { column: 'id' }])
        .select('id', 'parent_id', 'pillar', 'code', 'name', 'name_en', 'kind', 'path', 'depth');
      ctx.body = {
        items: rows.map((r: any) => ({
          id: r.id,
          parentId: r.parent_id ?? null,
          pillar: r.pillar,
          code: r.code,
          name: r.name,
          nameEn: r.name_en ?? null,
          kind: r.kind,
          path: r.path,
          depth: r.depth,
        })),
      };
    },
  },
  {
    method: 'get',
    path: '/api/pillars',
    summary: 'The four pillars',
    tags: ['organisation'],
    authenticated: true,
    async handler(ctx, s) {
      const rows = await s.knex('pillars').orderBy('key').select('key', 'name', 'name_en', 'short_name', 'code', 'unit_id');
      ctx.body = {
        items: rows.map((r) => ({ key: r.key, name: r.name, nameEn: r.name_en, shortName: r.short_name, code: r.code, unitId: r.unit_id })),
      };
    },
  },
]);
