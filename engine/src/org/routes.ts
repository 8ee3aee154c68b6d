import { defineRoutes } from '../api/routes.js';
import { invalid } from '../api/errors.js';

const like = (s: string) => `%${s.replace(/[!%_]/g, '!$&')}%`;

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
    path: '/api/users',
    summary:
      'People the caller may see (the user picker of forms): ?q= part of the name or user name, ?ids=1,2 given ids, ?unitId= holders of a position there; active accounts, at most 50, by name',
    tags: ['organisation'],
    action: 'read',
    subject: 'User',
    async handler(ctx, s) {
      const q = typeof ctx.query.q === 'string' ? ctx.query.q.trim() : '';
      const ids = typeof ctx.query.ids === 'string' && ctx.query.ids ? ctx.query.ids.split(',').map(Number) : [];
      const unitId = ctx.query.unitId === undefined ? undefined : Number(ctx.query.unitId);
      const problems = [];
      if (q.length > 100) problems.push({ path: '/q', message: 'Tối đa 100 ký tự' });
      if (ids.length > 50 || ids.some((n) => !Number.isInteger(n) || n < 1)) problems.push({ path: '/ids', message: 'Tối đa 50 số nguyên dương, cách nhau bởi dấu phẩy' });
      if (unitId !== undefined && (!Number.isInteger(unitId) || unitId < 1)) problems.push({ path: '/unitId', message: 'Phải là số nguyên dương' });
      if (problems.length) throw invalid(problems);
      const qb = s.access
        .filter(s.knex('users'), ctx.state.ability!, 'read', 'User', { id: 'users.id', pillar: 'users.pillar' })
        .where('users.active', true);
      if (ids.length) qb.whereIn('users.id', ids);
      if (q) qb.where((w) => w.whereRaw("users.full_name LIKE ? ESCAPE '!'", [like(q)]).orWhereRaw("users.username LIKE ? ESCAPE '!'", [like(q)]));
      if (unitId !== undefined) qb.whereIn('users.id', s.knex('positions').where({ unit_id: unitId, active: true }).select('user_id'));
      const rows = await qb.orderBy('users.full_name').orderBy('users.id').limit(50).select('users.id', 'users.username', 'users.full_name', 'users.pillar');
      ctx.body = {
        items: rows.map((r: any) => ({ id: Number(r.id), username: r.username, fullName: r.full_name, pillar: r.pillar ?? null })),
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
