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

  /** Writes in the caller's transaction when given one, so the entry commits or rolls back with the change. */
  async write(e: AuditEntry, trx: Knex = this.knex): Promise<void> {
    await trx('audit_log').insert({
      at: toDbTime(this.clock.now()),
      actor_id: e.actorId ?? null,
      actor: e.actor ?? null,
      action: e.action,
      outcome: e.outcome ?? 'ok',
      subject_type: e.subjectType ?? null,
      subject_id: e.subjectId === undefined ? null : String(e.subjectId),
      pillar: e.pillar ?? null,
      ip: e.ip ?? null,
      detail: e.detail === undefined ? null : writeJson(e.detail),
    });
  }
}
