// The audit log: logins, failures, lockouts, permission denials, administrative and metadata changes.
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import { toDbTime } from '../db/time.js';
import { writeJson } from '../db/json.js';

export interface AuditEntry {
  action: string;
  outcome?: 'ok' | 'denied' | 'failed';
  actorId?: number | null;
  actor?: string | null;
  subjectType?: string;
  subjectId?: string | number;
  pillar?: string | null;
  ip?: string;
  detail?: unknown;
}

export class AuditLog {
  constructor(
    private knex: Knex,
    private clock: Clock,
  ) {}

  /**
   * Writes in the caller's transaction when given one, so the entry commits or rolls back with the change.
   * An entry that names no pillar gets its actor's, so a pillar's administrators see their people's
   * sign-ins and denials (GET /api/audit filters by pillar); `pillar: null` keeps it platform-level.
   */
  async write(e: AuditEntry, trx: Knex = this.knex): Promise<void> {
    let pillar = e.pillar;
    if (pillar === undefined && (e.actorId || e.actor)) {
      const u = await trx('users')
        .where(e.actorId ? { id: e.actorId } : { username: e.actor! })
        .first('pillar');
      pillar = u?.pillar ?? null;
    }
    await trx('audit_log').insert({
      at: toDbTime(this.clock.now()),
      actor_id: e.actorId ?? null,
      actor: e.actor ?? null,
      action: e.action,
      outcome: e.outcome ?? 'ok',
      subject_type: e.subjectType ?? null,
      subject_id: e.subjectId === undefined ? null : String(e.subjectId),
      pillar: pillar ?? null,
      ip: e.ip ?? null,
      detail: e.detail === undefined ? null : writeJson(e.detail),
    });
  }
}
