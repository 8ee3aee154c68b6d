// Firing a workflow transition: guards (ability, party or role, state), required inputs, the state
// change with an optimistic version check, effects, and one history event — one transaction.
import type { Knex } from 'knex';
import { subject } from '@casl/ability';
import type { Workflow } from '@dondoc/metadata';
import type { Services } from '../services.js';
import type { Principal, Position } from '../org/principal.js';
import type { AppAbility } from '../access/ability.js';
import { conflict, forbidden, HttpError, invalid, type ErrorDetail } from '../api/errors.js';
import { writeJson } from '../db/json.js';
import { hanoiDate, toDbTime } from '../db/time.js';
import { ajvDetails, type TaskDefinition } from './definitions.js';
import { appendEvent, diff } from './history.js';
import { allowed, relationsOf, type TaskParties } from './parties.js';
import { abilityFields, normaliseRow, type TaskRow } from './rows.js';
import { effects } from './effects/index.js';
import type { EffectContext } from './effects/types.js';
import { insertTask } from './create.js';
import { editDenials, rolesOf } from './field-access.js';

export type WorkflowTransition = Workflow['transitions'][number];

export interface TransitionInput {
  comment?: string;
  data?: Record<string, unknown>;
  attachmentIds?: number[];
  /** The task version the caller saw; a different current version is a conflict (409). */
  version?: number;
}

export async function partiesOf(knex: Knex, t: TaskRow): Promise<TaskParties> {
  const coordinators = await knex('task_parties').where({ task_id: t.id, party: 'coordinator' }).pluck('unit_id');
  return {
    leadUnitId: t.lead_unit_id,
    assignerId: t.assigner_id,
    handlerId: t.handler_id,
    monitorId: t.monitor_id,
    coordinatorUnitIds: coordinators.map(Number),
  };
}

export function stateOf(wf: Workflow, key: string) {
  return wf.states.find((s) => s.key === key);
}

/** Whether the transition leaves from the task's current state ("*" = any state that is not final). */
export function fromMatches(wf: Workflow, tr: WorkflowTransition, state: string): boolean {
  if (tr.from.includes('*')) {
    const cat = stateOf(wf, state)?.category;
    return cat !== 'done' && cat !== 'cancelled' && tr.to !== state;
  }
  return tr.from.includes(state);
}

/** The transitions the caller may fire now (for GET /api/tasks/{id}). */
export function availableTransitions(s: Services, def: TaskDefinition, t: TaskRow, parties: TaskParties, p: Principal, ability: AppAbility) {
  if (!ability.can('transition', subject('Task', abilityFields(t)) as any)) return [];
  const rel = relationsOf(p, parties, (k, pillar) => s.tasks.isLeaderRole(k, pillar));
  return def.workflow.transitions
    .filter((tr) => fromMatches(def.workflow, tr, t.state) && allowed(tr.allow as any, rel, p, t.pillar) && conditionHolds(s, tr, t))
    .map((tr) => ({ key: tr.key, label: tr.label, labelEn: (tr as any).labelEn ?? null, to: tr.to, form: tr.form ?? null, requires: tr.requires ?? {} }));
}

function conditionHolds(s: Services, tr: WorkflowTransition, t: TaskRow): boolean {
  if (!tr.condition) return true;
  return s.tasks.conditionMatches(tr.condition as Record<string, unknown>, { ...abilityFields(t), ...t.data, progress: t.progress });
}

interface Applied {
  task: TaskRow;
}

/** Loads and locks nothing: the optimistic version check on UPDATE decides races. */
async function loadTask(db: Knex, id: number): Promise<TaskRow | undefined> {
  const r = await db('tasks').where({ id }).first();
  return r ? normaliseRow(r) : undefined;
}

/**
 * Applies a transition to a loaded task inside `trx`. Used for user requests (after guards) and for
 * system firings (effects on parents and children), which skip guards and required inputs.
 */
async function apply(
  s: Services,
  trx: Knex.Transaction,
  t: TaskRow,
  def: TaskDefinition,
  tr: WorkflowTransition,
  actor: Principal,
  position: Position | null,
  input: Record<string, any>,
  note: string | null,
  attachmentIds: number[],
  depth: number,
): Promise<Applied> {
  const now = s.clock.now();
  const target = stateOf(def.workflow, tr.to)!;
  const data: Record<string, any> = { ...t.data };
  const subtaskFields = new Set((tr.effects ?? []).filter((e: any) => e.type === 'createSubtasks').map((e: any) => e.field));
  for (const [k, v] of Object.entries(input)) if (!subtaskFields.has(k)) data[k] = v;
  const changes: Partial<TaskRow> = { state: target.key, state_category: target.category };
  if (target.category === 'done' && t.state_category !== 'done') {
    changes.completed_at = toDbTime(now);
    changes.completed_on = hanoiDate(now);
  } else if (target.category !== 'done' && t.state_category === 'done') {
    changes.completed_at = null;
    changes.completed_on = null;
  }
  const ctx: EffectContext = {
    trx,
    s,
    task: t,
    changes,
    data,
    input,
    principal: actor,
    position,
    definition: def,
    transition: { key: tr.key, label: tr.label, to: tr.to },
    note,
    now,
    fireSystem: (taskId, key, why) => fireSystem(s, trx, taskId, key, actor, why, depth + 1),
    createChild: async (c) => {
      const lead = await trx('units').where({ id: c.leadUnitId }).first('id', 'path');
      const child = await insertTask(s, trx, {
        def,
        pillar: t.pillar,
        title: c.title,
        data: JSON.parse(JSON.stringify(c.data)),
        lead: { id: lead.id, path: lead.path },
        assigner: actor,
        assignerPosition: position ?? { id: 0, unitId: t.lead_unit_id, unitPath: t.lead_unit_path, unitName: '', pillar: t.pillar, roleKey: '', title: null },
        handlerId: null,
        monitorId: null,
        coordinatorUnitIds: [],
        due: c.dueDate,
        period: null,
        parentId: t.id,
        sourceDocumentId: t.source_document_id,
        state: c.state,
        note: `Giao cấp dưới từ nhiệm vụ ${t.code}`,
      });
      return child.id;
    },
    notify: (userIds, n) => s.tasks.storeNotifications(trx, userIds, t, n),
    recipients: (parties) => s.tasks.recipients(trx, t, parties),
  };
  for (const e of tr.effects ?? []) {
    const m = effects.get((e as any).type);
    if (!m) throw new HttpError(500, 'unknown_effect', `Hiệu ứng chưa được hỗ trợ: ${(e as any).type}`);
    await m.apply(e, ctx);
  }
  const beforeCols = { dueDate: t.due_date, progress: t.progress };
  const updated = await trx('tasks')
    .where({ id: t.id, version: t.version })
    .update({ ...changes, data: writeJson(data), version: t.version + 1, updated_at: toDbTime(now) });
  if (!updated) throw conflict('Nhiệm vụ vừa được người khác cập nhật, vui lòng tải lại');
  const fieldChanges = {
    ...diff(t.data, data),
    ...diff(beforeCols, { dueDate: changes.due_date ?? t.due_date, progress: changes.progress ?? t.progress }),
  };
  await appendEvent(
    trx,
    t,
    {
      actorId: actor.id,
      positionId: position?.id ?? null,
      unitId: position?.unitId ?? null,
      action: depth > 0 ? 'system' : 'transition',
      transition: tr.key,
      fromState: t.state,
      toState: target.key,
      changes: fieldChanges,
      note,
      attachments: attachmentIds,
    },
    now,
  );
  if (t.parent_id) await s.tasks.deriveParentProgress(trx, t.parent_id);
  return { task: normaliseRow(await trx('tasks').where({ id: t.id }).first()) };
}

async function fireSystem(s: Services, trx: Knex.Transaction, taskId: number, key: string, actor: Principal, why: string, depth: number): Promise<boolean> {
  if (depth > 8) return false;
  const t = await loadTask(trx, taskId);
  if (!t) return false;
  const def = await s.tasks.definitions.load(refsOf(t), trx);
  const tr = def.workflow.transitions.find((x) => x.key === key);
  if (!tr || !fromMatches(def.workflow, tr, t.state)) return false;
  await apply(s, trx, t, def, tr, actor, null, {}, why, [], depth);
  return true;
}

export function refsOf(t: TaskRow): TaskDefinition['refs'] {
  return {
    type: { key: t.type_key, scope: t.meta_scope, version: t.type_version },
    form: { key: t.form_key, scope: t.form_scope, version: t.form_version },
    workflow: { key: t.workflow_key, scope: t.workflow_scope, version: t.workflow_version },
  };
}

/**
 * A person fires a transition: 403 unknown, not readable or not theirs, or a field they may not change;
 * 404 a transition the workflow does not have; 409 wrong state or stale; 422 missing input.
 * Every check runs before the transaction (so denials are audited although nothing is written); the
 * transaction then writes with an optimistic version check, so a concurrent change still gives 409.
 */
export async function fireTransition(s: Services, principal: Principal, ability: AppAbility, taskId: number, key: string, body: TransitionInput) {
  const t = await loadTask(s.knex, taskId);
  // CONTRACT.md answers a transition the caller may not fire with 403: an unknown id answers the same as a
  // task they may not read, so ids cannot be probed here either (GET /api/tasks/{id} answers 404 for both).
  if (!t) throw forbidden();
  const fields = abilityFields(t);
  const audit = (detail: Record<string, unknown> = {}) =>
    s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: principal.id, actor: principal.username, subjectType: 'Task', subjectId: t.id, pillar: t.pillar, detail: { transition: key, ...detail } });
  const deny = async (message?: string) => {
    await audit();
    return forbidden(message);
  };
  if (!ability.can('read', subject('Task', fields) as any)) throw await deny();
  const def = await s.tasks.definitions.load(refsOf(t));
  const tr = def.workflow.transitions.find((x) => x.key === key);
  if (!tr) throw new HttpError(404, 'unknown_transition', `Quy trình của nhiệm vụ không có thao tác "${key}"`);
  const parties = await partiesOf(s.knex, t);
  const rel = relationsOf(principal, parties, (k, pillar) => s.tasks.isLeaderRole(k, pillar));
  if (!ability.can('transition', subject('Task', fields) as any) || !allowed(tr.allow as any, rel, principal, t.pillar))
    throw await deny(`Bạn không được thực hiện "${tr.label}" với nhiệm vụ này`);
  if (!fromMatches(def.workflow, tr, t.state) || !conditionHolds(s, tr, t))
    throw conflict(`Không thể "${tr.label}" khi nhiệm vụ đang ở trạng thái "${stateOf(def.workflow, t.state)?.label ?? t.state}"`);
  if (body.version !== undefined && body.version !== t.version) throw conflict('Nhiệm vụ đã thay đổi kể từ khi bạn mở, vui lòng tải lại');

  const input = structuredClone(body.data ?? {});
  // Field permissions: what the caller may not read or edit (the task's form; the transition's own form).
  const access = s.tasks.fieldAccess.forTask(def, t.pillar, rolesOf(principal));
  const trForm = tr.form ? access.transitionForms.get(tr.form) : undefined;
  const refused = editDenials(input, t.data, access.own, ...(trForm ? [trForm] : []));
  if (refused.length) {
    await audit({ fields: refused.map((d) => d.path) });
    throw new HttpError(403, 'forbidden', 'Bạn không có quyền sửa một số trường', refused);
  }
  const details: ErrorDetail[] = [];
  if (tr.form) {
    const { validate } = await s.tasks.definitions.transitionForm(tr.form, t.pillar);
    if (!validate(input)) details.push(...ajvDetails(validate, '/data'));
  } else if (Object.keys(input).length) {
    // Without a transition form, inputs must be fields of the task's own form.
    const partial = { ...t.data, ...input };
    if (!def.validateData(partial)) details.push(...ajvDetails(def.validateData, '/data'));
  }
  for (const f of tr.requires?.fields ?? [])
    if ((input[f] === undefined || input[f] === null || input[f] === '') && !details.some((d) => d.path === `/data/${f}`))
      details.push({ path: `/data/${f}`, message: 'bắt buộc' });
  const note = body.comment?.trim() || null;
  if (tr.requires?.comment && !note) details.push({ path: '/comment', message: 'cần nêu ý kiến hoặc lý do' });
  const attachmentIds = [...new Set(body.attachmentIds ?? [])];
  if (tr.requires?.attachment && !attachmentIds.length) details.push({ path: '/attachmentIds', message: 'cần đính kèm tệp' });
  if (details.length) throw invalid(details);

  // Effects read the calendar and metadata caches inside the transaction: load them now.
  await s.calendar.snapshot();
  await s.metadata.snapshot.ensureFresh();
  const position = principal.positions.find((p) => p.unitId === t.lead_unit_id) ?? principal.positions.find((p) => p.pillar === t.pillar) ?? principal.positions[0] ?? null;
  return s.knex.transaction(async (trx) => {
    if (attachmentIds.length) await s.tasks.linkAttachments(trx, principal, t.id, attachmentIds);
    const { task } = await apply(s, trx, t, def, tr, principal, position, input, note, attachmentIds, 0);
    return task;
  });
}
