// `npm run bench -- <command> [options]` (see RESULTS.md for the figures and exact commands):
//   seed   --db sqlite|mysql --tasks N [--name DB] [--fresh]   bulk-seed demo tasks (progress bar)
//   ops    --db sqlite|mysql [--tasks N] [-c 10] [-d 10]        engine vs driver-only, per operation
//   list   --db mysql [--tasks 1000000] [-d 15]                  staff vs admin list p50 + EXPLAIN
// With no command: ops on SQLite, then ops on MariaDB.
import { parseArgs } from 'node:util';
import { benchUrl, seedTo, type BenchDialect } from './db.js';
import { runOps } from './ops.js';
import { runListCheck } from './list-check.js';

const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: 'string' },
    name: { type: 'string' },
    tasks: { type: 'string' },
    fresh: { type: 'boolean', default: false },
    connections: { type: 'string', short: 'c', default: '10' },
    duration: { type: 'string', short: 'd', default: '10' },
  },
});
const command = positionals[0] ?? 'all';
const dialects: BenchDialect[] = values.db ? [values.db as BenchDialect] : ['sqlite', 'mysql'];
const common = { connections: Number(values.connections), duration: Number(values.duration) };

for (const dialect of dialects) {
  if (command === 'seed') {
    const url = await benchUrl(dialect, values.name ?? 'dondoc_bench', values.fresh);
    await seedTo(url, Number(values.tasks ?? 20_000));
  } else if (command === 'ops' || command === 'all') {
    await runOps({ dialect, name: values.name ?? 'dondoc_bench', tasks: Number(values.tasks ?? 20_000), fresh: values.fresh, ...common });
  } else if (command === 'list') {
    await runListCheck({ dialect, name: values.name ?? 'dondoc_bench_1m', tasks: Number(values.tasks ?? 1_000_000), ...common });
  } else {
    console.error(`unknown command "${command}": seed, ops or list`);
    process.exit(2);
  }
}
