import { defineRule } from '../rule.js';
import { firstBeyond } from '../days.js';

/** `days` (working) days before the due date: once per task and due date, from the day N days are left. */
export default defineRule({
  kind: 'beforeDue',
  notification: 'reminder',
  title: 'Sắp đến hạn',
  async plan(rule, { today, days }) {
    return { source: 'due', after: today, before: firstBeyond(days, today, rule.days ?? 1) };
  },
});
