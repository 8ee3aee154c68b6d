import { defineEffect } from './types.js';

/** Revoking a task revokes its open sub-tasks, each with its own history event. */
export default defineEffect<{ type: 'cancelChildren'; transition?: string }>({
  type: 'cancelChildren',
  async apply(effect, ctx) {
    const children = await ctx.trx('tasks').where({ parent_id: ctx.task.id }).whereIn('state_category', ['open', 'waiting']).select('id');
    for (const c of children)
      await ctx.fireSystem(c.id, effect.transition ?? ctx.transition.key, `Nhiệm vụ cha ${ctx.task.code}: ${ctx.transition.label}`);
  },
});
