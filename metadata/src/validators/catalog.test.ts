import { contextOf, defaultDoc, english } from '../__tests__/defaults.js';
import { validateMetadata } from '../validate.js';

describe('catalog meaning', () => {
  it('accepts unique values and reports a repeated one at the later item', async () => {
    const body = defaultDoc('catalog', 'do-mat');
    expect(english(await validateMetadata('catalog', body, contextOf()))).toEqual([]);
    body.items.push({ value: 'mat', label: 'Mật (cũ)', active: false });
    expect(english(await validateMetadata('catalog', body, contextOf()))).toEqual([
      { path: '/items/4/value', message: '"mat" is used more than once' },
    ]);
  });
});
