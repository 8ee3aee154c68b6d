/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

/**
 * A reminder policy (chính sách nhắc việc): when and to whom the system sends reminders and escalations about tasks.
 */
export interface ReminderPolicy {
  /**
   * Vietnamese name.
   */
  name: string;
  /**
   * English name.
   */
  nameEn?: string;
  /**
   * What the policy does.
   */
  description?: string;
  /**
   * False stops every reminder of the policy.
   */
  enabled: boolean;
  /**
   * Count days as working days (the admin-maintained calendar) rather than calendar days.
   */
  workingDays: boolean;
  /**
   * Default channels of the rules.
   *
   * @minItems 1
   */
  channels: ('inApp' | 'email')[];
  /**
   * The reminders; keys are unique.
   */
  rules: ReminderRule[];
}
export interface ReminderRule {
  /**
   * Stable identifier; a reminder is sent once per task, rule key and occurrence.
   */
  key: string;
  /**
   * Vietnamese label shown in the policy editor.
   */
  label?: string;
  /**
   * beforeDue: `days` before the due date; onDue: on the due date; overdue: every `every` days while overdue; escalate: to the lead unit's leaders after `days` days overdue; awaitingDecision: after `days` days in a waiting state; digest: a summary of one's open tasks every `every` days (default 1).
   */
  kind: 'beforeDue' | 'onDue' | 'overdue' | 'escalate' | 'awaitingDecision' | 'digest';
  /**
   * beforeDue, escalate, awaitingDecision: the number of days.
   */
  days?: number;
  /**
   * overdue, digest: repeat every N days.
   */
  every?: number;
  /**
   * Local time (HH:mm) the reminder goes out; default 08:00.
   */
  time?: string;
  /**
   * Parties of the task who receive it.
   *
   * @minItems 1
   */
  to: ('handler' | 'lead' | 'leadLeader' | 'monitor' | 'assigner' | 'coordinator')[];
  /**
   * Channels of this rule; absent = the policy's.
   *
   * @minItems 1
   */
  channels?: ('inApp' | 'email')[];
  /**
   * Notification template key; default one per kind.
   */
  template?: string;
}
