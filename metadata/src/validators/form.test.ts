import { contextOf, defaultDoc, english } from '../__tests__/defaults.js';
import { validateMetadata } from '../validate.js';

const ctx = contextOf();
const form = () => defaultDoc('form', 'nhiem-vu');
const check = async (body: unknown) => english(await validateMetadata('form', body, ctx));

describe('form meaning', () => {
  it.each(['nhiem-vu', 'xin-gia-han', 'giao-cap-duoi'])('accepts the default form %s', async (key) => {
    expect(await check(defaultDoc('form', key))).toEqual([]);
  });

  it('reports a data schema ajv cannot compile, at /schema', async () => {
    const body = form();
    body.schema.properties.noiDung.minLenght = 3;
    expect(await check(body)).toEqual([
      { path: '/schema', message: expect.stringMatching(/^is not a valid JSON Schema: .*minLenght/) },
    ]);
    const other = form();
    other.schema.properties.tienDo.type = 'percent';
    expect((await check(other)).map((i) => i.path)).toEqual(['/schema', '/fields/tienDo/indexed']);
  });

  it('accepts a field type a plugin registers and refuses an unknown one at its format', async () => {
    const body = form();
    body.schema.properties.coQuan = { type: 'string', format: 'ma-dinh-danh' };
    body.schema.properties.ds = { type: 'array', items: { type: 'string', format: 'ma-dinh-danh' } };
    expect(await check(body)).toEqual([
      { path: '/schema/properties/coQuan/format', message: expect.stringMatching(/^field type "ma-dinh-danh" does not exist/) },
      { path: '/schema/properties/ds/items/format', message: expect.stringMatching(/^field type "ma-dinh-danh" does not exist/) },
    ]);
    const withPlugin = { ...ctx, extensions: { fieldTypes: ['ma-dinh-danh'] } };
    expect(await validateMetadata('form', body, withPlugin)).toEqual([]);
    // a field named "format", a default that mentions one: not formats
    body.schema.properties.format = { type: 'string', default: 'x' };
    body.schema.properties.obj = { type: 'object', default: { format: 'nope' } };
    expect(await validateMetadata('form', body, withPlugin)).toEqual([]);
  });

  it('accepts formats and a schema $id in a fresh compilation each time', async () => {
    const body = form();
    body.schema.$id = 'urn:dondoc:form:nhiem-vu';
    body.schema.properties.email = { type: 'string', format: 'email' };
    expect(await check(body)).toEqual([]);
    expect(await check(body)).toEqual([]);
  });

  it('reports required fields that do not exist', async () => {
    const body = form();
    body.schema.required.push('hanXuLy');
    expect(await check(body)).toEqual([
      { path: '/schema/required/2', message: 'names no field of the form' },
    ]);
  });

  it('reports uiSchema entries for fields that do not exist', async () => {
    const body = form();
    body.uiSchema.trichYeu = { 'ui:widget': 'textarea' };
    body.uiSchema['ui:order'].push('hanXuLy');
    body.uiSchema['ui:submitButtonOptions'] = { norender: true };
    expect(await check(body)).toEqual([
      { path: '/uiSchema/ui:order/7', message: 'names no field of the form' },
      { path: '/uiSchema/trichYeu', message: 'names no field of the form' },
    ]);
  });

  it('reports field options for fields that do not exist', async () => {
    const body = form();
    body.fields.hanXuLy = { listed: true };
    expect(await check(body)).toEqual([{ path: '/fields/hanXuLy', message: 'names no field of the form' }]);
  });

  it('indexes only scalar fields, with a fitting column type', async () => {
    const body = form();
    body.schema.properties.dinhKem = { type: 'array', items: { type: 'string' } };
    body.schema.properties.hanNoiBo = { type: 'string', format: 'date' };
    body.fields.dinhKem = { indexed: true };
    body.fields.hanNoiBo = { indexed: true, indexType: 'date' };
    body.fields.noiDung.indexed = true;
    body.fields.noiDung.indexType = 'number';
    body.fields.tienDo.indexType = 'date';
    expect(await check(body)).toEqual([
      { path: '/fields/noiDung/indexType', message: "does not fit the field's type string" },
      { path: '/fields/tienDo/indexType', message: "does not fit the field's type integer" },
      {
        path: '/fields/dinhKem/indexed',
        message: 'only a field of one scalar type (string, number, integer, boolean) can be indexed',
      },
    ]);
  });

  it('reports catalogs and roles that do not exist, and catalogs on non-string fields', async () => {
    const body = form();
    body.fields.nguonGiao.catalog = 'nguon';
    body.fields.tienDo.catalog = 'do-uu-tien';
    body.fields.ketQua.edit = ['chuyen-vien', 'thu-ky'];
    body.fields.ketQua.read = ['lanh-dao'];
    expect(await check(body)).toEqual([
      { path: '/fields/nguonGiao/catalog', message: 'catalog "nguon" does not exist' },
      { path: '/fields/tienDo/catalog', message: 'a catalog field must be a string or an array of strings' },
      { path: '/fields/ketQua/edit/1', message: 'role "thu-ky" does not exist' },
    ]);
  });
});
