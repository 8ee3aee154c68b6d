import { expect, test } from '@jest/globals';
import { formatAnyValue, parseAnyValue } from './anyValue';

test('a filter value typed as text keeps its JSON type where it reads as one, and shows as typed', () => {
  expect(parseAnyValue('openOverdue')).toBe('openOverdue');
  expect(parseAnyValue('7')).toBe(7);
  expect(parseAnyValue('true')).toBe(true);
  expect(parseAnyValue('["dang-thuc-hien", "cho-duyet"]')).toEqual(['dang-thuc-hien', 'cho-duyet']);
  expect(parseAnyValue('["2026-01-01", "2026-12-31"')).toBe('["2026-01-01", "2026-12-31"'); // not yet a list: text
  expect(parseAnyValue('"quoted"')).toBe('"quoted"'); // a JSON string stays the text typed
  expect(parseAnyValue('  ')).toBeUndefined();
  for (const v of ['cancelled', 12, false, ['a', 'b']]) expect(parseAnyValue(formatAnyValue(v))).toEqual(v);
  expect(formatAnyValue(undefined)).toBe('');
});
