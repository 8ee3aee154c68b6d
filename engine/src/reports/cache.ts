// Report results cached in the database (shared by every engine instance), keyed by a hash of the
// report's key, version and checksum, the parameters, the viewer's scope (the compiled permission filter),
// today and the data version (the newest history event: every task change writes one). A change to the
// tasks therefore misses the cache at once; anything else is at most `ttlSeconds` stale.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import { toDbTime } from '../db/time.js';

const MAX_BODY = 4 * 1024 * 1024;

export class ReportCache {
  private lastSweep = 0;

  constructor(
    private knex: Knex,
    private clock: Clock,
    readonly ttlSeconds: number,
  ) {}

  get enabled(): boolean {
    return this.ttlSeconds > 0;
  }

  static keyOf(parts: unknown): string {
    return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex');
  }

  private oldestFresh(): string {
    return toDbTime(new Date(this.clock.now().getTime() - this.ttlSeconds * 1000));
  }

  async get<T>(key: string): Promise<T | undefined> {
    if (!this.enabled) return undefined;
    const row = await this.knex('report_cache').where({ cache_key: key }).where('created_at', '>=', this.oldestFresh()).first('body');
    return row ? (JSON.parse(row.body) as T) : undefined;
  }

  async set(key: string, reportKey: string, value: unknown): Promise<void> {
    if (!this.enabled) return;
    const body = JSON.stringify(value);
    if (body.length > MAX_BODY) return;
    const now = this.clock.now();
    await this.knex('report_cache')
      .insert({ cache_key: key, report_key: reportKey.slice(0, 100), created_at: toDbTime(now), body })
      .onConflict('cache_key')
      .merge();
    if (now.getTime() - this.lastSweep > this.ttlSeconds * 1000) {
      this.lastSweep = now.getTime();
      await this.knex('report_cache').where('created_at', '<', this.oldestFresh()).delete();
    }
  }
}

/** What a cached result depends on besides the request: the newest task event, metadata row and document. */
export async function dataVersion(knex: Knex): Promise<string> {
  const r = await knex
    .select(
      knex.raw('(SELECT MAX(id) FROM task_events) AS e'),
      knex.raw('(SELECT MAX(id) FROM metadata_documents) AS m'),
      knex.raw('(SELECT MAX(id) FROM documents) AS d'),
      knex.raw('(SELECT MAX(updated_at) FROM documents) AS du'),
      knex.raw('(SELECT COUNT(*) FROM calendar_days) AS cd'),
      knex.raw('(SELECT MAX(updated_at) FROM calendar_days) AS cu'),
    )
    .first();
  return JSON.stringify([r?.e ?? null, r?.m ?? null, r?.d ?? null, String(r?.du ?? ''), r?.cd ?? null, String(r?.cu ?? '')]);
}
