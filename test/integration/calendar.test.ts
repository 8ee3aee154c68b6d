// The working calendar over HTTP: an administrator adds a day off and a make-up Saturday and the
// working-days helper follows at once; a specialist reads but cannot edit; bad input is a 422 with pointers.
import { ManualClock } from '../../engine/src/config/clock.js';
import { startTestPlatform } from '../support/engine.js';

let platform: Awaited<ReturnType<typeof startTestPlatform>>;
beforeAll(async () => {
  // A fixed "now" so the pre-fill at start covers 2025–2029 whatever the year the suite runs in.
  platform = await startTestPlatform({ clock: new ManualClock(new Date('2026-11-27T03:00:00Z')) });
});
afterAll(async () => {
  await platform?.close();
});

const due = async (start: string, days: number) =>
  (await platform.api.as('ubnd.staff', 'GET', `/api/calendar/working-days?start=${start}&days=${days}`)).body
    .due;

test('the engine pre-fills the public holidays at start: Tết 2027 is skipped by the working-days helper', async () => {
  const feb = await platform.api.as('ubnd.staff', 'GET', '/api/calendar/days?from=2027-02-01&to=2027-02-28');
  expect(feb.status).toBe(200);
  expect(feb.body.items.map((d: any) => d.day)).toEqual([
    '2027-02-05',
    '2027-02-06',
    '2027-02-07',
    '2027-02-08',
    '2027-02-09',
    '2027-02-10',
    '2027-02-11',
  ]);
  expect(feb.body.items.every((d: any) => d.source === 'date-holidays' && d.kind === 'off')).toBe(true);
  expect(await due('2027-02-04', 1)).toBe('2027-02-12');
});

test('a day off and a make-up Saturday added by the administrator move the due dates', async () => {
  // October 2026 has no public holiday: Fri 9 + 1 working day = Mon 12.
  expect(await due('2026-10-09', 1)).toBe('2026-10-12');
  const off = await platform.api.as('admin', 'PUT', '/api/calendar/days/2026-10-12', {
    kind: 'off',
    name: 'Nghỉ đột xuất',
  });
  expect(off.status).toBe(200);
  expect(off.body).toMatchObject({
    day: '2026-10-12',
    kind: 'off',
    name: 'Nghỉ đột xuất',
    source: 'admin',
    updatedBy: 'admin',
  });
  expect(await due('2026-10-09', 1)).toBe('2026-10-13');

  expect(
    (await platform.api.as('admin', 'PUT', '/api/calendar/days/2026-10-10', { kind: 'work', name: 'Làm bù' }))
      .status,
  ).toBe(200);
  expect(await due('2026-10-09', 1)).toBe('2026-10-10');
  expect(await due('2026-10-09', 2)).toBe('2026-10-13');

  const list = await platform.api.as('ubnd.staff', 'GET', '/api/calendar/days?from=2026-10-01&to=2026-10-31');
  expect(list.status).toBe(200);
  expect(list.body.items.map((d: any) => [d.day, d.kind])).toEqual([
    ['2026-10-10', 'work'],
    ['2026-10-12', 'off'],
  ]);
  const audit = await platform.db.knex('audit_log').where({ action: 'calendar.set' }).orderBy('id');
  expect(audit.map((a) => [a.actor, a.subject_id])).toEqual([
    ['admin', '2026-10-12'],
    ['admin', '2026-10-10'],
  ]);

  const removed = await platform.api.as('admin', 'DELETE', '/api/calendar/days/2026-10-12');
  expect(removed.status).toBe(200);
  expect(removed.body).toEqual({ day: '2026-10-12', item: null });
  expect(await due('2026-10-09', 2)).toBe('2026-10-12');
});

test('a specialist and a pillar administrator read the calendar but may not edit it', async () => {
  for (const user of ['ubnd.staff', 'hdnd.admin']) {
    expect((await platform.api.as(user, 'GET', '/api/calendar/days')).status).toBe(200);
    const put = await platform.api.as(user, 'PUT', '/api/calendar/days/2026-10-14', {
      kind: 'off',
      name: 'Thử',
    });
    expect(put.status).toBe(403);
    expect(put.body.error.code).toBe('forbidden');
    expect((await platform.api.as(user, 'DELETE', '/api/calendar/days/2026-10-10')).status).toBe(403);
  }
  expect(await platform.db.knex('calendar_days').where({ day: '2026-10-14' }).first()).toBeUndefined();
  expect((await platform.api.request('GET', '/api/calendar/days')).status).toBe(401);
});

test('bad input is refused with 422 and JSON Pointers, and nothing is written', async () => {
  const put = await platform.api.as('admin', 'PUT', '/api/calendar/days/2026-10-15', {
    kind: 'holiday',
    name: '',
    extra: 1,
  });
  expect(put.status).toBe(422);
  expect(put.body.error.code).toBe('validation_failed');
  expect(put.body.error.details.map((d: any) => d.path).sort()).toEqual(['/extra', '/kind', '/name']);

  const badDay = await platform.api.as('admin', 'PUT', '/api/calendar/days/2026-02-30', {
    kind: 'off',
    name: 'Thử',
  });
  expect(badDay.status).toBe(422);
  expect(badDay.body.error.details).toEqual([expect.objectContaining({ path: '/day' })]);
  expect(await platform.db.knex('calendar_days').whereIn('day', ['2026-10-15']).first()).toBeUndefined();

  const wd = await platform.api.as(
    'ubnd.staff',
    'GET',
    '/api/calendar/working-days?start=15/10/2026&days=abc',
  );
  expect(wd.status).toBe(422);
  expect(wd.body.error.details.map((d: any) => d.path).sort()).toEqual(['/days', '/start']);

  const range = await platform.api.as(
    'ubnd.staff',
    'GET',
    '/api/calendar/days?from=2026-12-01&to=2026-11-01',
  );
  expect(range.status).toBe(422);
  expect(range.body.error.details).toEqual([expect.objectContaining({ path: '/to' })]);
});
