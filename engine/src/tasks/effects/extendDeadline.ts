import { invalid } from '../../api/errors.js';
import { defineEffect } from './types.js';

/** Grants an extension: the new due date comes from a field; the original due date is kept (hạn ban đầu). */
export default defineEffect<{ type: 'extendDeadline'; field: string }>({
  type: 'extendDeadline',
  async apply(effect, ctx) {
    const v = ctx.input[effect.field] ?? ctx.data[effect.field];
    if (typeof v !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(v))
      throw invalid([{ path: `/data/${effect.field}`, message: 'cần hạn mới (YYYY-MM-DD)' }]);
    if (!ctx.task.original_due_date) ctx.changes.original_due_date = ctx.task.due_date;
    ctx.changes.due_date = await ctx.s.calendar.nextWorkingDay(v);
  },
});
