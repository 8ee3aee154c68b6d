// The million-row check (MariaDB): the same filtered list of 20 as `ubnd.staff` (permission filter) and
// as `admin` (no filter), one request at a time, p50 of each and their ratio (target ≤ 1.5); then EXPLAIN
// of a list filtered by an indexed custom field, to show it is served by the generated column's index.
import { spawnEngine } from '../support/processes.js';
import { SEED_PASSWORD } from '../support/engine.js';
import { benchUrl, seedTo, tuneMysql, type BenchDialect } from './db.js';
import { BENCH_ENV, captureEngine, LIST_QUERY, login } from './ops.js';
import { captureQueries } from './capture.js';
import { load } from './load.js';

const VARIANTS = [
  LIST_QUERY,
  '/api/tasks?limit=20&category=openOverdue&sort=dueDate',
  '/api/tasks?limit=20&f.doUuTien=rat-cao&q=chuy%E1%BB%83n%20%C4%91%E1%BB%95i%20s%E1%BB%91',
];
/** Sorted by creation (the created_at index gives the order) and by progress (no index gives it). */
const INDEXED = ['/api/tasks?limit=20&f.doUuTien=cao', '/api/tasks?limit=20&f.doUuTien=cao&sort=-progress'];

export async function runListCheck(o: { dialect: BenchDialect; name: string; tasks: number; duration: number }) {
  const url = await benchUrl(o.dialect, o.name, false);
  if (o.dialect === 'mysql') await tuneMysql(url);
  await seedTo(url, o.tasks);
  const proc = await spawnEngine({ DATABASE_URL: url, SEED_PASSWORD, DEMO_SEED: 'true', LOG_LEVEL: 'warn', ...BENCH_ENV });
  const cap = await captureEngine(url);
  try {
    const tokens = { admin: await login(proc.url, 'admin'), staff: await login(proc.url, 'ubnd.staff') };
    const knex = cap.engine.services.knex;
    const n = Number((await knex('tasks').count({ n: '*' }).first())!.n);
    console.log(`\n### ${o.dialect === 'mysql' ? 'MariaDB' : 'SQLite'}, ${n.toLocaleString('en')} tasks: list of 20, ubnd.staff vs admin (1 connection, ${o.duration} s each)\n`);
    console.log('| list | admin p50 ms | staff p50 ms | staff/admin | admin total | staff total |\n| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const q of VARIANTS) {
      const p50 = async (token: string) => {
        await load({ url: proc.url, token, connections: 1, duration: 2, request: () => ({ path: q }) });
        return (await load({ url: proc.url, token, connections: 1, duration: o.duration, request: () => ({ path: q }) })).p50;
      };
      const totals = await Promise.all(
        [tokens.admin, tokens.staff].map(async (t) => {
          const r = await cap.send(t, 'GET', q);
          if (r.status !== 200) throw new Error(`GET ${q}: ${r.status} ${JSON.stringify(r.body)}`);
          return r.body.total;
        }),
      );
      const [a, s] = [await p50(tokens.admin), await p50(tokens.staff)];
      console.log(`| \`${decodeURIComponent(q.replace('/api/tasks?', ''))}\` | ${a} | ${s} | ${(s / a).toFixed(2)}${s / a > 1.5 ? ' ✗' : ''} | ${totals[0]} | ${totals[1]} |`);
    }
    // EXPLAIN the statements a list filtered by an indexed custom field issues.
    const column = 'f_douutien_s';
    for (const q of INDEXED) {
      const statements = await captureQueries(knex, () => cap.send(tokens.admin, 'GET', q));
      console.log(`\nEXPLAIN of \`GET ${q}\` (admin):`);
      for (const st of statements.filter((x) => x.sql.includes(column))) {
        const res = (await knex.raw(`${o.dialect === 'mysql' ? 'EXPLAIN' : 'EXPLAIN QUERY PLAN'} ${st.sql}`, st.bindings as any[])) as any;
        const plan: any[] = o.dialect === 'mysql' ? res[0] : res;
        console.log(`  ${st.sql.replace(/\s+/g, ' ').slice(0, 90)}…`);
        for (const r of plan) console.log(`    ${JSON.stringify(r)}`);
        // The index actually chosen: MySQL's `key` column, SQLite's "USING INDEX …" detail.
        const uses = plan.some((r) => String(r.key ?? r.detail ?? '').includes(`tasks_${column}_idx`));
        console.log(`    → ${uses ? 'uses' : 'does NOT use'} the index of the generated column ${column}`);
      }
    }
  } finally {
    await cap.close();
    await proc.stop();
  }
}
