import { defineRule } from '../rule.js';
import { firstBeyond } from '../days.js';

/** `days` (working) days before the due date: once per task and due date, from the day N days are left. */
export default defineRule({
  kind: 'beforeDue',
  notification: 'reminder',
  title: 'Sắp đến hạn',
  async plan(rule, { today, since, days }) {
    if (since === today) return null;
    const n = rule.days ?? 1;
    // New since the last scan: due dates that have entered the window (today, today + n] since then.
    return { source: 'due', after: today, before: firstBeyond(days, today, n), ...(since ? { from: firstBeyond(days, since, n) } : {}) };
  },
});
