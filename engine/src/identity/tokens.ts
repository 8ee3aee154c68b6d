// Opaque bearer tokens: 256 random bits given to the client once; only their sha-256 is stored, so a
// database leak yields no usable token. Expiry, idle timeout and logout are checked on every request.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Clock } from '../config/clock.js';
import { fromDbTime, toDbTime } from '../db/time.js';
import { joinPositions, PRINCIPAL_COLUMNS, principalFromRows, type Principal } from '../org/principal.js';

export const sha256 = (s: string) => crypto.createHash('sha256').update(s).digest('hex');

export interface TokenOptions {
  ttlSeconds: number;
  idleSeconds: number;
}

export interface LiveToken {
  userId: number;
  tokenId: number;
  mfa: boolean;
  csrfHash: string | null;
}

const TOKEN_COLUMNS = ['t.id as token_id', 't.user_id as token_user_id', 't.kind', 't.revoked_at', 't.expires_at', 't.last_seen_at', 't.mfa', 't.csrf_hash'];

export class TokenStore {
  /** The SQL of `resolveWithPrincipal`, compiled once (it runs on every request). */
  private withPrincipal?: { sql: string; bindings: readonly Knex.RawBinding[]; hashAt: number };

  constructor(
    private knex: Knex,
    private clock: Clock,
    private opts: TokenOptions,
  ) {}

  async issue(userId: number, trx: Knex = this.knex, opts: { kind?: 'bearer' | 'session'; mfa?: boolean; csrfHash?: string; clientId?: string } = {}): Promise<{ token: string; expiresAt: Date }> {
    const token = crypto.randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.opts.ttlSeconds * 1000);
    await trx('auth_tokens').insert({
      token_hash: sha256(token),
      user_id: userId,
      kind: opts.kind ?? 'bearer',
      mfa: !!opts.mfa,
      csrf_hash: opts.csrfHash ?? null,
      client_id: opts.clientId ?? null,
      created_at: toDbTime(now),
      expires_at: toDbTime(expiresAt),
      last_seen_at: toDbTime(now),
    });
    return { token, expiresAt };
  }

  /** The user behind a live token of that kind, or null (unknown, revoked, expired or idle too long). */
  async resolve(token: string, kind: 'bearer' | 'session' = 'bearer'): Promise<LiveToken | null> {
    const row = await this.knex('auth_tokens').where({ token_hash: sha256(token) }).first();
    return row ? this.live({ ...row, token_id: row.id, token_user_id: row.user_id }, kind) : null;
  }

  /**
   * `resolve` and the token's user with their active positions in one statement (this runs on every
   * request): the same checks of the token; `principal` is null when the user is no longer active.
   */
  async resolveWithPrincipal(token: string, kind: 'bearer' | 'session' = 'bearer'): Promise<(LiveToken & { principal: Principal | null }) | null> {
    if (!this.withPrincipal) {
      const HASH = '\u0000token';
      const users = this.knex('auth_tokens as t').leftJoin('users as u', function () {
        this.on('u.id', 't.user_id').andOnVal('u.active', '=', true);
      });
      const q = joinPositions(this.knex, users).where('t.token_hash', HASH).select([...TOKEN_COLUMNS, ...PRINCIPAL_COLUMNS]).toSQL();
      this.withPrincipal = { sql: q.sql, bindings: q.bindings, hashAt: q.bindings.indexOf(HASH) };
    }
    const { sql, bindings, hashAt } = this.withPrincipal;
    const res: any = await this.knex.raw(sql, bindings.map((b, i) => (i === hashAt ? sha256(token) : b)));
    const rows: any[] = Array.isArray(res[0]) ? res[0] : res; // mysql2: [rows, fields]; better-sqlite3: rows
    if (!rows.length) return null;
    const live = await this.live(rows[0], kind);
    return live && { ...live, principal: principalFromRows(rows) };
  }

  /** Checks a token row (kind, revocation, lifetime, idle time); refreshes its idle clock at most once a minute. */
  private async live(row: any, kind: 'bearer' | 'session'): Promise<LiveToken | null> {
    if (row.revoked_at || row.kind !== kind) return null;
    const now = this.clock.now();
    if (fromDbTime(row.expires_at)!.getTime() <= now.getTime()) return null;
    const lastSeen = fromDbTime(row.last_seen_at)!.getTime();
    if (now.getTime() - lastSeen > this.opts.idleSeconds * 1000) return null;
    // Refresh the idle clock at most once a minute: not a write on every request.
    if (now.getTime() - lastSeen > 60_000) await this.knex('auth_tokens').where({ id: row.token_id }).update({ last_seen_at: toDbTime(now) });
    return { userId: row.token_user_id, tokenId: row.token_id, mfa: !!row.mfa, csrfHash: row.csrf_hash ?? null };
  }

  /** Marks a live token as verified with a second factor (after MFA enrolment in the session). */
  async markMfa(tokenId: number): Promise<void> {
    await this.knex('auth_tokens').where({ id: tokenId }).update({ mfa: true });
  }

  async revokeAllOf(userId: number): Promise<void> {
    await this.knex('auth_tokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: toDbTime(this.clock.now()) });
  }

  async revoke(tokenId: number): Promise<void> {
    await this.knex('auth_tokens').where({ id: tokenId }).update({ revoked_at: toDbTime(this.clock.now()) });
  }
}
