// Smoke test of the demo data generator (the benchmark itself is not a test: `npm run bench`): 500
// tasks on this run's database, consistent with the engine's rules and with a history that verifies.
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { migrateAndSeed } from './db.js';
import { generateTasks } from '../../seeds/src/demo/generate.js';
import { verifyHistory } from '../../engine/src/tasks/verify.js';

let db: TestDatabase;
const N = 500;

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateAndSeed(db.url);
  await generateTasks(db.knex, { tasks: N, seed: 7 });
}, 120_000);
afterAll(async () => {
  await db?.drop();
});

const count = async (q: any) => Number((await q.count({ n: '*' }).first()).n);

test('every task has its parties, a category consistent with its state, and a unique code', async () => {
  const k = db.knex;
  expect(await count(k('tasks'))).toBe(N);
  expect(await count(k('task_parties').where('party', 'lead'))).toBe(N);
  expect(await count(k('task_parties').where('party', 'assigner'))).toBe(N);
  expect(await count(k('tasks').whereIn('pillar', ['thanhuy', 'hdnd', 'ubnd', 'mttq']))).toBe(N);
  expect((await k('tasks').distinct('pillar')).length).toBe(4);
  // Done tasks carry their completion, the others none.
  expect(await count(k('tasks').where('state_category', 'done').where((w) => w.whereNull('completed_at').orWhereNull('completed_on')))).toBe(0);
  expect(await count(k('tasks').whereNot('state_category', 'done').whereNotNull('completed_at'))).toBe(0);
  expect(await count(k('tasks').where({ state: 'hoan-thanh', state_category: 'done' }))).toBeGreaterThan(0);
  expect(await count(k('tasks').where('state_category', 'done').whereRaw('completed_on > due_date'))).toBeGreaterThan(0); // some late
  expect(await count(k('tasks').whereIn('state_category', ['open', 'waiting']).whereNotNull('due_date'))).toBeGreaterThan(0);
  expect(await count(k('tasks').whereNull('due_date'))).toBeGreaterThan(0);
  expect(await count(k('tasks').whereNotNull('parent_id'))).toBeGreaterThan(N * 0.05);
  // Sub-tasks are led by a sub-unit of their parent's lead unit.
  const misplaced = await k('tasks as c').join('tasks as p', 'p.id', 'c.parent_id').join('units as u', 'u.id', 'c.lead_unit_id').whereRaw('u.parent_id <> p.lead_unit_id').count({ n: '*' }).first();
  expect(Number(misplaced!.n)).toBe(0);
  const dup = await k('tasks').select('pillar', 'code').count({ n: '*' }).groupBy('pillar', 'code').havingRaw('count(*) > 1');
  expect(dup).toEqual([]);
  // Indexed form fields land in their generated columns, from the catalogs.
  const priorities = (await k('tasks').distinct('f_douutien_s')).map((r) => r.f_douutien_s).sort();
  expect(priorities).toEqual(['cao', 'rat-cao', 'thap', 'trung-binh']);
});

test('code sequences continue after the generated codes', async () => {
  for (const s of await db.knex('code_sequences').select('scope', 'value')) {
    const [pillar, year] = s.scope.split(':');
    const codes = await db.knex('tasks').where({ pillar }).where('code', 'like', `%-${year}-%`).pluck('code');
    const max = Math.max(0, ...codes.map((c: string) => Number(c.split('-').pop())));
    expect(Number(s.value)).toBeGreaterThanOrEqual(max);
  }
});

test('the generated history verifies', async () => {
  const r = await verifyHistory(db.knex);
  expect(r.tasks).toBe(N);
  expect(r.events).toBeGreaterThanOrEqual(N);
  expect(r.problems).toEqual([]);
});
