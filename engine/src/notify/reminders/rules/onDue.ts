import { defineRule } from '../rule.js';
import { previousWorkingDay } from '../days.js';

/** On the due date (a due date on a day off is reminded on the next working day). */
export default defineRule({
  kind: 'onDue',
  notification: 'reminder',
  title: 'Đến hạn',
  async plan(_rule, { today, since, days }) {
    if (since === today) return null;
    return { source: 'due', after: previousWorkingDay(days, today), until: today };
  },
});
