/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

export type WorkflowAllowEntry = AllowParty | AllowRole;
export type WorkflowEffect =
  | NotifyEffect
  | SetDeadlineEffect
  | ExtendDeadlineEffect
  | CreateSubtasksEffect
  | CancelChildrenEffect
  | CloseParentWhenChildrenDoneEffect
  | SetProgressEffect
  | SetFieldEffect;
/**
 * A party of the task: lead (members of the lead unit, đơn vị chủ trì), leadLeader (leaders of the lead unit), coordinator (members of a coordinating unit), handler (người xử lý), assigner (người giao), monitor (người theo dõi).
 */
export type WorkflowParty = 'lead' | 'leadLeader' | 'coordinator' | 'handler' | 'assigner' | 'monitor';

/**
 * A workflow (quy trình xử lý): the states of a task and the transitions (actions) between them, who may fire each, what each requires and what it does.
 */
export interface Workflow {
  /**
   * Vietnamese name.
   */
  name: string;
  /**
   * English name.
   */
  nameEn?: string;
  /**
   * What the workflow is for.
   */
  description?: string;
  /**
   * Key of the state a new task starts in when it is assigned on creation.
   */
  initial: string;
  /**
   * Key of the state of tasks saved as drafts (imported from edXML, or saved without assigning); a transition leads from it into the workflow. Absent = no drafts.
   */
  draft?: string;
  /**
   * The states; keys are unique.
   *
   * @minItems 1
   */
  states: WorkflowState[];
  /**
   * The transitions (actions of the task's history); keys are unique.
   */
  transitions: WorkflowTransition[];
}
export interface WorkflowState {
  /**
   * Stable identifier, stored on tasks.
   */
  key: string;
  /**
   * Vietnamese label.
   */
  label: string;
  /**
   * English label.
   */
  labelEn?: string;
  /**
   * What the state means to reports and reminders: open (being processed), waiting (waiting for a decision, paused), done (completed), cancelled (returned, revoked). done and cancelled are final.
   */
  category: 'open' | 'waiting' | 'done' | 'cancelled';
  /**
   * Badge colour in the UI.
   */
  color?: string;
  /**
   * Where Admin Studio's workflow designer draws the state.
   */
  position?: {
    x: number;
    y: number;
  };
}
export interface WorkflowTransition {
  /**
   * Stable identifier, used in the API: POST /api/tasks/{id}/transitions/{key}.
   */
  key: string;
  /**
   * Vietnamese label (button and history).
   */
  label: string;
  /**
   * English label.
   */
  labelEn?: string;
  /**
   * Help text.
   */
  description?: string;
  /**
   * State keys the transition may fire from; ["*"] = any state of category open or waiting.
   *
   * @minItems 1
   */
  from: string[];
  /**
   * State key after the transition (may equal the current state, e.g. a progress report).
   */
  to: string;
  /**
   * Who may fire it; any entry suffices. The caller must also hold the transition permission on the task.
   */
  allow: WorkflowAllowEntry[];
  /**
   * Mongo-style condition on the task's fields (same operators and placeholders as role rules) that must hold for the transition to be offered.
   */
  condition?: {
    [k: string]: unknown;
  };
  /**
   * What the caller must provide.
   */
  requires?: {
    /**
     * Fields (of the task's form or this transition's form) that must have a value once the transition's inputs are applied.
     */
    fields?: string[];
    /**
     * A note (reason) is required, e.g. when returning a task.
     */
    comment?: boolean;
    /**
     * At least one attachment is required.
     */
    attachment?: boolean;
  };
  /**
   * Key of a form for the transition's own inputs; they are validated against it and merged into the task's data.
   */
  form?: string;
  /**
   * Confirmation question the UI asks before firing.
   */
  confirm?: string;
  /**
   * What happens after the state changes, in order, in the same transaction (notifications go to the job queue after commit).
   */
  effects?: WorkflowEffect[];
}
export interface AllowParty {
  /**
   * A party of the task: lead (members of the lead unit, đơn vị chủ trì), leadLeader (leaders of the lead unit), coordinator (members of a coordinating unit), handler (người xử lý), assigner (người giao), monitor (người theo dõi).
   */
  party: 'lead' | 'leadLeader' | 'coordinator' | 'handler' | 'assigner' | 'monitor';
}
export interface AllowRole {
  /**
   * Role key: anyone holding a position with this role (and able to see the task).
   */
  role: string;
}
/**
 * Notify parties of the task through the reminder channels.
 */
export interface NotifyEffect {
  type: 'notify';
  /**
   * @minItems 1
   */
  to: WorkflowParty[];
  /**
   * Notification template key; default one per transition.
   */
  template?: string;
}
/**
 * Set the due date from a date field (kept as the original deadline when none is set yet).
 */
export interface SetDeadlineEffect {
  type: 'setDeadline';
  from: 'field';
  field: string;
}
/**
 * Move the due date to the date in a field; the original deadline (hạn ban đầu) is kept.
 */
export interface ExtendDeadlineEffect {
  type: 'extendDeadline';
  field: string;
}
/**
 * Create one sub-task (same task type) per item of an array field (giao cấp dưới). Each item is an object: unitId (lead unit, required), title (default: the parent's), dueDate (yyyy-MM-dd, default: the parent's), handlerId (optional); its other properties become the sub-task's data.
 */
export interface CreateSubtasksEffect {
  type: 'createSubtasks';
  field: string;
}
/**
 * Cancel the open sub-tasks (e.g. when the task is revoked).
 */
export interface CancelChildrenEffect {
  type: 'cancelChildren';
}
/**
 * When every sibling sub-task is done, move the parent task forward.
 */
export interface CloseParentWhenChildrenDoneEffect {
  type: 'closeParentWhenChildrenDone';
  /**
   * Transition of the parent's workflow the system fires; default: the parent's first transition from its current state to a done state.
   */
  transition?: string;
}
/**
 * Set the task's progress (0–100) from a field or to a fixed value.
 */
export interface SetProgressEffect {
  type: 'setProgress';
  field?: string;
  value?: number;
}
/**
 * Set a field of the task's data to a fixed value.
 */
export interface SetFieldEffect {
  type: 'setField';
  field: string;
  value: unknown;
}
