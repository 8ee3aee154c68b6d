import { describe, expect, test } from '@jest/globals';
import { cspValidator } from './cspValidator';

const schema = {
  type: 'object' as const,
  required: ['noiDung', 'han'],
  properties: {
    noiDung: { type: 'string' as const, title: 'Nội dung', minLength: 1 },
    tienDo: { type: 'integer' as const, minimum: 0, maximum: 100 },
    han: { type: 'string' as const, format: 'date' },
    doUuTien: {
      type: 'string' as const,
      oneOf: [
        { const: 'cao', title: 'Cao' },
        { const: 'thap', title: 'Thấp' },
      ],
    },
  },
};

describe('an @rjsf validator without eval', () => {
  test('valid data', () => {
    expect(
      cspValidator.validateFormData({ noiDung: 'x', han: '2026-07-01', doUuTien: 'cao', tienDo: 50 }, schema)
        .errors,
    ).toEqual([]);
  });
  test('errors land on their fields', () => {
    const r = cspValidator.validateFormData({ noiDung: '', tienDo: 150, doUuTien: 'khac', han: 'x' }, schema);
    const byProperty = Object.fromEntries(r.errors.map((e) => [e.property, e.name]));
    expect(byProperty).toMatchObject({
      '.noiDung': 'minLength',
      '.tienDo': 'maximum',
      '.doUuTien': 'oneOf',
      '.han': 'format',
    });
    expect((r.errorSchema as any).tienDo.__errors).toHaveLength(1);
    const missing = cspValidator.validateFormData({ noiDung: 'x' }, schema);
    expect(missing.errors.map((e) => e.name)).toEqual(['required']);
    expect((missing.errorSchema as any).han.__errors).toHaveLength(1);
  });
  test('isValid for oneOf matching', () => {
    expect(cspValidator.isValid({ const: 'cao' }, 'cao', schema)).toBe(true);
    expect(cspValidator.isValid({ const: 'cao' }, 'thap', schema)).toBe(false);
  });
});
