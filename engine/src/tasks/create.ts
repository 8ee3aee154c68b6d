// Creating tasks: metadata resolved for the assigner's pillar, data validated by the type's form,
// deadline from the type's rule, code from its pattern, parties and the first history event, all in
// one transaction.
import type { Knex } from 'knex';
import { subject } from '@casl/ability';
import { formatTaskCode } from '@dondoc/metadata';
import type { Services } from '../services.js';
import type { Principal, Position } from '../org/principal.js';
import type { AppAbility } from '../access/ability.js';
import { forbidden, HttpError, invalid } from '../api/errors.js';
import { hanoiDate, hanoiFieldsDate, toDbTime } from '../db/time.js';
import { writeJson } from '../db/json.js';
import { ajvDetails, type TaskDefinition } from './definitions.js';
import { appendEvent } from './history.js';
import { abilityFields, normaliseRow, type TaskRow } from './rows.js';
import { periodOf, type PeriodKind } from '../calendar/periods.js';
import { documentAbilityFields, findDocument } from '../documents/index.js';
import { editDenials, rolesOf } from './field-access.js';

const PERIOD_KINDS: Record<string, PeriodKind> = { month: 'month', quarter: 'quarter', halfYear: 'half', year: 'year' };

export interface CreateTaskInput {
  type: string;
  title: string;
  data?: Record<string, unknown>;
  leadUnitId: number;
  coordinatorUnitIds?: number[];
  handlerId?: number | null;
  monitorId?: number | null;
  dueDate?: string | null;
  sourceDocumentId?: number | null;
  assignerUnitId?: number;
  /** Create in the workflow's draft state (to assign later with its "giao" transition). */
  draft?: boolean;
}

async function nextSequence(trx: Knex, scope: string): Promise<number> {
  const bumped = await trx('code_sequences').where({ scope }).increment('value', 1);
  if (!bumped) {
    try {
      await trx('code_sequences').insert({ scope, value: 1 });
      return 1;
    } catch {
      await trx('code_sequences').where({ scope }).increment('value', 1); // another writer inserted first
    }
  }
  return Number((await trx('code_sequences').where({ scope }).first('value'))!.value);
}

export async function computeDue(s: Services, def: TaskDefinition, requested: string | null | undefined, today: string) {
  const rule = def.type.deadline;
  switch (rule.kind) {
    case 'fixed':
      if (!requested) throw invalid([{ path: '/dueDate', message: 'loại nhiệm vụ này cần hạn xử lý' }]);
      return { due: await s.calendar.nextWorkingDay(requested), period: null };
    case 'workingDays':
      return { due: requested ? await s.calendar.nextWorkingDay(requested) : await s.calendar.addWorkingDays(today, rule.days ?? 0), period: null };
    case 'periodic': {
      const p = periodOf(PERIOD_KINDS[rule.period ?? 'month'], today);
      return { due: requested ? await s.calendar.nextWorkingDay(requested) : await s.calendar.nextWorkingDay(p.to), period: p.key };
    }
    default:
      return { due: null, period: null };
  }
}

export interface InsertTaskArgs {
  def: TaskDefinition;
  pillar: string;
  title: string;
  data: Record<string, unknown>;
  lead: { id: number; path: string };
  assigner: Principal;
  assignerPosition: Position;
  handlerId: number | null;
  monitorId: number | null;
  coordinatorUnitIds: number[];
  due: string | null;
  period: string | null;
  parentId: number | null;
  sourceDocumentId: number | null;
  state: string;
  note: string | null;
}

/** Inserts a task with its parties and its first event. The caller has validated and authorised. */
export async function insertTask(s: Services, trx: Knex, a: InsertTaskArgs): Promise<TaskRow> {
  const now = s.clock.now();
  const pillarRow = await trx('pillars').where({ key: a.pillar }).first('code');
  const year = hanoiDate(now).slice(0, 4);
  const seq = await nextSequence(trx, `${a.pillar}:${year}`);
  const code = formatTaskCode(a.def.type.codePattern, { pillar: pillarRow?.code ?? a.pillar, type: (a.def.type as any).abbreviation, date: hanoiFieldsDate(now), seq });
  const state = a.def.workflow.states.find((st) => st.key === a.state)!;
  const row = {
    code,
    pillar: a.pillar,
    type_key: a.def.refs.type.key,
    meta_scope: a.def.refs.type.scope,
    type_version: a.def.refs.type.version,
    form_key: a.def.refs.form.key,
    form_scope: a.def.refs.form.scope,
    form_version: a.def.refs.form.version,
    workflow_key: a.def.refs.workflow.key,
    workflow_scope: a.def.refs.workflow.scope,
    workflow_version: a.def.refs.workflow.version,
    state: state.key,
    state_category: state.category,
    title: a.title,
    lead_unit_id: a.lead.id,
    lead_unit_path: a.lead.path,
    assigner_id: a.assigner.id,
    assigner_unit_id: a.assignerPosition.unitId,
    handler_id: a.handlerId,
    monitor_id: a.monitorId,
    deadline_kind: a.def.type.deadline.kind,
    due_date: a.due,
    original_due_date: a.due,
    period_key: a.period,
    parent_id: a.parentId,
    source_document_id: a.sourceDocumentId,
    progress: 0,
    data: writeJson(a.data),
    version: 1,
    history_seq: 0,
    history_hash: '',
    created_at: toDbTime(now),
    updated_at: toDbTime(now),
  };
  const [id] = await trx('tasks').insert(row);
  const taskId = Number(id);
  const parties = [
    { party: 'lead', unit_id: a.lead.id, user_id: null },
    { party: 'assigner', unit_id: a.assignerPosition.unitId, user_id: a.assigner.id },
    ...a.coordinatorUnitIds.map((u) => ({ party: 'coordinator', unit_id: u, user_id: null })),
    ...(a.handlerId ? [{ party: 'handler', unit_id: null, user_id: a.handlerId }] : []),
    ...(a.monitorId ? [{ party: 'monitor', unit_id: null, user_id: a.monitorId }] : []),
  ];
  await trx('task_parties').insert(parties.map((p) => ({ task_id: taskId, ...p })));
  await appendEvent(
    trx,
    { id: taskId, history_seq: 0, history_hash: '' },
    {
      actorId: a.assigner.id,
      positionId: a.assignerPosition.id,
      unitId: a.assignerPosition.unitId,
      action: 'create',
      toState: state.key,
      changes: Object.fromEntries(Object.entries({ title: a.title, leadUnitId: a.lead.id, dueDate: a.due, ...a.data }).map(([k, v]) => [k, [null, v]])),
      note: a.note,
    },
    now,
  );
  return normaliseRow(await trx('tasks').where({ id: taskId }).first());
}

export type PreparedTask = InsertTaskArgs;

/**
 * Validates and authorises one creation request and computes everything it needs, outside any
 * transaction (denials are audited even though nothing is written); insertTask then writes it.
 */
export async function prepareTask(s: Services, principal: Principal, ability: AppAbility, input: CreateTaskInput, pathPrefix = ''): Promise<PreparedTask> {
  const knex = s.knex;
  const position = input.assignerUnitId ? principal.positions.find((p) => p.unitId === input.assignerUnitId) : principal.positions[0];
  if (!position) throw invalid([{ path: `${pathPrefix}/assignerUnitId`, message: 'bạn không có chức vụ ở đơn vị này' }]);
  const pillar = position.pillar;
  const def = await s.tasks.definitions.current(input.type, pillar, pathPrefix);
  const lead = await knex('units').where({ id: input.leadUnitId, active: true }).first('id', 'path');
  if (!lead) throw invalid([{ path: `${pathPrefix}/leadUnitId`, message: 'đơn vị chủ trì không tồn tại' }]);
  if (input.sourceDocumentId) {
    // Only a document the assigner may read: a task must not become a window on another unit's
    // document (lists and reports label tasks with their document's number and subject). Unknown and
    // unreadable answer alike, so ids cannot be probed; the refusal is audited.
    const doc = await findDocument(knex, input.sourceDocumentId);
    if (!doc || !ability.can('read', subject('Document', documentAbilityFields(doc)) as any)) {
      if (doc)
        await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: principal.id, actor: principal.username, subjectType: 'Document', subjectId: Number(doc.id), pillar: doc.pillar, detail: { action: 'read', via: 'sourceDocumentId' } });
      throw invalid([{ path: `${pathPrefix}/sourceDocumentId`, message: 'văn bản nguồn không tồn tại' }]);
    }
  }
  const draft = input.draft === true && !!def.workflow.draft;
  const state = draft ? def.workflow.draft! : def.workflow.initial;
  const probe = abilityFields({ id: 0, pillar, type_key: input.type, state, state_category: 'open', lead_unit_id: lead.id, lead_unit_path: lead.path, assigner_id: principal.id, handler_id: input.handlerId ?? null, monitor_id: input.monitorId ?? null, due_date: input.dueDate ?? null, source_document_id: input.sourceDocumentId ?? null });
  if (!ability.can('create', subject('Task', probe) as any)) {
    await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: principal.id, actor: principal.username, subjectType: 'Task', subjectId: 'create', pillar, detail: { leadUnitId: lead.id } });
    throw forbidden('Không có quyền giao nhiệm vụ này');
  }
  // Fields of the form the caller may not read or edit cannot be set (defaults still apply to them).
  const refused = editDenials(input.data ?? {}, undefined, s.tasks.fieldAccess.forTask(def, pillar, rolesOf(principal)).own).map((d) => ({ ...d, path: `${pathPrefix}${d.path}` }));
  if (refused.length) {
    await s.audit.write({ action: 'access.denied', outcome: 'denied', actorId: principal.id, actor: principal.username, subjectType: 'Task', subjectId: 'create', pillar, detail: { fields: refused.map((d) => d.path) } });
    throw new HttpError(403, 'forbidden', 'Bạn không có quyền nhập một số trường', refused);
  }
  const data = structuredClone(input.data ?? {});
  if (!def.validateData(data)) throw invalid(ajvDetails(def.validateData, `${pathPrefix}/data`));
  for (const [field, id] of [['handlerId', input.handlerId], ['monitorId', input.monitorId]] as const)
    if (id && !(await knex('users').where({ id, active: true }).first('id'))) throw invalid([{ path: `${pathPrefix}/${field}`, message: 'người dùng không tồn tại' }]);
  const coordinators = [...new Set(input.coordinatorUnitIds ?? [])].filter((u) => u !== lead.id);
  if (coordinators.length && Number((await knex('units').whereIn('id', coordinators).count({ n: '*' }).first())!.n) !== coordinators.length)
    throw invalid([{ path: `${pathPrefix}/coordinatorUnitIds`, message: 'có đơn vị phối hợp không tồn tại' }]);
  const { due, period } = await computeDue(s, def, input.dueDate, hanoiDate(s.clock.now()));
  return {
    def,
    pillar,
    title: input.title,
    data,
    lead: { id: lead.id, path: lead.path },
    assigner: principal,
    assignerPosition: position,
    handlerId: input.handlerId ?? null,
    monitorId: input.monitorId ?? null,
    coordinatorUnitIds: coordinators,
    due,
    period,
    parentId: null,
    sourceDocumentId: input.sourceDocumentId ?? null,
    state,
    note: null,
  };
}
