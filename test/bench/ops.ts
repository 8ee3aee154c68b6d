// Engine vs driver-only, per operation: autocannon against a real engine process (spawnEngine), then the
// SQL that one such request made an in-process engine issue, replayed through the driver at the same
// concurrency. The ratio engine/driver is the cost of everything the engine adds.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Knex } from 'knex';
import { createEngine } from '../../engine/src/app.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { spawnEngine } from '../support/processes.js';
import { SEED_PASSWORD } from '../support/engine.js';
import { DEFAULT_REDIS_URL } from '../support/databases.js';
import { benchUrl, seedTo, tuneMysql, type BenchDialect } from './db.js';
import { captureQueries, markJobs } from './capture.js';
import { load, type LoadOptions } from './load.js';
import { replay, type ReplayPlan } from './replay.js';
import { printTable, type Row } from './report.js';
import { startFloor, type FloorPlan } from './http-floor.js';

export interface OpsOptions {
  dialect: BenchDialect;
  name: string;
  tasks: number;
  fresh: boolean;
  connections: number;
  duration: number;
}

/** Rate limits (600 requests/min per account by default) would cap the load: off for the bench engines. */
export const BENCH_ENV = {
  RATE_LIMIT_PER_IP_PER_MIN: '0',
  RATE_LIMIT_PER_ACCOUNT_PER_MIN: '0',
  RATE_LIMIT_LOGIN_PER_IP_PER_MIN: '0',
};

export const LIST_QUERY = '/api/tasks?limit=20&state=cho-tiep-nhan,dang-thuc-hien&f.doUuTien=cao';

export async function login(url: string, username: string): Promise<string> {
  const r = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password: SEED_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status}`);
  return ((await r.json()) as any).token;
}

/** An engine in this process, on the same database, only to see which SQL a request issues. */
export async function captureEngine(url: string) {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-cap-'));
  const engine = await createEngine(
    loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: dataDir, SEED_PASSWORD, ...BENCH_ENV }),
    { seed: false },
  );
  markJobs(engine.services.jobs);
  const { url: base } = await engine.listen(0, '127.0.0.1');
  const send = (token: string, method: string, p: string, body?: unknown) =>
    fetch(`${base}${p}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).then(async (r) => ({ status: r.status, body: (await r.json()) as any }));
  /** The statements of the second of two identical requests (the first warms the caches). */
  const capture = async (token: string, method: string, p: string, body?: unknown, warm = true) => {
    if (warm) await send(token, method, p, body);
    let res: any;
    const statements = await captureQueries(
      engine.services.knex,
      async () => (res = await send(token, method, p, body)),
    );
    if (res.status >= 300)
      throw new Error(`capture ${method} ${p}: ${res.status} ${JSON.stringify(res.body)}`);
    return { statements, res };
  };
  return {
    engine,
    send,
    capture,
    close: async () => (await engine.close(), fs.rmSync(dataDir, { recursive: true, force: true })),
  };
}

const taskRows = (knex: Knex, ids: number[]) =>
  knex('tasks').whereIn('id', ids).select('id', 'version', 'history_seq');

export async function runOps(o: OpsOptions): Promise<Row[]> {
  const url = await benchUrl(o.dialect, o.name, o.fresh);
  if (o.dialect === 'mysql') await tuneMysql(url);
  await seedTo(url, o.tasks);
  // BENCH_ENGINE_NODE_OPTIONS: Node options of the measured engine, e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof`.
  const nodeOptions: Record<string, string> = process.env.BENCH_ENGINE_NODE_OPTIONS
    ? { NODE_OPTIONS: process.env.BENCH_ENGINE_NODE_OPTIONS }
    : {};
  const proc = await spawnEngine({
    DATABASE_URL: url,
    SEED_PASSWORD,
    DEMO_SEED: 'true',
    LOG_LEVEL: 'warn',
    ...BENCH_ENV,
    ...(o.dialect === 'mysql' ? { REDIS_URL: DEFAULT_REDIS_URL } : {}),
    ...nodeOptions,
  });
  const cap = await captureEngine(url);
  const knex = cap.engine.services.knex;
  const rows: Row[] = [];
  const C = o.connections;
  try {
    const admin = await login(proc.url, 'admin');
    const staff = await login(proc.url, 'ubnd.staff');
    const adminId = Number((await knex('users').where({ username: 'admin' }).first('id')).id);
    const ubndUnits = (
      await knex('units').where({ pillar: 'ubnd' }).whereNotNull('parent_id').orderBy('id').pluck('id')
    ).map(Number);
    const ids = (await knex('tasks').orderBy('id', 'desc').limit(2000).pluck('id')).map(Number);
    const base: Omit<LoadOptions, 'request'> = {
      url: proc.url,
      token: admin,
      connections: C,
      duration: o.duration,
    };

    /** `floor`: also measure the HTTP floor (http-floor.ts) of a read: its statements and the engine's answer, nothing else. */
    const measure = async (
      op: string,
      engineRun: LoadOptions,
      plan: ReplayPlan,
      floor?: Pick<FloorPlan, 'pathId' | 'response'>,
    ) => {
      if (process.env.BENCH_SHOW_SQL)
        console.log(
          `${op}:\n${plan.statements.map((s) => `    ${s.sql} ${JSON.stringify(s.bindings).slice(0, 200)} ${JSON.stringify(s.columns)}`).join('\n')}`,
        );
      await load({ ...engineRun, duration: 2, amount: undefined }); // warm-up: JIT, caches, pools
      const e = await load(engineRun);
      await new Promise((r) => setTimeout(r, 1500)); // requests still in flight when autocannon stops finish
      const d = await replay(url, plan, { connections: C, duration: o.duration });
      if (e.non2xx || e.errors)
        console.warn(`${op}: ${e.non2xx} non-2xx and ${e.errors} errors of ${e.requests} engine requests`);
      if (d.errors) console.warn(`${op}: ${d.errors} driver errors, first: ${d.firstError}`);
      let f: Row['floor'];
      if (floor) {
        const server = await startFloor({ url, connections: C, statements: plan.statements, ...floor });
        try {
          await load({ ...engineRun, url: server.url, duration: 2, amount: undefined });
          f = await load({ ...engineRun, url: server.url });
        } finally {
          await server.stop();
        }
      }
      rows.push({ op, engine: e, driver: d, floor: f, statements: plan.statements.length });
      console.log(
        `  ${op}: engine ${e.rps.toFixed(0)} req/s, driver ${d.rps.toFixed(0)} it/s (${plan.statements.length} statements)${f ? `, HTTP floor ${f.rps.toFixed(0)} req/s` : ''}`,
      );
    };

    // GET /api/tasks/{id}: the connection's own walk through 2,000 recent tasks.
    const get = await cap.capture(admin, 'GET', `/api/tasks/${ids[0]}`);
    await measure(
      'GET /api/tasks/{id}',
      { ...base, request: (s, n) => ({ path: `/api/tasks/${ids[(s + n * C) % ids.length]}` }) },
      {
        statements: get.statements,
        rules: [
          {
            columns: ['id', 'task_id', 'parent_id', 'owner_id'],
            from: ids[0],
            to: (it) => ids[(it.worker + it.n * C) % ids.length],
          },
        ],
      },
      {
        pathId: { columns: ['id', 'task_id', 'parent_id', 'owner_id'], from: ids[0]! },
        response: get.res.body,
      },
    );

    for (const [who, token] of [
      ['admin', admin],
      ['ubnd.staff', staff],
    ] as const) {
      const list = await cap.capture(token, 'GET', LIST_QUERY);
      await measure(
        `GET /api/tasks?limit=20 (${who})`,
        { ...base, token, request: () => ({ path: LIST_QUERY }) },
        { statements: list.statements, rules: [] },
        { response: list.res.body },
      );
    }

    // POST /api/tasks: admin assigns to a UBND unit and names themself handler (for the transitions below).
    const body = (n: number) => ({
      type: 'nhiem-vu-van-ban',
      title: `Nhiệm vụ đo tải ${n}`,
      leadUnitId: ubndUnits[n % ubndUnits.length],
      handlerId: adminId,
      data: { noiDung: 'Nội dung nhiệm vụ đo tải', nguonGiao: 'van-ban', doUuTien: 'cao' },
    });
    const created: number[] = [];
    const made = await cap.capture(admin, 'POST', '/api/tasks', body(0));
    const tag = Date.now().toString(36);
    await measure(
      'POST /api/tasks',
      {
        ...base,
        method: 'POST',
        request: (s, n) => ({ path: '/api/tasks', body: body(s * 100_000 + n) }),
        onBody: (status, b) => status === 201 && created.push(JSON.parse(b).id),
      },
      {
        statements: made.statements,
        rules: [
          {
            columns: ['code'],
            from: made.res.body.code,
            to: (it) => `${made.res.body.code}-${tag}-${it.worker}-${it.n}`,
          },
          {
            columns: ['id', 'task_id', 'parent_id', 'owner_id'],
            from: made.res.body.id,
            to: (it) => it.insertedId,
          },
        ],
      },
    );

    // POST …/transitions/cap-nhat-tien-do on tasks received first (tiep-nhan, not measured); each
    // connection keeps to its own tasks, so no two requests race on one task.
    const K = Math.floor(Math.min(created.length - 1, 4000) / C) * C;
    const mine = created.slice(0, K);
    let next = 0;
    await load({
      ...base,
      method: 'POST',
      duration: undefined,
      amount: K + 1,
      request: () => ({ path: `/api/tasks/${created[next++]}/transitions/tiep-nhan`, body: {} }),
    });
    const progress = (n: number) => ({
      data: { tienDo: 10 + (n % 9) * 10 },
      comment: 'Cập nhật tiến độ đo tải',
    });
    const probe = created[K]!;
    const before = (await taskRows(knex, [probe]))[0];
    const tr = await cap.capture(
      admin,
      'POST',
      `/api/tasks/${probe}/transitions/cap-nhat-tien-do`,
      progress(0),
      false,
    );
    const state = new Map<number, { v: number; s: number }>();
    const V = Number(before.version);
    const S = Number(before.history_seq);
    await measure(
      'POST /api/tasks/{id}/transitions/cap-nhat-tien-do',
      {
        ...base,
        method: 'POST',
        request: (s, n) => ({
          path: `/api/tasks/${mine[(s + n * C) % K]}/transitions/cap-nhat-tien-do`,
          body: progress(n),
        }),
      },
      {
        statements: tr.statements,
        // Read after the engine's run: the driver continues from the versions the engine left.
        prepare: async () => {
          for (const t of await taskRows(knex, mine))
            state.set(Number(t.id), { v: Number(t.version), s: Number(t.history_seq) });
        },
        begin: (it) => {
          it.task = mine[(it.worker + it.n * C) % K];
        },
        done: (it) => {
          const st = state.get(it.task as number)!;
          st.v++;
          st.s++;
        },
        rules: [
          { columns: ['id', 'task_id'], from: probe, to: (it) => it.task },
          { columns: ['version'], from: V, to: (it) => state.get(it.task as number)!.v },
          { columns: ['version'], from: V + 1, to: (it) => state.get(it.task as number)!.v + 1 },
          { columns: ['seq', 'history_seq'], from: S + 1, to: (it) => state.get(it.task as number)!.s + 1 },
        ],
      },
    );
    // The replay must have done the engine's work: every version it expected is now the stored one.
    const drift = (await taskRows(knex, mine)).filter(
      (t) => Number(t.version) !== state.get(Number(t.id))!.v,
    ).length;
    if (drift) console.warn(`transition replay: ${drift} tasks did not reach their expected version`);
  } finally {
    await cap.close();
    await proc.stop();
  }
  printTable(
    `${o.dialect === 'mysql' ? 'MariaDB' : 'SQLite'}, ${o.tasks.toLocaleString('en')} tasks, ${C} connections, ${o.duration} s per run`,
    rows,
  );
  return rows;
}
