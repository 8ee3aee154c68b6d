import { describe, expect, test } from '@jest/globals';
import { categoryOf, daysUntil, urgencyOf, workingDaysUntil } from './dates';

describe('deadlines', () => {
  test('days and working days until a due date', () => {
    expect(daysUntil('2026-07-10', '2026-07-01')).toBe(9);
    expect(daysUntil('2026-06-29', '2026-07-01')).toBe(-2);
    // Wed 1 Jul → Fri 10 Jul: Thu, Fri, Mon..Fri = 7 working days
    expect(workingDaysUntil('2026-07-10', '2026-07-01')).toBe(7);
    expect(workingDaysUntil('2026-07-10', '2026-07-01', new Map([['2026-07-02', 'off' as const]]))).toBe(6);
    expect(workingDaysUntil('2026-06-29', '2026-07-01')).toBe(-2);
  });
  test('category and urgency', () => {
    const open = { stateCategory: 'open', completedAt: null };
    expect(categoryOf({ ...open, dueDate: '2026-06-30' }, '2026-07-01')).toBe('openOverdue');
    expect(categoryOf({ ...open, dueDate: '2026-07-01' }, '2026-07-01')).toBe('openOnTime');
    expect(categoryOf({ ...open, dueDate: null }, '2026-07-01')).toBe('noDeadline');
    expect(urgencyOf({ ...open, dueDate: '2026-07-03' }, '2026-07-01')).toBe('dueSoon');
    expect(urgencyOf({ ...open, dueDate: '2026-06-03' }, '2026-07-01')).toBe('overdue');
    expect(urgencyOf({ stateCategory: 'done', dueDate: '2026-06-03' }, '2026-07-01')).toBeNull();
  });
});
