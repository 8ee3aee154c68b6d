import { describe, expect, it } from '@jest/globals';
import { formatDate, formatDateTime } from './datetime';

describe('dates in Hanoi time, dd/MM/yyyy', () => {
  it('shows an instant in Asia/Ho_Chi_Minh whatever the browser zone', () => {
    expect(formatDate('2025-07-01T17:30:00Z')).toBe('02/07/2025');
    expect(formatDateTime('2025-07-01T17:30:00Z')).toBe('02/07/2025 00:30');
  });

  it('never shifts a calendar date', () => {
    expect(formatDate('2025-07-01')).toBe('01/07/2025');
    expect(formatDateTime('2025-07-01')).toBe('01/07/2025');
  });

  it('shows nothing for a missing or invalid value', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});
