import { ManualClock } from '../config/clock.js';
import { defaultYears, libraryDays } from './prefill.js';

const days = (y: number) => libraryDays(y).map((d) => d.day);

test('2027: the five public holidays of the Labour Code, Tết from the eve, and compensatory days', () => {
  expect(libraryDays(2027).map((d) => `${d.day} ${d.name}`)).toEqual([
    '2027-01-01 Tết Dương lịch',
    '2027-02-05 Tết Nguyên đán',
    '2027-02-06 Tết Nguyên đán',
    '2027-02-07 Tết Nguyên đán',
    '2027-02-08 Tết Nguyên đán',
    '2027-02-09 Tết Nguyên đán',
    '2027-02-10 Nghỉ bù Tết Nguyên đán',
    '2027-02-11 Nghỉ bù Tết Nguyên đán',
    '2027-04-16 Giỗ Tổ Hùng Vương', // 10/3 lunar
    '2027-04-30 Ngày Giải phóng miền Nam, thống nhất đất nước',
    '2027-05-01 Ngày Quốc tế Lao động',
    '2027-05-03 Nghỉ bù Ngày Quốc tế Lao động', // 1/5 is a Saturday
    '2027-09-02 Quốc khánh',
    '2027-09-03 Quốc khánh (ngày liền kề)', // Thursday: Friday joins the weekend
  ]);
});

test('2/9 takes the adjacent day that joins a weekend; weekend holidays move to the next free working day', () => {
  expect(days(2025)).toEqual(expect.arrayContaining(['2025-09-01', '2025-09-02'])); // Tuesday: Monday before (as announced in 2025)
  expect(days(2024)).toEqual(expect.arrayContaining(['2024-09-02', '2024-09-03'])); // Monday: Tuesday after (as announced in 2024)
  // 2028: 30/4 on a Sunday, 1/5 Monday → compensated Tuesday 2/5; 2/9 on a Saturday → Friday 1/9 and Monday 4/9.
  expect(days(2028)).toEqual(
    expect.arrayContaining(['2028-05-01', '2028-05-02', '2028-09-01', '2028-09-04']),
  );
  expect(days(2026)).toEqual(expect.arrayContaining(['2026-02-16', '2026-02-20', '2026-04-27'])); // Tết 16–20/2 as announced
});

test('the default range is last year to three years ahead, by the date in Hanoi', () => {
  expect(defaultYears(new ManualClock(new Date('2026-12-31T17:30:00Z')))).toEqual({ from: 2026, to: 2030 });
});
