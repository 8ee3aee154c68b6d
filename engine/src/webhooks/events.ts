// Task events as webhooks see them: the type of a history event, and the JSON body of a delivery.
import type { FeedEvent } from '../plugins/types.js';

export const WEBHOOK_CHANNEL = 'webhook';
export const EVENT_TYPES = ['task.created', 'task.transitioned', 'task.updated', 'task.attachment_added'] as const;

export function eventTypeOf(action: FeedEvent['action']): (typeof EVENT_TYPES)[number] {
  switch (action) {
    case 'create':
      return 'task.created';
    case 'update':
      return 'task.updated';
    case 'attach':
      return 'task.attachment_added';
    default:
      return 'task.transitioned';
  }
}

export function eventPayload(e: FeedEvent) {
  const t = e.task;
  return {
    id: `evt_${e.id}`,
    type: eventTypeOf(e.action),
    occurredAt: e.at,
    task: {
      id: t.id,
      code: t.code,
      title: t.title,
      pillar: t.pillar,
      type: t.typeKey,
      state: t.state,
      stateCategory: t.stateCategory,
      progress: t.progress,
      dueDate: t.dueDate,
      leadUnitId: t.leadUnitId,
      leadUnitCode: t.leadUnitCode,
      sourceDocumentId: t.sourceDocumentId,
      parentId: t.parentId,
    },
    event: { seq: e.seq, action: e.action, transition: e.transition, fromState: e.fromState, toState: e.toState, actorId: e.actorId, note: e.note, changes: e.changes },
  };
}

