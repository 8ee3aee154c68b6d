// The scheduled backups as a job of the engine's runner (engine/src/jobs): every BACKUP_CHECK_SECONDS the
// job looks for the latest slot of each kind (weekly full, daily incremental) that no engine has taken
// yet, takes it by inserting its key into backup_runs (unique: among several engines exactly one wins),
// and runs it — then verifies the new set (restored into a scratch database) and applies the retention.
// A slot taken later than BACKUP_LATE_MINUTES after its time (the engines were down) still runs, and the
// administrators are told it was missed; a failure notifies them too. Slots from before the scheduler
// first ran on this database are not counted as missed (a new installation is not late).
// `data.kind` ('full' | 'incremental') runs one backup now instead (POST /api/backups).
import type { Knex } from 'knex';
import type { Services } from '../services.js';
import { defineJob } from '../jobs/types.js';
import { toDbTime, fromDbTime } from '../db/time.js';
import { backupConfigOf } from './config.js';
import { lastSlot, type Slot } from './schedule.js';
import type { Manifest } from './catalog.js';

/** A run still "running" after this long was cut off (the engine died): it is marked failed. */
const STALE_MS = 6 * 3600_000;
const PLATFORM_ADMIN_ROLE = 'quan-tri-he-thong';

const duplicate = (err: any) =>
  err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint|Duplicate entry/i.test(String(err?.message));

export interface ScheduledResult {
  ran: { slot: string; set?: string; kind?: string; ok: boolean; late: boolean; error?: string }[];
  pruned: string[];
}

async function state(k: Knex, key: string): Promise<string | null> {
  const r = await k('backup_state').where({ key }).first('value');
  return r?.value ?? null;
}

/** The platform administrators: active accounts holding the platform administrator role. */
async function administrators(k: Knex): Promise<number[]> {
  const rows = await k('positions as p')
    .join('users as u', 'u.id', 'p.user_id')
    .where({ 'p.role_key': PLATFORM_ADMIN_ROLE, 'p.active': true, 'u.active': true })
    .distinct('u.id');
  return rows.map((r: any) => Number(r.id));
}

/** Tells the administrators (in-app, and through their channels): once per slot and problem. */
export async function notifyAdministrators(
  s: Services,
  n: {
    template: 'backup-failed' | 'backup-missed' | 'backup-verify-failed';
    title: string;
    body: string;
    dedupe: string;
    payload?: unknown;
  },
) {
  const users = await administrators(s.knex);
  if (!users.length) return;
  const now = toDbTime(s.clock.now());
  const rows = users.map((user_id) => ({
    user_id,
    task_id: null,
    kind: 'system',
    template: n.template,
    title: n.title.slice(0, 500),
    body: n.body,
    payload: JSON.stringify(n.payload ?? {}),
    dedupe_key: n.dedupe.slice(0, 200),
    created_at: now,
  }));
  await s.knex('notifications').insert(rows).onConflict(['user_id', 'dedupe_key']).ignore();
  s.notify.kick();
}

const hanoi = (d: Date) =>
  `${new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 16).replace('T', ' ')} (giờ Hà Nội)`;

async function runOne(
  s: Services,
  kind: 'full' | 'incremental',
  slot: Slot | null,
  trigger: string,
): Promise<Manifest> {
  const c = backupConfigOf(s.config);
  const slotKey = slot?.key;
  const opts = { trigger, runs: s.knex, slotKey, verify: c.verifyScheduled };
  const m = kind === 'full' ? await s.backup.full(opts) : await s.backup.incremental(opts);
  return m;
}

export default defineJob<{ kind?: 'full' | 'incremental' }, ScheduledResult>({
  name: 'backup.scheduled',
  attempts: 1, // a failure is reported to the administrators; the next slot (or a person) tries again
  everyMs: (s) => {
    const c = backupConfigOf(s.config);
    return c.schedule ? c.checkEveryMs : undefined;
  },
  async run({ s }, data) {
    const c = backupConfigOf(s.config);
    const now = s.clock.now();
    const result: ScheduledResult = { ran: [], pruned: [] };
    if (data?.kind === 'full' || data?.kind === 'incremental') {
      const m = await runOne(s, data.kind, null, 'api');
      result.ran.push({ slot: 'now', set: m.id, kind: m.kind, ok: true, late: false });
      if (m.kind === 'full') result.pruned = await s.backup.prune();
      return result;
    }
    // The scheduler's start on this database: earlier slots are not "missed".
    let since = await state(s.knex, 'scheduler_since');
    if (!since) {
      await s
        .knex('backup_state')
        .insert({ key: 'scheduler_since', value: now.toISOString(), updated_at: toDbTime(now) })
        .onConflict('key')
        .ignore();
      since = (await state(s.knex, 'scheduler_since')) ?? now.toISOString();
    }
    // Runs cut off by a dying engine.
    for (const r of await s
      .knex('backup_runs')
      .where({ status: 'running' })
      .where('started_at', '<', toDbTime(new Date(now.getTime() - STALE_MS)))) {
      await s
        .knex('backup_runs')
        .where({ id: r.id, status: 'running' })
        .update({
          status: 'failed',
          finished_at: toDbTime(now),
          error: 'interrupted (the engine running it stopped)',
        });
      await notifyAdministrators(s, {
        template: 'backup-failed',
        title: `Sao lưu ${r.kind} bị gián đoạn`,
        body: `Lần sao lưu bắt đầu lúc ${hanoi(fromDbTime(r.started_at)!)} không hoàn thành.`,
        dedupe: `backup:${r.slot_key}:interrupted`,
        payload: { slot: r.slot_key },
      });
    }
    const due = (['incremental', 'full'] as const)
      .map((kind) => lastSlot(kind, c, now))
      .filter((x): x is Slot => !!x && x.at >= new Date(since!))
      .sort((a, b) => a.at.getTime() - b.at.getTime());
    for (const slot of due) {
      if (await s.knex('backup_runs').where({ slot_key: slot.key }).first('id')) continue;
      try {
        await s.knex('backup_runs').insert({
          slot_key: slot.key,
          kind: slot.kind,
          trigger: 'schedule',
          status: 'running',
          scheduled_for: toDbTime(slot.at),
          started_at: toDbTime(now),
        });
      } catch (err) {
        if (duplicate(err)) continue; // another engine took it
        throw err;
      }
      const late = now.getTime() - slot.at.getTime() > c.lateMinutes * 60_000;
      if (late)
        await notifyAdministrators(s, {
          template: 'backup-missed',
          title: `Sao lưu ${slot.kind === 'full' ? 'toàn bộ' : 'gia tăng'} lỡ lịch ${hanoi(slot.at)}`,
          body: `Lịch sao lưu lúc ${hanoi(slot.at)} không chạy đúng giờ (hệ thống không hoạt động?). Đã chạy bù lúc ${hanoi(now)}.`,
          dedupe: `backup:${slot.key}:missed`,
          payload: { slot: slot.key },
        });
      try {
        const m = await runOne(s, slot.kind, slot, 'schedule');
        result.ran.push({ slot: slot.key, set: m.id, kind: m.kind, ok: true, late });
        if (m.kind === 'full') result.pruned.push(...(await s.backup.prune()));
        // A full in the slot of an incremental supersedes an older full slot left in this same tick.
      } catch (err) {
        const message = String((err as Error)?.message ?? err)
          .split('\n')[0]!
          .slice(0, 900);
        await s
          .knex('backup_runs')
          .where({ slot_key: slot.key, status: 'running' })
          .update({ status: 'failed', finished_at: toDbTime(s.clock.now()), error: message });
        s.log.error({ err, slot: slot.key }, 'scheduled backup failed');
        await notifyAdministrators(s, {
          template: 'backup-failed',
          title: `Sao lưu ${slot.kind === 'full' ? 'toàn bộ' : 'gia tăng'} thất bại (${hanoi(slot.at)})`,
          body: `Lỗi: ${message}`,
          dedupe: `backup:${slot.key}:failed`,
          payload: { slot: slot.key, error: message },
        });
        result.ran.push({ slot: slot.key, ok: false, late, error: message });
      }
    }
    return result;
  },
});
