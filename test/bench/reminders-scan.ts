// The reminder scan on one million tasks, MariaDB (issue 5, item 7).
//
//   node --conditions=@dondoc/source --import tsx test/bench/reminders-scan.ts [--from dondoc_bench_1m]
//        [--name dondoc_bench_reminders] [--reuse] [--tasks 1000000]
//
// Data: a copy of the bench helper's million-task database (`npm run bench -- seed --db mysql --tasks
// 1000000 --name dondoc_bench_1m`: the demo generator's realistic states, due dates, parties and history)
// into a database of its own, so the scan's writes touch nobody else's figures; when that database is
// absent the generator fills ours directly (slow: ~8 min). `--reuse` keeps the copy; `--again` also keeps
// the first ("cold") scan's rows and measures the daily scan again. Then, with an in-process engine and a
// simulated clock at 09:00:
//   1. the previous working day's scan — the first scan ever on this data, so it catches up every
//      occurrence due (every overdue task's current overdue reminder, every escalation): "cold";
//   2. the day's scan — the figure that matters, what runs every morning: "daily";
//   3. the same scan again — nothing new to insert: "repeat".
// Then the reminders (per rule) and notifications are checked against what is expected, computed here
// in SQL from the tasks and an ordinal table of working days built from calendar_days — not by the
// engine's calendar code or its statements.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import type { Knex } from 'knex';
import { connect } from '../../engine/src/db/connect.js';
import { createEngine } from '../../engine/src/app.js';
import { loadConfig } from '../../engine/src/config/index.js';
import { ManualClock } from '../../engine/src/config/clock.js';
import { scanReminders, type ScanResult } from '../../engine/src/notify/reminders/scan.js';
import { fanOut, type FanOutResult } from '../../engine/src/notify/reminders/fanout.js';
import { SEED_PASSWORD } from '../support/engine.js';
import { benchUrl, seedTo, tuneMysql } from './db.js';

const { values } = parseArgs({
  options: {
    from: { type: 'string', default: 'dondoc_bench_1m' },
    name: { type: 'string', default: 'dondoc_bench_reminders' },
    reuse: { type: 'boolean', default: false },
    again: { type: 'boolean', default: false },
    tasks: { type: 'string', default: '1000000' },
  },
});
const TASKS = Number(values.tasks);
const server = process.env.BENCH_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/';
const secs = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function exists(k: Knex, db: string) {
  const [rows] = await k.raw('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [db]);
  return rows.length > 0;
}

/** Copies `from` into `to` on the same server: every table's structure; the rows the scan reads. */
async function cloneDatabase(from: string, to: string) {
  const admin = connect(server);
  try {
    await admin.raw(`DROP DATABASE IF EXISTS \`${to}\``);
    await admin.raw(`CREATE DATABASE \`${to}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`);
    const [tables] = await admin.raw("SELECT TABLE_NAME AS t FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'", [from]);
    const skipRows = new Set(['notifications', 'reminders_sent', 'task_series', 'audit_log', 'auth_tokens', 'login_failures', 'rate_limits', 'report_cache', 'oidc_payloads', 'notification_stream_tickets']);
    await admin.transaction(async (trx) => {
      await trx.raw('SET FOREIGN_KEY_CHECKS = 0');
      await trx.raw('SET UNIQUE_CHECKS = 0');
      for (const { t } of tables) {
        await trx.raw(`CREATE TABLE \`${to}\`.\`${t}\` LIKE \`${from}\`.\`${t}\``);
        if (skipRows.has(t)) continue;
        const [cols] = await trx.raw("SELECT COLUMN_NAME AS c FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXTRA NOT LIKE '%GENERATED%' ORDER BY ORDINAL_POSITION", [from, t]);
        const list = cols.map((c: any) => `\`${c.c}\``).join(', ');
        const t0 = Date.now();
        if (t === 'task_parties') {
          // Only what the scan reads: coordinating units (lead, handler, monitor, assigner are task columns).
          await trx.raw(`INSERT INTO \`${to}\`.task_parties (${list}) SELECT ${list} FROM \`${from}\`.task_parties WHERE party = 'coordinator'`);
        } else if (t === 'task_events') {
          // Only what the scan reads: the events of tasks that wait (when did they start waiting).
          await trx.raw(`INSERT INTO \`${to}\`.task_events (${list}) SELECT ${cols.map((c: any) => `e.\`${c.c}\``).join(', ')} FROM \`${from}\`.task_events e JOIN \`${from}\`.tasks t ON t.id = e.task_id AND t.state_category = 'waiting'`);
        } else await trx.raw(`INSERT INTO \`${to}\`.\`${t}\` (${list}) SELECT ${list} FROM \`${from}\`.\`${t}\``);
        if (Date.now() - t0 > 2000) console.log(`  copied ${t} in ${secs(Date.now() - t0)}`);
      }
    });
  } finally {
    await admin.destroy();
  }
}

/** Working-day ordinals from calendar_days + Monday–Friday: ord(d) = working days up to and including d. */
async function ordinalTable(k: Knex, from: string, to: string) {
  await k.raw('DROP TABLE IF EXISTS bench_wd');
  await k.raw('CREATE TABLE bench_wd (day DATE PRIMARY KEY, working TINYINT NOT NULL, ord INT NOT NULL)');
  await k.raw(
    `INSERT INTO bench_wd (day, working, ord)
     SELECT day, working, SUM(working) OVER (ORDER BY day) FROM (
       SELECT d.day, CASE WHEN c.kind = 'work' THEN 1 WHEN c.kind = 'off' THEN 0 WHEN WEEKDAY(d.day) < 5 THEN 1 ELSE 0 END AS working
       FROM (SELECT DATE_ADD(?, INTERVAL seq DAY) AS day FROM seq_0_to_4000) d LEFT JOIN calendar_days c ON c.day = d.day
       WHERE d.day <= ?) x`,
    [from, to],
  );
}

/** Expected (task, rule, occurrence) keys of the default policy for scans on `days`, and their recipients. */
async function expected(k: Knex, days: string[]) {
  await k.raw('DROP TABLE IF EXISTS bench_scan');
  await k.raw('CREATE TABLE bench_scan (day DATE PRIMARY KEY, ord INT NOT NULL, prev DATE NOT NULL)');
  for (const d of days)
    await k.raw('INSERT INTO bench_scan SELECT w.day, w.ord, (SELECT MAX(p.day) FROM bench_wd p WHERE p.working = 1 AND p.day < w.day) FROM bench_wd w WHERE w.day = ?', [d]);
  const open = "t.state_category = 'open'";
  const since = "(SELECT DATE(DATE_ADD(MAX(e.at), INTERVAL 7 HOUR)) FROM task_events e WHERE e.task_id = t.id AND e.to_state = t.state)";
  const sets: Record<string, string> = {
    'truoc-han': `SELECT DISTINCT t.id, t.due_date AS o, 0 AS k FROM tasks t JOIN bench_wd w ON w.day = t.due_date JOIN bench_scan s ON t.due_date > s.day WHERE ${open} AND w.ord - s.ord <= 3`,
    'den-han': `SELECT DISTINCT t.id, t.due_date AS o, 0 AS k FROM tasks t JOIN bench_scan s ON t.due_date <= s.day AND t.due_date > s.prev WHERE ${open}`,
    'qua-han': `SELECT DISTINCT t.id, t.due_date AS o, FLOOR((s.ord - w.ord) / 2) AS k FROM tasks t JOIN bench_wd w ON w.day = t.due_date JOIN bench_scan s ON t.due_date < s.day WHERE ${open} AND s.ord - w.ord >= 2`,
    'bao-lanh-dao': `SELECT DISTINCT t.id, t.due_date AS o, 0 AS k FROM tasks t JOIN bench_wd w ON w.day = t.due_date JOIN bench_scan s ON t.due_date < s.day WHERE ${open} AND s.ord - w.ord >= 5`,
    'cho-quyet-dinh': `SELECT DISTINCT x.id, x.e AS o, FLOOR((s.ord - w.ord) / 2) AS k FROM (SELECT t.id, ${since} AS e FROM tasks t WHERE t.state_category = 'waiting' AND t.state <> 'du-thao') x JOIN bench_wd w ON w.day = x.e JOIN bench_scan s WHERE s.ord - w.ord >= 2`,
  };
  // Who each rule names, for the expected keys only (e = bench_expected, t = its task).
  const party: Record<string, string> = {
    handler: 'SELECT e.id, e.o, e.k, t.handler_id AS uid FROM bench_expected e JOIN tasks t ON t.id = e.id WHERE t.handler_id IS NOT NULL',
    monitor: 'SELECT e.id, e.o, e.k, t.monitor_id AS uid FROM bench_expected e JOIN tasks t ON t.id = e.id WHERE t.monitor_id IS NOT NULL',
    assigner: 'SELECT e.id, e.o, e.k, t.assigner_id AS uid FROM bench_expected e JOIN tasks t ON t.id = e.id',
    lead: 'SELECT e.id, e.o, e.k, p.user_id AS uid FROM bench_expected e JOIN tasks t ON t.id = e.id JOIN positions p ON p.unit_id = t.lead_unit_id AND p.active = 1',
    leadLeader: "SELECT e.id, e.o, e.k, p.user_id AS uid FROM bench_expected e JOIN tasks t ON t.id = e.id JOIN positions p ON p.unit_id = t.lead_unit_id AND p.active = 1 AND p.role_key = 'lanh-dao'",
  };
  const to: Record<string, string[]> = { 'truoc-han': ['handler', 'lead'], 'den-han': ['handler', 'lead', 'monitor'], 'qua-han': ['handler', 'lead', 'monitor'], 'bao-lanh-dao': ['leadLeader', 'assigner'], 'cho-quyet-dinh': ['assigner'] };
  const reminders: Record<string, number> = {};
  let notifications = 0;
  for (const [rule, sql] of Object.entries(sets)) {
    await k.raw('DROP TABLE IF EXISTS bench_expected');
    await k.raw(`CREATE TABLE bench_expected (id BIGINT, o DATE, k INT, KEY (id)) AS SELECT DISTINCT id, o, k FROM (${sql}) x`);
    reminders[rule] = Number((await k.raw('SELECT COUNT(*) AS n FROM bench_expected'))[0][0].n);
    // UNION (not UNION ALL): a user named by two parties of the same reminder gets it once.
    const union = to[rule]!.map((p) => party[p]).join(' UNION ');
    notifications += Number((await k.raw(`SELECT COUNT(*) AS n FROM (${union}) y JOIN users u ON u.id = y.uid AND u.active = 1`))[0][0].n);
  }
  await k.raw('DROP TABLE IF EXISTS bench_expected');
  return { reminders, notifications };
}

async function main() {
  const url = await benchUrl('mysql', values.name!, false);
  await tuneMysql(url);
  const admin = connect(server);
  const haveSource = await exists(admin, values.from!);
  await admin.destroy();
  if (!values.reuse) {
    const t0 = Date.now();
    if (haveSource) {
      console.log(`copying ${values.from} into ${values.name} …`);
      await cloneDatabase(values.from!, values.name!);
    } else {
      console.log(`${values.from} not found: generating ${TASKS} tasks with the demo generator …`);
      await benchUrl('mysql', values.name!, true);
      await seedTo(url, TASKS);
    }
    console.log(`data ready in ${secs(Date.now() - t0)}`);
  }
  const k = connect(url);
  if (!values.again) {
    await k('reminders_sent').truncate().catch(() => undefined);
    await k('notifications').truncate().catch(() => undefined);
  }
  const tasks = Number((await k('tasks').count({ n: '*' }).first())!.n);
  const byCategory: Record<string, number> = Object.fromEntries((await k('tasks').groupBy('state_category').select('state_category').count({ n: '*' })).map((r: any) => [r.state_category, Number(r.n)]));
  // The day after the newest task was created, at 09:00 in Hanoi; and the working day before it.
  const newest = (await k('tasks').max({ m: 'created_at' }).first())!.m as Date;
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'dondoc-bench-rem-'));
  const clock = new ManualClock(newest);
  const engine = await createEngine(loadConfig({ NODE_ENV: 'test', DATABASE_URL: url, DATA_DIR: dataDir, SEED_PASSWORD, JOBS_SCHEDULE: 'off', LOG_LEVEL: 'warn' }), { clock });
  const s = engine.services;
  try {
    const cal = await s.calendar.snapshot();
    const today = cal.addWorkingDays(new Date(newest.getTime() + 7 * 3600_000).toISOString().slice(0, 10), 1);
    const yesterday = cal.addWorkingDays(today, -1);
    const at = (day: string) => new Date(`${day}T09:00:00+07:00`);
    type Run = ScanResult & { fan: FanOutResult };
    const run = async (day: string): Promise<Run> => {
      clock.set(at(day));
      const r = await scanReminders(s, { only: 'reminders' });
      const fan = await fanOut(s);
      const d = await scanReminders(s, { only: 'digests' });
      console.log(`scan of ${day}: ${secs(r.ms)} (rules ${secs(r.steps.reduce((a, x) => a + x.ms, 0))}), ${r.reminders} reminders; fan-out ${secs(fan.ms)}, ${fan.notifications} notifications; digests ${secs(d.ms)}, ${d.digests}`);
      return { ...r, digests: d.digests, digestMs: d.ms, fan };
    };
    if (values.again) {
      // Forget the daily scan (its rows, created at its 09:00, and its scan state): the cold scan's stay.
      const dbAt = (day: string) => at(day).toISOString().replace('T', ' ').slice(0, 23);
      await k('notifications').where('created_at', '>=', dbAt(today)).delete();
      await k('reminders_sent').where('created_at', '>=', dbAt(today)).delete();
      await k('reminder_scan_state').update({ day: yesterday, scanned_at: dbAt(yesterday) });
    }
    const cold: Run = values.again ? { scanId: '', today: yesterday, reminders: NaN, digests: NaN, digestMs: NaN, steps: [], ms: NaN, fan: { reminders: NaN, notifications: NaN, ms: NaN } } : await run(yesterday);
    const daily = await run(today);
    for (const st of daily.steps) console.log(`  ${st.pillar} ${st.rule} (${st.mode}): ${st.ms} ms, ${st.reminders} reminders`);
    const repeat = await run(today);
    const got = Object.fromEntries((await k('reminders_sent').groupBy('rule_key').select('rule_key').count({ n: '*' })).map((r: any) => [r.rule_key, Number(r.n)]));
    const notifications = Number((await k('notifications').whereIn('kind', ['reminder', 'escalation']).count({ n: '*' }).first())!.n);
    const minDue = (await k('tasks').min({ m: 'due_date' }).first())!.m as Date;
    await ordinalTable(k, new Date(minDue.getTime() - 40 * 86_400_000).toISOString().slice(0, 10), '2030-12-31');
    const want = await expected(k, [yesterday, today]);
    const ok = JSON.stringify(Object.entries(got).sort()) === JSON.stringify(Object.entries(want.reminders).sort()) && notifications === want.notifications;
    const line = (name: string, r: Run) =>
      `| ${name} | ${r.today} | **${secs(r.ms)}** | ${r.reminders.toLocaleString('en')} | ${secs(r.fan.ms)} | ${r.fan.notifications.toLocaleString('en')} | ${secs(r.digestMs)} | ${r.digests.toLocaleString('en')} |`;
    const report = [
      `${tasks.toLocaleString('en')} tasks (${Object.entries(byCategory).map(([c, n]) => `${c} ${n.toLocaleString('en')}`).join(', ')}), default policy "mac-dinh" (before due 3, on due, overdue every 2, escalation after 5 working days, awaiting decision 2, daily digest), 4 pillars; scans at 09:00:`,
      '',
      '| scan | day | reminder scan | reminders recorded | fan-out | notifications | digest scan | digests |',
      '|---|---|---|---|---|---|---|---|',
      line('cold (first scan ever: every current occurrence)', cold),
      line('daily (the next working day)', daily),
      line('repeat (same day again: nothing new)', repeat),
      '',
      `Expected, computed independently in SQL (ordinal working days from calendar_days), for both days: ${JSON.stringify(want.reminders)} reminders, ${want.notifications.toLocaleString('en')} notifications. Found: ${JSON.stringify(got)}, ${notifications.toLocaleString('en')}. **${ok ? 'Exactly as expected.' : 'MISMATCH.'}**`,
    ].join('\n');
    console.log(`\n${report}\n`);
    fs.writeFileSync(path.join(os.tmpdir(), 'dondoc-bench-reminders.md'), report);
    if (!ok) process.exitCode = 1;
  } finally {
    await engine.close();
    await k.destroy();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
}

await main();
