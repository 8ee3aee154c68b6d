// Plans tasks in creation order: the state that spans batches (random stream, code sequences, recent
// tasks that may receive sub-tasks) lives here, so planning can run in this thread or in a worker.
import type { DemoContext } from './context.js';
import { planTask, type Generated, type ParentCandidate } from './task.js';
import { pick, rng } from './vocab.js';

export interface PlannerOptions {
  tasks: number;
  seed: number;
  spanMs: number;
  now: number;
  subtaskShare: number;
  firstId: number;
  /** Code sequences per `${pillar}:${year}` as stored; advanced as codes are handed out. */
  seqs: Map<string, number>;
}

export type Batch = { tasks: Record<string, unknown>[]; task_parties: Record<string, unknown>[]; task_events: Record<string, unknown>[] };

export function toBatch(out: Generated[]): Batch {
  return { tasks: out.map((g) => g.task), task_parties: out.flatMap((g) => g.parties), task_events: out.flatMap((g) => g.events) };
}

export function createPlanner(ctx: DemoContext, o: PlannerOptions) {
  const r = rng(o.seed);
  const pillarKeys = [...ctx.pillars.keys()].sort();
  const recent = new Map<string, ParentCandidate[]>(pillarKeys.map((p) => [p, []]));
  return (i: number): Generated => {
    // Chronological: ids grow with creation time, as they would in production.
    let createdAt = Math.round(o.now - o.spanMs + (o.spanMs * (i + r())) / o.tasks) - 3_600_000;
    const pillar = pick(r, pillarKeys);
    const pool = recent.get(pillar)!;
    let parent: ParentCandidate | null = null;
    if (r() < o.subtaskShare && pool.length) {
      // Delegated hours to days after the parent was created, and before it was closed.
      parent = pick(r, pool);
      const until = Math.min(parent.completedAt ?? o.now, o.now, parent.createdAt + 3 * 86_400_000);
      createdAt = Math.round(parent.createdAt + (until - parent.createdAt) * (0.1 + 0.5 * r()));
    }
    const g = planTask(ctx, r, { id: o.firstId + i, createdAt, now: o.now, pillar, seqs: o.seqs, parent });
    if (g.candidate) {
      pool.push(g.candidate);
      if (pool.length > 50) pool.shift();
    }
    return g;
  };
}
