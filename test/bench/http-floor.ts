// The HTTP floor of an operation: the least any HTTP engine on this stack can cost. A Koa server (the
// engine's framework) in a process of its own that, for each request, runs the operation's captured
// statements straight through the driver (as the driver-only replay does) and answers with the engine's
// own response body, serialised per request — no routing, authentication, permissions, validation,
// history or query builder. Its rate over the driver's is the highest engine/driver ratio reachable here.
//
// Run as a child: `node --import tsx test/bench/http-floor.ts <plan.json>`; prints `listening <url>`.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Koa from 'koa';
import type { Statement } from './capture.js';
import { bind, openDriver, type Driver } from './replay.js';

export interface FloorPlan {
  url: string;
  connections: number;
  statements: Statement[];
  /** The task id of the captured request, replaced by the id at the end of each request's path. */
  pathId?: { columns: string[]; from: number };
  response: unknown;
}

async function serve(plan: FloorPlan) {
  const sqlite = plan.url.startsWith('sqlite:');
  // SQLite: one synchronous connection, as the engine has; MariaDB: one connection per client connection.
  const idle: Driver[] = Array.from({ length: sqlite ? 1 : plan.connections }, () => openDriver(plan.url));
  const waiting: ((d: Driver) => void)[] = [];
  const take = () =>
    idle.length ? Promise.resolve(idle.pop()!) : new Promise<Driver>((r) => waiting.push(r));
  const give = (d: Driver) => (waiting.length ? waiting.shift()!(d) : idle.push(d));
  const app = new Koa();
  app.use(async (ctx) => {
    const id = Number(/\/(\d+)$/.exec(ctx.path)?.[1]);
    const rules = plan.pathId ? [{ columns: plan.pathId.columns, from: plan.pathId.from, to: () => id }] : [];
    const d = await take();
    try {
      for (const st of plan.statements) await d.run(st.sql, bind({ rules }, st, { worker: 0, n: 0 }));
    } finally {
      give(d);
    }
    ctx.body = plan.response;
  });
  const server = app.listen(0, '127.0.0.1', () => {
    const { port } = server.address() as { port: number };
    console.log(`listening http://127.0.0.1:${port}`);
  });
}

/** Starts the floor server for `plan` in a child process; `stop` ends it. */
export async function startFloor(plan: FloorPlan): Promise<{ url: string; stop: () => Promise<void> }> {
  const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-floor-')), 'plan.json');
  // Dates among the bindings stay dates (the drivers bind them differently from their ISO strings).
  fs.writeFileSync(
    file,
    JSON.stringify(plan, function (this: Record<string, unknown>, key, value) {
      return this[key] instanceof Date ? { $date: (this[key] as Date).valueOf() } : value;
    }),
  );
  const child = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), file], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = /listening (\S+)/.exec(out);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`http floor exited with ${code}: ${out}`)));
  });
  return {
    url,
    stop: async () => {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
      fs.rmSync(path.dirname(file), { recursive: true, force: true });
    },
  };
}

const revive = (_key: string, v: unknown) =>
  v && typeof v === 'object' && '$date' in v ? new Date((v as { $date: number }).$date) : v;
if (process.argv[1] === fileURLToPath(import.meta.url))
  await serve(JSON.parse(fs.readFileSync(process.argv[2]!, 'utf8'), revive) as FloorPlan);
