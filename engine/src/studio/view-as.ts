// "View as": what a chosen user would see — their positions, the permission rules their roles resolve to
// (optionally with roles being edited in the Studio instead of the published ones), the tasks and units
// those rules let them read, and which of a sample of actions they may take.
import { validateStructure, type Role } from '@dondoc/metadata';
import { defineRoutes } from '../api/routes.js';
import { authorize } from '../api/authorize.js';
import { bodyValidator } from '../api/validate.js';
import { invalid, notFound } from '../api/errors.js';
import { buildAbility } from '../access/ability.js';
import { loadPrincipal, publicUser } from '../org/principal.js';
import { TASK_FIELD_COLUMNS } from '../tasks/rows.js';
import { dbDate } from '../db/time.js';
import { idParam } from './shared.js';

const parse = bodyValidator<{ roles?: Record<string, Role> }>({
  type: 'object',
  additionalProperties: false,
  properties: { roles: { type: 'object', maxProperties: 20, additionalProperties: { type: 'object' } } },
});

const CHECKS: [string, string][] = [
  ['create', 'Task'],
  ['read', 'Report'],
  ['export', 'Report'],
  ['update', 'Metadata'],
  ['publish', 'Metadata'],
  ['create', 'User'],
  ['update', 'Calendar'],
  ['read', 'AuditLog'],
];

export const viewAsRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/studio/view-as/:userId',
    summary: 'What a user would see: positions, resolved rules, readable tasks and units; body {roles} previews unpublished role bodies',
    tags: ['studio'],
    action: 'update',
    subject: 'Metadata',
    async handler(ctx, s) {
      const userId = idParam(ctx.params.userId, '/userId');
      const input = parse(ctx.request.body ?? {});
      const principal = await loadPrincipal(s.knex, userId);
      if (!principal) throw notFound('Không tìm thấy người dùng đang hoạt động');
      await authorize(ctx, s, 'read', 'User', { id: userId, pillar: principal.pillar ?? '' });
      const overrides = input.roles ?? {};
      for (const [key, body] of Object.entries(overrides)) {
        const issues = validateStructure('role', body);
        if (issues.length) throw invalid(issues.map((i) => ({ ...i, path: `/roles/${key}${i.path}` })), 'Vai trò không hợp lệ');
      }
      await s.metadata.snapshot.ensureFresh();
      const ability = buildAbility(principal, (roleKey, pillar) => (overrides[roleKey] as never) ?? s.metadata.snapshot.resolve('role', roleKey, pillar)?.body);
      // What the user would see, but never more than the caller may see: a previewed role must not be a
      // window on other pillars' tasks and units (both permission filters apply).
      const mine = ctx.state.ability!;
      const visibleTasks = () =>
        s.access.filter(s.access.filter(s.knex('tasks'), ability, 'read', 'Task', TASK_FIELD_COLUMNS), mine, 'read', 'Task', TASK_FIELD_COLUMNS);
      const taskTotal = await visibleTasks().count({ n: '*' }).first();
      const taskRows = await visibleTasks().orderBy('tasks.created_at', 'desc').orderBy('tasks.id', 'desc').limit(10).select('tasks.id', 'tasks.code', 'tasks.title', 'tasks.state', 'tasks.pillar', 'tasks.due_date');
      const unitFields = { id: 'id', path: 'path', pillar: 'pillar' };
      const units = await s.access.filter(s.access.filter(s.knex('units'), ability, 'read', 'Unit', unitFields), mine, 'read', 'Unit', unitFields).where('active', true).count({ n: '*' }).first();
      ctx.body = {
        user: publicUser(principal, (k, p) => s.access.roleName(k, p)),
        preview: Object.keys(overrides),
        rules: ability.rules,
        can: CHECKS.map(([action, subject]) => ({ action, subject, allowed: ability.can(action, subject) })),
        tasks: { total: Number((taskTotal as { n?: unknown } | undefined)?.n ?? 0), items: taskRows.map((t: any) => ({ id: Number(t.id), code: t.code, title: t.title, state: t.state, pillar: t.pillar, dueDate: dbDate(t.due_date) })) },
        units: { total: Number((units as { n?: unknown } | undefined)?.n ?? 0) },
      };
    },
  },
]);
