import { CalendarSnapshot } from '../../calendar/workingDays.js';
import { calendarDays, firstBeyond, lastAtLeast, previousWorkingDay, repeatTable, workingDays } from './days.js';

// March 2026 with Thursday 12 made a day off and Saturday 14 a make-up working day.
const cal = new CalendarSnapshot(
  new Map([
    ['2026-03-12', 'off'],
    ['2026-03-14', 'work'],
  ]),
);
const wd = workingDays(cal);

test('before due: due dates within N working days after today (exclusive bound)', () => {
  // Mon 9: +1 Tue 10, +2 Wed 11, +3 Fri 13 (Thu 12 off) → due < Sat 14 (a working day: 4th)
  expect(firstBeyond(wd, '2026-03-09', 3)).toBe('2026-03-14');
  expect(wd.between('2026-03-09', '2026-03-13')).toBe(3);
  expect(firstBeyond(calendarDays, '2026-03-09', 3)).toBe('2026-03-13');
});

test('escalation: the last due date at least N working days before today', () => {
  // Working days in (due, Mon 16]: due Thu 12 (a day off) → Fri 13, Sat 14 (make-up), Mon 16 = 3 → due ≤ Thu 12
  expect(lastAtLeast(wd, '2026-03-16', 3)).toBe('2026-03-12');
  expect(wd.between('2026-03-13', '2026-03-16')).toBe(2);
  expect(lastAtLeast(calendarDays, '2026-03-16', 3)).toBe('2026-03-13');
});

test('on due: a due date on the days off just before today counts as today', () => {
  expect(previousWorkingDay(wd, '2026-03-13')).toBe('2026-03-11'); // Thu 12 off
  expect(previousWorkingDay(wd, '2026-03-16')).toBe('2026-03-14'); // make-up Saturday
});

test('repeating rules: the latest occurrence k of every due date, keyed "day#k"', () => {
  const t = repeatTable(wd, '2026-03-05', '2026-03-11', 2);
  // working days from due to Wed 11: Thu 5 → 4 (Fri 6, Mon 9, Tue 10, Wed 11), Fri 6 → 3, Sat/Sun → 3, Mon 9 → 2, Tue 10 → 1
  expect(t).toEqual([
    ['2026-03-05', '2026-03-05#2'],
    ['2026-03-06', '2026-03-06#1'],
    ['2026-03-07', '2026-03-07#1'],
    ['2026-03-08', '2026-03-08#1'],
    ['2026-03-09', '2026-03-09#1'],
  ]);
});
