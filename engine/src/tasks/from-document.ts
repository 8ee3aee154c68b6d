// "Create tasks from this document": one task per lead unit, all in one transaction (all or none),
// each linked to the directive document it comes from.
import { subject } from '@casl/ability';
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { forbidden, notFound } from '../api/errors.js';
import { documentAbilityFields, findDocument } from '../documents/index.js';
import type { CreateTaskInput } from './create.js';

const ID = { type: 'integer', minimum: 1 };
const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };

interface FromDocumentInput {
  type: string;
  title?: string;
  data?: Record<string, unknown>;
  dueDate?: string;
  draft?: boolean;
  assignerUnitId?: number;
  tasks: Array<{ leadUnitId: number; title?: string; data?: Record<string, unknown>; dueDate?: string; coordinatorUnitIds?: number[]; handlerId?: number; monitorId?: number }>;
}

const parse = bodyValidator<FromDocumentInput>({
  type: 'object',
  required: ['type', 'tasks'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 100 },
    title: { type: 'string', minLength: 1, maxLength: 500 },
    data: { type: 'object' },
    dueDate: DATE,
    draft: { type: 'boolean' },
    assignerUnitId: ID,
    tasks: {
      type: 'array',
      minItems: 1,
      maxItems: 500,
      items: {
        type: 'object',
        required: ['leadUnitId'],
        additionalProperties: false,
        properties: {
          leadUnitId: ID,
          title: { type: 'string', minLength: 1, maxLength: 500 },
          data: { type: 'object' },
          dueDate: DATE,
          coordinatorUnitIds: { type: 'array', items: ID, maxItems: 200 },
          handlerId: ID,
          monitorId: ID,
        },
      },
    },
  },
});

export const fromDocumentRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/documents/:id/tasks',
    summary: 'Create tasks from a directive document for many lead units at once (atomic)',
    tags: ['tasks', 'documents'],
    action: 'create',
    subject: 'Task',
    async handler(ctx, s) {
      const body = parse(ctx.request.body ?? {});
      const doc = await findDocument(s.knex, Number(ctx.params.id));
      if (!doc) throw notFound('Không tìm thấy văn bản');
      if (!ctx.state.ability!.can('read', subject('Document', documentAbilityFields(doc)) as any)) {
        await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: ctx.state.principal!.id, actor: ctx.state.principal!.username, subjectType: 'Document', subjectId: doc.id, ip: ctx.ip });
        throw forbidden();
      }
      const inputs: CreateTaskInput[] = body.tasks.map((t) => ({
        type: body.type,
        title: t.title ?? body.title ?? String(doc.subject).slice(0, 500),
        data: { ...(body.data ?? {}), ...(t.data ?? {}) },
        leadUnitId: t.leadUnitId,
        coordinatorUnitIds: t.coordinatorUnitIds,
        handlerId: t.handlerId,
        monitorId: t.monitorId,
        dueDate: t.dueDate ?? body.dueDate ?? (doc.due_date ? String(doc.due_date).slice(0, 10) : undefined),
        sourceDocumentId: Number(doc.id),
        assignerUnitId: body.assignerUnitId,
        draft: body.draft,
      }));
      const created = await s.tasks.createMany(ctx.state.principal!, ctx.state.ability!, inputs, '/tasks');
      ctx.status = 201;
      ctx.body = { documentId: Number(doc.id), items: await Promise.all(created.map((t) => s.tasks.get(ctx.state.principal!, ctx.state.ability!, t.id).catch(() => s.tasks.toApiFor(ctx.state.principal!, t)))) };
    },
  },
]);
