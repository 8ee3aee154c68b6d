// The SQL filter selects exactly the rows CASL allows: random role rules (inverted ones, every operator,
// nested $and/$or/$nor, NULLs) against random rows in a real table, on SQLite and on MariaDB. Values
// come from small domains so that matches, near-misses (case, accents, trailing spaces, LIKE/GLOB
// wildcards in prefixes, "/1/2" vs "/1/20/") and NULL comparisons all happen often.
import fc from 'fast-check';
import type { TestDatabase } from '../../../test/support/databases.js';
import { createAppAbility } from './ability.js';
import type { RoleRule } from './placeholders.js';
import { caslIds, createTable, ENGINES, sqlIds, toDb, type Row } from './__tests__/table.js';

const RUNS = Number(process.env.ACCESS_PROPERTY_RUNS ?? 1000);
const ACTIONS = ['read', 'update', 'delete'];

// Everyday values, and near-misses that an inexact filter would confuse with them.
const PATHS = domain(
  ['/1/', '/1/2/', '/1/2/5/', '/10/'],
  ['/1/20/', '/1_/', '/1%/', '/1!/', '/[1]/', '/*/', '/A/', '/a/', ''],
);
const PILLARS = domain(['ubnd', 'dang'], ['UBND', 'ubnd ', 'Dang', 'e', 'é', '-1', '']);
const PATH_PREFIXES = domain(
  ['/1/', '/1/2/', '/1', '/'],
  ['', '/1/2', '/10', '/1_', '/1%', '/1!', '/[', '/*', '/a', '/A'],
  2,
);
const PILLAR_PREFIXES = domain(['ub', 'ubnd', 'd'], ['U', 'UB', 'D', 'e', 'é', '', 'ubnd '], 2);
const NUMBERS = fc.integer({ min: -2, max: 3 });
const IDS = fc.integer({ min: 0, max: 3 });

function domain<T>(everyday: T[], edges: T[], edgeWeight = 1): fc.Arbitrary<T> {
  return fc.oneof(
    { arbitrary: fc.constantFrom(...everyday), weight: 2 },
    { arbitrary: fc.constantFrom(...edges), weight: edgeWeight },
  );
}
const orNull = <T>(a: fc.Arbitrary<T>) => fc.option(a, { nil: null, freq: 4 });
const pick = <T>(xs: readonly T[]) => fc.constantFrom(...xs);

const row = (id: number): fc.Arbitrary<Row> =>
  fc.record({
    id: fc.constant(id),
    pillar: orNull(PILLARS),
    unitId: orNull(IDS),
    unitPath: orNull(PATHS),
    handlerId: orNull(IDS),
    score: orNull(NUMBERS),
  });
const rows = fc
  .integer({ min: 4, max: 16 })
  .chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => row(i + 1))));

// One field's condition: a bare value (equality) or 1–2 operators with operands of the field's type.
function fieldCondition(
  value: fc.Arbitrary<string | number>,
  prefixes?: fc.Arbitrary<string>,
): fc.Arbitrary<unknown> {
  const scalar = orNull(value);
  const operators: fc.Arbitrary<[string, unknown]>[] = [
    fc.tuple(pick(['$eq', '$ne']), scalar),
    fc.tuple(pick(['$in', '$nin']), fc.array(scalar, { maxLength: 3 })),
    fc.tuple(pick(['$lt', '$lte', '$gt', '$gte']), value),
  ];
  if (prefixes) {
    const list = fc.array(prefixes, { maxLength: 3 });
    operators.push(fc.tuple(fc.constant('$startsWith'), fc.oneof(prefixes, prefixes, list)));
  }
  const ops = fc.uniqueArray(fc.oneof(...operators), { minLength: 1, maxLength: 2, selector: ([op]) => op });
  return fc.oneof(scalar, ops.map(Object.fromEntries));
}

const FIELD_CONDITIONS: [string, fc.Arbitrary<unknown>][] = [
  ['pillar', fieldCondition(PILLARS, PILLAR_PREFIXES)],
  ['unitPath', fieldCondition(PATHS, PATH_PREFIXES)],
  ['unitPath', fieldCondition(PATHS, PATH_PREFIXES)], // paths are what roles test most
  ['unitId', fieldCondition(IDS)],
  ['handlerId', fieldCondition(IDS)],
  ['score', fieldCondition(NUMBERS)],
];

const oneField = fc.constantFrom(...FIELD_CONDITIONS).chain(([f, cond]) => cond.map((c) => ({ [f]: c })));
const twoFields = fc.tuple(oneField, oneField).map(([a, b]) => ({ ...a, ...b }));
const fields = fc.oneof({ arbitrary: oneField, weight: 3 }, { arbitrary: twoFields, weight: 1 });

const conditions = fc.letrec<{ cond: Record<string, unknown> }>((tie) => ({
  cond: fc.oneof(
    { maxDepth: 2, depthSize: 'small', withCrossShrink: true },
    fields,
    fc
      .tuple(
        pick(['$and', '$or', '$nor']),
        fc.array(tie('cond'), { minLength: 1, maxLength: 3 }),
        fc.option(fields, { nil: undefined }),
      )
      .map(([op, list, extra]) => ({ ...extra, [op]: list })),
  ),
})).cond;

const rule: fc.Arbitrary<RoleRule> = fc.record(
  {
    action: pick<RoleRule['action']>(['read', 'read', 'manage', 'update', ['read', 'update']]),
    subject: pick<RoleRule['subject']>(['Task', 'Task', 'all', 'Unit']),
    conditions: fc.option(conditions, { nil: undefined, freq: 12 }),
    fields: fc.option(fc.constant(['title']), { nil: undefined, freq: 8 }),
    inverted: fc.nat(3).map((n) => n === 0), // one rule in four forbids
  },
  { requiredKeys: ['action', 'subject'] },
);
const rules = fc.array(rule, { minLength: 1, maxLength: 4 });
const ruleSets = fc.array(rules, { minLength: 3, maxLength: 3 }); // several per table: inserts cost more than queries

describe.each(ENGINES)('access SQL = CASL on $name', (engine) => {
  let db: TestDatabase | undefined;
  beforeAll(async () => {
    db = await engine.open();
    if (db) await createTable(db.knex);
  });
  afterAll(() => db?.drop());

  test(`${RUNS} random tables × 3 random rule sets × ${ACTIONS.join('/')}`, async () => {
    if (!db) return;
    const knex = db.knex;
    let decisive = 0; // checks where the filter kept some rows and dropped others
    await fc.assert(
      fc.asyncProperty(ruleSets, rows, async (sets, table) => {
        const trx = await knex.transaction();
        try {
          await trx('acl_rows').insert(table.map(toDb));
          for (const ability of sets.map((rs) => createAppAbility(rs)))
            for (const action of ACTIONS) {
              const expected = caslIds(table, ability, action);
              if (expected.length > 0 && expected.length < table.length) decisive++;
              expect(await sqlIds(trx, ability, action)).toEqual(expected);
            }
        } finally {
          await trx.rollback();
        }
      }),
      { numRuns: RUNS },
    );
    expect(decisive).toBeGreaterThan(RUNS); // the domains are small enough for real matches
  }, 120_000);
});
