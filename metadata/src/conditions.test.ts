import { createMongoAbility, subject } from '@casl/ability';
import { conditionsMatcher, resolvePlaceholders } from './conditions.js';
import { defaultDoc } from './__tests__/defaults.js';

const task = (fields: Record<string, unknown>) => subject('Task', { pillar: 'ubnd', ...fields });

describe('conditionsMatcher', () => {
  it('gives CASL a $startsWith for unit subtrees', () => {
    const ability = createMongoAbility(
      [{ action: 'read', subject: 'Task', conditions: { leadUnitPath: { $startsWith: '/1/4/' } } }],
      {
        conditionsMatcher,
      },
    );
    expect(ability.can('read', task({ leadUnitPath: '/1/4/' }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/1/4/9/' }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/1/41/' }))).toBe(false);
    expect(ability.can('read', task({ leadUnitPath: null }))).toBe(false);
  });

  it('matches any prefix of a list operand', () => {
    const ability = createMongoAbility(
      [{ action: 'read', subject: 'Task', conditions: { leadUnitPath: { $startsWith: ['/1/4/', '/2/'] } } }],
      { conditionsMatcher },
    );
    expect(ability.can('read', task({ leadUnitPath: '/2/7/' }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/3/' }))).toBe(false);
  });

  it('keeps the standard comparison operators', () => {
    const ability = createMongoAbility(
      [
        {
          action: 'read',
          subject: 'Task',
          conditions: { state: { $nin: ['thu-hoi'] }, dueDate: { $gte: '2025-01-01' } },
        },
      ],
      { conditionsMatcher },
    );
    expect(ability.can('read', task({ state: 'dang-thuc-hien', dueDate: '2025-03-01' }))).toBe(true);
    expect(ability.can('read', task({ state: 'thu-hoi', dueDate: '2025-03-01' }))).toBe(false);
    expect(ability.can('read', task({ state: 'dang-thuc-hien', dueDate: '2024-12-31' }))).toBe(false);
  });

  it('refuses operators the engine cannot compile to SQL', () => {
    expect(() => conditionsMatcher({ state: { $regex: '^cho' } } as never)).toThrow(/not supported/);
    expect(() => conditionsMatcher({ data: { $elemMatch: { a: 1 } } } as never)).toThrow(/not supported/);
    expect(() => conditionsMatcher({ leadUnitPath: { $startsWith: 5 } } as never)).toThrow(/string/);
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

  it('replaces whole-value placeholders, lists included, and leaves the rest', () => {
    expect(
      resolvePlaceholders(
        {
          handlerId: '${user.id}',
          leadUnitId: { $in: '${user.unitIds}' },
          state: { $in: ['a', '${user.pillar}'] },
          code: 'x-${user.id}',
        },
        values,
      ),
    ).toEqual({
      handlerId: 7,
      leadUnitId: { $in: [4, 9] },
      state: { $in: ['a', 'ubnd'] },
      code: 'x-${user.id}',
    });
  });

  it('throws on a placeholder without a value rather than leave it half resolved', () => {
    expect(() => resolvePlaceholders({ handlerId: '${user.id}' }, {})).toThrow(
      'no value for placeholder ${user.id}',
    );
    expect(() => resolvePlaceholders({ handlerId: '${user.nick}' }, values)).toThrow(
      'unknown placeholder ${user.nick}',
    );
  });

  it('lets a leader of /1/4/ read the tasks of the subtree with the default role', () => {
    const rules = resolvePlaceholders(defaultDoc('role', 'lanh-dao').rules, values);
    const ability = createMongoAbility(rules, { conditionsMatcher });
    expect(ability.can('read', task({ leadUnitPath: '/1/4/12/' }))).toBe(true);
    expect(ability.can('transition', task({ leadUnitPath: '/1/5/', assignerId: 7 }))).toBe(true);
    expect(ability.can('read', task({ leadUnitPath: '/1/5/', assignerId: 8 }))).toBe(false);
    expect(ability.can('delete', task({ leadUnitPath: '/1/4/' }))).toBe(false);
  });
});
