import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Form } from '../../metadata/vocabulary';
import { fromForm, nameFromLabel, newField, newPluginField, pluginTypeName, toForm, type Item, type PluginFieldType } from './model';

const seeds = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../../../seeds/metadata/form');
const forms = fs.readdirSync(seeds).map((f) => JSON.parse(fs.readFileSync(path.join(seeds, f), 'utf8')) as Form);

describe('the form designer model', () => {
  it('keeps every seeded form as it is through a round trip (schema, fields, order, ui)', () => {
    for (const form of forms) {
      const back = toForm(fromForm(form), form);
      expect(back.schema).toEqual(form.schema);
      expect(back.fields ?? {}).toEqual(form.fields ?? {});
      const { 'ui:order': order, ...ui } = back.uiSchema as Record<string, unknown>;
      const { 'ui:order': _o, ...originalUi } = (form.uiSchema ?? {}) as Record<string, unknown>;
      expect(ui).toEqual(originalUi);
      expect(order).toEqual(Object.keys(form.schema.properties));
      expect(toForm(fromForm(back), back)).toEqual(back);
    }
  });

  it('names a field from its Vietnamese label and writes sections before the field they head', () => {
    const form = forms.find((f) => f.title === 'Nhiệm vụ')!;
    const items = fromForm(form);
    const taken = new Set(items.flatMap((i) => (i.type === 'field' ? [i.name] : [])));
    expect(nameFromLabel('Kinh phí (triệu đồng)', taken)).toBe('kinhPhiTrieuDong');
    expect(nameFromLabel('Nội dung', new Set(['noiDung']))).toBe('noiDung2');
    const money = newField('money', 'kinhPhiTrieuDong', 'Kinh phí (triệu đồng)');
    const next: Item[] = [...items.slice(0, 2), { type: 'section', id: 's', title: 'Kinh phí' }, money, ...items.slice(2)];
    const out = toForm(next, form);
    expect(out.schema.properties.kinhPhiTrieuDong).toEqual({ type: 'number', title: 'Kinh phí (triệu đồng)', minimum: 0 });
    expect((out.uiSchema as any)['ui:options'].sections).toEqual([{ title: 'Kinh phí', before: 'kinhPhiTrieuDong' }]);
    expect((out.uiSchema as any)['ui:order'].slice(0, 3)).toEqual(['noiDung', 'nguonGiao', 'kinhPhiTrieuDong']);
    const again = fromForm(out);
    expect(again[2]).toMatchObject({ type: 'section', title: 'Kinh phí' });
    expect(again[3]).toMatchObject({ type: 'field', name: 'kinhPhiTrieuDong', kind: 'money' });
  });

  // The edXML plugin's field type as GET /api/integrations/extensions lists it.
  const organCode: PluginFieldType = {
    name: 'ma-dinh-danh',
    label: 'mã định danh điện tử của cơ quan, tổ chức dạng NNN.NN.NN.Xnn (ví dụ 000.00.05.H26)',
    labelEn: 'an electronic organisation code NNN.NN.NN.Xnn (e.g. 000.00.05.H26)',
    description: 'Mã định danh điện tử của cơ quan, tổ chức',
    schema: { type: 'string', maxLength: 13 },
    widget: 'text',
    plugin: 'edxml',
  };

  it('adds a field of a plugin’s type with the schema the engine expects, and knows it again when the form is reopened', () => {
    const form = forms.find((f) => f.title === 'Nhiệm vụ')!;
    const field = newPluginField(organCode, 'coQuanGui', 'Cơ quan gửi');
    expect(field).toMatchObject({ kind: 'plugin:ma-dinh-danh', ui: {}, options: {}, required: false });
    expect(field.schema).toEqual({ type: 'string', maxLength: 13, format: 'ma-dinh-danh', title: 'Cơ quan gửi' });
    const out = toForm([...fromForm(form), field], form);
    expect(out.schema.properties.coQuanGui).toEqual({ type: 'string', maxLength: 13, format: 'ma-dinh-danh', title: 'Cơ quan gửi' });
    expect((out.uiSchema as any).coQuanGui).toBeUndefined();
    const again = fromForm(out).find((i) => i.type === 'field' && i.name === 'coQuanGui');
    expect(again).toMatchObject({ kind: 'plugin:ma-dinh-danh', schema: { format: 'ma-dinh-danh' } });
    expect(toForm(fromForm(out), out)).toEqual(out);
    // Standard formats stay what they were.
    expect(fromForm({ ...form, schema: { type: 'object', properties: { d: { type: 'string', format: 'date' }, e: { type: 'string', format: 'email' } } } }).map((i) => i.type === 'field' && i.kind)).toEqual(['date', 'text']);
  });

  it('a plugin type without a schema is a string; its own widget is kept; its name is short and in the UI language', () => {
    const field = newPluginField({ name: 'so-ky-hieu', label: 'số, ký hiệu văn bản', plugin: 'vanban', widget: 'so-ky-hieu' }, 'soKyHieu', 'Số, ký hiệu');
    expect(field.schema).toEqual({ type: 'string', format: 'so-ky-hieu', title: 'Số, ký hiệu' });
    expect(field.ui).toEqual({ 'ui:widget': 'so-ky-hieu' });
    expect(fromForm({ title: 'x', schema: { type: 'object', properties: { soKyHieu: field.schema } }, uiSchema: { soKyHieu: field.ui } } as Form)[0]).toMatchObject({ kind: 'plugin:so-ky-hieu' });
    expect(pluginTypeName(organCode, 'vi')).toBe('Mã định danh điện tử của cơ quan');
    expect(pluginTypeName(organCode, 'en')).toBe('Electronic organisation code NNN.NN.NN.Xnn');
  });
});
