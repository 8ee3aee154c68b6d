// Words that role rules, workflows and reminder policies may use. The engine's access layer compiles
// rules to SQL against exactly these subjects and fields, so the lists live here, next to the validators.
import type { WorkflowParty } from './generated/index.js';

export const ACTIONS = [
  'manage',
  'read',
  'create',
  'update',
  'delete',
  'transition',
  'publish',
  'assign',
  'export',
] as const;
export type Action = (typeof ACTIONS)[number];

export const SUBJECTS = [
  'all',
  'Task',
  'Document',
  'Unit',
  'User',
  'Position',
  'Metadata',
  'Report',
  'AuditLog',
  'Calendar',
  'Client',
  'Job',
  'Backup',
] as const;
export type Subject = (typeof SUBJECTS)[number];

/** Fields a role rule's conditions may name, per subject ("all" may name only fields every subject has). */
export const SUBJECT_FIELDS: Record<Exclude<Subject, 'all'>, readonly string[]> = {
  Task: [
    'id',
    'pillar',
    'typeKey',
    'state',
    'stateCategory',
    'leadUnitId',
    'leadUnitPath',
    'assignerId',
    'handlerId',
    'monitorId',
    'dueDate',
    'sourceDocumentId',
  ],
  Document: ['id', 'pillar', 'unitId', 'unitPath'],
  Unit: ['id', 'path', 'pillar'],
  User: ['id', 'pillar'],
  Position: ['id', 'userId', 'unitId', 'unitPath', 'pillar', 'role'],
  Metadata: ['kind', 'key', 'pillar'],
  Report: ['key', 'pillar'],
  AuditLog: ['pillar', 'actorId'],
  Calendar: ['pillar'],
  Client: ['id'],
  Job: ['queue'],
  Backup: ['id'],
};

/** Parties of a task, as named by workflows (allow, notify) and reminder rules. */
export const PARTIES = [
  'lead',
  'leadLeader',
  'coordinator',
  'handler',
  'assigner',
  'monitor',
] as const satisfies readonly WorkflowParty[];

/** Workflow state categories; done and cancelled are final. */
export const STATE_CATEGORIES = ['open', 'waiting', 'done', 'cancelled'] as const;
export const FINAL_CATEGORIES: readonly string[] = ['done', 'cancelled'];
