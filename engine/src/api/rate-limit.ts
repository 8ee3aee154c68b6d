// Rate limits per client address and per account, shared by every engine instance: in Redis when
// REDIS_URL is set (rate-limiter-flexible, atomic; an in-process limiter stands in while Redis is down),
// otherwise in the database (a fixed one-minute window per key in `rate_limits`). Over the limit: 429
// with Retry-After and the JSON error of CONTRACT.md; the first refusal of a window is audited.
//
// Rules (config/index.ts, SecurityConfig; 0 turns a rule off):
// - ip:      every request from one address (RATE_LIMIT_PER_IP_PER_MIN, default 600/min); /healthz is exempt;
// - login:   sign-in attempts, password changes and second-factor checks from one address
//            (RATE_LIMIT_LOGIN_PER_IP_PER_MIN, default 100/min) — password guessing spread over many
//            accounts, which the per-account lockout (identity/lockout.ts) does not see;
// - account: requests of one signed-in person or integration (RATE_LIMIT_PER_ACCOUNT_PER_MIN, default 600/min).
// IPv6 clients are counted per /64, the block one subscriber usually holds.
import type { Knex } from 'knex';
import type Koa from 'koa';
import { Redis } from 'ioredis';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes } from 'rate-limiter-flexible';
import type { Clock } from '../config/clock.js';
import type { Config, SecurityConfig } from '../config/index.js';
import type { AuditLog } from '../audit/log.js';
import { dialectOf } from '../db/connect.js';
import { fromDbTime, toDbTime } from '../db/time.js';
import { HttpError } from './errors.js';
import { normalizeIp, parseIp } from './admin-allowlist.js';
import type { AppState } from './state.js';

export interface Rule {
  name: 'ip' | 'login' | 'account';
  points: number;
  durationSec: number;
}

export interface Consumed {
  allowed: boolean;
  /** Hits in the current window, this one included. */
  hits: number;
  /** Seconds until the window ends. */
  resetSec: number;
}

export interface LimitStore {
  consume(rule: Rule, key: string): Promise<Consumed>;
  close(): Promise<void>;
}

export class RateLimitedError extends HttpError {
  constructor(readonly retryAfter: number) {
    super(429, 'rate_limited', 'Quá nhiều yêu cầu trong thời gian ngắn, vui lòng thử lại sau');
  }
}

/** Fixed windows in the database: one upsert per hit, atomic on both dialects. */
export class DbLimitStore implements LimitStore {
  private lastSweep = 0;
  constructor(
    private knex: Knex,
    private clock: Clock,
  ) {}

  async consume(rule: Rule, key: string): Promise<Consumed> {
    const now = this.clock.now();
    const bucket = `${rule.name}:${key}`.slice(0, 200);
    const nowDb = toDbTime(now);
    const resetDb = toDbTime(new Date(now.getTime() + rule.durationSec * 1000));
    let row: { hits: number; reset_at: unknown };
    if (dialectOf(this.knex) === 'mysql') {
      // ON DUPLICATE KEY UPDATE assigns left to right and later expressions see earlier results:
      // hits is 1 after the update exactly when the window was renewed.
      row = await this.knex.transaction(async (trx) => {
        await trx.raw(
          'INSERT INTO rate_limits (bucket, hits, reset_at) VALUES (?, 1, ?) ON DUPLICATE KEY UPDATE hits = IF(reset_at <= ?, 1, hits + 1), reset_at = IF(hits = 1, ?, reset_at)',
          [bucket, resetDb, nowDb, resetDb],
        );
        return (await trx('rate_limits').where({ bucket }).first('hits', 'reset_at')) as { hits: number; reset_at: unknown };
      });
    } else {
      // SQLite evaluates every SET expression against the old row.
      const r = await this.knex.raw(
        'INSERT INTO rate_limits (bucket, hits, reset_at) VALUES (?, 1, ?) ON CONFLICT(bucket) DO UPDATE SET hits = CASE WHEN reset_at <= ? THEN 1 ELSE hits + 1 END, reset_at = CASE WHEN reset_at <= ? THEN ? ELSE reset_at END RETURNING hits, reset_at',
        [bucket, resetDb, nowDb, nowDb, resetDb],
      );
      row = (r as Array<{ hits: number; reset_at: unknown }>)[0]!;
    }
    if (now.getTime() - this.lastSweep > 60_000) {
      this.lastSweep = now.getTime();
      await this.knex('rate_limits').where('reset_at', '<', nowDb).delete();
    }
    const hits = Number(row.hits);
    const resetSec = Math.max(1, Math.ceil((fromDbTime(row.reset_at)!.getTime() - now.getTime()) / 1000));
    return { allowed: hits <= rule.points, hits, resetSec };
  }

  async close(): Promise<void> {}
}

/** Redis through rate-limiter-flexible; while Redis is unreachable each instance counts on its own. */
export class RedisLimitStore implements LimitStore {
  private redis: Redis;
  private limiters = new Map<string, RateLimiterRedis>();

  constructor(
    url: string,
    private prefix: string,
    private onError: (err: unknown) => void,
  ) {
    this.redis = new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
    this.redis.on('error', onError);
  }

  private limiter(rule: Rule): RateLimiterRedis {
    const id = `${rule.name}:${rule.points}:${rule.durationSec}`;
    let l = this.limiters.get(id);
    if (!l) {
      l = new RateLimiterRedis({
        storeClient: this.redis,
        keyPrefix: `${this.prefix}:${rule.name}`,
        points: rule.points,
        duration: rule.durationSec,
        insuranceLimiter: new RateLimiterMemory({ points: rule.points, duration: rule.durationSec }),
      });
      this.limiters.set(id, l);
    }
    return l;
  }

  async consume(rule: Rule, key: string): Promise<Consumed> {
    try {
      const r = await this.limiter(rule).consume(key, 1);
      return { allowed: true, hits: r.consumedPoints, resetSec: Math.max(1, Math.ceil(r.msBeforeNext / 1000)) };
    } catch (rej) {
      if (rej instanceof RateLimiterRes) return { allowed: false, hits: rej.consumedPoints, resetSec: Math.max(1, Math.ceil(rej.msBeforeNext / 1000)) };
      // Neither Redis nor the insurance limiter answered: let the request through rather than fail the service.
      this.onError(rej);
      return { allowed: true, hits: 0, resetSec: rule.durationSec };
    }
  }

  async close(): Promise<void> {
    this.redis.disconnect();
  }
}

/** The counting key of a client address: IPv4 as is, IPv6 by its /64. */
export function addressKey(ip: string | undefined): string {
  const a = ip ? parseIp(ip) : null;
  if (!a) return normalizeIp(ip ?? 'unknown');
  if (a.family === 4) return normalizeIp(ip!);
  return `${(a.value >> 64n).toString(16)}::/64`;
}

const LOGIN_PATHS = [/^\/api\/auth\/login$/, /^\/api\/auth\/password$/, /^\/api\/auth\/mfa\/enable$/, /^\/oidc\/interaction\/[^/]+\/(login|mfa|password)$/];

export class RateLimits {
  private ipRule?: Rule;
  private loginRule?: Rule;
  private accountRule?: Rule;

  constructor(
    private store: LimitStore,
    limits: Pick<SecurityConfig, 'rateLimitPerIpPerMin' | 'rateLimitLoginPerIpPerMin' | 'rateLimitPerAccountPerMin'>,
    private audit: AuditLog,
  ) {
    if (limits.rateLimitPerIpPerMin) this.ipRule = { name: 'ip', points: limits.rateLimitPerIpPerMin, durationSec: 60 };
    if (limits.rateLimitLoginPerIpPerMin) this.loginRule = { name: 'login', points: limits.rateLimitLoginPerIpPerMin, durationSec: 60 };
    if (limits.rateLimitPerAccountPerMin) this.accountRule = { name: 'account', points: limits.rateLimitPerAccountPerMin, durationSec: 60 };
  }

  private async hit(rule: Rule, key: string, ctx: Koa.ParameterizedContext<AppState>): Promise<void> {
    const r = await this.store.consume(rule, key);
    if (r.allowed) return;
    // One audit entry per key and window: the first refusal, not every one of a flood.
    if (r.hits === rule.points + 1) {
      const p = ctx.state.principal;
      await this.audit.write({ action: 'rate.limited', outcome: 'denied', actorId: p?.id || null, actor: p?.username ?? null, ip: ctx.ip, detail: { rule: rule.name, limit: rule.points, windowSeconds: rule.durationSec, path: ctx.path } });
    }
    throw new RateLimitedError(r.resetSec);
  }

  /** Before anything else (static files, the OpenID provider, the API): per address, and sign-ins per address. */
  perAddress(): Koa.Middleware<AppState> {
    return async (ctx, next) => {
      if (ctx.path !== '/healthz') {
        const key = addressKey(ctx.ip);
        if (this.ipRule) await this.hit(this.ipRule, key, ctx);
        if (this.loginRule && ctx.method === 'POST' && LOGIN_PATHS.some((re) => re.test(ctx.path))) await this.hit(this.loginRule, key, ctx);
      }
      await next();
    };
  }

  /** After authentication: per person (user id) or integration (client id). */
  perAccount(): Koa.Middleware<AppState> {
    return async (ctx, next) => {
      const p = ctx.state.principal;
      if (this.accountRule && p) await this.hit(this.accountRule, p.clientId && !p.id ? `client:${p.clientId}` : `user:${p.id}`, ctx);
      await next();
    };
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

/** The store for this deployment: Redis when configured (keys prefixed by the installation id), else the database. */
export async function createRateLimits(config: Config, knex: Knex, clock: Clock, audit: AuditLog, log: { warn(obj: unknown, msg?: string): void }): Promise<RateLimits> {
  const limits = config.security ?? { rateLimitPerIpPerMin: 600, rateLimitLoginPerIpPerMin: 100, rateLimitPerAccountPerMin: 600 };
  let store: LimitStore;
  if (config.redisUrl) {
    const row = await knex('security_settings').where({ name: 'installation_id' }).first('value');
    let warned = 0;
    store = new RedisLimitStore(config.redisUrl, `dondoc:rl:${row?.value ?? 'default'}`, (err) => {
      // Redis errors repeat while it is down: log now and then, not on every request.
      if (Date.now() - warned > 60_000) {
        warned = Date.now();
        log.warn({ err }, 'rate limits: Redis unavailable, counting per instance');
      }
    });
  } else store = new DbLimitStore(knex, clock);
  return new RateLimits(store, limits, audit);
}
