import { defineEffect } from './types.js';

export default defineEffect<{ type: 'setField'; field: string; value: unknown }>({
  type: 'setField',
  async apply(effect, ctx) {
    ctx.data[effect.field] = effect.value;
  },
});
