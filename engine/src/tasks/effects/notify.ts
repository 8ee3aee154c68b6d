import { defineEffect } from './types.js';

/** Notifies the named parties of the task (stored now, delivered after commit by the notify capability). */
export default defineEffect<{ type: 'notify'; to: string[]; template?: string }>({
  type: 'notify',
  async apply(effect, ctx) {
    const users = (await ctx.recipients(effect.to)).filter((id) => id !== ctx.principal.id);
    const urge = effect.template === 'don-doc';
    await ctx.notify(users, {
      kind: urge ? 'urge' : 'transition',
      template: effect.template ?? ctx.transition.key,
      title: `${urge ? 'Đôn đốc' : ctx.transition.label}: ${ctx.task.code} — ${ctx.task.title}`.slice(0, 500),
      body: ctx.note ?? undefined,
    });
  },
});
