// Generated data for the report tests, written by direct inserts we control: tasks of every statistics
// category (done on time / late, open within / past the deadline, due today, no deadline, drafts,
// returned, revoked) spread over the unit trees of two pillars, with handlers, source documents and
// creation events; plus leaders whose positions give the scopes the tests compare.
import type { Knex } from 'knex';
import { hashPassword } from '../../engine/src/identity/passwords.js';
import { addDays } from '../../engine/src/calendar/days.js';
import { toDbTime } from '../../engine/src/db/time.js';
import { SEED_PASSWORD } from '../support/engine.js';

/** A small deterministic generator (mulberry32). */
export function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Fixture {
  units: Array<{ id: number; pillar: string; code: string; path: string; depth: number; parent_id: number | null; name: string }>;
  unit(code: string): { id: number; path: string; depth: number; pillar: string; name: string };
  documents: number[];
  handlers: number[];
}

const STATES = {
  open: ['cho-tiep-nhan', 'dang-thuc-hien'],
  waiting: ['cho-duyet-ket-qua', 'tam-dung', 'cho-duyet-gia-han'],
  done: ['hoan-thanh'],
  cancelled: ['tra-lai', 'thu-hoi'],
} as const;

/** Adds a user with one position (role metadata key) and the seed password. */
export async function addUser(knex: Knex, username: string, unitId: number, roleKey: string, pillar: string): Promise<number> {
  const now = toDbTime(new Date());
  const [id] = await knex('users').insert({ username, full_name: `Cán bộ ${username}`, email: null, pillar, password_hash: await hashPassword(SEED_PASSWORD), must_change_password: false, active: true, created_at: now, updated_at: now });
  await knex('positions').insert({ user_id: Number(id), unit_id: unitId, role_key: roleKey, title: roleKey, active: true });
  return Number(id);
}

/**
 * `count` tasks in the pillars given, created over the 240 days before `today`, with creation events.
 * Returns what the tests need to compute their own numbers.
 */
export async function generate(knex: Knex, opts: { today: string; count: number; pillars: string[]; seed?: number }): Promise<Fixture> {
  const r = rng(opts.seed ?? 7);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const units = (await knex('units').whereIn('pillar', opts.pillars).orderBy('id').select('id', 'pillar', 'code', 'path', 'depth', 'parent_id', 'name')).map((u: any) => ({ ...u, id: Number(u.id), depth: Number(u.depth), parent_id: u.parent_id === null ? null : Number(u.parent_id) }));
  const admin = await knex('users').where({ username: 'admin' }).first('id');
  const adminId = Number(admin.id);
  const nowTs = toDbTime(new Date(`${opts.today}T03:00:00Z`));

  // Handlers: a few people in the trees (generated here), and source documents.
  const handlers: number[] = [];
  for (let i = 0; i < 8; i++) {
    const u = pick(units.filter((x) => x.depth > 0));
    handlers.push(await addUser(knex, `rp.handler${i}.${u.pillar}`, u.id, 'chuyen-vien', u.pillar));
  }
  const documents: number[] = [];
  for (let i = 0; i < 6; i++) {
    const u = pick(units);
    const [id] = await knex('documents').insert({
      pillar: u.pillar,
      unit_id: u.id,
      unit_path: u.path,
      number: String(10 + i),
      notation: i % 2 ? 'KH-UBND' : 'CT/TU',
      issued_date: addDays(opts.today, -200 + i * 10),
      type_key: i % 2 ? 'KH' : 'CT',
      issuer_name: 'UBND thành phố Hà Nội',
      issuer_code: null,
      subject: `Văn bản chỉ đạo thứ ${i + 1} về triển khai nhiệm vụ`,
      signer_position: null,
      signer_name: null,
      urgency: 'thuong',
      classification: 'thuong',
      due_date: null,
      recipients: '[]',
      status: 'active',
      external_id: null,
      response_for: '[]',
      created_by: adminId,
      created_at: nowTs,
      updated_at: nowTs,
      version: 1,
    });
    documents.push(Number(id));
  }

  const tasks: Record<string, unknown>[] = [];
  const seq = new Map<string, number>();
  for (let i = 0; i < opts.count; i++) {
    const u = pick(units);
    const created = addDays(opts.today, -Math.floor(r() * 240));
    const x = r();
    const category = x < 0.45 ? 'done' : x < 0.7 ? 'open' : x < 0.85 ? 'waiting' : x < 0.93 ? 'cancelled' : 'draft';
    const state = category === 'draft' ? 'du-thao' : pick(STATES[category as keyof typeof STATES]);
    const stateCategory = category === 'draft' ? 'waiting' : category;
    const y = r();
    // Due dates around today (some exactly today), a few tasks without one.
    const due = y < 0.08 ? null : y < 0.12 ? opts.today : addDays(created, 3 + Math.floor(r() * 60));
    let completedOn: string | null = null;
    if (stateCategory === 'done') {
      const base = due ?? addDays(created, 10);
      completedOn = addDays(base, Math.floor(r() * 30) - 20);
      if (completedOn < created) completedOn = created;
      if (completedOn > opts.today) completedOn = opts.today;
    }
    const n = (seq.get(u.pillar) ?? 0) + 1;
    seq.set(u.pillar, n);
    tasks.push({
      code: `RP-${u.pillar}-${String(n).padStart(6, '0')}`,
      pillar: u.pillar,
      type_key: 'nhiem-vu-van-ban',
      meta_scope: '',
      type_version: 1,
      form_key: 'nhiem-vu',
      form_scope: '',
      form_version: 1,
      workflow_key: 'mac-dinh',
      workflow_scope: '',
      workflow_version: 1,
      state,
      state_category: stateCategory,
      title: `Nhiệm vụ thử nghiệm báo cáo số ${i + 1}`,
      lead_unit_id: u.id,
      lead_unit_path: u.path,
      assigner_id: adminId,
      assigner_unit_id: u.id,
      handler_id: r() < 0.7 ? pick(handlers) : null,
      monitor_id: null,
      deadline_kind: due ? 'fixed' : 'none',
      due_date: due,
      original_due_date: due,
      period_key: null,
      completed_at: completedOn ? `${completedOn} 02:00:00.000` : null,
      completed_on: completedOn,
      parent_id: null,
      source_document_id: r() < 0.35 ? pick(documents) : null,
      progress: stateCategory === 'done' ? 100 : 0,
      data: JSON.stringify({ nguonGiao: pick(['van-ban', 'ket-luan-cuoc-hop', 'but-phe']), doUuTien: pick(['cao', 'trung-binh']) }),
      version: 1,
      history_seq: 1,
      history_hash: '',
      // Created at 10:00 Hanoi time, except a few just before midnight UTC+7 (a day boundary case).
      created_at: i % 17 === 0 ? `${addDays(created, -1)} 16:59:59.999` : `${created} 03:00:00.000`,
      updated_at: nowTs,
    });
  }
  for (let i = 0; i < tasks.length; i += 200) await knex('tasks').insert(tasks.slice(i, i + 200));
  const ids = await knex('tasks').where('code', 'like', 'RP-%').orderBy('id').select('id', 'created_at', 'assigner_unit_id');
  const events = ids.map((t: any) => ({ task_id: t.id, seq: 1, at: t.created_at, actor_id: adminId, position_id: null, unit_id: t.assigner_unit_id, action: 'create', transition: null, from_state: null, to_state: 'cho-tiep-nhan', changes: null, note: null, attachments: null, prev_hash: '', hash: 'x'.repeat(64) }));
  for (let i = 0; i < events.length; i += 200) await knex('task_events').insert(events.slice(i, i + 200));

  return {
    units,
    unit(code: string) {
      const u = units.find((x) => x.code === code);
      if (!u) throw new Error(`no unit ${code}`);
      return u;
    },
    documents,
    handlers,
  };
}
