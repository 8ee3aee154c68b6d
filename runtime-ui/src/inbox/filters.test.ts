import { describe, expect, test } from '@jest/globals';
import { apiQuery, filtersToSearch, parseFilters } from './filters';

describe('inbox filters in the URL', () => {
  test('round trip, defaults left out', () => {
    const f = parseFilters(
      new URLSearchParams(
        'party=myUnit&category=openOverdue&leadUnit=12&f.doUuTien=cao&q=%3Cimg%3E&sort=dueDate',
      ),
      'handler',
    );
    expect(f).toMatchObject({
      party: 'myUnit',
      category: 'openOverdue',
      leadUnit: 12,
      q: '<img>',
      sort: 'dueDate',
      fields: { doUuTien: 'cao' },
    });
    expect(parseFilters(new URLSearchParams(filtersToSearch(f)), 'handler')).toEqual(f);
    expect(apiQuery(f)).toMatchObject({
      party: 'myUnit',
      leadUnit: '12',
      'f.doUuTien': 'cao',
      sort: 'dueDate',
    });
  });
  test('junk is ignored', () => {
    const f = parseFilters(
      new URLSearchParams('party=x&category=y&leadUnit=abc&dueFrom=2026-13&sort=drop'),
      'all',
    );
    expect(f).toMatchObject({
      party: 'all',
      category: null,
      leadUnit: null,
      dueFrom: null,
      sort: '-createdAt',
    });
    expect(apiQuery(f).party).toBeUndefined();
  });
});
