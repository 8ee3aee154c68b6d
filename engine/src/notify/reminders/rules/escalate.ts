import { defineRule } from '../rule.js';
import { lastAtLeast } from '../days.js';

/** `days` days overdue: once per task and due date, to the lead unit's leaders (the rule's `to`). */
export default defineRule({
  kind: 'escalate',
  notification: 'escalation',
  title: 'Báo cáo lãnh đạo: nhiệm vụ quá hạn',
  async plan(rule, { today, since, days }) {
    if (since === today) return null;
    const n = rule.days ?? 1;
    // New since the last scan: due dates that have crossed the n-day mark since then.
    return { source: 'due', until: lastAtLeast(days, today, n), ...(since ? { after: lastAtLeast(days, since, n) } : {}) };
  },
});
