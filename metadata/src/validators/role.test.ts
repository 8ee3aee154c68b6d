import { contextOf, defaultDoc, english, vietnamese } from '../__tests__/defaults.js';
import { validateMeaning } from '../meaning.js';
import { validateMetadata } from '../validate.js';

const ctx = contextOf();
const check = async (body: unknown) => english(await validateMetadata('role', body, ctx));
const role = (...rules: unknown[]) => ({ name: 'R', rules });
const read = (conditions: unknown, subject: unknown = 'Task') => ({ action: 'read', subject, conditions });

describe('role meaning', () => {
  it.each(['quan-tri-he-thong', 'quan-tri', 'lanh-dao', 'chuyen-vien', 'van-thu'])(
    'accepts the default role %s',
    async (key) => {
      expect(await check(defaultDoc('role', key))).toEqual([]);
    },
  );

  it('reports unknown actions and subjects, in lists at the item', async () => {
    expect(
      await check(
        role({ action: 'approve', subject: 'Task' }, { action: ['read', 'fly'], subject: ['Unit', 'Tasks'] }),
      ),
    ).toEqual([
      {
        path: '/rules/0/action',
        message:
          'unknown action "approve"; known: manage, read, create, update, delete, transition, publish, assign, export',
      },
      { path: '/rules/1/action/1', message: expect.stringContaining('unknown action "fly"') },
      { path: '/rules/1/subject/1', message: expect.stringContaining('unknown subject "Tasks"') },
    ]);
  });

  it('reports unknown placeholders at the value, wherever it sits', async () => {
    expect(
      await check(
        role(
          read({ handlerId: '${user.userId}' }),
          read({ leadUnitId: { $in: [1, '${unit.id}'] } }),
          read({ leadUnitPath: { $startsWith: '/1/${position.unitId}/' } }),
          read({ $or: [{ handlerId: '${user.ids}' }, { monitorId: '${user.id}' }] }),
        ),
      ),
    ).toEqual([
      { path: '/rules/0/conditions/handlerId', message: 'unknown placeholder ${user.userId}' },
      { path: '/rules/1/conditions/leadUnitId/$in/1', message: 'unknown placeholder ${unit.id}' },
      {
        path: '/rules/2/conditions/leadUnitPath/$startsWith',
        message: 'a placeholder must be the whole value',
      },
      { path: '/rules/3/conditions/$or/0/handlerId', message: 'unknown placeholder ${user.ids}' },
    ]);
  });

  it('accepts list placeholders as membership or spliced lists, not in comparisons', async () => {
    const ok = role(
      read({ leadUnitId: { $in: '${user.unitIds}' } }),
      read({ leadUnitPath: { $startsWith: '${user.unitPaths}' } }),
      read({ leadUnitId: { $nin: ['${position.unitId}', '${user.unitIds}'] } }),
      read({ leadUnitId: '${user.unitIds}', handlerId: { $ne: '${user.id}' } }),
      read({ leadUnitPath: { $startsWith: ['/9/', '${position.unitPath}'] } }),
    );
    expect(await check(ok)).toEqual([]);
    const bad = role(
      read({ leadUnitId: { $gt: '${user.unitIds}' } }),
      read({ leadUnitPath: { $startsWith: ['/9/', 9] } }),
    );
    expect(await check(bad)).toEqual([
      { path: '/rules/0/conditions/leadUnitId/$gt', message: '$gt cannot take the list ${user.unitIds}' },
      { path: '/rules/1/conditions/leadUnitPath/$startsWith/1', message: 'must be a string' },
    ]);
    expect(vietnamese(await validateMetadata('role', bad, ctx))).toEqual([
      {
        path: '/rules/0/conditions/leadUnitId/$gt',
        message: '$gt không nhận được danh sách ${user.unitIds}',
      },
      { path: '/rules/1/conditions/leadUnitPath/$startsWith/1', message: 'phải là chuỗi' },
    ]);
  });

  it('accepts $and, $or and $nor and looks inside them', async () => {
    const ok = role(
      read({ $or: [{ handlerId: '${user.id}' }, { monitorId: '${user.id}' }], pillar: '${position.pillar}' }),
    );
    expect(await check(ok)).toEqual([]);
    expect(await check(role(read({ $or: [{ handlerId: 1 }, 'monitorId'], $nor: [], $where: 'x' })))).toEqual([
      { path: '/rules/0/conditions/$or/1', message: 'must be an object of conditions' },
      { path: '/rules/0/conditions/$nor', message: '$nor needs a non-empty array of conditions' },
      {
        path: '/rules/0/conditions/$where',
        message: 'top-level operator $where is not supported; use $and, $or or $nor',
      },
    ]);
  });

  it('reports unsupported operators and malformed operands', async () => {
    expect(
      await check(
        role(
          read({ state: { $regex: '^cho' } }),
          read({ leadUnitId: { $in: 3 } }),
          read({ state: { $eq: 'a', other: 1 } }),
          read({ dueDate: { $lt: { now: true } } }),
          read({ leadUnitPath: { $startsWith: 3 } }),
        ),
      ),
    ).toEqual([
      {
        path: '/rules/0/conditions/state/$regex',
        message: expect.stringContaining('operator $regex is not supported'),
      },
      { path: '/rules/1/conditions/leadUnitId/$in', message: '$in needs an array' },
      { path: '/rules/2/conditions/state', message: 'must be a value or an object of operators, not both' },
      { path: '/rules/3/conditions/dueDate/$lt', message: 'must be a string, number, boolean or null' },
      {
        path: '/rules/4/conditions/leadUnitPath/$startsWith',
        message: '$startsWith needs a string or a list of strings',
      },
    ]);
  });

  it('reports condition fields the subject does not have', async () => {
    expect(
      await check(
        role(
          read({ pillar: '${position.pillar}', leadUnitId: 1 }, ['Task', 'Unit']),
          read({ path: '/1/' }, 'all'),
          read({ $or: [{ unitId: 1 }, { handlerId: 2 }] }),
        ),
      ),
    ).toEqual([
      { path: '/rules/0/conditions/leadUnitId', message: 'is not a condition field of Unit' },
      {
        path: '/rules/1/conditions/path',
        message:
          'is not a condition field of Task, Document, User, Position, Metadata, Report, AuditLog, Calendar, Client, Job, Backup',
      },
      { path: '/rules/2/conditions/$or/0/unitId', message: 'is not a condition field of Task' },
    ]);
  });

  it('reports a rule CASL itself refuses, at the rule', async () => {
    // The schema already refuses an empty fields list; reach CASL through the meaning check alone.
    expect(
      english(await validateMeaning('role', role({ action: 'read', subject: 'Task', fields: [] }), ctx)),
    ).toEqual([{ path: '/rules/0', message: expect.stringContaining('is not a valid CASL rule') }]);
    const inverted = {
      action: 'update',
      subject: 'Task',
      fields: ['data.ketQua'],
      inverted: true,
      reason: 'Không được sửa',
    };
    expect(await check(role(inverted))).toEqual([]);
  });
});
