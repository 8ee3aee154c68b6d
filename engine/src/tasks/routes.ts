// HTTP API of tasks (CONTRACT.md, "Tasks").
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { badRequest } from '../api/errors.js';
import type { CreateTaskInput } from './create.js';
import type { TransitionInput } from './transition.js';
import { categoryCounts, listTasks } from './list.js';
import { fromDocumentRoutes } from './from-document.js';
import './owner.js';

const DATE = { type: 'string', pattern: '^\\d{4}-\\d{2}-\\d{2}$' };
const ID = { type: 'integer', minimum: 1 };

export const createTaskSchema = {
  type: 'object',
  required: ['type', 'title', 'leadUnitId'],
  additionalProperties: false,
  properties: {
    type: { type: 'string', minLength: 1, maxLength: 100 },
    title: { type: 'string', minLength: 1, maxLength: 500 },
    data: { type: 'object' },
    leadUnitId: ID,
    coordinatorUnitIds: { type: 'array', items: ID, maxItems: 200 },
    handlerId: { anyOf: [ID, { type: 'null' }] },
    monitorId: { anyOf: [ID, { type: 'null' }] },
    dueDate: { anyOf: [DATE, { type: 'null' }] },
    sourceDocumentId: { anyOf: [ID, { type: 'null' }] },
    assignerUnitId: ID,
    draft: { type: 'boolean' },
  },
};
const parseCreate = bodyValidator<CreateTaskInput>(createTaskSchema);
const parseTransition = bodyValidator<TransitionInput>({
  type: 'object',
  additionalProperties: false,
  properties: {
    comment: { type: 'string', maxLength: 10000 },
    data: { type: 'object' },
    attachmentIds: { type: 'array', items: ID, maxItems: 50 },
    version: { type: 'integer', minimum: 1 },
  },
});

const idOf = (raw: string) => {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw badRequest('Mã nhiệm vụ không hợp lệ', [{ path: '/id', message: 'số nguyên dương' }]);
  return id;
};

export const taskRoutes = defineRoutes([
  ...fromDocumentRoutes,
  {
    method: 'post',
    path: '/api/tasks',
    summary: 'Create a task of a published task type (in the workflow’s initial state)',
    tags: ['tasks'],
    action: 'create',
    subject: 'Task',
    async handler(ctx, s) {
      const input = parseCreate(ctx.request.body ?? {});
      const task = await s.tasks.create(ctx.state.principal!, ctx.state.ability!, input);
      ctx.status = 201;
      // A creator who may not read what they created (another unit's task) gets it without unreadable fields.
      ctx.body = await s.tasks.get(ctx.state.principal!, ctx.state.ability!, task.id, task).catch(() => s.tasks.toApiFor(ctx.state.principal!, task));
    },
  },
  {
    method: 'get',
    path: '/api/tasks',
    summary: 'Tasks the caller may read: filters, sort, cursor pagination, exact total; ?counts=true adds counts per category',
    tags: ['tasks'],
    action: 'read',
    subject: 'Task',
    async handler(ctx, s) {
      const q = ctx.query as Record<string, string | string[]>;
      const result = await listTasks(s, ctx.state.principal!, ctx.state.ability!, q);
      ctx.body = q.counts === 'true' ? { ...result, counts: await categoryCounts(s, ctx.state.principal!, ctx.state.ability!, q) } : result;
    },
  },
  {
    method: 'get',
    path: '/api/tasks/:id',
    summary: 'One task with the transitions the caller may fire now',
    tags: ['tasks'],
    action: 'read',
    subject: 'Task',
    async handler(ctx, s) {
      ctx.body = await s.tasks.get(ctx.state.principal!, ctx.state.ability!, idOf(ctx.params.id));
    },
  },
  {
    method: 'post',
    path: '/api/tasks/:id/transitions/:transition',
    summary: 'Fire a workflow transition: 200, 403 not allowed for this user, 409 not possible now, 422 missing input',
    tags: ['tasks'],
    action: 'transition',
    subject: 'Task',
    async handler(ctx, s) {
      const body = parseTransition(ctx.request.body ?? {});
      const id = idOf(ctx.params.id);
      const task = await s.tasks.transition(ctx.state.principal!, ctx.state.ability!, id, ctx.params.transition, body);
      ctx.body = await s.tasks.get(ctx.state.principal!, ctx.state.ability!, id, task);
    },
  },
  {
    method: 'get',
    path: '/api/tasks/:id/history',
    summary: 'The task’s timeline, oldest first; ?subtasks=true adds the events of its sub-tasks',
    tags: ['tasks'],
    action: 'read',
    subject: 'Task',
    async handler(ctx, s) {
      // 404 as for the task itself; fields and sub-tasks the caller may not read are left out
      ctx.body = { items: await s.tasks.history(ctx.state.principal!, ctx.state.ability!, idOf(ctx.params.id), ctx.query.subtasks === 'true') };
    },
  },
]);
