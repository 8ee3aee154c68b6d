import { createAjv } from './ajv.js';
import { ajvIssue, ajvMessage, VALIDATION_MESSAGES } from './messages.js';

test('every keyword has a Vietnamese and an English message', () => {
  for (const [keyword, m] of Object.entries(VALIDATION_MESSAGES)) {
    const params = { limit: 3, type: 'string', format: 'date', allowedValues: ['a'], allowedValue: 'a', missingProperty: 'x', multipleOf: 2, pattern: '^a$', property: 'a', deps: 'b' };
    expect(m.vi(params)).toMatch(/\S/);
    expect(m.en(params)).toMatch(/\S/);
    expect(m.vi(params)).not.toBe(m.en(params));
    expect(keyword).toMatch(/^[a-zA-Z]+$/);
  }
});

test('ajv errors become CONTRACT.md details: a JSON Pointer, Vietnamese, English beside', () => {
  const ajv = createAjv();
  const v = ajv.compile({
    type: 'object',
    required: ['noiDung', 'a/b'],
    additionalProperties: false,
    properties: {
      noiDung: { type: 'string', minLength: 1 },
      'a/b': { type: 'string' },
      tienDo: { type: 'integer', maximum: 100 },
      han: { type: 'string', format: 'date' },
    },
  });
  expect(v({ tienDo: 150, han: '31/12/2026', thua: 1 })).toBe(false);
  expect(v.errors!.map((e) => ajvIssue(e, '/data'))).toEqual([
    { path: '/data/noiDung', message: 'Bắt buộc nhập', messageEn: 'is required' },
    { path: '/data/a~1b', message: 'Bắt buộc nhập', messageEn: 'is required' },
    { path: '/data/thua', message: 'Trường này không được phép', messageEn: 'is not an allowed property' },
    { path: '/data/tienDo', message: 'Phải nhỏ hơn hoặc bằng 100', messageEn: 'must be <= 100' },
    { path: '/data/han', message: 'Phải là ngày (YYYY-MM-DD)', messageEn: 'must match format "date"' },
  ]);
  expect(ajvMessage({ keyword: 'somethingNew', params: {}, message: 'must be new' }, 'vi')).toBe('Giá trị không hợp lệ');
  expect(ajvMessage({ keyword: 'somethingNew', params: {}, message: 'must be new' }, 'en')).toBe('must be new');
});
