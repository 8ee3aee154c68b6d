import { describe, expect, test } from '@jest/globals';
import type { FormBody } from '../app/types';
import { changedFields, renderForm } from './formSchema';

const form: FormBody = {
  title: 'Nhiệm vụ',
  schema: {
    type: 'object',
    required: ['noiDung', 'mat'],
    properties: {
      noiDung: { type: 'string', title: 'Nội dung' },
      doUuTien: { type: 'string', title: 'Độ ưu tiên' },
      mat: { type: 'string', title: 'Mật' },
      ketLuan: { type: 'string', title: 'Kết luận' },
      han: { type: 'string', format: 'date', title: 'Hạn' },
    },
  },
  uiSchema: { 'ui:order': ['ketLuan', 'noiDung'], noiDung: { 'ui:widget': 'textarea' } },
  fields: {
    doUuTien: { catalog: 'do-uu-tien', titleEn: 'Priority' },
    mat: { read: ['lanh-dao'] },
    ketLuan: { edit: ['lanh-dao'] },
  },
};
const catalogs = new Map([
  [
    'do-uu-tien',
    {
      name: 'x',
      items: [
        { value: 'cao', label: 'Cao', labelEn: 'High', order: 2 },
        { value: 'thap', label: 'Thấp', order: 1 },
        { value: 'cu', label: 'Cũ', active: false },
      ],
    },
  ],
]);

describe('form metadata → @rjsf for one user', () => {
  test('a specialist: hidden field absent, leader-only field read-only, catalog as choices', () => {
    const r = renderForm(form, { roles: ['chuyen-vien'], language: 'vi', catalogs });
    expect(Object.keys(r.schema.properties)).not.toContain('mat');
    expect(r.schema.required).toEqual(['noiDung']);
    expect(r.uiSchema.ketLuan).toMatchObject({ 'ui:readonly': true, 'ui:disabled': true });
    expect(r.editable).toEqual(['noiDung', 'doUuTien', 'han']);
    expect(r.schema.properties.doUuTien!.oneOf).toEqual([
      { const: 'thap', title: 'Thấp' },
      { const: 'cao', title: 'Cao' },
    ]);
    expect(r.uiSchema['ui:order']).toEqual(['ketLuan', 'noiDung', 'doUuTien', 'han']);
    expect(r.uiSchema.han).toMatchObject({ 'ui:widget': 'ddDate' });
  });
  test('a leader in English sees everything', () => {
    const r = renderForm(form, { roles: ['lanh-dao'], language: 'en', catalogs });
    expect(r.visible).toContain('mat');
    expect(r.editable).toContain('ketLuan');
    expect(r.schema.properties.doUuTien!.title).toBe('Priority');
  });
  test('only the fields a transition requires', () => {
    const r = renderForm(form, { roles: [], language: 'vi', catalogs, only: ['han'] });
    expect(Object.keys(r.schema.properties)).toEqual(['han']);
    expect(r.schema.required).toEqual(['han']);
  });
  test('dates and units get their pickers, also in rows of an array', () => {
    const delegate: FormBody = {
      title: 'Giao cấp dưới',
      schema: {
        type: 'object',
        properties: {
          nhiemVuCon: {
            type: 'array',
            items: {
              type: 'object',
              properties: {
                unitId: { type: 'integer' },
                noiDung: { type: 'string' },
                dueDate: { type: 'string', format: 'date' },
              },
            },
          },
        },
      },
      uiSchema: { nhiemVuCon: { items: { noiDung: { 'ui:widget': 'textarea' } } } },
    };
    const r = renderForm(delegate, { roles: [], language: 'vi', catalogs });
    expect(r.uiSchema.nhiemVuCon).toEqual({
      items: {
        unitId: { 'ui:widget': 'ddUnit' },
        noiDung: { 'ui:widget': 'textarea' },
        dueDate: { 'ui:widget': 'ddDate' },
      },
    });
  });
  test('changed fields', () => {
    expect(changedFields({ a: 1, b: 'x' }, { a: 2, b: 'x', c: 3 }, ['a', 'b'])).toEqual({ a: 2 });
  });
});
