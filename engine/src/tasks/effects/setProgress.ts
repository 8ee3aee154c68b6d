import { defineEffect } from './types.js';

/** Progress (%) from a fixed value or a field; a parent's progress is derived from its children afterwards. */
export default defineEffect<{ type: 'setProgress'; field?: string; value?: number }>({
  type: 'setProgress',
  async apply(effect, ctx) {
    const raw = effect.value ?? ctx.input[effect.field ?? ''] ?? ctx.data[effect.field ?? ''];
    const n = Number(raw);
    if (Number.isFinite(n)) ctx.changes.progress = Math.max(0, Math.min(100, Math.round(n)));
  },
});
