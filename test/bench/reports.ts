// The four-category report (seeds/metadata/report/thong-ke-tong-hop.json) on a million tasks and the full
// unit tree, MariaDB, beside hand-written GROUP BY SQL computing the same numbers. The engine side is the
// whole report run (parameters, permission filter, compiled query, roll-up, labels, totals) with the
// cache off; the hand-written side is one query plus the unit names. Numbers are checked equal, then
// each side runs alternately and the medians are compared (target: engine ≤ 2 × hand-written).
//
//   node --conditions=@dondoc/source --import tsx test/bench/reports.ts [--tasks 1000000] [--runs 7] [--name dondoc_bench_1m]
// (MariaDB at BENCH_MYSQL_URL, default mysql://root@127.0.0.1:3306/; the database is shared with `npm run bench -- list`.)
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { createEngine, type Engine } from '../../engine/src/app.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { loadPrincipal } from '../../engine/src/org/principal.js';
import { hanoiDate } from '../../engine/src/db/time.js';
import type { ReportDoc, Viewer } from '../../engine/src/reports/service.js';
import { readDefaultMetadata } from '../../engine/src/seed/metadata.js';
import type { Report } from '@dondoc/metadata';
import { SEED_PASSWORD } from '../support/engine.js';
import { benchUrl, seedTo, tuneMysql, type BenchDialect } from './db.js';

const { values } = parseArgs({
  options: {
    tasks: { type: 'string', default: '1000000' },
    runs: { type: 'string', default: '7' },
    name: { type: 'string', default: 'dondoc_bench_1m' },
  },
});
const dialect: BenchDialect = 'mysql';
const RUNS = Number(values.runs);
const FROM = '2000-01-01';

/** The hand-written statistics: one GROUP BY over tasks; `group` is the grouping expression. */
function handWritten(knex: Knex, group: string, where: string, bindings: string[], today: string) {
  const sql = `
    SELECT ${group} AS g,
      COUNT(*) AS total,
      SUM(CASE WHEN state_category = 'done' AND (due_date IS NULL OR completed_on <= due_date) THEN 1 ELSE 0 END) AS done_on_time,
      SUM(CASE WHEN state_category = 'done' AND due_date IS NOT NULL AND (completed_on IS NULL OR completed_on > due_date) THEN 1 ELSE 0 END) AS done_late,
      SUM(CASE WHEN state_category IN ('open', 'waiting') AND due_date >= ? THEN 1 ELSE 0 END) AS open_on_time,
      SUM(CASE WHEN state_category IN ('open', 'waiting') AND due_date < ? THEN 1 ELSE 0 END) AS open_overdue,
      SUM(CASE WHEN state_category IN ('open', 'waiting') AND due_date IS NULL THEN 1 ELSE 0 END) AS no_deadline
    FROM tasks
    WHERE created_at >= ? AND created_at < ? AND state_category <> 'cancelled' AND state <> 'du-thao' ${where}
    GROUP BY g`;
  return async () => {
    const res = await knex.raw(sql, [today, today, '1999-12-31 17:00:00.000', `${today} 17:00:00.000`, ...bindings]);
    const rows: any[] = res[0];
    const names = new Map((await knex('units').select('id', 'path', 'name')).map((u: any) => [String(u.path), u.name]));
    return rows.map((r) => {
      const done = Number(r.done_on_time) + Number(r.done_late);
      const due = done + Number(r.open_overdue);
      return { unit: names.get(String(r.g)) ?? String(r.g), total: Number(r.total), doneOnTime: Number(r.done_on_time), doneLate: Number(r.done_late), openOnTime: Number(r.open_on_time), openOverdue: Number(r.open_overdue), noDeadline: Number(r.no_deadline), completionRate: due ? Math.round((done / due) * 10000) / 100 : null };
    });
  };
}

/** The ancestor path at `depth` of lead_unit_path ('/1/4/9/' → '/1/4/' at depth 1; '/1/' stays '/1/'). */
function ancestorPath(depth: number): string {
  return `LEFT(lead_unit_path, LENGTH(SUBSTRING_INDEX(lead_unit_path, '/', ${depth + 2})) + 1)`;
}

async function timed(fn: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await fn();
  return Number(process.hrtime.bigint() - t) / 1e6;
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

const key = (r: any) => `${r.unit}|${r.total}|${r.doneOnTime}|${r.doneLate}|${r.openOnTime}|${r.openOverdue}|${r.noDeadline}|${r.completionRate}`;

async function viewerOf(engine: Engine, username: string): Promise<Viewer> {
  const knex = engine.services.knex;
  const u = await knex('users').where({ username }).first('id');
  const principal = (await loadPrincipal(knex, Number(u.id)))!;
  return { principal, ability: await engine.services.access.abilityFor(principal) };
}

async function main() {
  const url = await benchUrl(dialect, values.name!, false);
  if (dialect === 'mysql') await tuneMysql(url);
  await seedTo(url, Number(values.tasks));
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-reports-'));
  const engine = await createEngine(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: dataDir, SEED_PASSWORD, DEMO_SEED: 'true', REPORT_CACHE_SECONDS: '0' }), { seed: false });
  const knex = engine.services.knex;
  try {
    // A leader of the whole UBND pillar (position at its root), for the scoped variant.
    const root = await knex('units').where({ code: '000.00.00.H26' }).first('id', 'path');
    if (!(await knex('users').where({ username: 'bench.ubnd.root' }).first('id'))) {
      const now = '2026-01-01 00:00:00.000';
      const [id] = await knex('users').insert({ username: 'bench.ubnd.root', full_name: 'Lãnh đạo UBND (bench)', email: null, pillar: 'ubnd', password_hash: '!', must_change_password: false, active: true, created_at: now, updated_at: now });
      await knex('positions').insert({ user_id: Number(id), unit_id: root.id, role_key: 'lanh-dao', title: 'Lãnh đạo', active: true });
    }
    const today = hanoiDate(new Date());
    const n = Number((await knex('tasks').count({ n: '*' }).first())!.n);
    const units = Number((await knex('units').count({ n: '*' }).first())!.n);
    const maxDepth = Number((await knex('units').max({ d: 'depth' }).first())!.d);
    // The report as this checkout seeds it (a database seeded earlier may hold an older published version).
    const seeded = readDefaultMetadata().find((d) => d.kind === 'report' && d.key === 'thong-ke-tong-hop')!.body as Report;
    const doc = (depth: number): ReportDoc => ({ key: `bench.${depth}`, pillar: null, version: 0, checksum: 'bench', body: { ...seeded, dimensions: [{ ...seeded.dimensions[0]!, depth }] } });
    const admin = await viewerOf(engine, 'admin');
    const leader = await viewerOf(engine, 'bench.ubnd.root');
    const params = { from: FROM, to: today };

    const variants = [
      {
        name: 'admin: whole city, one row per pillar (depth 1 below all)',
        engine: () => engine.services.reports.runDoc(admin, doc(1), params, { cache: false }),
        hand: handWritten(knex, ancestorPath(0), '', [], today),
      },
      {
        name: `admin: the full unit tree, every unit a row (${units} units)`,
        engine: () => engine.services.reports.runDoc(admin, doc(maxDepth + 1), params, { cache: false }),
        hand: handWritten(knex, 'lead_unit_path', '', [], today),
      },
      {
        // The plain GROUP BY above walks the path index in order (a row lookup per task); grouping by an
        // expression makes MariaDB scan the table once, which is also what the engine's query does.
        name: `admin: the full unit tree, vs the fastest hand-written form (GROUP BY an expression: one table scan)`,
        engine: () => engine.services.reports.runDoc(admin, doc(maxDepth + 1), params, { cache: false }),
        hand: handWritten(knex, `CONCAT(lead_unit_path, '')`, '', [], today),
      },
      {
        name: 'UBND pillar leader: permission filter, the pillar’s departments and wards (seeded report as is)',
        engine: () => engine.services.reports.runDoc(leader, doc(1), params, { cache: false }),
        hand: handWritten(knex, ancestorPath(1), 'AND lead_unit_path LIKE ?', [`${root.path}%`], today),
      },
    ];
    console.log(`\n### MariaDB, ${n.toLocaleString('en')} tasks, ${units} units: four-category report vs hand-written GROUP BY (median of ${RUNS})\n`);
    console.log('| variant | rows | engine ms | hand-written ms | engine/hand |\n| --- | ---: | ---: | ---: | ---: |');
    for (const v of variants) {
      const res = await v.engine();
      const mine = res.rows.map((r: any) => key({ ...r, unit: r.unit.label.replace(/ \(trực tiếp chủ trì\)$/, '') }));
      const theirs = (await v.hand()).map(key);
      if (JSON.stringify([...mine].sort()) !== JSON.stringify([...theirs].sort())) {
        console.error('numbers differ:', { engine: mine.slice(0, 5), hand: theirs.slice(0, 5) });
        process.exitCode = 1;
      }
      // Alternate single runs, so both sides see the same buffer pool and the same load on the machine.
      const times = { e: [] as number[], h: [] as number[] };
      for (let i = 0; i < RUNS; i++) {
        times.e.push(await timed(v.engine));
        times.h.push(await timed(v.hand));
      }
      const [e, h] = [median(times.e), median(times.h)];
      console.log(`| ${v.name} | ${res.rows.length} | ${e.toFixed(0)} | ${h.toFixed(0)} | ${(e / h).toFixed(2)}${e / h > 2 ? ' ✗' : ''} |`);
    }
    console.log(`\nTotals of the whole city (admin): ${JSON.stringify((await variants[0]!.engine()).totals)}`);
  } finally {
    await engine.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
