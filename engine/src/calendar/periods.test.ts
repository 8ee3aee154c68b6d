import { calendarPeriod, nextPeriod, periodFromKey, reportingPeriod } from './periods.js';

test('calendar month, quarter, half-year and year containing a date', () => {
  expect(calendarPeriod('month', '2028-02-10')).toEqual({
    key: '2028-M02',
    from: '2028-02-01',
    to: '2028-02-29',
  });
  expect(calendarPeriod('quarter', '2026-03-31')).toEqual({
    key: '2026-Q1',
    from: '2026-01-01',
    to: '2026-03-31',
  });
  expect(calendarPeriod('quarter', '2026-11-27')).toEqual({
    key: '2026-Q4',
    from: '2026-10-01',
    to: '2026-12-31',
  });
  expect(calendarPeriod('half', '2026-07-01')).toEqual({
    key: '2026-H2',
    from: '2026-07-01',
    to: '2026-12-31',
  });
  expect(calendarPeriod('year', '2026-06-15')).toEqual({ key: '2026', from: '2026-01-01', to: '2026-12-31' });
});

test('the next period follows on the next day, across the year', () => {
  expect(nextPeriod('month', calendarPeriod('month', '2026-12-05'))).toEqual({
    key: '2027-M01',
    from: '2027-01-01',
    to: '2027-01-31',
  });
  expect(nextPeriod('quarter', calendarPeriod('quarter', '2026-11-01')).key).toBe('2027-Q1');
  expect(nextPeriod('half', reportingPeriod('half', '2026-06-14'), 'nd09')).toEqual({
    key: '2026-H2',
    from: '2026-06-15',
    to: '2026-12-14',
  });
  expect(nextPeriod('year', reportingPeriod('year', '2026-12-14'), 'nd09')).toEqual({
    key: '2027',
    from: '2026-12-15',
    to: '2027-12-14',
  });
});

test('NĐ 09/2019: the 14th closes a month, the 15th opens the next', () => {
  expect(reportingPeriod('month', '2026-03-14')).toEqual({
    key: '2026-M03',
    from: '2026-02-15',
    to: '2026-03-14',
  });
  expect(reportingPeriod('month', '2026-03-15')).toEqual({
    key: '2026-M04',
    from: '2026-03-15',
    to: '2026-04-14',
  });
  expect(reportingPeriod('month', '2026-01-10')).toEqual({
    key: '2026-M01',
    from: '2025-12-15',
    to: '2026-01-14',
  });
});

test('NĐ 09/2019: the year turns on 15 December; quarters and halves alike', () => {
  expect(reportingPeriod('year', '2026-12-14')).toEqual({
    key: '2026',
    from: '2025-12-15',
    to: '2026-12-14',
  });
  expect(reportingPeriod('year', '2026-12-15')).toEqual({
    key: '2027',
    from: '2026-12-15',
    to: '2027-12-14',
  });
  expect(reportingPeriod('month', '2026-12-15')).toEqual({
    key: '2027-M01',
    from: '2026-12-15',
    to: '2027-01-14',
  });
  expect(reportingPeriod('quarter', '2026-12-15')).toEqual({
    key: '2027-Q1',
    from: '2026-12-15',
    to: '2027-03-14',
  });
  expect(reportingPeriod('quarter', '2026-03-15')).toEqual({
    key: '2026-Q2',
    from: '2026-03-15',
    to: '2026-06-14',
  });
  expect(reportingPeriod('quarter', '2026-09-14')).toEqual({
    key: '2026-Q3',
    from: '2026-06-15',
    to: '2026-09-14',
  });
  expect(reportingPeriod('half', '2026-06-15')).toEqual({
    key: '2026-H2',
    from: '2026-06-15',
    to: '2026-12-14',
  });
  expect(reportingPeriod('half', '2025-12-31')).toEqual({
    key: '2026-H1',
    from: '2025-12-15',
    to: '2026-06-14',
  });
});

test('periods from their keys', () => {
  expect(periodFromKey('2026-M03', 'nd09')).toEqual({
    kind: 'month',
    key: '2026-M03',
    from: '2026-02-15',
    to: '2026-03-14',
  });
  expect(periodFromKey('2026-Q4')).toEqual({
    kind: 'quarter',
    key: '2026-Q4',
    from: '2026-10-01',
    to: '2026-12-31',
  });
  expect(periodFromKey('2026')).toEqual({ kind: 'year', key: '2026', from: '2026-01-01', to: '2026-12-31' });
  for (const bad of ['2026-M13', '2026-M3', '2026-Q5', '2026-H0', '26', '2026-X1'])
    expect(periodFromKey(bad)).toBeNull();
});

test('a malformed date is refused, not silently shifted', () => {
  expect(() => calendarPeriod('month', '2026-02-30')).toThrow(RangeError);
});
