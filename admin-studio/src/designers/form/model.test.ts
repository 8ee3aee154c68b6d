import { describe, expect, it } from '@jest/globals';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Form } from '../../metadata/vocabulary';
import { fromForm, nameFromLabel, newField, toForm, type Item } from './model';

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
});
