import { addDays, isDay, vnDay, weekday } from './days.js';

test('isDay accepts real dates only', () => {
  expect(['2027-02-06', '2028-02-29', '2000-01-01'].every(isDay)).toBe(true);
  expect(
    ['2027-02-29', '2026-13-01', '2026-1-05', '2026-01-05T00:00', '0099-01-01', 20260105, null].some(isDay),
  ).toBe(false);
});

test('day arithmetic is on the date string, across months, leap days and years', () => {
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2027-03-01', -1)).toBe('2027-02-28');
  expect(weekday('2027-02-06')).toBe(6); // Tết Đinh Mùi is a Saturday
  expect(weekday('1970-01-01')).toBe(4);
  expect(weekday('1969-12-28')).toBe(0);
});

test("today in Hanoi changes at 17:00 UTC, not at the server's midnight", () => {
  expect(vnDay(new Date('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
  expect(vnDay(new Date('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
});
