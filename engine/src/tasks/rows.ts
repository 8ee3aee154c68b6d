// The task row as stored, and as the API shows it.
import { readJson } from '../db/json.js';
import { dbDate, isoTime } from '../db/time.js';

export interface TaskRow {
  id: number;
  code: string;
  pillar: string;
  type_key: string;
  meta_scope: string;
  type_version: number;
  form_key: string;
  form_scope: string;
  form_version: number;
  workflow_key: string;
  workflow_scope: string;
  workflow_version: number;
  state: string;
  state_category: string;
  title: string;
  lead_unit_id: number;
  lead_unit_path: string;
  assigner_id: number;
  assigner_unit_id: number;
  handler_id: number | null;
  monitor_id: number | null;
  deadline_kind: string;
  due_date: string | null;
  original_due_date: string | null;
  period_key: string | null;
  completed_at: string | null;
  completed_on: string | null;
  parent_id: number | null;
  source_document_id: number | null;
  progress: number;
  data: any;
  version: number;
  history_seq: number;
  history_hash: string;
  created_at: string;
  updated_at: string;
}

/** Normalises what either database returns (numbers, dates, JSON) into one shape. */
export function normaliseRow(r: any): TaskRow {
  return {
    ...r,
    id: Number(r.id),
    parent_id: r.parent_id === null || r.parent_id === undefined ? null : Number(r.parent_id),
    source_document_id: r.source_document_id === null || r.source_document_id === undefined ? null : Number(r.source_document_id),
    due_date: dbDate(r.due_date),
    original_due_date: dbDate(r.original_due_date),
    completed_on: dbDate(r.completed_on),
    data: readJson(r.data) ?? {},
  };
}

/** The fields role conditions may use (SUBJECT_FIELDS.Task of @dondoc/metadata). */
export function abilityFields(t: Pick<TaskRow, 'id' | 'pillar' | 'type_key' | 'state' | 'state_category' | 'lead_unit_id' | 'lead_unit_path' | 'assigner_id' | 'handler_id' | 'monitor_id' | 'due_date' | 'source_document_id'>) {
  return {
    id: t.id,
    pillar: t.pillar,
    typeKey: t.type_key,
    state: t.state,
    stateCategory: t.state_category,
    leadUnitId: t.lead_unit_id,
    leadUnitPath: t.lead_unit_path,
    assignerId: t.assigner_id,
    handlerId: t.handler_id,
    monitorId: t.monitor_id,
    dueDate: t.due_date,
    sourceDocumentId: t.source_document_id,
  };
}

/** The same fields as SQL columns of `tasks`, for the permission filter. */
export const TASK_FIELD_COLUMNS = {
  id: 'tasks.id',
  pillar: 'tasks.pillar',
  typeKey: 'tasks.type_key',
  state: 'tasks.state',
  stateCategory: 'tasks.state_category',
  leadUnitId: 'tasks.lead_unit_id',
  leadUnitPath: 'tasks.lead_unit_path',
  assignerId: 'tasks.assigner_id',
  handlerId: 'tasks.handler_id',
  monitorId: 'tasks.monitor_id',
  dueDate: 'tasks.due_date',
  sourceDocumentId: 'tasks.source_document_id',
};

export function taskToApi(t: TaskRow, extra: Record<string, unknown> = {}) {
  return {
    id: t.id,
    code: t.code,
    pillar: t.pillar,
    type: t.type_key,
    title: t.title,
    state: t.state,
    stateCategory: t.state_category,
    leadUnitId: t.lead_unit_id,
    assignerId: t.assigner_id,
    assignerUnitId: t.assigner_unit_id,
    handlerId: t.handler_id,
    monitorId: t.monitor_id,
    deadlineKind: t.deadline_kind,
    dueDate: t.due_date,
    originalDueDate: t.original_due_date,
    periodKey: t.period_key,
    completedAt: isoTime(t.completed_at),
    parentId: t.parent_id,
    sourceDocumentId: t.source_document_id,
    progress: t.progress,
    data: t.data,
    version: t.version,
    metadata: {
      taskType: { key: t.type_key, pillar: t.meta_scope || null, version: t.type_version },
      form: { key: t.form_key, pillar: t.form_scope || null, version: t.form_version },
      workflow: { key: t.workflow_key, pillar: t.workflow_scope || null, version: t.workflow_version },
    },
    createdAt: isoTime(t.created_at),
    updatedAt: isoTime(t.updated_at),
    ...extra,
  };
}
