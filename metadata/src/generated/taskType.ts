/* eslint-disable */
/**
 * Generated from metadata/schemas/*.schema.json by `npm run gen:types`. Do not edit: change the schema
 * and regenerate.
 */

/**
 * A task type (loại nhiệm vụ): which form and workflow a task of this type uses, how its deadline is set, which reminder policy follows it up and how its code is made.
 */
export interface TaskType {
  /**
   * Vietnamese name shown to users.
   */
  name: string;
  /**
   * English name.
   */
  nameEn?: string;
  /**
   * What the type is for (Vietnamese).
   */
  description?: string;
  /**
   * What the type is for (English).
   */
  descriptionEn?: string;
  /**
   * Short code of the type, available to the code pattern as {TYPE}.
   */
  abbreviation?: string;
  /**
   * False hides the type when creating new tasks; existing tasks are unaffected. Default true.
   */
  active?: boolean;
  /**
   * Key of the form metadata holding the task's own fields.
   */
  form: string;
  /**
   * Key of the workflow metadata that tasks of this type follow.
   */
  workflow: string;
  /**
   * Key of the reminder policy; absent = no automatic reminders.
   */
  reminderPolicy?: string;
  deadline: TaskDeadlineRule;
  /**
   * Pattern of the task code (mã nhiệm vụ). Tokens: {PILLAR} (pillar key, upper case), {TYPE} (the type's abbreviation), {yyyy}, {yy}, {MM} (assignment date), {seq:N} (sequence, zero-padded to N digits; required). Example: "{PILLAR}-{yyyy}-{seq:6}".
   */
  codePattern: string;
  /**
   * Values of the catalog nguon-giao (source of the assignment) allowed for this type; absent = all.
   */
  sources?: string[];
}
/**
 * How the due date (hạn xử lý) of a new task is set.
 */
export interface TaskDeadlineRule {
  /**
   * fixed: the assigner enters a date; workingDays: N working days counted from the day after assignment; periodic: one task instance per period; none: ongoing (thường xuyên), no deadline.
   */
  kind: 'fixed' | 'workingDays' | 'periodic' | 'none';
  /**
   * workingDays: number of working days. fixed: suggested default offset in calendar days.
   */
  days?: number;
  /**
   * periodic: length of the period.
   */
  period?: 'month' | 'quarter' | 'halfYear' | 'year';
  /**
   * periodic: calendar periods, or the reporting periods of Nghị định 09/2019 (15th of the previous month to the 14th). Default calendar.
   */
  calendar?: 'calendar' | 'nd09';
  /**
   * periodic: the instance is due on this day of the period (1 = first day); absent = last day of the period.
   */
  dueDayOfPeriod?: number;
}
