import { defineRule } from '../rule.js';
import { repeatTable } from '../days.js';

/**
 * A decision awaited for `days` days (an extension request, a result to approve: tasks in a waiting
 * state other than a draft), again every `days` days while it waits. The waiting starts with the event
 * that moved the task into its current state.
 */
export default defineRule({
  kind: 'awaitingDecision',
  notification: 'reminder',
  title: 'Đang chờ quyết định',
  async plan(rule, { today, since, days, minWaiting }) {
    if (since === today) return null;
    const from = await minWaiting();
    if (!from) return null;
    const table = repeatTable(days, from, today, rule.days ?? 1, since);
    return table.length ? { source: 'waiting', table } : null;
  },
});
