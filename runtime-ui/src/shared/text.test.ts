import { describe, expect, it } from '@jest/globals';
import { foldForSearch } from './text';

describe('foldForSearch', () => {
  it('ignores case, diacritics and đ', () => {
    expect(foldForSearch('  Phường Đống Đa ')).toBe('phuong dong da');
    expect(foldForSearch('Hà Nội').includes(foldForSearch('ha noi'))).toBe(true);
  });
});
