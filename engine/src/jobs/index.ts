// The engine's job runner: BullMQ when REDIS_URL is set, in-process otherwise, with the handlers below.
import type { Services } from '../services.js';
import { BullJobRunner, databaseTag } from './bullmq.js';
import { LocalJobRunner } from './local.js';
import type { JobRunner } from './types.js';
import remindersScan from './handlers/remindersScan.js';
import notifyDeliver from './handlers/notifyDeliver.js';
import periodicTasks from './handlers/periodicTasks.js';
import usersDisableInactive from '../identity/inactive-job.js';
import backupScheduled from '../backup/job.js';

export const jobHandlers = [remindersScan, notifyDeliver, periodicTasks, usersDisableInactive, backupScheduled];

export function createJobRunner(s: () => Services, config: Services['config']): JobRunner {
  const runner = config.redisUrl ? new BullJobRunner(s, config.redisUrl, databaseTag(config.databaseUrl, config.dataDir)) : new LocalJobRunner(s);
  for (const h of jobHandlers) runner.register(h);
  return runner;
}

export type { JobRunner, JobHandler, FailedJob } from './types.js';
