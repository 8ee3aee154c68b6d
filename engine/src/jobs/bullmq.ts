// BullMQ runner (REDIS_URL set): one queue and one worker per handler, so a long scan never holds up
// the delivery of notifications. Schedules are BullMQ job schedulers (upsertJobScheduler: every engine
// upserts the same id, and each tick is one job that exactly one worker of one engine takes). Failed
// runs are retried with exponential backoff and then kept for administrators (GET /api/jobs/failed).
// A run on an engine that dies is "stalled" and taken over by another worker. The key prefix names the
// database, so engines on different databases sharing one Redis never take each other's jobs.
import crypto from 'node:crypto';
import { Queue, Worker, type ConnectionOptions, type Job } from 'bullmq';
import type { Services } from '../services.js';
import type { FailedJob, JobHandler, JobRunner } from './types.js';

const KEEP_COMPLETED = 100;
const KEEP_FAILED = 1000;

/** A short, stable tag of the database the engines share (never the password). */
export function databaseTag(databaseUrl: string | undefined, dataDir: string): string {
  let id = `sqlite:${dataDir}`;
  if (databaseUrl) {
    try {
      const u = new URL(databaseUrl.replace(/^mariadb:/, 'mysql:'));
      id = `${u.protocol}//${u.hostname}:${u.port || 3306}${u.pathname}`;
    } catch {
      id = databaseUrl;
    }
  }
  return crypto.createHash('sha256').update(id).digest('hex').slice(0, 12);
}

/** Connection options (not a shared client): each queue and worker then owns, and closes, its own. */
const redisOptions = (url: string): ConnectionOptions => ({ url, maxRetriesPerRequest: null }); // workers block: BullMQ requires null

export class BullJobRunner implements JobRunner {
  readonly kind = 'bullmq' as const;
  private handlers = new Map<string, JobHandler>();
  private queues = new Map<string, Queue>();
  private workers: Worker[] = [];
  private connection: ConnectionOptions;
  private prefix: string;
  private closed = false;

  constructor(
    private s: () => Services,
    redisUrl: string,
    tag: string,
  ) {
    this.connection = redisOptions(redisUrl);
    this.prefix = `dondoc:${tag}`;
  }

  private started: { schedule: boolean } | null = null;

  /** Handlers registered after start (plugins) get their worker and schedule at once. */
  register(h: JobHandler): void {
    this.handlers.set(h.name, h);
    if (this.started && !this.closed)
      void this.startOne(h, this.started).catch((err) =>
        this.s().log.error({ err, job: h.name }, 'job worker did not start'),
      );
  }

  private jobOpts(h: JobHandler) {
    return {
      attempts: h.attempts ?? 5,
      backoff: { type: 'exponential' as const, delay: 1000 },
      removeOnComplete: KEEP_COMPLETED,
      removeOnFail: KEEP_FAILED,
    };
  }

  private queue(name: string): Queue {
    let q = this.queues.get(name);
    if (!q) {
      if (!this.handlers.has(name)) throw new Error(`Không có công việc nền "${name}"`);
      q = new Queue(name, { connection: this.connection, prefix: this.prefix });
      this.queues.set(name, q);
    }
    return q;
  }

  async start(opts: { schedule: boolean }): Promise<void> {
    this.started = opts;
    await Promise.all([...this.handlers.values()].map((h) => this.startOne(h, opts)));
  }

  private async startOne(h: JobHandler, opts: { schedule: boolean }): Promise<void> {
    const q = this.queue(h.name);
    const worker = new Worker(
      h.name,
      async (job: Job) =>
        h.run(
          {
            s: this.s(),
            trigger: job.repeatJobKey ? 'schedule' : 'enqueue',
            attempt: job.attemptsMade + 1,
          },
          job.data ?? {},
        ),
      { connection: this.connection, prefix: this.prefix, concurrency: 1 },
    );
    worker.on('failed', (job, err) => {
      if (job && job.attemptsMade >= (job.opts.attempts ?? 1))
        this.s().log.error({ err, job: h.name, id: job.id }, 'job failed');
    });
    worker.on('error', (err) => this.s().log.warn({ err, job: h.name }, 'job worker error'));
    this.workers.push(worker);
    const every = h.everyMs?.(this.s());
    if (opts.schedule && every)
      await q.upsertJobScheduler(
        `${h.name}:every`,
        { every },
        { name: h.name, data: {}, opts: this.jobOpts(h) },
      );
    await worker.waitUntilReady();
  }

  async runNow<R>(name: string, data: unknown = {}): Promise<R> {
    const h = this.handlers.get(name);
    if (!h) throw new Error(`Không có công việc nền "${name}"`);
    return (await h.run({ s: this.s(), trigger: 'manual', attempt: 1 }, data)) as R;
  }

  async enqueue(
    name: string,
    data: unknown = {},
    opts: { dedupeId?: string; delayMs?: number } = {},
  ): Promise<void> {
    if (this.closed) return;
    const h = this.handlers.get(name)!;
    await this.queue(name).add(name, data, {
      ...this.jobOpts(h),
      ...(opts.delayMs ? { delay: opts.delayMs } : {}),
      // While a run of this id waits, further ones collapse into it; one arriving during a run queues one more.
      ...(opts.dedupeId ? { deduplication: { id: opts.dedupeId, keepLastIfActive: true } } : {}),
    });
  }

  async failed(limit = 50): Promise<FailedJob[]> {
    const out: FailedJob[] = [];
    for (const name of this.handlers.keys()) {
      for (const j of await this.queue(name).getFailed(0, limit - 1))
        out.push({
          id: `${name}/${j.id}`,
          name,
          data: j.data,
          attempts: j.attemptsMade,
          error: String(j.stacktrace?.at(-1) ?? j.failedReason ?? '').slice(0, 4000),
          failedAt: j.finishedOn ? new Date(j.finishedOn).toISOString() : null,
        });
    }
    return out.sort((a, b) => String(b.failedAt).localeCompare(String(a.failedAt))).slice(0, limit);
  }

  async retry(id: string): Promise<boolean> {
    const slash = id.indexOf('/');
    const name = id.slice(0, slash);
    if (slash < 0 || !this.handlers.has(name)) return false;
    const job = await this.queue(name).getJob(id.slice(slash + 1));
    if (!job || !(await job.isFailed())) return false;
    await job.retry('failed');
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    // Worker.close() lets the running job finish; its lock is released, nothing is left stalled.
    await Promise.allSettled(this.workers.map((w) => w.close()));
    await Promise.allSettled([...this.queues.values()].map((q) => q.close()));
  }
}
