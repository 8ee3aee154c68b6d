import { invalid } from '../../api/errors.js';
import { defineEffect } from './types.js';

/**
 * Delegation (giao cấp dưới): one sub-task per row of a repeating field, each led by a unit under the
 * task's lead unit. Sub-tasks start in `state` (default: the workflow's initial state).
 */
export default defineEffect<{ type: 'createSubtasks'; field: string; state?: string }>({
  type: 'createSubtasks',
  async apply(effect, ctx) {
    const rows = ctx.input[effect.field];
    if (!Array.isArray(rows) || !rows.length) throw invalid([{ path: `/data/${effect.field}`, message: 'cần ít nhất một nhiệm vụ con' }]);
    for (const [i, row] of rows.entries()) {
      const unit = await ctx.trx('units').where({ id: row.unitId, active: true }).first('id', 'path');
      if (!unit || unit.path === ctx.task.lead_unit_path || !String(unit.path).startsWith(ctx.task.lead_unit_path))
        throw invalid([{ path: `/data/${effect.field}/${i}/unitId`, message: 'phải là đơn vị cấp dưới của đơn vị chủ trì' }]);
      await ctx.createChild({
        parent: ctx.task,
        leadUnitId: unit.id,
        title: row.title || ctx.task.title,
        data: { ...ctx.data, [effect.field]: undefined, noiDung: row.noiDung ?? ctx.data.noiDung, tienDo: 0, ketQua: undefined },
        dueDate: row.dueDate ?? ctx.changes.due_date ?? ctx.task.due_date,
        state: effect.state ?? ctx.definition.workflow.initial,
      });
    }
  },
});
