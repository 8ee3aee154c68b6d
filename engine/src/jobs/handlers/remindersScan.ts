import { defineJob } from '../types.js';
import { notifyConfigOf } from '../../notify/config.js';
import { scanReminders } from '../../notify/reminders/scan.js';
import { fanOut } from '../../notify/reminders/fanout.js';

/** Derives the reminders due now from the database and records each once; fans them out; queues delivery. */
export default defineJob({
  name: 'reminders.scan',
  everyMs: (s) => notifyConfigOf(s.config).scanEveryMs,
  attempts: 3,
  async run({ s }) {
    const scan = await scanReminders(s, { pauseMs: notifyConfigOf(s.config).testScanPauseMs });
    const fan = await fanOut(s);
    s.log.info({ reminders: scan.reminders, digests: scan.digests, scanMs: scan.ms, notifications: fan.notifications, fanOutMs: fan.ms }, 'reminder scan');
    if (fan.notifications || scan.digests) s.notify.kick();
    return { ...scan, notifications: fan.notifications, fanOut: fan };
  },
});
