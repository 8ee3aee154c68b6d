// Test databases: every test file gets its own fresh database, on the engine configured for this run.
// `npm test` uses SQLite; with DATABASE_URL=mysql://… (as the second pass of .ci/run) it uses MariaDB.
// Tests that need MariaDB or Redis whatever the pass call requireMysql()/requireRedis(): they skip
// loudly when the service is absent, and fail under CI=true.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { connect } from '../../engine/src/db/connect.js';

export const DEFAULT_MYSQL_URL = 'mysql://root@127.0.0.1:3306/';
export const DEFAULT_REDIS_URL = 'redis://127.0.0.1:6379';

export function configuredDialect(): 'sqlite' | 'mysql' {
  return process.env.DATABASE_URL?.startsWith('mysql') ? 'mysql' : 'sqlite';
}

export interface TestDatabase {
  url: string;
  knex: Knex;
  drop(): Promise<void>;
}

function serverUrl(url: string): URL {
  const u = new URL(url);
  u.pathname = '/';
  return u;
}

/** A fresh, empty MySQL/MariaDB database on the server of `baseUrl`. */
export async function createMysqlDatabase(baseUrl = process.env.DATABASE_URL || DEFAULT_MYSQL_URL): Promise<TestDatabase> {
  const name = `dondoc_t_${crypto.randomBytes(5).toString('hex')}`;
  const admin = connect(serverUrl(baseUrl).toString());
  try {
    await admin.raw(`CREATE DATABASE \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.destroy();
  }
  const u = serverUrl(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const knex = connect(url);
  return {
    url,
    knex,
    async drop() {
      await knex.destroy();
      const a = connect(serverUrl(baseUrl).toString());
      try {
        await a.raw(`DROP DATABASE IF EXISTS \`${name}\``);
      } finally {
        await a.destroy();
      }
    },
  };
}

export async function createSqliteDatabase(): Promise<TestDatabase> {
  const os = await import('node:os');
  const fs = await import('node:fs');
  const path = await import('node:path');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-t-'));
  const url = `sqlite:${path.join(dir, 'test.sqlite')}`;
  const knex = connect(url);
  return {
    url,
    knex,
    async drop() {
      await knex.destroy();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database of the dialect this test run is configured for. */
export async function createTestDatabase(): Promise<TestDatabase> {
  return configuredDialect() === 'mysql' ? createMysqlDatabase() : createSqliteDatabase();
}

async function reachable(check: () => Promise<unknown>): Promise<boolean> {
  try {
    await check();
    return true;
  } catch {
    return false;
  }
}

export async function mysqlAvailable(url = process.env.DATABASE_URL?.startsWith('mysql') ? process.env.DATABASE_URL : DEFAULT_MYSQL_URL): Promise<boolean> {
  const k = connect(serverUrl(url).toString());
  try {
    return await reachable(() => k.raw('SELECT 1'));
  } finally {
    await k.destroy();
  }
}

export async function redisAvailable(url = process.env.REDIS_URL || DEFAULT_REDIS_URL): Promise<boolean> {
  const { Redis } = await import('ioredis');
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
  try {
    return await reachable(async () => {
      await r.connect();
      await r.ping();
    });
  } finally {
    r.disconnect();
  }
}

/**
 * Returns true when the service is there. When it is not: under CI=true throws (a missing service is a
 * failure there); otherwise prints a loud warning so the caller can skip.
 */
export async function requireService(name: 'MariaDB' | 'Redis', ok: boolean, what: string): Promise<boolean> {
  if (ok) return true;
  if (process.env.CI === 'true') throw new Error(`${name} is required under CI=true (${what})`);
  console.warn(`\n⚠️  SKIPPED: ${what} — ${name} is not reachable. Start it to run this test.\n`);
  return false;
}

/**
 * Tests of several engine processes on MariaDB + Redis use those services whatever the pass. `.ci/run`
 * runs `npm test` on SQLite and then on MariaDB + Redis, so they would run twice the same; for its SQLite
 * pass it sets DONDOC_SERVICE_TESTS=mysql-pass and they run in the MariaDB pass only (said loudly here).
 */
export function leftToMysqlPass(what: string): boolean {
  if (process.env.DONDOC_SERVICE_TESTS !== 'mysql-pass' || configuredDialect() === 'mysql') return false;
  console.warn(`\n*** ${what}: runs in the MariaDB + Redis pass of .ci/run (DONDOC_SERVICE_TESTS=mysql-pass) ***\n`);
  return true;
}

export const requireMysql = async (what: string) => requireService('MariaDB', await mysqlAvailable(), what);
export const requireRedis = async (what: string) => requireService('Redis', await redisAvailable(), what);
