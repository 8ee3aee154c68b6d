// Configuration comes only from the environment (CONTRACT.md, "Starting").
import path from 'node:path';

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
  /** Report results may come from the cache for at most this many seconds (REPORT_CACHE_SECONDS; 0 = off). */
  reportCacheSeconds?: number;
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
    reportCacheSeconds: env.REPORT_CACHE_SECONDS ? Math.max(0, Number(env.REPORT_CACHE_SECONDS) || 0) : 60,
  };
}
