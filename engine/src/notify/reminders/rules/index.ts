// The registry of reminder rule kinds ('digest' is per user, not per task: see ../digest.ts).
import type { ReminderRuleModule } from '../rule.js';
import beforeDue from './beforeDue.js';
import onDue from './onDue.js';
import overdue from './overdue.js';
import escalate from './escalate.js';
import awaitingDecision from './awaitingDecision.js';

export const ruleKinds = new Map<string, ReminderRuleModule>([beforeDue, onDue, overdue, escalate, awaitingDecision].map((m) => [m.kind, m]));

export function registerRuleKind(m: ReminderRuleModule): void {
  ruleKinds.set(m.kind, m);
}
