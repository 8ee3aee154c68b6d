// Worked examples of role rules compiled to SQL, on SQLite and MariaDB; each also agrees with CASL.
import type { TestDatabase } from '../../../test/support/databases.js';
import { buildAbility, createAppAbility } from './ability.js';
import type { Principal, RoleBody } from './placeholders.js';
import { accessCondition, accessibleCount, applyAccessFilter, canSelectAll } from './sql.js';
import { caslIds, createTable, ENGINES, FIELDS, sqlIds, toDb, type Row } from './__tests__/table.js';

// Units: /1/ city, /1/2/ district A, /1/2/5/ a ward of A, /1/3/ district B, /10/ elsewhere.
const row = (
  id: number,
  pillar: string | null,
  unitId: number,
  unitPath: string,
  handlerId: number | null,
  score: number | null = 1,
): Row => ({
  id,
  pillar,
  unitId,
  unitPath,
  handlerId,
  score,
});
const ROWS: Row[] = [
  row(1, 'ubnd', 1, '/1/', 100),
  row(2, 'ubnd', 2, '/1/2/', 101),
  row(3, 'ubnd', 5, '/1/2/5/', 100),
  row(4, 'ubnd', 3, '/1/3/', 102),
  row(5, 'dang', 10, '/10/', 100),
  row(6, 'ubnd', 2, '/1/2/', null, null),
  row(7, 'UBND', 2, '/1/2/', 102, 5),
  row(8, 'ubnd', 12, '/1/20/', 102), // "/1/2" is a prefix of its path as a string, not as a unit
];

const ROLES = new Map<string, RoleBody>([
  [
    'leader',
    {
      name: 'Lãnh đạo',
      rules: [
        {
          action: 'read',
          subject: 'Task',
          conditions: { unitPath: { $startsWith: '${position.unitPath}' } },
        },
      ],
    },
  ],
  [
    'specialist',
    {
      name: 'Chuyên viên',
      rules: [
        { action: 'read', subject: 'Task', conditions: { unitId: '${position.unitId}' } },
        { action: 'read', subject: 'Task', conditions: { handlerId: '${user.id}' } },
      ],
    },
  ],
  [
    'pillarAdmin',
    {
      name: 'Quản trị khối',
      rules: [{ action: 'manage', subject: 'all', conditions: { pillar: '${position.pillar}' } }],
    },
  ],
  [
    'cautiousLeader',
    {
      name: 'Lãnh đạo (trừ việc điểm thấp)',
      rules: [
        {
          action: 'read',
          subject: 'Task',
          conditions: { unitPath: { $startsWith: '${position.unitPath}' } },
        },
        {
          action: 'read',
          subject: 'Task',
          inverted: true,
          conditions: { score: { $lt: 2 } },
          reason: 'low score',
        },
      ],
    },
  ],
  [
    'restrictedSpecialist',
    {
      name: 'Chuyên viên (không xem khối Đảng)',
      rules: [
        { action: 'read', subject: 'Task', conditions: { handlerId: '${user.id}' } },
        { action: 'read', subject: 'Task', inverted: true, conditions: { pillar: 'dang' } },
      ],
    },
  ],
]);

const user = (
  ...positions: [roleKey: string, unitId: number, unitPath: string, pillar?: string][]
): Principal => ({
  id: 100,
  username: 'u100',
  pillar: 'ubnd',
  positions: positions.map(([roleKey, unitId, unitPath, pillar = 'ubnd']) => ({
    roleKey,
    unitId,
    unitPath,
    pillar,
  })),
});

describe.each(ENGINES)('access SQL on $name', (engine) => {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await engine.open();
    if (!db) return;
    await createTable(db.knex);
    await db.knex('acl_rows').insert(ROWS.map(toDb));
  });
  afterAll(() => db?.drop());

  // SQL and CASL must agree on every example; `expected` pins what both should say.
  async function expectIds(principal: Principal, expected: number[], action = 'read') {
    if (!db) return;
    const ability = buildAbility(principal, ROLES);
    expect(caslIds(ROWS, ability, action)).toEqual(expected);
    expect(await sqlIds(db.knex, ability, action)).toEqual(expected);
  }

  test('a leader sees the subtree of the unit the role is held at, not of their other units', () =>
    // Also a specialist at /1/3/ (sees unit 3 and what they handle), but leads only /1/2/.
    expectIds(user(['leader', 2, '/1/2/'], ['specialist', 3, '/1/3/']), [1, 2, 3, 4, 5, 6, 7]));

  test('a leader of /1/2/ does not see /1/20/, and a leader of the city sees all of /1/', async () => {
    await expectIds(user(['leader', 2, '/1/2/']), [2, 3, 6, 7]);
    await expectIds(user(['leader', 1, '/1/']), [1, 2, 3, 4, 6, 7, 8]);
  });

  test('a specialist sees their own unit and what they handle', () =>
    expectIds(user(['specialist', 2, '/1/2/']), [1, 2, 3, 5, 6, 7]));

  test("a pillar admin manages their pillar's rows, matched case-sensitively", async () => {
    await expectIds(user(['pillarAdmin', 1, '/1/']), [1, 2, 3, 4, 6, 8]);
    await expectIds(user(['pillarAdmin', 1, '/1/']), [1, 2, 3, 4, 6, 8], 'delete');
    await expectIds(user(['pillarAdmin', 10, '/10/', 'dang']), [5]);
  });

  test('an inverted rule cuts its own role; a NULL score counts as below 2, as in CASL', () =>
    expectIds(user(['cautiousLeader', 2, '/1/2/']), [7]));

  test("one role's cannot does not cut another position's grants", async () => {
    await expectIds(user(['restrictedSpecialist', 2, '/1/2/']), [1, 3]);
    await expectIds(
      user(['restrictedSpecialist', 2, '/1/2/'], ['pillarAdmin', 10, '/10/', 'dang']),
      [1, 3, 5],
    );
    await expectIds(
      user(['pillarAdmin', 10, '/10/', 'dang'], ['restrictedSpecialist', 2, '/1/2/']),
      [1, 3, 5],
    );
  });

  test('no positions, or no rule for the action, select nothing with WHERE 1 = 0', async () => {
    await expectIds(user(), []);
    await expectIds(user(['leader', 1, '/1/']), [], 'delete');
    if (!db) return;
    const qb = applyAccessFilter(
      db.knex('acl_rows as t').select('t.id'),
      createAppAbility([]),
      'read',
      'Task',
      FIELDS,
    );
    expect(qb.toSQL().sql).toMatch(/where 1 = 0$/);
  });

  test('an unconditional rule adds no WHERE; canSelectAll and accessibleCount agree', async () => {
    if (!db) return;
    const all = createAppAbility([{ action: 'read', subject: 'Task' }]);
    const qb = applyAccessFilter(db.knex('acl_rows as t').select('t.id'), all, 'read', 'Task', FIELDS);
    expect(qb.toSQL().sql).not.toMatch(/where/i);
    expect(canSelectAll(all, 'read', 'Task')).toBe(true);
    const leader = buildAbility(user(['leader', 2, '/1/2/']), ROLES);
    expect(canSelectAll(leader, 'read', 'Task')).toBe(false);
    expect(
      await accessibleCount(
        db.knex('acl_rows as t').select('t.id').orderBy('t.id'),
        leader,
        'read',
        'Task',
        FIELDS,
      ),
    ).toBe(4);
  });

  test('a condition on a field outside the FieldMap throws instead of allowing', () => {
    if (!db) return;
    const ability = createAppAbility([{ action: 'read', subject: 'Task', conditions: { secret: 1 } }]);
    expect(() => applyAccessFilter(db!.knex('acl_rows as t'), ability, 'read', 'Task', FIELDS)).toThrow(
      /"secret".*FieldMap/,
    );
    const inverted = createAppAbility([
      { action: 'read', subject: 'Task' },
      { action: 'read', subject: 'Task', inverted: true, conditions: { hidden: 1 } },
    ]);
    expect(() => applyAccessFilter(db!.knex('acl_rows as t'), inverted, 'read', 'Task', FIELDS)).toThrow(
      /"hidden"/,
    );
  });

  test('prefixes with LIKE/GLOB wildcards are literal, values are bound', async () => {
    if (!db) return;
    const ability = createAppAbility([
      {
        action: 'read',
        subject: 'Task',
        conditions: { unitPath: { $startsWith: ['/1_', '/1%', '/1*', '/[1]', '/1!'] } },
      },
    ]);
    expect(await sqlIds(db.knex, ability)).toEqual([]);
    const cond = accessCondition(
      ability,
      'read',
      'Task',
      FIELDS,
      engine.name === 'SQLite' ? 'sqlite' : 'mysql',
    );
    expect(typeof cond === 'object' && cond.sql).not.toMatch(/\/1/);
  });
});
