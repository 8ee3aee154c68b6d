// A reminder rule kind is one small registered module: from the rule, today and the policy's way of
// counting days, it plans which tasks are due for an occurrence today — as SQL bounds on the due date
// (or the day a task started waiting) and the occurrence key, never as a loop over tasks. With `since`
// (the day the rule was last scanned) it plans only the occurrences that became due after that day;
// tasks changed since are planned in full by the scan itself (since = null).
import type { DayCounter } from './days.js';

export interface PolicyRule {
  key: string;
  label?: string;
  kind: string;
  days?: number;
  every?: number;
  time?: string;
  to: string[];
  channels?: string[];
  template?: string;
}

export interface RuleContext {
  today: string;
  /** The day this rule was last scanned (same rule, same calendar), or null: plan every current occurrence. */
  since: string | null;
  days: DayCounter;
  /** Earliest due date among the group's open tasks due before today (null: none). */
  minOverdue(): Promise<string | null>;
  /** A day no task of the group in a waiting state started waiting before (its earliest creation; null: none waiting). */
  minWaiting(): Promise<string | null>;
}

export interface RulePlan {
  /** 'due': open tasks, by due date; 'waiting': tasks awaiting a decision, by the day they started waiting. */
  source: 'due' | 'waiting';
  /** Bounds on the due date: due >= from, due > after, due < before, due <= until. */
  from?: string;
  after?: string;
  before?: string;
  until?: string;
  /** Day → occurrence key, joined on the source day (repeating rules). Without it the occurrence is the due date. */
  table?: Array<[string, string]>;
}

export interface ReminderRuleModule {
  kind: string;
  /** Notification kind of what it sends. */
  notification: 'reminder' | 'escalation';
  /** Vietnamese title prefix when the rule has no label. */
  title: string;
  plan(rule: PolicyRule, ctx: RuleContext): Promise<RulePlan | null>;
}

export const defineRule = (m: ReminderRuleModule) => m;
