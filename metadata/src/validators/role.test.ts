import { contextOf, defaultDoc } from '../__tests__/defaults.js';
import { validateMetadata } from '../validate.js';

const ctx = contextOf();
const check = (body: unknown) => validateMetadata('role', body, ctx);
const role = (...rules: unknown[]) => ({ name: 'R', rules });

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
          { action: 'read', subject: 'Task', conditions: { handlerId: '${user.userId}' } },
          { action: 'read', subject: 'Task', conditions: { leadUnitId: { $in: [1, '${unit.id}'] } } },
          {
            action: 'read',
            subject: 'Task',
            conditions: { leadUnitPath: { $startsWith: '/1/${position.unitId}/' } },
          },
        ),
      ),
    ).toEqual([
      { path: '/rules/0/conditions/handlerId', message: 'unknown placeholder ${user.userId}' },
      { path: '/rules/1/conditions/leadUnitId/$in/1', message: 'unknown placeholder ${unit.id}' },
      {
        path: '/rules/2/conditions/leadUnitPath/$startsWith',
        message: 'a placeholder must be the whole value',
      },
    ]);
  });

  it('accepts list placeholders only where a list is meant', async () => {
    const ok = role(
      { action: 'read', subject: 'Task', conditions: { leadUnitId: { $in: '${user.unitIds}' } } },
      { action: 'read', subject: 'Task', conditions: { leadUnitPath: { $startsWith: '${user.unitPaths}' } } },
      { action: 'read', subject: 'Task', conditions: { leadUnitId: { $nin: ['${position.unitId}'] } } },
    );
    expect(await check(ok)).toEqual([]);
    const bad = role(
      { action: 'read', subject: 'Task', conditions: { leadUnitId: '${user.unitIds}' } },
      { action: 'read', subject: 'Task', conditions: { leadUnitId: { $in: '${position.unitId}' } } },
    );
    expect(await check(bad)).toEqual([
      {
        path: '/rules/0/conditions/leadUnitId',
        message: '${user.unitIds} is a list: use it with $in, $nin or $startsWith',
      },
      {
        path: '/rules/1/conditions/leadUnitId/$in',
        message: '$in needs a list; ${position.unitId} is a single value',
      },
    ]);
  });

  it('reports unsupported operators, malformed operands and top-level operators', async () => {
    expect(
      await check(
        role(
          { action: 'read', subject: 'Task', conditions: { state: { $regex: '^cho' } } },
          { action: 'read', subject: 'Task', conditions: { leadUnitId: { $in: 3 } } },
          { action: 'read', subject: 'Task', conditions: { $or: [{ handlerId: 1 }, { monitorId: 1 }] } },
          { action: 'read', subject: 'Task', conditions: { state: { $eq: 'a', other: 1 } } },
          { action: 'read', subject: 'Task', conditions: { dueDate: { $lt: { now: true } } } },
        ),
      ),
    ).toEqual([
      {
        path: '/rules/0/conditions/state/$regex',
        message: expect.stringContaining('operator $regex is not supported'),
      },
      { path: '/rules/1/conditions/leadUnitId/$in', message: '$in needs an array' },
      {
        path: '/rules/2/conditions/$or',
        message: 'top-level operator $or is not supported; write alternatives as separate rules',
      },
      { path: '/rules/3/conditions/state', message: 'must be a value or an object of operators' },
      { path: '/rules/4/conditions/dueDate/$lt', message: 'must be a string, number, boolean or null' },
    ]);
  });

  it('reports condition fields the subject does not have', async () => {
    expect(
      await check(
        role(
          {
            action: 'read',
            subject: ['Task', 'Unit'],
            conditions: { pillar: '${position.pillar}', leadUnitId: 1 },
          },
          { action: 'read', subject: 'all', conditions: { path: '/1/' } },
        ),
      ),
    ).toEqual([
      { path: '/rules/0/conditions/leadUnitId', message: 'is not a condition field of Unit' },
      {
        path: '/rules/1/conditions/path',
        message:
          'is not a condition field of Task, Document, User, Position, Metadata, Report, AuditLog, Calendar',
      },
    ]);
  });

  it('reports a rule CASL itself refuses, at the rule', async () => {
    // An inverted rule with fields and a reason is fine; CASL refuses a rule whose fields list is empty,
    // which the schema already stops, so reach CASL through the meaning check alone.
    const { validateMeaning } = await import('../meaning.js');
    expect(await validateMeaning('role', role({ action: 'read', subject: 'Task', fields: [] }), ctx)).toEqual(
      [{ path: '/rules/0', message: expect.stringContaining('is not a valid CASL rule') }],
    );
    expect(
      await check(
        role({
          action: 'update',
          subject: 'Task',
          fields: ['data.ketQua'],
          inverted: true,
          reason: 'Không được sửa',
        }),
      ),
    ).toEqual([]);
  });
});
