import { describe, expect, test } from '@jest/globals';
import type { FormBody } from '../app/types';
import { formatMoney, hiddenByCondition, parseMoney, sectionsFor, shown } from './formRules';
import { renderForm } from './formSchema';

describe('the form designer’s conventions in the Runtime UI', () => {
  test('money is shown with Vietnamese grouping and read back', () => {
    expect(formatMoney(1500000)).toBe('1.500.000');
    expect(formatMoney(1500000.5)).toBe('1.500.000,5');
    expect(formatMoney(undefined)).toBe('');
    expect(parseMoney('1.500.000 ₫')).toBe(1500000);
    expect(parseMoney('1.500.000,5')).toBe(1500000.5);
    expect(parseMoney('')).toBeNull();
  });

  test('a condition for showing holds like the Studio preview says', () => {
    expect(shown({ field: 'loai', op: 'eq', value: 'co-kinh-phi' }, { loai: 'co-kinh-phi' })).toBe(true);
    expect(shown({ field: 'loai', op: 'eq', value: 'co-kinh-phi' }, {})).toBe(false);
    expect(shown({ field: 'loai', op: 'ne', value: 'x' }, { loai: 'y' })).toBe(true);
    expect(shown({ field: 'tep', op: 'filled' }, { tep: [] })).toBe(false);
    expect(shown({ field: 'tep', op: 'empty' }, {})).toBe(true);
    const ui = {
      kinhPhi: { 'ui:options': { showIf: { field: 'coKinhPhi', op: 'eq', value: true } } },
      'ui:order': [],
    };
    expect([...hiddenByCondition(ui, { coKinhPhi: false })]).toEqual(['kinhPhi']);
    expect([...hiddenByCondition(ui, { coKinhPhi: true })]).toEqual([]);
  });

  test('a heading above a field the user may not read moves to the next field shown', () => {
    const marks = [
      { title: 'Chung', before: 'a' },
      { title: 'Mật', before: 'b' },
      { title: 'Cuối', before: null },
    ];
    expect(sectionsFor(marks, ['a', 'b', 'c'], new Set(['a', 'c']))).toEqual([
      { title: 'Chung', before: 'a' },
      { title: 'Mật', before: 'c' },
      { title: 'Cuối', before: null },
    ]);
  });

  test('every palette type of the designer gets its widget', () => {
    const form: FormBody = {
      title: 'Đủ loại',
      schema: {
        type: 'object',
        properties: {
          kinhPhi: { type: 'number', title: 'Kinh phí', minimum: 0 },
          thoiGian: {
            type: 'object',
            title: 'Thời gian',
            properties: { from: { type: 'string', format: 'date' }, to: { type: 'string', format: 'date' } },
          },
          linhVuc: { type: 'array', title: 'Lĩnh vực', uniqueItems: true, items: { type: 'string' } },
          donVi: { type: 'integer', title: 'Đơn vị', minimum: 1 },
          canBo: { type: 'integer', title: 'Cán bộ', minimum: 1 },
          vanBan: { type: 'integer', title: 'Văn bản', minimum: 1 },
          tep: { type: 'array', title: 'Tệp', items: { type: 'integer' } },
          bang: {
            type: 'array',
            title: 'Bảng',
            items: { type: 'object', properties: { han: { type: 'string', format: 'date' } } },
          },
        },
      },
      uiSchema: {
        'ui:order': ['kinhPhi', 'thoiGian', 'linhVuc', 'donVi', 'canBo', 'vanBan', 'tep', 'bang'],
        'ui:options': { sections: [{ title: 'Thông tin', before: 'kinhPhi' }] },
        kinhPhi: { 'ui:options': { ddType: 'money' } },
        thoiGian: { 'ui:options': { ddType: 'dateRange' } },
        donVi: { 'ui:widget': 'unit' },
        canBo: { 'ui:widget': 'user' },
        vanBan: { 'ui:widget': 'document' },
        tep: { 'ui:widget': 'attachments' },
        bang: { 'ui:options': { ddType: 'table' } },
      },
      fields: { linhVuc: { catalog: 'linh-vuc' } },
    };
    const catalogs = new Map([
      ['linh-vuc', { name: 'Lĩnh vực', items: [{ value: 'dat-dai', label: 'Đất đai' }] }],
    ]);
    const r = renderForm(form, { roles: [], language: 'vi', catalogs });
    const ui = r.uiSchema as Record<string, Record<string, unknown>>;
    expect(ui.kinhPhi!['ui:widget']).toBe('money');
    expect(ui.thoiGian!['ui:field']).toBe('ddDateRange');
    expect(r.schema.properties.linhVuc!.items).toEqual({
      type: 'string',
      oneOf: [{ const: 'dat-dai', title: 'Đất đai' }],
    });
    expect(
      ['unit', 'user', 'document', 'attachments'].map(
        (n) => ui[{ unit: 'donVi', user: 'canBo', document: 'vanBan', attachments: 'tep' }[n]!]!['ui:widget'],
      ),
    ).toEqual(['unit', 'user', 'document', 'attachments']);
    expect((ui.bang!.items as Record<string, Record<string, unknown>>).han!['ui:widget']).toBe('ddDate');
    expect(ui['ui:options']).toEqual({ sections: [{ title: 'Thông tin', before: 'kinhPhi' }] });
  });
});
