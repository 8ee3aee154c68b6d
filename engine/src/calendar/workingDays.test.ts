// Working days on a real database of this run's dialect, pre-filled from date-holidays, edited as an
// administrator would. Tết Đinh Mùi: lunar new year on Saturday 6 Feb 2027; date-holidays gives five
// days from the eve, Fri 5 – Tue 9 Feb, and the two on the weekend are compensated on Wed 10 and Thu 11.
import { createTestDatabase, type TestDatabase } from '../../../test/support/databases.js';
import { AuditLog } from '../audit/log.js';
import { ManualClock } from '../config/clock.js';
import { migrateLatest } from '../db/migrate.js';
import { LocalBus } from '../metadata/bus.js';
import { addDays } from './days.js';
import { prefillCalendar } from './prefill.js';
import { clearDay, listDays, setDay, type CalendarDeps } from './service.js';
import { WorkingCalendar } from './workingDays.js';

let db: TestDatabase;
let deps: CalendarDeps;
const clock = new ManualClock(new Date('2026-11-27T03:00:00Z'));
const admin = { id: null, username: 'admin' };

beforeAll(async () => {
  db = await createTestDatabase();
  await migrateLatest(db.knex);
  await prefillCalendar(db.knex, clock, { from: 2026, to: 2027 });
  deps = {
    knex: db.knex,
    audit: new AuditLog(db.knex, clock),
    clock,
    calendar: new WorkingCalendar(db.knex),
  };
});
afterAll(async () => {
  await db?.drop();
});

test('Tết 2027 is pre-filled as the eve and four days after, plus two compensatory days', async () => {
  const days = await listDays(db.knex, '2027-02-01', '2027-02-28');
  expect(days.map((d) => [d.day, d.kind, d.source])).toEqual(
    ['2027-02-05', '2027-02-06', '2027-02-07', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11'].map(
      (d) => [d, 'off', 'date-holidays'],
    ),
  );
  expect(days[0]!.name).toBe('Tết Nguyên đán');
  expect(days[5]!.name).toBe('Nghỉ bù Tết Nguyên đán');
});

test('N working days count from the next day and skip Tết 2027', async () => {
  const cal = deps.calendar;
  expect(await cal.addWorkingDays('2027-02-04', 1)).toBe('2027-02-12'); // Thu before Tết → Fri after it
  expect(await cal.addWorkingDays('2027-02-03', 2)).toBe('2027-02-12');
  expect(await cal.addWorkingDays('2027-02-03', 3)).toBe('2027-02-15');
  expect(await cal.addWorkingDays('2027-02-06', 1)).toBe('2027-02-12'); // assigned during Tết
  expect(await cal.addWorkingDays('2027-02-12', -1)).toBe('2027-02-04');
  expect(await cal.workingDaysBetween('2027-02-04', '2027-02-12')).toBe(1);
  expect(await cal.workingDaysBetween('2027-02-12', '2027-02-04')).toBe(-1);
  expect(await cal.workingDaysBetween('2027-02-01', '2027-02-28')).toBe(14); // 20 weekdays − 6 off (Sat 6, Sun 7 don't count)
});

test('across a weekend, and n = 0', async () => {
  const cal = deps.calendar;
  expect(await cal.addWorkingDays('2026-10-05', 1)).toBe('2026-10-06'); // Mon + 1 = Tue
  expect(await cal.addWorkingDays('2026-10-09', 1)).toBe('2026-10-12'); // Fri + 1 = Mon
  expect(await cal.addWorkingDays('2026-10-10', 1)).toBe('2026-10-12'); // Sat + 1 = Mon: the first working day after
  expect(await cal.addWorkingDays('2026-10-10', 2)).toBe('2026-10-13');
  expect(await cal.addWorkingDays('2026-10-08', 5)).toBe('2026-10-15');
  expect(await cal.addWorkingDays('2026-10-10', 0)).toBe('2026-10-12');
  expect(await cal.workingDaysBetween('2026-10-09', '2026-10-12')).toBe(1);
  expect(await cal.workingDaysBetween('2026-10-05', '2026-10-05')).toBe(0);
  expect(await cal.workingDaysBetween('2026-10-01', '2026-10-31')).toBe(21);
  await expect(cal.addWorkingDays('2026-10-05', 1.5)).rejects.toThrow(RangeError);
  await expect(cal.addWorkingDays('2026-10-32', 1)).rejects.toThrow(RangeError);
});

test('counting and adding agree: between(a, add(a, n)) = n, and backwards from a working day', async () => {
  const snap = await deps.calendar.snapshot();
  for (let i = 0; i < 60; i++) {
    const a = addDays('2027-01-20', i);
    for (const n of [1, 2, 3, 5, 8, 13, 21]) {
      expect(snap.workingDaysBetween(a, snap.addWorkingDays(a, n))).toBe(n);
      // Backwards from a working day (a due date always is one): n working days in (a − n, a].
      if (snap.isWorkingDay(a)) expect(snap.workingDaysBetween(snap.addWorkingDays(a, -n), a)).toBe(n);
    }
  }
});

test('a deadline on a day off moves to the next working day', async () => {
  const cal = deps.calendar;
  expect(await cal.nextWorkingDay('2027-02-08')).toBe('2027-02-12');
  expect(await cal.nextWorkingDay('2026-09-02')).toBe('2026-09-03'); // Quốc khánh (Wed); 1/9 is the adjacent day
  expect(await cal.nextWorkingDay('2026-09-01')).toBe('2026-09-03');
  expect(await cal.nextWorkingDay('2026-04-26')).toBe('2026-04-28'); // Giỗ Tổ on a Sunday, compensated on Monday 27
  expect(await cal.nextWorkingDay('2026-10-14')).toBe('2026-10-14');
  expect(await cal.isWorkingDay('2027-01-01')).toBe(false);
});

test('an added day off and a make-up Saturday change the count at once (cache invalidated)', async () => {
  const cal = deps.calendar;
  expect(await cal.addWorkingDays('2026-10-16', 1)).toBe('2026-10-19'); // warms the cache
  await setDay(deps, '2026-10-19', { kind: 'off', name: 'Nghỉ đột xuất' }, admin);
  expect(await cal.addWorkingDays('2026-10-16', 1)).toBe('2026-10-20');
  await setDay(deps, '2026-10-17', { kind: 'work', name: 'Làm bù' }, admin);
  expect(await cal.addWorkingDays('2026-10-16', 1)).toBe('2026-10-17');
  expect(await cal.addWorkingDays('2026-10-16', 2)).toBe('2026-10-20');
  expect(await cal.workingDaysBetween('2026-10-16', '2026-10-20')).toBe(2);
  expect(await cal.nextWorkingDay('2026-10-18')).toBe('2026-10-20');
  const audit = await db
    .knex('audit_log')
    .where({ action: 'calendar.set', subject_type: 'Calendar' })
    .orderBy('id');
  expect(audit.map((a) => a.subject_id)).toEqual(['2026-10-19', '2026-10-17']);
});

test('an administrator overrides a pre-filled holiday; pre-fill keeps it; clearing restores the holiday', async () => {
  const cal = deps.calendar;
  await setDay(deps, '2027-02-11', { kind: 'work', name: 'Làm việc theo thông báo của Chính phủ' }, admin);
  expect(await cal.addWorkingDays('2027-02-04', 1)).toBe('2027-02-11');
  expect(await prefillCalendar(db.knex, clock, { from: 2026, to: 2027 })).toEqual({
    inserted: 0,
    updated: 0,
  });
  expect((await listDays(db.knex, '2027-02-11', '2027-02-11'))[0]).toMatchObject({
    kind: 'work',
    source: 'admin',
    updatedBy: 'admin',
  });

  const restored = await clearDay(deps, '2027-02-11', admin);
  expect(restored).toMatchObject({
    day: '2027-02-11',
    kind: 'off',
    source: 'date-holidays',
    name: 'Nghỉ bù Tết Nguyên đán',
  });
  expect(await cal.addWorkingDays('2027-02-04', 1)).toBe('2027-02-12');
  await expect(clearDay(deps, '2027-02-11', admin)).rejects.toMatchObject({ status: 409 });
  await expect(clearDay(deps, '2027-03-03', admin)).rejects.toMatchObject({ status: 404 });
});

test('pre-fill is idempotent and refreshes only its own rows', async () => {
  await db.knex('calendar_days').where({ day: '2027-04-16' }).update({ name: 'tên cũ' });
  expect(await prefillCalendar(db.knex, clock, { from: 2026, to: 2027 })).toEqual({
    inserted: 0,
    updated: 1,
  });
  expect((await listDays(db.knex, '2027-04-16', '2027-04-16'))[0]!.name).toBe('Giỗ Tổ Hùng Vương');
  expect(await prefillCalendar(db.knex, clock, { from: 2026, to: 2027 })).toEqual({
    inserted: 0,
    updated: 0,
  });
});

test('an edit through one engine instance reaches the cache of another through the bus', async () => {
  const bus = new LocalBus();
  const a = new WorkingCalendar(db.knex, bus);
  const b = new WorkingCalendar(db.knex, bus);
  expect(await b.isWorkingDay('2026-10-21')).toBe(true);
  await setDay({ ...deps, calendar: a }, '2026-10-21', { kind: 'off', name: 'Nghỉ đột xuất' }, admin);
  expect(await b.isWorkingDay('2026-10-21')).toBe(false);
  await bus.close();
});
