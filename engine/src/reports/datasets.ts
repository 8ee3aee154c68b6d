// The rows a report may aggregate (report.schema.json `dataset`): the table, the fields filters and
// dimensions may name, the permission filter's subject, and which dimensions and measures make sense.
// The built-in ones are here; a plugin registers more through its API (PluginApi.reportDataset), kept
// by the engine's plugin host.
import type { Knex } from 'knex';
import type { FieldMap } from '../access/sql.js';
import { TASK_FIELD_COLUMNS } from '../tasks/rows.js';
import { DOCUMENT_FIELD_MAP } from '../documents/rows.js';

export type FieldType = 'string' | 'number' | 'date' | 'timestamp' | 'unit';

export interface FieldDef {
  column: string;
  type: FieldType;
  /** unit fields: a materialised path column for `subtree` (an indexed range); else the subtree's ids. */
  path?: string;
}

export type DatasetKey = 'tasks' | 'documents' | 'events';
/** A dataset key: lower-case letters, digits and hyphens (report.schema.json). */
export const DATASET_KEY = /^[a-z][a-z0-9-]{0,39}$/;
export type DimensionType = 'unit' | 'pillar' | 'taskType' | 'state' | 'category' | 'sourceDocument' | 'period' | 'field' | 'handler';

export interface Dataset {
  /** What report metadata names (`"dataset": "<key>"`): a built-in key, or a plugin's (e.g. edxml-messages). */
  key: DatasetKey | (string & {});
  /** Vietnamese name, for administrators choosing a dataset. */
  label?: string;
  from(knex: Knex): Knex.QueryBuilder;
  /**
   * The permission filter: the CASL subject whose `read` rules of the viewer's roles become SQL, and that
   * subject's fields as columns of from() (a field a rule names with no column here matches no row).
   */
  subject: 'Task' | 'Document' | (string & {});
  accessFields: FieldMap;
  fields: Record<string, FieldDef>;
  /** Column behind each dimension type this dataset has (category is an expression over tasks). */
  dimensions: Partial<Record<Exclude<DimensionType, 'period' | 'field' | 'category'>, string>> & { category?: boolean };
  /** Date field a period dimension uses when it names none. */
  periodField: string;
  /** Form fields (data.<field>, as indexed generated columns) may be named. */
  formFields: boolean;
  /** Only `count` is meaningful outside tasks. */
  taskMeasures: boolean;
  /** Table and id column the drill-down lists (a plugin dataset's drill-down lists its fields). */
  drillId: string;
}

const TASK_FIELDS: Record<string, FieldDef> = {
  id: { column: 'tasks.id', type: 'number' },
  code: { column: 'tasks.code', type: 'string' },
  title: { column: 'tasks.title', type: 'string' },
  pillar: { column: 'tasks.pillar', type: 'string' },
  typeKey: { column: 'tasks.type_key', type: 'string' },
  state: { column: 'tasks.state', type: 'string' },
  stateCategory: { column: 'tasks.state_category', type: 'string' },
  leadUnitId: { column: 'tasks.lead_unit_id', type: 'unit', path: 'tasks.lead_unit_path' },
  leadUnitPath: { column: 'tasks.lead_unit_path', type: 'string' },
  assignerId: { column: 'tasks.assigner_id', type: 'number' },
  assignerUnitId: { column: 'tasks.assigner_unit_id', type: 'unit' },
  handlerId: { column: 'tasks.handler_id', type: 'number' },
  monitorId: { column: 'tasks.monitor_id', type: 'number' },
  deadlineKind: { column: 'tasks.deadline_kind', type: 'string' },
  dueDate: { column: 'tasks.due_date', type: 'date' },
  originalDueDate: { column: 'tasks.original_due_date', type: 'date' },
  periodKey: { column: 'tasks.period_key', type: 'string' },
  completedOn: { column: 'tasks.completed_on', type: 'date' },
  completedAt: { column: 'tasks.completed_at', type: 'timestamp' },
  createdAt: { column: 'tasks.created_at', type: 'timestamp' },
  assignedAt: { column: 'tasks.created_at', type: 'timestamp' },
  updatedAt: { column: 'tasks.updated_at', type: 'timestamp' },
  parentId: { column: 'tasks.parent_id', type: 'number' },
  sourceDocumentId: { column: 'tasks.source_document_id', type: 'number' },
  progress: { column: 'tasks.progress', type: 'number' },
};

export const DATASETS: Record<DatasetKey, Dataset> = {
  tasks: {
    key: 'tasks',
    from: (knex) => knex('tasks'),
    subject: 'Task',
    accessFields: TASK_FIELD_COLUMNS,
    fields: TASK_FIELDS,
    dimensions: {
      unit: 'tasks.lead_unit_id',
      pillar: 'tasks.pillar',
      taskType: 'tasks.type_key',
      state: 'tasks.state',
      sourceDocument: 'tasks.source_document_id',
      handler: 'tasks.handler_id',
      category: true,
    },
    periodField: 'dueDate',
    formFields: true,
    taskMeasures: true,
    drillId: 'tasks.id',
  },
  // History events of the tasks the viewer may read (the Task permission filter on the joined task).
  events: {
    key: 'events',
    from: (knex) => knex('task_events').join('tasks', 'tasks.id', 'task_events.task_id'),
    subject: 'Task',
    accessFields: TASK_FIELD_COLUMNS,
    fields: {
      ...Object.fromEntries(Object.entries(TASK_FIELDS).filter(([k]) => !['id', 'createdAt', 'updatedAt'].includes(k))),
      id: { column: 'task_events.id', type: 'number' },
      taskId: { column: 'task_events.task_id', type: 'number' },
      at: { column: 'task_events.at', type: 'timestamp' },
      action: { column: 'task_events.action', type: 'string' },
      transition: { column: 'task_events.transition', type: 'string' },
      fromState: { column: 'task_events.from_state', type: 'string' },
      toState: { column: 'task_events.to_state', type: 'string' },
      actorId: { column: 'task_events.actor_id', type: 'number' },
      unitId: { column: 'task_events.unit_id', type: 'unit' },
    },
    dimensions: {
      unit: 'task_events.unit_id', // the acting unit
      pillar: 'tasks.pillar',
      taskType: 'tasks.type_key',
      state: 'task_events.to_state',
      sourceDocument: 'tasks.source_document_id',
      handler: 'task_events.actor_id', // who acted
    },
    periodField: 'at',
    formFields: false,
    taskMeasures: false,
    drillId: 'task_events.id',
  },
  documents: {
    key: 'documents',
    from: (knex) => knex('documents'),
    subject: 'Document',
    accessFields: DOCUMENT_FIELD_MAP,
    fields: {
      id: { column: 'documents.id', type: 'number' },
      pillar: { column: 'documents.pillar', type: 'string' },
      unitId: { column: 'documents.unit_id', type: 'unit', path: 'documents.unit_path' },
      number: { column: 'documents.number', type: 'string' },
      notation: { column: 'documents.notation', type: 'string' },
      issuedDate: { column: 'documents.issued_date', type: 'date' },
      typeKey: { column: 'documents.type_key', type: 'string' },
      issuerName: { column: 'documents.issuer_name', type: 'string' },
      issuerCode: { column: 'documents.issuer_code', type: 'string' },
      subject: { column: 'documents.subject', type: 'string' },
      urgency: { column: 'documents.urgency', type: 'string' },
      classification: { column: 'documents.classification', type: 'string' },
      dueDate: { column: 'documents.due_date', type: 'date' },
      status: { column: 'documents.status', type: 'string' },
      createdBy: { column: 'documents.created_by', type: 'number' },
      createdAt: { column: 'documents.created_at', type: 'timestamp' },
    },
    dimensions: { unit: 'documents.unit_id', pillar: 'documents.pillar', handler: 'documents.created_by' },
    periodField: 'issuedDate',
    formFields: false,
    taskMeasures: false,
    drillId: 'documents.id',
  },
};

/** Catalogs behind the coded core fields, for labels. */
export const FIELD_CATALOGS: Record<string, string> = {
  'documents.type_key': 'loai-van-ban',
  'documents.urgency': 'do-khan',
  'documents.classification': 'do-mat',
};
