// Retention of the audit log: entries are kept at least 90 days (DOMAIN.md, "logging … kept at least 3
// months"). Pruning older entries is an explicit operator decision (`audit prune --older-than <days>`),
// never below that floor, and is itself audited.
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import { toDbTime } from '../db/time.js';
import type { AuditLog } from './log.js';

export const MIN_RETENTION_DAYS = 90;

export class RetentionError extends Error {}

/** Deletes entries older than `days` days (≥ 90) by `clock`, in batches; returns how many went. */
export async function pruneAuditLog(knex: Knex, clock: Clock, audit: AuditLog, days: number, actor = 'cli'): Promise<{ deleted: number; before: Date }> {
  if (!Number.isInteger(days) || days < MIN_RETENTION_DAYS)
    throw new RetentionError(`audit entries are kept at least ${MIN_RETENTION_DAYS} days: --older-than must be an integer ≥ ${MIN_RETENTION_DAYS} (got ${days})`);
  const before = new Date(clock.now().getTime() - days * 24 * 3600_000);
  const cutoff = toDbTime(before);
  let deleted = 0;
  for (;;) {
    // Batches by id keep each statement (and lock) short on a large log.
    const ids = await knex('audit_log').where('at', '<', cutoff).orderBy('id').limit(5000).pluck('id');
    if (!ids.length) break;
    deleted += await knex('audit_log').whereIn('id', ids).where('at', '<', cutoff).delete();
  }
  await audit.write({ action: 'audit.prune', actor, pillar: null, detail: { olderThanDays: days, before: before.toISOString(), deleted } });
  return { deleted, before };
}
