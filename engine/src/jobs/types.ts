// The jobs capability: one JobRunner interface, two implementations (BullMQ when REDIS_URL is set, an
// in-process runner otherwise) running the same registered handlers on the same schedules.
import type { Services } from '../services.js';

export interface JobContext {
  s: Services;
  /** Where the run came from: a schedule tick, an enqueue, or runNow (tests, administrators). */
  trigger: 'schedule' | 'enqueue' | 'manual';
  attempt: number;
}

/** A job is one small registered module (Directus' operations): a name and a handler. */
export interface JobHandler<D = any, R = unknown> {
  name: string;
  /** Repeat every `everyMs` while the engine runs (one run per tick across all engine instances). */
  everyMs?: (s: Services) => number | undefined;
  /** Attempts before a run is recorded as failed (exponential backoff between them). Default 5. */
  attempts?: number;
  run(ctx: JobContext, data: D): Promise<R>;
}

export const defineJob = <D = any, R = unknown>(h: JobHandler<D, R>) => h;

export interface FailedJob {
  id: string;
  name: string;
  data: unknown;
  attempts: number;
  error: string;
  failedAt: string | null;
}

export interface JobRunner {
  readonly kind: 'bullmq' | 'in-process';
  register(h: JobHandler): void;
  /** Starts workers, and the schedules unless `schedule` is false (tests trigger runs by hand). */
  start(opts: { schedule: boolean }): Promise<void>;
  /** Runs a handler here and now, awaiting its result (same code as a scheduled run). */
  runNow<R = unknown>(name: string, data?: unknown): Promise<R>;
  /** Queues a run soon; runs queued under the same `dedupeId` while one waits collapse into one. */
  enqueue(name: string, data?: unknown, opts?: { dedupeId?: string; delayMs?: number }): Promise<void>;
  failed(limit?: number): Promise<FailedJob[]>;
  retry(id: string): Promise<boolean>;
  /** Graceful: stops taking work and waits for the running handlers. */
  close(): Promise<void>;
}

export function backoffMs(attempt: number, baseMs = 1000, maxMs = 60_000): number {
  return Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt - 1));
}
