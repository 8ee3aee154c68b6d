import { defineRule } from '../rule.js';
import { repeatTable } from '../days.js';

/** Every `every` days while overdue: the k-th reminder once k·every days have passed since the due date. */
export default defineRule({
  kind: 'overdue',
  notification: 'reminder',
  title: 'Quá hạn',
  async plan(rule, { today, since, days, minOverdue }) {
    if (since === today) return null;
    const from = await minOverdue();
    if (!from) return null;
    const table = repeatTable(days, from, today, rule.every ?? 1, since);
    return table.length ? { source: 'due', before: today, table } : null;
  },
});
