// Bench databases: a named MariaDB database or an SQLite file, migrated and seeded by the engine itself
// (createEngine, then close), then filled by the demo generator.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import cliProgress from 'cli-progress';
import type { Knex } from 'knex';
import { connect } from '../../engine/src/db/connect.js';
import { createEngine } from '../../engine/src/app.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { generateTasks } from '../../seeds/src/demo/generate.js';
import { SEED_PASSWORD } from '../support/engine.js';

export type BenchDialect = 'sqlite' | 'mysql';

/** The URL of the bench database `name` of a dialect (MySQL: created if missing, on the local server). */
export async function benchUrl(dialect: BenchDialect, name: string, fresh: boolean): Promise<string> {
  if (dialect === 'sqlite') {
    const file = path.join(os.tmpdir(), 'dondoc-bench', `${name}.sqlite`);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    if (fresh) for (const f of [file, `${file}-wal`, `${file}-shm`]) fs.rmSync(f, { force: true });
    return `sqlite:${file}`;
  }
  const server = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
  const admin = connect(server);
  try {
    if (fresh) await admin.raw(`DROP DATABASE IF EXISTS \`${name}\``);
    await admin.raw(`CREATE DATABASE IF NOT EXISTS \`${name}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
  } finally {
    await admin.destroy();
  }
  const u = new URL(server);
  u.pathname = `/${name}`;
  return u.toString();
}

/** The engine's own migrations, seed and demo accounts (SEED_PASSWORD of the tests). */
export async function migrateAndSeed(url: string): Promise<void> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-data-'));
  const engine = await createEngine(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: dataDir, SEED_PASSWORD, DEMO_SEED: 'true' }));
  await engine.close();
  fs.rmSync(dataDir, { recursive: true, force: true });
}

export const taskCount = async (knex: Knex) => Number((await knex('tasks').count({ n: '*' }).first())!.n);

/** Tops the database up to `total` tasks, with a progress bar; returns how many were added. */
export async function seedTo(url: string, total: number, opts: { quiet?: boolean } = {}): Promise<number> {
  await migrateAndSeed(url);
  const knex = connect(url);
  try {
    const missing = total - (await taskCount(knex));
    if (missing <= 0) return 0;
    const bar = opts.quiet ? null : new cliProgress.SingleBar({ format: 'seeding {bar} {percentage}% | {value}/{total} tasks | {eta_formatted} left', etaBuffer: 50, noTTYOutput: true, notTTYSchedule: 15_000 }, cliProgress.Presets.shades_classic);
    bar?.start(missing, 0);
    const res = await generateTasks(knex, { tasks: missing, onProgress: (done) => bar?.update(done) });
    bar?.stop();
    if (!opts.quiet) console.log(`seeded ${res.tasks} tasks, ${res.parties} parties, ${res.events} events in ${(res.ms / 1000).toFixed(1)} s (${Math.round(res.tasks / (res.ms / 1000))} tasks/s)`);
    return res.tasks;
  } finally {
    await knex.destroy();
  }
}

/**
 * A stock MariaDB has a 128 MiB buffer pool: a million tasks and their indexes would be read from disk.
 * Any production server is given more; this one gets 4 GiB (a dynamic setting) unless BENCH_NO_TUNE is set.
 */
export async function tuneMysql(url: string): Promise<void> {
  if (process.env.BENCH_NO_TUNE) return;
  const knex = connect(url);
  try {
    const [[row]] = await knex.raw("SHOW VARIABLES LIKE 'innodb_buffer_pool_size'");
    if (Number(row.Value) < 4 * 1024 ** 3) {
      await knex.raw('SET GLOBAL innodb_buffer_pool_size = ?', [4 * 1024 ** 3]);
      console.log('MariaDB: innodb_buffer_pool_size raised to 4 GiB for the benchmark');
    }
  } finally {
    await knex.destroy();
  }
}
