// In-process runner (no Redis): the same handlers and schedule semantics as BullMQ — a repeat every N ms
// that never overlaps itself, retries with exponential backoff, failed runs kept for administrators —
// within this one process. Several engines without Redis each run their own schedule; handlers are
// idempotent (unique keys in the database), so that is safe, only wasteful.
import crypto from 'node:crypto';
import type { Services } from '../services.js';
import { backoffMs, type FailedJob, type JobHandler, type JobRunner } from './types.js';

const KEEP_FAILED = 200;

export class LocalJobRunner implements JobRunner {
  readonly kind = 'in-process' as const;
  private handlers = new Map<string, JobHandler>();
  private timers: NodeJS.Timeout[] = [];
  private running = new Map<string, Promise<unknown>>(); // per handler name: a scheduled run in progress
  private active = new Set<Promise<unknown>>();
  private queued = new Set<string>();
  private failures: FailedJob[] = [];
  private closed = false;

  constructor(private s: () => Services) {}

  private schedule = false;

  /** Handlers registered after start (plugins) get their schedule at once. */
  register(h: JobHandler): void {
    this.handlers.set(h.name, h);
    if (this.schedule && !this.closed) this.scheduleOne(h);
  }

  private handler(name: string): JobHandler {
    const h = this.handlers.get(name);
    if (!h) throw new Error(`Không có công việc nền "${name}"`);
    return h;
  }

  async start(opts: { schedule: boolean }): Promise<void> {
    this.schedule = opts.schedule;
    if (opts.schedule) for (const h of this.handlers.values()) this.scheduleOne(h);
  }

  private scheduleOne(h: JobHandler): void {
    const every = h.everyMs?.(this.s());
    if (!every) return;
    const t = setInterval(() => {
      if (this.closed || this.running.has(h.name)) return; // a repeat never overlaps itself
      const p = this.track(this.withRetries(h, {}, 'schedule')).finally(() => this.running.delete(h.name));
      this.running.set(h.name, p);
    }, every);
    t.unref();
    this.timers.push(t);
  }

  async runNow<R>(name: string, data: unknown = {}): Promise<R> {
    const h = this.handler(name);
    return this.track(
      h.run({ s: this.s(), trigger: 'manual', attempt: 1 }, data).catch((err) => {
        this.recordFailure(h, data, 1, err);
        throw err;
      }),
    ) as Promise<R>;
  }

  async enqueue(
    name: string,
    data: unknown = {},
    opts: { dedupeId?: string; delayMs?: number } = {},
  ): Promise<void> {
    const h = this.handler(name);
    if (this.closed) return;
    if (opts.dedupeId) {
      if (this.queued.has(opts.dedupeId)) return;
      this.queued.add(opts.dedupeId);
    }
    const t = setTimeout(() => {
      if (opts.dedupeId) this.queued.delete(opts.dedupeId);
      if (!this.closed) void this.track(this.withRetries(h, data, 'enqueue'));
    }, opts.delayMs ?? 0);
    t.unref();
  }

  private async withRetries(h: JobHandler, data: unknown, trigger: 'schedule' | 'enqueue'): Promise<void> {
    const attempts = h.attempts ?? 5;
    for (let attempt = 1; ; attempt++) {
      try {
        await h.run({ s: this.s(), trigger, attempt }, data);
        return;
      } catch (err) {
        if (attempt >= attempts || this.closed) {
          this.recordFailure(h, data, attempt, err);
          this.s().log.error({ err, job: h.name }, 'job failed');
          return;
        }
        await new Promise((r) => setTimeout(r, backoffMs(attempt)).unref());
      }
    }
  }

  private recordFailure(h: JobHandler, data: unknown, attempts: number, err: unknown) {
    this.failures.unshift({
      id: crypto.randomUUID(),
      name: h.name,
      data,
      attempts,
      error: String((err as Error)?.stack ?? err).slice(0, 4000),
      failedAt: new Date().toISOString(),
    });
    this.failures.length = Math.min(this.failures.length, KEEP_FAILED);
  }

  private track<T>(p: Promise<T>): Promise<T> {
    this.active.add(p);
    const done = () => this.active.delete(p);
    p.then(done, done);
    return p;
  }

  async failed(limit = 50): Promise<FailedJob[]> {
    return this.failures.slice(0, limit);
  }

  async retry(id: string): Promise<boolean> {
    const i = this.failures.findIndex((f) => f.id === id);
    if (i < 0) return false;
    const [f] = this.failures.splice(i, 1);
    await this.enqueue(f!.name, f!.data);
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const t of this.timers) clearInterval(t);
    await Promise.allSettled([...this.active]);
  }
}
