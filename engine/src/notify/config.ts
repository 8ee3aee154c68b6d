// Configuration of jobs and notifications, from the environment (CONTRACT.md: environment only).
export interface NotifyConfig {
  /** Automatic schedules (JOBS_SCHEDULE=off: none — tests trigger runs by hand). */
  schedule: boolean;
  /** Reminder scan every REMINDER_SCAN_SECONDS (default 300): a rule due at 08:00 goes out by 08:05. */
  scanEveryMs: number;
  /** Delivery sweep every NOTIFY_SWEEP_SECONDS (default 15); writes also queue a delivery at once. */
  deliverEveryMs: number;
  /** Periodic task instances every PERIODIC_TASKS_SECONDS (default 3600). */
  periodicEveryMs: number;
  /** Channel plugins (NOTIFY_CHANNELS, comma list; default "email" when SMTP_URL is set). */
  channels: string[];
  /** The settings channel plugins read: SMTP_*, MAIL_*, NOTIFY_* variables. */
  channelEnv: Record<string, string | undefined>;
  /** Test only (NODE_ENV=test): a file holding the ISO time every engine process reads as "now". */
  testClockFile?: string;
  /** Test only (NODE_ENV=test): sleep inside each reminder rule's transaction, to kill a scan mid-way. */
  testScanPauseMs?: number;
}

const seconds = (v: string | undefined, fallback: number) => (v && Number(v) > 0 ? Number(v) : fallback) * 1000;

export function loadNotifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const test = env.NODE_ENV === 'test';
  const channels = env.NOTIFY_CHANNELS !== undefined ? env.NOTIFY_CHANNELS.split(',').map((c) => c.trim()).filter(Boolean) : env.SMTP_URL ? ['email'] : [];
  return {
    schedule: env.JOBS_SCHEDULE !== 'off',
    scanEveryMs: seconds(env.REMINDER_SCAN_SECONDS, 300),
    deliverEveryMs: seconds(env.NOTIFY_SWEEP_SECONDS, 15),
    periodicEveryMs: seconds(env.PERIODIC_TASKS_SECONDS, 3600),
    channels,
    channelEnv: Object.fromEntries(Object.entries(env).filter(([k]) => /^(SMTP|MAIL|NOTIFY)_/.test(k))),
    testClockFile: test ? env.DONDOC_TEST_CLOCK_FILE || undefined : undefined,
    testScanPauseMs: test && env.DONDOC_TEST_SCAN_PAUSE_MS ? Number(env.DONDOC_TEST_SCAN_PAUSE_MS) : undefined,
  };
}

/** The notify configuration of an engine (a Config built by hand may leave it out: defaults then). */
export const notifyConfigOf = (config: { notify?: NotifyConfig }): NotifyConfig => config.notify ?? loadNotifyConfig({});
