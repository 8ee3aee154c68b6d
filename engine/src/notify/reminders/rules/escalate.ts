import { defineRule } from '../rule.js';
import { lastAtLeast } from '../days.js';

/** `days` days overdue: once per task and due date, to the lead unit's leaders (the rule's `to`). */
export default defineRule({
  kind: 'escalate',
  notification: 'escalation',
  title: 'Báo cáo lãnh đạo: nhiệm vụ quá hạn',
  async plan(rule, { today, days }) {
    return { source: 'due', until: lastAtLeast(days, today, rule.days ?? 1) };
  },
});
