// Lockout after 5 failed logins for one account within 15 minutes (DOMAIN.md security baseline). The
// failures live in the database, so every engine instance sees the same count.
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import { fromDbTime, toDbTime } from '../db/time.js';

export const MAX_FAILURES = 5;
export const WINDOW_MS = 15 * 60 * 1000;

export class Lockout {
  constructor(
    private knex: Knex,
    private clock: Clock,
  ) {}

  /** Seconds until the account may try again, or 0 when it is not locked. */
  async lockedFor(username: string): Promise<number> {
    const now = this.clock.now().getTime();
    const recent = await this.knex('login_failures')
      .where('username', username)
      .where('at', '>', toDbTime(new Date(now - WINDOW_MS)))
      .orderBy('at', 'desc')
      .limit(MAX_FAILURES)
      .select('at');
    if (recent.length < MAX_FAILURES) return 0;
    // Locked until the oldest of the last five failures leaves the window.
    const oldest = fromDbTime(recent[recent.length - 1].at)!.getTime();
    return Math.max(1, Math.ceil((oldest + WINDOW_MS - now) / 1000));
  }

  async recordFailure(username: string, ip: string | undefined): Promise<void> {
    await this.knex('login_failures').insert({ username, ip: ip ?? null, at: toDbTime(this.clock.now()) });
  }

  async clear(username: string): Promise<void> {
    await this.knex('login_failures').where({ username }).delete();
  }
}
