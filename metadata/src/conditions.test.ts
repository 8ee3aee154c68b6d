import { createMongoAbility, subject } from '@casl/ability';
import { defaultDoc } from './__tests__/defaults.js';
import { conditionsMatcher } from './conditions.js';
import { resolvePlaceholders } from './placeholders.js';

const task = (fields: Record<string, unknown>) => subject('Task', { pillar: 'ubnd', ...fields });
const abilityOf = (...rules: { action: string; subject: string; conditions?: Record<string, unknown> }[]) =>
  createMongoAbility(rules, { conditionsMatcher });

describe('conditionsMatcher', () => {
  it('gives CASL a $startsWith for unit subtrees', () => {
    const ability = abilityOf({
      action: 'read',
      subject: 'Task',
      conditions: { leadUnitPath: { $startsWith: '/1/4/' } },
    });
    expect(ability.can('read', task({ leadUnitPath: '/1/4/' }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/1/4/9/' }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/1/41/' }))).toBe(false);
    expect(ability.can('read', task({ leadUnitPath: null }))).toBe(false);
  });

  it('matches any prefix of a list operand, and none of an empty one', () => {
    const ability = abilityOf(
      { action: 'read', subject: 'Task', conditions: { leadUnitPath: { $startsWith: ['/1/4/', '/2/'] } } },
      { action: 'delete', subject: 'Task', conditions: { leadUnitPath: { $startsWith: [] } } },
    );
    expect(ability.can('read', task({ leadUnitPath: '/2/7/' }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/3/' }))).toBe(false);
    expect(ability.can('delete', task({ leadUnitPath: '/1/' }))).toBe(false);
  });

  it('keeps the standard comparison operators and $or, $nor', () => {
    const ability = abilityOf(
      {
        action: 'read',
        subject: 'Task',
        conditions: { state: { $nin: ['thu-hoi'] }, dueDate: { $gte: '2025-01-01' } },
      },
      { action: 'update', subject: 'Task', conditions: { $or: [{ handlerId: 7 }, { monitorId: 7 }] } },
      { action: 'delete', subject: 'Task', conditions: { $nor: [{ state: 'hoan-thanh' }] } },
    );
    expect(ability.can('read', task({ state: 'dang-thuc-hien', dueDate: '2025-03-01' }))).toBe(true);
    expect(ability.can('read', task({ state: 'thu-hoi', dueDate: '2025-03-01' }))).toBe(false);
    expect(ability.can('read', task({ state: 'dang-thuc-hien', dueDate: '2024-12-31' }))).toBe(false);
    expect(ability.can('update', task({ monitorId: 7 }))).toBe(true);
    expect(ability.can('update', task({ handlerId: 8 }))).toBe(false);
    expect(ability.can('delete', task({ state: 'hoan-thanh' }))).toBe(false);
    expect(ability.can('delete', task({ state: 'du-thao' }))).toBe(true);
  });

  it('refuses operators the engine cannot compile to SQL', () => {
    expect(() => conditionsMatcher({ state: { $regex: '^cho' } } as never)).toThrow(/not supported/);
    expect(() => conditionsMatcher({ data: { $elemMatch: { a: 1 } } } as never)).toThrow(/not supported/);
    expect(() => conditionsMatcher({ leadUnitPath: { $startsWith: 5 } } as never)).toThrow(/string/);
    expect(() => conditionsMatcher({ $or: [] } as never)).toThrow(/non-empty array/);
  });
});

describe('resolvePlaceholders', () => {
  const values = {
    'user.id': 7,
    'user.unitIds': [4, 9],
    'user.unitPaths': ['/1/4/', '/1/9/'],
    'user.pillar': 'ubnd',
    'position.unitId': 4,
    'position.unitPath': '/1/4/',
    'position.pillar': 'ubnd',
  };

  it('replaces whole-value placeholders, splicing lists where a list is meant', () => {
    expect(
      resolvePlaceholders(
        {
          handlerId: '${user.id}',
          leadUnitId: { $in: '${user.unitIds}' },
          state: { $in: ['a', '${user.pillar}'] },
          monitorId: { $nin: ['${user.id}', '${user.unitIds}'] },
          leadUnitPath: { $startsWith: '${position.unitPath}' },
          $or: [{ assignerId: '${user.id}' }, { typeKey: 'x' }],
        },
        values,
      ),
    ).toEqual({
      handlerId: 7,
      leadUnitId: { $in: [4, 9] },
      state: { $in: ['a', 'ubnd'] },
      monitorId: { $nin: [7, 4, 9] },
      leadUnitPath: { $startsWith: '/1/4/' },
      $or: [{ assignerId: 7 }, { typeKey: 'x' }],
    });
  });

  it('reads a list where one value is expected as membership', () => {
    expect(
      resolvePlaceholders({ leadUnitId: '${user.unitIds}', handlerId: { $ne: '${user.unitIds}' } }, values),
    ).toEqual({
      leadUnitId: { $in: [4, 9] },
      handlerId: { $nin: [4, 9] },
    });
    expect(() => resolvePlaceholders({ leadUnitId: { $gt: '${user.unitIds}' } }, values)).toThrow(
      'cannot take the list',
    );
  });

  it('throws on a placeholder it cannot resolve rather than leave it as a literal', () => {
    expect(() => resolvePlaceholders({ handlerId: '${user.id}' }, {})).toThrow(
      'no value for placeholder ${user.id}',
    );
    expect(() => resolvePlaceholders({ handlerId: '${user.nick}' }, values)).toThrow(
      'unknown placeholder ${user.nick}',
    );
    expect(() => resolvePlaceholders({ code: 'x-${user.id}' }, values)).toThrow(
      'a placeholder must be the whole value',
    );
  });

  it('lets a leader of /1/4/ read the tasks of the subtree with the default role', () => {
    const rules = defaultDoc('role', 'lanh-dao').rules.map((r: { conditions?: Record<string, unknown> }) =>
      r.conditions ? { ...r, conditions: resolvePlaceholders(r.conditions, values) } : r,
    );
    const ability = createMongoAbility(rules, { conditionsMatcher });
    expect(ability.can('read', task({ leadUnitPath: '/1/4/12/' }))).toBe(true);
    expect(ability.can('transition', task({ leadUnitPath: '/1/5/', assignerId: 7 }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/1/5/', assignerId: 8 }))).toBe(false);
    expect(ability.can('delete', task({ leadUnitPath: '/1/4/' }))).toBe(false);
  });
});
