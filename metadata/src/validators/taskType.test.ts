import { contextOf, defaultDoc, emptyContext, english, vietnamese } from '../__tests__/defaults.js';
import { validateMetadata } from '../validate.js';

const ctx = contextOf();
const taskType = () => defaultDoc('taskType', 'nhiem-vu-van-ban');
const check = async (body: unknown, c = ctx) => english(await validateMetadata('taskType', body, c));

describe('task type meaning', () => {
  it('accepts the default task type', async () => {
    expect(await check(taskType())).toEqual([]);
  });

  it('reports a form, workflow and reminder policy that do not exist', async () => {
    expect(await check(taskType(), emptyContext)).toEqual([
      { path: '/form', message: 'form "nhiem-vu" does not exist' },
      { path: '/workflow', message: 'workflow "mac-dinh" does not exist' },
      { path: '/reminderPolicy', message: 'reminderPolicy "mac-dinh" does not exist' },
      { path: '/sources', message: 'catalog "nguon-giao" does not exist' },
    ]);
  });

  it('asks of each deadline kind the numbers it needs', async () => {
    const body = taskType();
    body.deadline = { kind: 'workingDays' };
    expect(await check(body)).toEqual([
      { path: '/deadline/days', message: 'is required for a workingDays deadline' },
    ]);
    body.deadline = { kind: 'periodic', days: 3, dueDayOfPeriod: 40 };
    expect(await check(body)).toEqual([
      { path: '/deadline/days', message: 'does not apply to a periodic deadline' },
      { path: '/deadline/period', message: 'is required for a periodic deadline' },
    ]);
    body.deadline = { kind: 'periodic', period: 'month', calendar: 'nd09', dueDayOfPeriod: 40 };
    expect(await check(body)).toEqual([
      { path: '/deadline/dueDayOfPeriod', message: 'is beyond the length of a month' },
    ]);
    body.deadline = { kind: 'periodic', period: 'quarter', calendar: 'nd09', dueDayOfPeriod: 40 };
    expect(await check(body)).toEqual([]);
    body.deadline = { kind: 'none', period: 'year' };
    expect(await check(body)).toEqual([
      { path: '/deadline/period', message: 'applies only to a periodic deadline' },
    ]);
    body.deadline = { kind: 'fixed' };
    expect(await check(body)).toEqual([]);
  });

  it('says deadline and code pattern problems in Vietnamese by default', async () => {
    const body = taskType();
    body.deadline = { kind: 'periodic', period: 'month', calendar: 'nd09', dueDayOfPeriod: 40 };
    body.codePattern = '{PILLAR}-{year}';
    expect(vietnamese(await validateMetadata('taskType', body, ctx))).toEqual([
      { path: '/deadline/dueDayOfPeriod', message: 'vượt quá độ dài của kỳ tháng (tối đa 31 ngày)' },
      {
        path: '/codePattern',
        message:
          'mã thành phần {year} không được hỗ trợ; chỉ dùng: {PILLAR} {TYPE} {yyyy} {yy} {MM} {seq:N} (N từ 1 đến 12)',
      },
      { path: '/codePattern', message: 'phải có đúng một thành phần {seq:N} để mã không bị trùng' },
    ]);
  });

  it('checks the code pattern', async () => {
    const body = taskType();
    body.codePattern = '{PILLAR}-{nam}';
    expect(await check(body)).toEqual([
      { path: '/codePattern', message: expect.stringContaining('unknown token {nam}') },
      { path: '/codePattern', message: 'must contain exactly one {seq:N} token so that codes are unique' },
    ]);
    body.codePattern = '{TYPE}-{seq:5}';
    delete body.abbreviation;
    expect(await check(body)).toEqual([
      { path: '/codePattern', message: '{TYPE} needs the abbreviation of the task type' },
    ]);
  });

  it('takes sources from the nguon-giao catalog', async () => {
    const body = taskType();
    body.sources.push('tin-nhan');
    expect(await check(body)).toEqual([
      { path: '/sources/5', message: 'is not a value of catalog "nguon-giao"' },
    ]);
  });

  it('checks the fields its workflow uses against its forms, when the context can read them', async () => {
    const workflow = defaultDoc('workflow', 'mac-dinh');
    workflow.transitions.find((t: { key: string }) => t.key === 'bao-cao-hoan-thanh').requires.fields = [
      'ketQuaCuoi',
    ];
    const body = { ...taskType(), workflow: 'rieng' };
    const extra = [{ kind: 'workflow' as const, key: 'rieng', body: workflow }];
    expect(await check(body, contextOf(extra))).toEqual([
      {
        path: '/workflow',
        message:
          'transition "bao-cao-hoan-thanh" of workflow "rieng" uses field "ketQuaCuoi", which neither form "nhiem-vu" nor a transition form defines',
      },
    ]);
    // Without get, only existence can be checked.
    expect(await check(body, contextOf(extra, { withGet: false }))).toEqual([]);
  });
});
