/** Shapes of the engine's task, document, report and notification answers (see the routes.ts of engine/src). */

export type Category =
  'doneOnTime' | 'doneLate' | 'openOnTime' | 'openOverdue' | 'noDeadline' | 'dueSoon' | 'cancelled';
export const CATEGORIES: Category[] = [
  'openOverdue',
  'dueSoon',
  'openOnTime',
  'noDeadline',
  'doneOnTime',
  'doneLate',
];
export type Party = 'handler' | 'myUnit' | 'monitor' | 'assigner' | 'coordinator';

export interface TaskMetadataRef {
  key: string;
  pillar: string | null;
  version: number;
}

export interface TaskSummary {
  id: number;
  code: string;
  pillar: string;
  type: string;
  title: string;
  state: string;
  stateCategory: 'open' | 'waiting' | 'done' | 'cancelled';
  leadUnitId: number;
  assignerId: number;
  handlerId: number | null;
  monitorId: number | null;
  dueDate: string | null;
  originalDueDate: string | null;
  completedAt: string | null;
  parentId: number | null;
  sourceDocumentId: number | null;
  progress: number;
  data: Record<string, unknown>;
  version: number;
  category?: Category;
  metadata: { taskType: TaskMetadataRef; form: TaskMetadataRef; workflow: TaskMetadataRef };
  createdAt: string;
  updatedAt: string;
}

export interface TransitionInfo {
  key: string;
  label: string;
  labelEn: string | null;
  to: string;
  form: string | null;
  requires: { fields?: string[]; comment?: boolean; attachment?: boolean };
}

export interface TaskChild {
  id: number;
  code: string;
  title: string;
  state: string;
  stateCategory: string;
  leadUnitId: number;
  dueDate: string | null;
  progress: number;
}

export interface TaskDetail extends TaskSummary {
  stateLabel: string;
  leadUnitName: string | null;
  assignerUnitName: string | null;
  coordinatorUnits: { id: number; name: string | null }[];
  children: TaskChild[];
  transitions: TransitionInfo[];
}

export interface TaskList {
  items: TaskSummary[];
  total: number;
  nextCursor: string | null;
  counts?: Record<Category, number>;
}

export interface HistoryEvent {
  id: number;
  taskId: number;
  taskCode: string;
  seq: number;
  at: string;
  action: string;
  transition: string | null;
  fromState: string | null;
  toState: string | null;
  actor: { id: number; username: string; fullName: string } | null;
  unit: { id: number; name: string } | null;
  position: { id: number; title: string | null; roleKey: string } | null;
  changes: Record<string, [unknown, unknown]> | null;
  note: string | null;
  attachments: number[];
}

export interface FormField {
  titleEn?: string;
  indexed?: boolean;
  listed?: boolean;
  catalog?: string;
  read?: string[];
  edit?: string[];
}

export interface FormBody {
  title: string;
  titleEn?: string;
  description?: string;
  schema: { type: 'object'; properties: Record<string, Record<string, unknown>>; required?: string[] };
  uiSchema?: Record<string, unknown>;
  fields?: Record<string, FormField>;
}

export interface MetadataDoc<T> {
  kind: string;
  key: string;
  pillar: string | null;
  version: number;
  body: T;
}

export interface WorkflowBody {
  name: string;
  states: { key: string; label: string; labelEn?: string; category: string; color?: string }[];
  transitions: {
    key: string;
    label: string;
    labelEn?: string;
    confirm?: string;
    description?: string;
    form?: string;
  }[];
}

export interface CatalogBody {
  name: string;
  items: { value: string; label: string; labelEn?: string; order?: number; active?: boolean }[];
}

export interface TaskTypeBody {
  name: string;
  nameEn?: string;
  form: string;
  workflow: string;
}

export interface DocumentItem {
  id: number;
  pillar: string;
  unitId: number;
  unitName: string | null;
  number: string | null;
  notation: string | null;
  issuedDate: string | null;
  type: string;
  issuerName: string;
  subject: string;
  signerName: string | null;
  signerPosition: string | null;
  urgency: string;
  classification: string;
  dueDate: string | null;
  status: string;
  version: number;
  attachments?: Attachment[];
  attachmentCount?: number;
}

export interface Attachment {
  id: number;
  name: string;
  size: number;
  contentType: string;
  sha256?: string;
}

export interface NotificationItem {
  id: number;
  kind: string;
  title: string;
  body: string | null;
  taskId: number | null;
  createdAt: string;
  readAt: string | null;
}

export interface Dashboard {
  today: string;
  unit: unknown;
  counts: Record<string, number>;
  completionRate: number | null;
  onTimeRate: number | null;
  trend: {
    period: string;
    label: string;
    created: number;
    completed: number;
    completedOnTime: number;
    completedLate: number;
  }[];
  topOverdueUnits: { unitId: number; name: string; overdue: number; maxDelayDays: number | null }[];
}
