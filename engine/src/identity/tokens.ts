// Opaque bearer tokens: 256 random bits given to the client once; only their sha-256 is stored, so a
// database leak yields no usable token. Expiry, idle timeout and logout are checked on every request.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import { fromDbTime, toDbTime } from '../db/time.js';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface TokenOptions {
  ttlSeconds: number;
  idleSeconds: number;
}

export class TokenStore {
  constructor(
    private knex: Knex,
    private clock: Clock,
    private opts: TokenOptions,
  ) {}

  async issue(userId: number, trx: Knex = this.knex): Promise<{ token: string; expiresAt: Date }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.opts.ttlSeconds * 1000);
    await trx('auth_tokens').insert({
      token_hash: sha256(token),
      user_id: userId,
      kind: 'bearer',
      created_at: toDbTime(now),
      expires_at: toDbTime(expiresAt),
      last_seen_at: toDbTime(now),
    });
    return { token, expiresAt };
  }

  /** The user id behind a live token, or null (unknown, revoked, expired or idle too long). */
  async resolve(token: string): Promise<{ userId: number; tokenId: number } | null> {
    const row = await this.knex('auth_tokens').where({ token_hash: sha256(token) }).first();
    if (!row || row.revoked_at) return null;
    const now = this.clock.now();
    if (fromDbTime(row.expires_at)!.getTime() <= now.getTime()) return null;
    const lastSeen = fromDbTime(row.last_seen_at)!.getTime();
    if (now.getTime() - lastSeen > this.opts.idleSeconds * 1000) return null;
    // Refresh the idle clock at most once a minute: not a write on every request.
    if (now.getTime() - lastSeen > 60_000)
      await this.knex('auth_tokens').where({ id: row.id }).update({ last_seen_at: toDbTime(now) });
    return { userId: row.user_id, tokenId: row.id };
  }

  async revoke(tokenId: number): Promise<void> {
    await this.knex('auth_tokens').where({ id: tokenId }).update({ revoked_at: toDbTime(this.clock.now()) });
  }
}
