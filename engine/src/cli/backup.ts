// `backup full | incremental | list | verify <set> | restore <set> [--until <time>] [--into <url>] [--force]`
// (CONTRACT.md "Command line"), with progress bars on a terminal. Works with or without a running
// engine; a restore wants the engines stopped.
import fs from 'node:fs';
import { connect } from '../db/connect.js';
import { sqliteFileOf } from '../backup/sqlite.js';
import { systemClock } from '../config/clock.js';
import type { Config } from '../config/index.js';
import { BackupService, type Progress } from '../backup/service.js';
import { setSummary } from '../backup/routes.js';
import type { Manifest } from '../backup/catalog.js';
import { progressBar } from './progress.js';
import type { Command } from './commands.js';

/** One bar per phase: a new phase closes the previous bar. */
function bars(): { progress: Progress; stop(): void } {
  let phase = '';
  let bar: ReturnType<typeof progressBar> | undefined;
  return {
    progress(p, done, total) {
      if (p !== phase) {
        bar?.stop();
        phase = p;
        bar = progressBar(`backup: ${p}`);
      }
      bar!.update(done, Math.max(total, done));
    },
    stop: () => bar?.stop(),
  };
}

const mb = (n: number) => `${(n / 1024 / 1024).toFixed(n < 10 * 1024 * 1024 ? 2 : 1)} MB`;

function describe(m: Manifest): string {
  const s = setSummary(m);
  return `${m.id} (${m.kind}${m.parent ? ` after ${m.parent}` : ''}): ${s.tables} tables, ${s.rows} rows, ${m.files.length} file(s), ${mb(s.bytes)}, attachments +${s.attachments.added} (${mb(s.attachments.bytes)})${m.note ? ` — ${m.note}` : ''}`;
}

/** `--until`: "YYYY-MM-DD HH:MM[:SS]" in Asia/Ho_Chi_Minh, or an ISO 8601 instant with its offset. */
export function parseUntil(v: string): Date {
  const local = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2})(:\d{2}(\.\d{1,3})?)?$/.exec(v.trim());
  const d = local
    ? new Date(`${local[1]}T${local[2]}${local[3] ?? ':00'}+07:00`)
    : /(Z|[+-]\d{2}:\d{2})$/.test(v.trim())
      ? new Date(v.trim())
      : new Date(NaN);
  if (Number.isNaN(d.getTime()))
    throw new Error(
      `--until "${v}": expected "YYYY-MM-DD HH:MM:SS" (Hanoi time) or an ISO 8601 time with its offset`,
    );
  return d;
}

function options(
  args: string[],
  flags: string[],
  valued: string[],
): { positional: string[]; flags: Set<string>; values: Map<string, string> } {
  const positional: string[] = [];
  const f = new Set<string>();
  const values = new Map<string, string>();
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const eq = a.indexOf('=');
    const name = a.startsWith('--') ? (eq > 0 ? a.slice(0, eq) : a) : null;
    if (name && valued.includes(name)) {
      const v = eq > 0 ? a.slice(eq + 1) : args[++i];
      if (v === undefined) throw new Error(`${name} needs a value`);
      values.set(name, v);
    } else if (name && flags.includes(name)) f.add(name);
    else if (name) throw new Error(`unknown option ${name}`);
    else positional.push(a);
  }
  return { positional, flags: f, values };
}

/** A backup run is recorded in backup_runs when the database has that table (migrated). */
async function withRuns<T>(
  config: Config,
  fn: (runs: ReturnType<typeof connect> | undefined) => Promise<T>,
): Promise<T> {
  let knex: ReturnType<typeof connect> | undefined;
  if (
    !config.databaseUrl?.match(/^(mysql|mariadb):/) &&
    !fs.existsSync(sqliteFileOf(config.databaseUrl, config.dataDir))
  )
    return fn(undefined);
  try {
    knex = connect(config.databaseUrl, config.dataDir);
    if (!(await knex.schema.hasTable('backup_runs'))) {
      await knex.destroy();
      knex = undefined;
    }
  } catch {
    await knex?.destroy().catch(() => {});
    knex = undefined;
  }
  try {
    return await fn(knex);
  } finally {
    await knex?.destroy();
  }
}

const service = (config: Config) =>
  new BackupService(config, systemClock, (msg) => console.error(`backup: ${msg}`));

const make = (kind: 'full' | 'incremental'): Command => ({
  name: `backup ${kind}`,
  async run(config, args) {
    const o = options(args, ['--verify'], []);
    const b = bars();
    try {
      const opts = { trigger: 'cli', onProgress: b.progress, verify: o.flags.has('--verify') };
      const m = await withRuns(config, (runs) =>
        kind === 'full'
          ? service(config).full({ ...opts, runs })
          : service(config).incremental({ ...opts, runs }),
      );
      b.stop();
      console.log(
        `backup ${kind}: ${describe(m)}${opts.verify ? ', verified' : ''} → ${service(config).c.dir}`,
      );
      return 0;
    } finally {
      b.stop();
    }
  },
});

const list: Command = {
  name: 'backup list',
  async run(config, args) {
    const o = options(args, ['--json'], []);
    const { sets, problems } = await service(config).list();
    if (o.flags.has('--json')) console.log(JSON.stringify(sets, null, 2));
    else {
      if (!sets.length) console.log(`no backup set in ${service(config).c.dir}`);
      for (const m of sets) console.log(`${m.snapshotAt.replace('T', ' ').slice(0, 19)}Z  ${describe(m)}`);
    }
    for (const p of problems) console.error(`backup list: unreadable ${p}`);
    return 0;
  },
};

const verify: Command = {
  name: 'backup verify',
  async run(config, args) {
    const o = options(args, [], []);
    const id = o.positional[0];
    if (!id) throw new Error('usage: backup verify <set>|latest');
    const b = bars();
    const r = await service(config).verify(id, { onProgress: b.progress });
    b.stop();
    if (!r.ok) {
      for (const p of r.problems) console.log(`  ${p}`);
      console.error(
        `backup verify: FAILED — ${r.set}: ${r.problems[0]}${r.problems.length > 1 ? ` (and ${r.problems.length - 1} more)` : ''}`,
      );
      return 1;
    }
    console.log(
      `backup verify: OK — ${r.set} (chain of ${r.chain.length}: ${r.chain.join(' → ')}) restored into a scratch database, ${r.tables} table checksums equal to the manifest`,
    );
    return 0;
  },
};

const restore: Command = {
  name: 'backup restore',
  async run(config, args) {
    const o = options(args, ['--force'], ['--until', '--into', '--attachments']);
    const id = o.positional[0];
    if (!id)
      throw new Error(
        'usage: backup restore <set>|latest [--until "YYYY-MM-DD HH:MM:SS"] [--into <url>] [--force]',
      );
    const until = o.values.has('--until') ? parseUntil(o.values.get('--until')!) : undefined;
    const b = bars();
    const r = await service(config).restore(id, {
      until,
      into: o.values.get('--into'),
      force: o.flags.has('--force'),
      attachmentsDir: o.values.get('--attachments'),
      onProgress: b.progress,
    });
    b.stop();
    if (r.mismatches.length) {
      console.error(
        `backup restore: FAILED — restored into ${r.target}, but the checksums of ${r.mismatches.join(', ')} differ from the manifest of ${r.chain.at(-1)}`,
      );
      return 1;
    }
    console.log(
      `backup restore: OK — ${r.target} rebuilt from ${r.chain.join(' → ')}${r.until ? ` up to ${r.until}` : ''}; ${r.compared ? 'every table checksum equals the manifest' : 'a point between sets: no manifest to compare with'}; ${r.attachments} attachment(s). The next backup of this database is a full one.`,
    );
    return 0;
  },
};

export const backupCommands: Command[] = [make('full'), make('incremental'), list, verify, restore];
