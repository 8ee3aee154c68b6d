// What the generator reads from a database the engine has already migrated and seeded: pillars, units,
// the published metadata of the task type per pillar, catalogs, and people per unit (demo accounts plus
// generated ones, added here once: a leader and two specialists for every unit).
import type { Knex } from 'knex';
import { toDbTime } from '../../../engine/src/db/time.js';
import { personName, rng } from './vocab.js';

export interface Ref {
  key: string;
  scope: string;
  version: number;
}
export interface Person {
  userId: number;
  positionId: number;
  unitId: number;
}
export interface DemoUnit {
  id: number;
  path: string;
  pillar: string;
  parentId: number | null;
  children: number[];
  leader: Person;
  staff: Person[];
}
export interface PillarDefs {
  code: string;
  type: Ref & { deadlineKind: string; codePattern: string };
  form: Ref;
  workflow: Ref & { states: { key: string; category: string }[] };
}
export interface DemoContext {
  units: Map<number, DemoUnit>;
  unitsByPillar: Map<string, DemoUnit[]>;
  pillars: Map<string, PillarDefs>;
  catalogs: { nguonGiao: string[]; doUuTien: string[] };
}

export const TASK_TYPE = 'nhiem-vu-van-ban';

/** The newest published document of kind/key as `pillar` sees it: its own override, else the default. */
async function resolve(knex: Knex, kind: string, key: string, pillar: string) {
  const rows = await knex('metadata_documents').where({ kind, key, status: 'published' }).whereIn('pillar', [pillar, '']).orderBy('version', 'desc').select('pillar', 'version', 'body');
  const doc = rows.find((r) => r.pillar === pillar) ?? rows.find((r) => r.pillar === '');
  if (!doc) throw new Error(`no published ${kind} "${key}" for ${pillar}: start the engine once on this database first`);
  return { scope: doc.pillar as string, version: Number(doc.version), body: typeof doc.body === 'string' ? JSON.parse(doc.body) : doc.body };
}

async function catalog(knex: Knex, key: string): Promise<string[]> {
  return (await resolve(knex, 'catalog', key, '')).body.items.map((i: any) => i.value);
}

/** Adds the generated people of one unit (idempotent by user name) and returns its positions. */
async function ensurePeople(knex: Knex, unit: { id: number; code: string; pillar: string }, now: string) {
  const r = rng(unit.id * 7919);
  const wanted = [
    { username: `demo.${unit.code}.ld`, role: 'lanh-dao', title: 'Lãnh đạo đơn vị' },
    { username: `demo.${unit.code}.cv1`, role: 'chuyen-vien', title: 'Chuyên viên' },
    { username: `demo.${unit.code}.cv2`, role: 'chuyen-vien', title: 'Chuyên viên' },
  ];
  const have = new Map((await knex('users').whereIn('username', wanted.map((w) => w.username)).select('id', 'username')).map((u) => [u.username, Number(u.id)]));
  for (const w of wanted) {
    let id = have.get(w.username);
    if (id === undefined) {
      // '!' is no valid password hash: generated people cannot sign in, they only populate tasks.
      const [newId] = await knex('users').insert({ username: w.username, full_name: personName(r), email: null, pillar: unit.pillar, password_hash: '!', must_change_password: false, active: true, created_at: now, updated_at: now });
      id = Number(newId);
      await knex('positions').insert({ user_id: id, unit_id: unit.id, role_key: w.role, title: w.title, active: true });
    }
  }
}

export async function loadContext(knex: Knex, now: Date): Promise<DemoContext> {
  const unitRows = await knex('units').where({ active: true }).orderBy('id').select('id', 'code', 'path', 'pillar', 'parent_id');
  if (!unitRows.length) throw new Error('no units: start the engine once on this database first');
  await knex.transaction(async (trx) => {
    for (const u of unitRows) await ensurePeople(trx, { id: Number(u.id), code: u.code, pillar: u.pillar }, toDbTime(now));
  });
  const positions = await knex('positions as p').join('users as u', 'u.id', 'p.user_id').where({ 'p.active': true, 'u.active': true }).orderBy('p.id').select('p.id', 'p.user_id', 'p.unit_id', 'p.role_key');
  const units = new Map<number, DemoUnit>();
  for (const u of unitRows) {
    const people = positions.filter((p) => Number(p.unit_id) === Number(u.id)).map((p) => ({ role: p.role_key as string, person: { userId: Number(p.user_id), positionId: Number(p.id), unitId: Number(u.id) } }));
    // A demo account holding the unit's leader role leads it (so signing in as ubnd.leader shows data).
    const leaders = people.filter((p) => p.role === 'lanh-dao');
    units.set(Number(u.id), {
      id: Number(u.id),
      path: u.path,
      pillar: u.pillar,
      parentId: u.parent_id === null ? null : Number(u.parent_id),
      children: [],
      leader: leaders[0]!.person,
      staff: people.filter((p) => p.role === 'chuyen-vien').map((p) => p.person),
    });
  }
  for (const u of units.values()) if (u.parentId !== null) units.get(u.parentId)?.children.push(u.id);
  const unitsByPillar = new Map<string, DemoUnit[]>();
  for (const u of units.values()) unitsByPillar.set(u.pillar, [...(unitsByPillar.get(u.pillar) ?? []), u]);

  const pillars = new Map<string, PillarDefs>();
  for (const p of await knex('pillars').select('key', 'code')) {
    const type = await resolve(knex, 'taskType', TASK_TYPE, p.key);
    const form = await resolve(knex, 'form', type.body.form, p.key);
    const workflow = await resolve(knex, 'workflow', type.body.workflow, p.key);
    pillars.set(p.key, {
      code: p.code,
      type: { key: TASK_TYPE, scope: type.scope, version: type.version, deadlineKind: type.body.deadline.kind, codePattern: type.body.codePattern },
      form: { key: type.body.form, scope: form.scope, version: form.version },
      workflow: { key: type.body.workflow, scope: workflow.scope, version: workflow.version, states: workflow.body.states },
    });
  }
  return { units, unitsByPillar, pillars, catalogs: { nguonGiao: await catalog(knex, 'nguon-giao'), doUuTien: await catalog(knex, 'do-uu-tien') } };
}
