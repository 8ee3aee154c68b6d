import { defineJob } from '../types.js';
import { notifyConfigOf } from '../../notify/config.js';
import { scanReminders } from '../../notify/reminders/scan.js';

/** Derives the reminders due now from the database and stores each once; then queues their delivery. */
export default defineJob({
  name: 'reminders.scan',
  everyMs: (s) => notifyConfigOf(s.config).scanEveryMs,
  attempts: 3,
  async run({ s }) {
    const result = await scanReminders(s, { pauseMs: notifyConfigOf(s.config).testScanPauseMs });
    s.log.info({ reminders: result.reminders, notifications: result.notifications, digests: result.digests, ms: result.ms }, 'reminder scan');
    if (result.notifications || result.digests) s.notify.kick();
    return result;
  },
});
