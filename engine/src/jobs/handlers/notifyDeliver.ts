import { defineJob } from '../types.js';
import { notifyConfigOf } from '../../notify/config.js';

/** Sends undelivered notifications through their channels (also queued right after writes: notify/kick.ts). */
export default defineJob({
  name: 'notify.deliver',
  everyMs: (s) => notifyConfigOf(s.config).deliverEveryMs,
  async run({ s }) {
    const result = await s.notify.deliver();
    if (result.more) s.notify.kick();
    return result;
  },
});
