// Starts real engine instances over HTTP on loopback, on a fresh database of this run's dialect.
import os from 'node:os';
import fs from 'node:fs';
import path from 'node:path';
import { createEngine, type Engine } from '../../engine/src/app.js';
import { loadConfig, type Config } from '../../engine/src/config/index.js';
import type { Clock } from '../../engine/src/config/clock.js';
import { createTestDatabase, type TestDatabase } from './databases.js';
import { checkResponse, forgetOpenApi } from './openapi.js';

export const SEED_PASSWORD = 'Demo-Password-2026!';

export interface RunningEngine {
  url: string;
  engine: Engine;
  close(): Promise<void>;
}

export async function startEngine(opts: { db: TestDatabase; redisUrl?: string; clock?: Clock; env?: Record<string, string> }): Promise<RunningEngine> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-data-'));
  const config: Config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: opts.db.url,
    DATA_DIR: dataDir,
    SEED_PASSWORD,
    ...(opts.redisUrl ? { REDIS_URL: opts.redisUrl } : {}),
    ...opts.env,
  });
  const engine = await createEngine(config, { clock: opts.clock });
  const { url } = await engine.listen(0, '127.0.0.1');
  return {
    url,
    engine,
    async close() {
      forgetOpenApi(url);
      await engine.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** One engine on a fresh database, torn down together. */
export async function startTestPlatform(opts: { clock?: Clock; env?: Record<string, string> } = {}) {
  const db = await createTestDatabase();
  const running = await startEngine({ db, ...opts });
  return {
    ...running,
    db,
    api: new ApiClient(running.url),
    async close() {
      await running.close();
      await db.drop();
    },
  };
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
  headers: Headers;
}

/** A thin HTTP client: what an outside script would do. Every answer is checked against the engine's OpenAPI document (./openapi.ts). */
export class ApiClient {
  private tokens = new Map<string, string>();
  constructor(readonly url: string) {}

  async request<T = any>(method: string, p: string, opts: { token?: string; body?: unknown; raw?: string | Buffer; headers?: Record<string, string> } = {}): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = { ...opts.headers };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    let body: any;
    if (opts.raw !== undefined) body = opts.raw;
    else if (opts.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(opts.body);
    }
    const res = await fetch(`${this.url}${p}`, { method, headers, body });
    const text = await res.text();
    let parsed: any = text;
    if ((res.headers.get('content-type') ?? '').includes('json') && text) parsed = JSON.parse(text);
    await checkResponse(this.url, method, p, res, parsed);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async login(username: string, password = SEED_PASSWORD): Promise<string> {
    const cached = this.tokens.get(username);
    if (cached && password === SEED_PASSWORD) return cached;
    const r = await this.request('POST', '/api/auth/login', { body: { username, password } });
    if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${JSON.stringify(r.body)}`);
    this.tokens.set(username, r.body.token);
    return r.body.token;
  }

  async as<T = any>(username: string, method: string, p: string, body?: unknown): Promise<ApiResponse<T>> {
    return this.request<T>(method, p, { token: await this.login(username), body });
  }
}
