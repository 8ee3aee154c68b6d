import { invalid } from '../../api/errors.js';
import { defineEffect } from './types.js';

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** Sets the due date from a field of the submitted form or the task's data. */
export default defineEffect<{ type: 'setDeadline'; field: string }>({
  type: 'setDeadline',
  async apply(effect, ctx) {
    const v = ctx.input[effect.field] ?? ctx.data[effect.field];
    if (typeof v !== 'string' || !DATE.test(v)) throw invalid([{ path: `/data/${effect.field}`, message: 'cần một ngày (YYYY-MM-DD)' }]);
    ctx.changes.due_date = await ctx.s.calendar.nextWorkingDay(v);
    if (!ctx.task.original_due_date) ctx.changes.original_due_date = ctx.changes.due_date;
  },
});
