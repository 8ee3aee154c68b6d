import { defineEffect } from './types.js';

/**
 * When the last open sub-task of a parent closes, fire `transition` on the parent (for example "báo cáo
 * hoàn thành"), if the parent's workflow allows it from its current state.
 */
export default defineEffect<{ type: 'closeParentWhenChildrenDone'; transition: string }>({
  type: 'closeParentWhenChildrenDone',
  async apply(effect, ctx) {
    const parentId = ctx.task.parent_id;
    if (!parentId) return;
    const open = await ctx.trx('tasks')
      .where({ parent_id: parentId })
      .whereNot('id', ctx.task.id)
      .whereIn('state_category', ['open', 'waiting'])
      .first('id');
    if (open) return;
    await ctx.fireSystem(Number(parentId), effect.transition, 'Tự động: tất cả nhiệm vụ con đã kết thúc');
  },
});
