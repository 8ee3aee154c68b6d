import { contextOf, defaultDoc, english } from '../__tests__/defaults.js';
import { validateMetadata } from '../validate.js';

const check = async (body: unknown) => english(await validateMetadata('report', body, contextOf()));
const report = () => defaultDoc('report', 'thong-ke-tong-hop');

describe('report meaning', () => {
  it('accepts the default report', async () => {
    expect(await check(report())).toEqual([]);
  });

  it('sorts only by a dimension or measure', async () => {
    const body = report();
    body.sort.push({ key: 'completionRate', dir: 'desc' }, { key: 'tyLe', dir: 'desc' });
    expect(await check(body)).toEqual([
      { path: '/sort/2/key', message: 'names no dimension or measure of the report' },
    ]);
  });

  it('takes filter operands from existing parameters, or a value, not both', async () => {
    const body = report();
    body.filters[2].param = 'donVi';
    const n = body.filters.length; // the default report's own filters come first
    body.filters.push({ field: 'typeKey', op: 'eq', value: 'nhiem-vu-van-ban', param: 'from' });
    body.filters.push({ field: 'state', op: 'ne' });
    body.filters.push({ field: 'dueDate', op: 'between', value: ['2025-01-01'] });
    body.filters.push({ field: 'state', op: 'in', value: 'hoan-thanh' });
    expect(await check(body)).toEqual([
      { path: '/filters/2/param', message: 'names no parameter of the report' },
      { path: `/filters/${n}`, message: 'needs exactly one of value and param' },
      { path: `/filters/${n + 1}`, message: 'needs exactly one of value and param' },
      { path: `/filters/${n + 2}/value`, message: 'between needs [from, to]' },
      { path: `/filters/${n + 3}/value`, message: 'in needs an array' },
    ]);
  });

  it('reports repeated parameter and column keys', async () => {
    const body = report();
    body.parameters.push({ key: 'unit', label: 'Đơn vị 2', type: 'unit' });
    body.measures.push({ key: 'unit', label: 'Đếm', type: 'count' });
    expect(await check(body)).toEqual([
      { path: '/parameters/3/key', message: '"unit" is used more than once' },
      { path: '/measures/7/key', message: '"unit" is used more than once' },
    ]);
  });

  it('asks dimensions, measures and parameters for what their type needs', async () => {
    const body = report();
    body.dimensions.push(
      { key: 'ky', label: 'Kỳ', type: 'period', depth: 1 },
      { key: 'truong', label: 'Trường', type: 'field' },
    );
    body.measures.push(
      { key: 'x', label: 'X', type: 'categoryCount' },
      { key: 'y', label: 'Y', type: 'count', category: 'dueSoon' },
    );
    body.parameters.push(
      { key: 'loai', label: 'Loại', type: 'enum' },
      { key: 'uuTien', label: 'Ưu tiên', type: 'enum', catalog: 'muc-do' },
    );
    expect(await check(body)).toEqual([
      { path: '/parameters/3/options', message: 'an enum parameter needs options or a catalog' },
      { path: '/parameters/4/catalog', message: 'catalog "muc-do" does not exist' },
      { path: '/dimensions/1/period', message: 'is required for a period dimension' },
      { path: '/dimensions/1/depth', message: 'applies only to a unit dimension' },
      { path: '/dimensions/2/field', message: 'is required for a field dimension' },
      { path: '/measures/7/category', message: 'is required for a categoryCount measure' },
      { path: '/measures/8/category', message: 'applies only to a categoryCount measure' },
    ]);
  });

  it('draws only its own dimensions and measures', async () => {
    const body = report();
    body.visualisation.x = 'total';
    body.visualisation.series.push('unit');
    expect(await check(body)).toEqual([
      { path: '/visualisation/x', message: 'names no dimension of the report' },
      { path: '/visualisation/series/5', message: 'names no measure of the report' },
    ]);
  });

  it('names a built-in dataset or one a plugin registers', async () => {
    const body = report();
    body.dataset = 'edxml-messages';
    body.dimensions = [{ key: 'sender', label: 'Nơi gửi', type: 'field', field: 'senderCode' }];
    body.measures = [{ key: 'n', label: 'Số văn bản', type: 'count' }];
    body.sort = [];
    delete body.visualisation;
    expect(await check(body)).toEqual([{ path: '/dataset', message: 'dataset "edxml-messages" does not exist (no enabled plugin registers it)' }]);
    const ctx = { ...contextOf(), extensions: { datasets: ['edxml-messages'] } };
    expect(await validateMetadata('report', body, ctx)).toEqual([]);
    body.dataset = 'Not A Key';
    expect((await validateMetadata('report', body, ctx)).map((i) => i.path)).toEqual(['/dataset']);
  });
});
