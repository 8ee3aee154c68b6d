import { conditionsMatcher } from './matcher.js';
import { resolveConditions, resolveRules, type Principal } from './placeholders.js';

const principal: Principal = {
  id: 7,
  username: 'cv.hoa',
  pillar: 'ubnd',
  positions: [
    { unitId: 4, unitPath: '/1/4/', pillar: 'ubnd', roleKey: 'leader' },
    { unitId: 9, unitPath: '/1/4/9/', pillar: 'ubnd', roleKey: 'specialist' },
    { unitId: 4, unitPath: '/1/4/', pillar: 'ubnd', roleKey: 'specialist' },
  ],
};
const resolve = (conditions: Record<string, unknown>, position = principal.positions[0]) =>
  resolveRules([{ action: 'read', subject: 'Task', conditions }], principal, position)[0].conditions;

test('scalar placeholders take the value of the user or of the position the role is held at', () => {
  expect(
    resolve(
      {
        handlerId: '${user.id}',
        pillar: '${user.pillar}',
        unitPath: { $startsWith: '${position.unitPath}' },
      },
      principal.positions[1],
    ),
  ).toEqual({
    handlerId: 7,
    pillar: 'ubnd',
    unitPath: { $startsWith: '/1/4/9/' },
  });
  expect(resolve({ unitId: { $ne: '${position.unitId}' }, p: '${position.pillar}' })).toEqual({
    unitId: { $ne: 4 },
    p: 'ubnd',
  });
});

test('list placeholders: distinct values; equality becomes membership, $startsWith any prefix', () => {
  expect(resolve({ unitId: '${user.unitIds}' })).toEqual({ unitId: { $in: [4, 9] } });
  expect(resolve({ unitId: { $eq: '${user.unitIds}' }, x: { $ne: '${user.unitIds}' } })).toEqual({
    unitId: { $in: [4, 9] },
    x: { $nin: [4, 9] },
  });
  expect(resolve({ unitPath: { $startsWith: '${user.unitPaths}' } })).toEqual({
    unitPath: { $startsWith: ['/1/4/', '/1/4/9/'] },
  });
  expect(resolve({ unitId: { $in: [1, '${user.unitIds}', '${user.id}'] } })).toEqual({
    unitId: { $in: [1, 4, 9, 7] },
  });
});

test('$and/$or/$nor are resolved inside; literals are left alone', () => {
  expect(resolve({ $or: [{ handlerId: '${user.id}' }, { state: 'open', n: { $gte: 3 } }] })).toEqual({
    $or: [{ handlerId: 7 }, { state: 'open', n: { $gte: 3 } }],
  });
});

test('empty lists stay empty and match nothing', () => {
  const values = { 'user.unitIds': [], 'user.unitPaths': [], 'user.pillar': null };
  const conditions = resolveConditions(
    { unitId: '${user.unitIds}', unitPath: { $startsWith: '${user.unitPaths}' } },
    values,
  );
  expect(conditions).toEqual({ unitId: { $in: [] }, unitPath: { $startsWith: [] } });
  expect(conditionsMatcher(conditions as never)({ unitId: 1, unitPath: '/1/' })).toBe(false);
});

test('unknown, partial and misplaced placeholders throw, naming the role', () => {
  expect(() => resolve({ unitId: '${user.unitId}' })).toThrow(
    'role "leader": unknown placeholder ${user.unitId}',
  );
  expect(() => resolve({ unitPath: { $startsWith: '/x${position.unitPath}' } })).toThrow(
    /must be the whole value/,
  );
  expect(() => resolve({ unitId: { $lt: '${user.unitIds}' } })).toThrow(/\$lt cannot take the list/);
  expect(() => resolve({ meta: { a: '${user.id}' } })).toThrow(/not allowed here/);
  expect(() => resolve({ unitId: { $eq: '${user.unitIds}', $in: [1] } })).toThrow(/\$in given twice/);
});
