// Configuration comes only from the environment (CONTRACT.md, "Starting").
import path from 'node:path';
import { parseRange } from '../api/admin-allowlist.js';
import { loadNotifyConfig, type NotifyConfig } from '../notify/config.js';
import { loadPluginConfig } from '../plugins/config.js';
import { loadBackupConfig, type BackupConfig } from '../backup/config.js';

export interface Config {
  port: number;
  host: string;
  databaseUrl: string | undefined;
  redisUrl: string | undefined;
  dataDir: string;
  backupDir: string;
  backupKeyFile: string | undefined;
  seedPassword: string | undefined;
  production: boolean;
  /** Seed the demo pillars and accounts at start (default: on, except in production). */
  demoSeed: boolean;
  /** Lifetime of a bearer token issued by /api/auth/login, in seconds. */
  tokenTtlSeconds: number;
  logLevel: string;
  /** The address people and apps reach the platform at (the OIDC issuer is `${publicUrl}/oidc`). Default: the listen address. */
  publicUrl: string | undefined;
  /** Administrative routes need a session opened with a second factor (always in production). */
  requireAdminMfa: boolean;
  /** OIDC_KEY_SECRET and OIDC_COOKIE_KEYS (required in production). */
  oidcKeySecret?: string;
  oidcCookieKeys?: string;
  /** Report results may come from the cache for at most this many seconds (REPORT_CACHE_SECONDS; 0 = off). */
  reportCacheSeconds?: number;
  /** Rate limits, inactive accounts, the administrative allow-list, the trusted proxy (SECURITY below). */
  security?: SecurityConfig;
  /** Jobs and notifications: schedules, channel plugins and their settings (notify/config.ts). */
  notify?: NotifyConfig;
  /** Backups: targets, key, schedule, retention (backup/config.ts). */
  backup?: BackupConfig;
  /** Plugins enabled in this deployment (PLUGINS, comma list: "edxml,central-sync"; engine/src/plugins). */
  plugins?: string[];
  /** The settings plugins read: variables named after an enabled plugin (EDXML_*, CENTRAL_SYNC_*) and INTEGRATIONS_…, WEBHOOKS_…. */
  pluginEnv?: Record<string, string | undefined>;
}

export interface SecurityConfig {
  /** Requests per minute from one address (RATE_LIMIT_PER_IP_PER_MIN, default 600; 0 = off). */
  rateLimitPerIpPerMin: number;
  /** Requests per minute of one signed-in account or integration (RATE_LIMIT_PER_ACCOUNT_PER_MIN, default 600; 0 = off). */
  rateLimitPerAccountPerMin: number;
  /** Sign-in attempts (and password / second-factor checks) per minute from one address (RATE_LIMIT_LOGIN_PER_IP_PER_MIN, default 100; 0 = off). */
  rateLimitLoginPerIpPerMin: number;
  /** Accounts without a sign-in for this many days are disabled (INACTIVE_DAYS, default 45; 0 = never). */
  inactiveDays: number;
  /** Addresses or CIDR ranges allowed to reach administrative routes (ADMIN_ALLOWLIST, comma list; absent = any). */
  adminAllowlist: string[] | undefined;
  /** Behind a reverse proxy (TRUST_PROXY=true): the client address is the one the outermost of TRUST_PROXY_HOPS proxies saw. */
  trustProxy: boolean;
  trustProxyHops: number;
}

const count = (v: string | undefined, fallback: number) => (v === undefined || v === '' ? fallback : Math.max(0, Math.floor(Number(v)) || 0));

export function loadSecurityConfig(env: NodeJS.ProcessEnv = process.env): SecurityConfig {
  const list = (env.ADMIN_ALLOWLIST ?? '').split(',').map((x) => x.trim()).filter(Boolean);
  list.forEach(parseRange); // a typo must stop the start, not open or close the gate silently
  return {
    rateLimitPerIpPerMin: count(env.RATE_LIMIT_PER_IP_PER_MIN, 600),
    rateLimitPerAccountPerMin: count(env.RATE_LIMIT_PER_ACCOUNT_PER_MIN, 600),
    rateLimitLoginPerIpPerMin: count(env.RATE_LIMIT_LOGIN_PER_IP_PER_MIN, 100),
    inactiveDays: count(env.INACTIVE_DAYS, 45),
    adminAllowlist: list.length ? list : undefined,
    trustProxy: env.TRUST_PROXY === 'true',
    trustProxyHops: Math.max(1, count(env.TRUST_PROXY_HOPS, 1)),
  };
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const dataDir = path.resolve(env.DATA_DIR || './data');
  const production = env.NODE_ENV === 'production';
  return {
    port: env.PORT ? Number(env.PORT) : 3000,
    host: env.HOST || '127.0.0.1',
    databaseUrl: env.DATABASE_URL || undefined,
    redisUrl: env.REDIS_URL || undefined,
    dataDir,
    backupDir: path.resolve(env.BACKUP_DIR || path.join(dataDir, 'backups')),
    backupKeyFile: env.BACKUP_KEY_FILE || undefined,
    seedPassword: env.SEED_PASSWORD || undefined,
    production,
    demoSeed: env.DEMO_SEED ? env.DEMO_SEED !== 'false' : !production,
    tokenTtlSeconds: env.TOKEN_TTL_SECONDS ? Number(env.TOKEN_TTL_SECONDS) : 8 * 3600,
    logLevel: env.LOG_LEVEL || (env.NODE_ENV === 'test' ? 'silent' : 'info'),
    publicUrl: env.PUBLIC_URL ? env.PUBLIC_URL.replace(/\/+$/, '') : undefined,
    requireAdminMfa: production || env.REQUIRE_ADMIN_MFA === 'true',
    oidcKeySecret: env.OIDC_KEY_SECRET || undefined,
    oidcCookieKeys: env.OIDC_COOKIE_KEYS || undefined,
    reportCacheSeconds: env.REPORT_CACHE_SECONDS ? Math.max(0, Number(env.REPORT_CACHE_SECONDS) || 0) : 60,
    security: loadSecurityConfig(env),
    notify: loadNotifyConfig(env),
    backup: loadBackupConfig(env, dataDir),
    ...loadPluginConfig(env),
  };
}
