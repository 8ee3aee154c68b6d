// Moving running tasks to another version of their workflow through an explicit state mapping: every
// state the tasks are in must be mapped to a state of the target version. One transaction rewrites the
// tasks' workflow_scope/workflow_version, state and category, with one history event per task.
import type { Workflow } from '@dondoc/metadata';
import { defineRoutes } from '../api/routes.js';
import { authorize } from '../api/authorize.js';
import { bodyValidator } from '../api/validate.js';
import { badRequest, invalid } from '../api/errors.js';
import { dialectOf } from '../db/connect.js';
import { hanoiDate, toDbTime } from '../db/time.js';
import { appendEvent } from '../tasks/history.js';
import { actor, KEY, scopeParam, type Ctx } from './shared.js';
import type { Services } from '../services.js';

const STATE = { type: 'string', pattern: '^[a-z0-9]+(-[a-z0-9]+)*$', maxLength: 100 };
const REF = {
  type: 'object',
  additionalProperties: false,
  required: ['pillar', 'version'],
  properties: { pillar: { type: ['string', 'null'] }, version: { type: 'integer', minimum: 1 } },
};
interface Ref {
  pillar: string | null;
  version: number;
}
const parseMigration = bodyValidator<{ from: Ref; to: Ref; mapping: Record<string, string>; note?: string }>({
  type: 'object',
  additionalProperties: false,
  required: ['from', 'to', 'mapping'],
  properties: {
    from: REF,
    to: REF,
    mapping: { type: 'object', propertyNames: STATE, additionalProperties: STATE },
    note: { type: 'string', maxLength: 2000 },
  },
});

function workflowKey(ctx: Ctx): string {
  const key = (ctx as any).params.key as string;
  if (!KEY.test(key)) throw badRequest('Khóa quy trình không hợp lệ', [{ path: '/key', message: 'chỉ gồm chữ, số, . _ -' }]);
  return key;
}

async function workflowAt(s: Services, key: string, ref: Ref, path: string): Promise<Workflow> {
  const doc = await s.metadata.get('workflow', key, ref.pillar ?? '', ref.version);
  if (!doc || doc.status !== 'published') throw invalid([{ path, message: 'phiên bản quy trình không tồn tại' }]);
  return doc.body as Workflow;
}

export const migrationRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/studio/workflows/:key/tasks',
    summary: 'Running tasks of a pillar (?pillar=) on a workflow, counted by workflow scope, version and state',
    tags: ['studio'],
    action: 'publish',
    subject: 'Metadata',
    async handler(ctx, s) {
      const key = workflowKey(ctx);
      const pillar = await scopeParam(ctx, s);
      await authorize(ctx, s, 'publish', 'Metadata', { kind: 'workflow', key, pillar });
      let qb = s.knex('tasks').where({ workflow_key: key });
      if (pillar) qb = qb.where({ pillar });
      const rows = await qb
        .groupBy('workflow_scope', 'workflow_version', 'state', 'state_category')
        .orderBy([{ column: 'workflow_scope' }, { column: 'workflow_version' }, { column: 'state' }])
        .select('workflow_scope', 'workflow_version', 'state', 'state_category')
        .count({ n: '*' });
      ctx.body = {
        items: rows.map((r: any) => ({ pillar: r.workflow_scope || null, version: Number(r.workflow_version), state: r.state, category: r.state_category, count: Number(r.n) })),
      };
    },
  },
  {
    method: 'post',
    path: '/api/studio/workflows/:key/migrate',
    summary: 'Move a pillar’s (?pillar=) tasks from one workflow version to another with an explicit state mapping, in one transaction',
    tags: ['studio'],
    action: 'publish',
    subject: 'Metadata',
    async handler(ctx, s) {
      const key = workflowKey(ctx);
      const pillar = await scopeParam(ctx, s);
      await authorize(ctx, s, 'publish', 'Metadata', { kind: 'workflow', key, pillar });
      const input = parseMigration(ctx.request.body ?? {});
      const target = await workflowAt(s, key, input.to, '/to');
      await workflowAt(s, key, input.from, '/from');
      if ((input.from.pillar ?? '') === (input.to.pillar ?? '') && input.from.version === input.to.version)
        throw invalid([{ path: '/to', message: 'trùng phiên bản nguồn' }]);
      const targetStates = new Map(target.states.map((st) => [st.key, st]));
      for (const [from, to] of Object.entries(input.mapping))
        if (!targetStates.has(to)) throw invalid([{ path: `/mapping/${from}`, message: `"${to}" không phải trạng thái của phiên bản đích` }]);
      const p = ctx.state.principal!;
      const position = p.positions.find((x) => x.pillar === pillar) ?? p.positions[0];
      const by = actor(ctx);
      const now = s.clock.now();
      const where = (qb: any) => {
        qb.where({ workflow_key: key, workflow_scope: input.from.pillar ?? '', workflow_version: input.from.version });
        if (pillar) qb.where({ pillar });
        return qb;
      };
      const moved = await s.knex.transaction(async (trx) => {
        let q = where(trx('tasks')).orderBy('id');
        if (dialectOf(trx) === 'mysql') q = q.forUpdate();
        const tasks: any[] = await q.select('id', 'state', 'state_category', 'version', 'history_seq', 'history_hash');
        const unmapped = [...new Set(tasks.map((t) => t.state))].filter((st) => !input.mapping[st]);
        if (unmapped.length) throw invalid(unmapped.map((st) => ({ path: `/mapping/${st}`, message: 'trạng thái đang có nhiệm vụ nhưng chưa được ánh xạ' })), 'Ánh xạ trạng thái chưa đủ');
        for (const t of tasks) {
          const next = targetStates.get(input.mapping[t.state]!)!;
          const row: Record<string, unknown> = { workflow_scope: input.to.pillar ?? '', workflow_version: input.to.version, state: next.key, state_category: next.category, version: Number(t.version) + 1, updated_at: toDbTime(now) };
          if (next.category === 'done' && t.state_category !== 'done') Object.assign(row, { completed_at: toDbTime(now), completed_on: hanoiDate(now) });
          else if (next.category !== 'done' && t.state_category === 'done') Object.assign(row, { completed_at: null, completed_on: null });
          await trx('tasks').where({ id: t.id }).update(row);
          await appendEvent(
            trx,
            { id: Number(t.id), history_seq: Number(t.history_seq), history_hash: t.history_hash },
            {
              actorId: p.id || null,
              positionId: position?.id ?? null,
              unitId: position?.unitId ?? null,
              action: 'system',
              transition: null,
              fromState: t.state,
              toState: next.key,
              changes: { workflowVersion: [`${input.from.pillar ?? ''}@${input.from.version}`, `${input.to.pillar ?? ''}@${input.to.version}`] },
              note: input.note ?? `Chuyển sang quy trình ${key} phiên bản ${input.to.version}`,
            },
            now,
          );
        }
        await s.audit.write({ action: 'workflow.migrate', actorId: by.id, actor: by.username, subjectType: 'workflow', subjectId: key, pillar: pillar || null, ip: by.ip, detail: { from: input.from, to: input.to, mapping: input.mapping, tasks: tasks.length } }, trx);
        return tasks.length;
      });
      ctx.body = { migrated: moved };
    },
  },
]);
