import { subject } from '@casl/ability';
import fc from 'fast-check';
import { readdirSync, readFileSync } from 'node:fs';
import { AbilityCache, buildAbility, createAppAbility } from './ability.js';
import type { Principal, RoleBody, RoleRule } from './placeholders.js';
import { accessCondition, type FieldMap } from './sql.js';
import { unionOfRoles } from './union.js';

const leader: RoleBody = {
  name: 'Lãnh đạo',
  rules: [
    {
      action: ['read', 'update'],
      subject: 'Task',
      conditions: { unitPath: { $startsWith: '${position.unitPath}' } },
    },
  ],
};
const principal = (positions: Principal['positions'], id = 1): Principal => ({
  id,
  username: `u${id}`,
  pillar: 'ubnd',
  positions,
});
const at = (unitId: number, unitPath: string, roleKey = 'leader', pillar = 'ubnd') => ({
  unitId,
  unitPath,
  roleKey,
  pillar,
});

test('subjects are typed by __type or by subject()', () => {
  const ability = buildAbility(principal([at(4, '/1/4/')]), new Map([['leader', leader]]));
  expect(ability.can('read', { __type: 'Task', unitPath: '/1/4/9/' })).toBe(true);
  expect(ability.can('read', subject('Task', { unitPath: '/1/4/9/' }))).toBe(true);
  expect(ability.can('read', subject('Task', { unitPath: '/1/5/' }))).toBe(false);
  expect(ability.can('read', { __type: 'Unit', unitPath: '/1/4/' })).toBe(false);
  expect(ability.can('read', 'Task')).toBe(true);
});

test('roles come from a Map or a lookup by (key, pillar); an unknown role grants nothing', () => {
  const asked: string[] = [];
  const lookup = (key: string, pillar: string) => {
    asked.push(`${key}/${pillar}`);
    return key === 'leader' ? leader : undefined;
  };
  const ability = buildAbility(
    principal([at(4, '/1/4/', 'leader', 'dang'), at(5, '/1/5/', 'ghost')]),
    lookup,
  );
  expect(asked).toEqual(['leader/dang', 'ghost/ubnd']);
  expect(ability.can('update', subject('Task', { unitPath: '/1/4/' }))).toBe(true);
  expect(ability.can('update', subject('Task', { unitPath: '/1/5/' }))).toBe(false);
});

test('a malformed role fails when the ability is built', () => {
  const bad = (conditions: Record<string, unknown>) => () =>
    buildAbility(
      principal([at(1, '/1/')]),
      new Map([['leader', { name: 'x', rules: [{ action: 'read', subject: 'Task', conditions }] }]]),
    );
  expect(bad({ title: { $regex: 'x' } })).toThrow(/\$regex" is not supported/);
  expect(bad({ score: { $lt: null } })).toThrow(/comparable/);
  expect(bad({ unitPath: { $startsWith: 5 } })).toThrow(/\$startsWith/);
  expect(bad({ $or: [] })).toThrow(/non-empty array/);
});

test('the cache builds once per user, positions and metadata version, and stays bounded', () => {
  const cache = new AbilityCache(2);
  let builds = 0;
  const get = (p: Principal, version: number) =>
    cache.get(p, version, () => (builds++, createAppAbility([])));
  const a = principal([at(4, '/1/4/')], 1);
  const first = get(a, 1);
  expect(get(a, 1)).toBe(first);
  expect(builds).toBe(1);
  get(principal([at(4, '/1/4/'), at(5, '/1/5/')], 1), 1); // a new position
  expect(builds).toBe(2);
  get(a, 2); // a new metadata version
  expect(builds).toBe(3);
  get(principal([], 2), 2);
  get(principal([], 3), 2);
  expect(cache.size).toBe(2);
});

// The union of roles must mean "some position's role allows it", whatever the order of the positions:
// checked against one CASL ability per position, for row-, field- and type-level checks.
describe('union of roles', () => {
  const value = fc.constantFrom(0, 1, 2);
  const conditions = fc.oneof(
    fc.constant(undefined),
    fc.constant({}),
    value.map((v) => ({ a: v })),
    value.map((v) => ({ a: { $ne: v } })),
    fc.tuple(value, value).map(([x, y]) => ({ a: x, b: { $in: [y, 2] } })),
    fc.tuple(value, value).map(([x, y]) => ({ $or: [{ a: x }, { b: y }] })),
  );
  const rule: fc.Arbitrary<RoleRule> = fc.record(
    {
      action: fc.constantFrom<RoleRule['action']>('read', 'update', 'manage', ['read', 'update']),
      subject: fc.constantFrom<RoleRule['subject']>('Task', 'Unit', 'all', ['Task', 'Unit']),
      conditions,
      fields: fc.constantFrom(undefined, ['title'], ['title', 'state']),
      inverted: fc.boolean(),
    },
    { requiredKeys: ['action', 'subject'] },
  );
  const role = fc.array(rule, { minLength: 1, maxLength: 4 });
  const query = fc.record({
    action: fc.constantFrom('read', 'update', 'delete', 'manage'),
    type: fc.constantFrom('Task', 'Unit'),
    field: fc.constantFrom(undefined, 'title', 'state'),
    row: fc.option(fc.record({ a: value, b: value }), { nil: undefined }), // undefined: a type-level check
  });

  test('equals the OR of one ability per position (or is stricter, only when flagged inexact)', () => {
    let exactRuns = 0;
    fc.assert(
      fc.property(
        fc.array(role, { minLength: 1, maxLength: 3 }),
        fc.array(query, { minLength: 1, maxLength: 8 }),
        (roles, queries) => {
          const { rules, exact } = unionOfRoles(roles);
          const union = createAppAbility(rules);
          const parts = roles.map((r) => createAppAbility(r));
          if (exact) exactRuns++;
          for (const { action, type, field, row } of queries) {
            const target = () => (row ? subject(type, { ...row }) : type);
            const expected = parts.some((p) => p.can(action, target(), field));
            const got = union.can(action, target(), field);
            if (exact) expect(got).toBe(expected);
            else expect(got && !expected).toBe(false);
          }
        },
      ),
      { numRuns: 1000 },
    );
    expect(exactRuns).toBeGreaterThan(900);
  });
});

// The seeded roles (seeds/metadata/role) must build and compile for every subject they mention.
describe('seeded roles', () => {
  const dir = new URL('../../../seeds/metadata/role/', import.meta.url);
  const roles = new Map<string, RoleBody>(
    readdirSync(dir).map((f) => [
      f.replace(/\.json$/, ''),
      JSON.parse(readFileSync(new URL(f, dir), 'utf8')),
    ]),
  );
  const columns = (...fields: string[]) => Object.fromEntries(fields.map((f) => [f, `t.${f}`]));
  const FIELDS: Record<string, FieldMap> = {
    Task: columns(
      'id',
      'pillar',
      'state',
      'leadUnitId',
      'leadUnitPath',
      'assignerId',
      'handlerId',
      'monitorId',
    ),
    Document: columns('id', 'pillar', 'unitId', 'unitPath'),
  };

  test.each([...roles.keys()])('%s', (key) => {
    const ability = buildAbility(principal([at(4, '/1/4/', key)]), roles);
    for (const subjectType of ['Task', 'Document', 'Unit', 'Metadata'])
      for (const action of ['read', 'update', 'create'])
        for (const dialect of ['sqlite', 'mysql'] as const)
          expect(() =>
            accessCondition(
              ability,
              action,
              subjectType,
              FIELDS[subjectType] ?? columns('id', 'pillar'),
              dialect,
            ),
          ).not.toThrow();
  });
});
