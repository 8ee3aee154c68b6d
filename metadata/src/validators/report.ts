import type { Report } from '../generated/index.js';
import { BUILTIN_DATASETS, duplicates, missingRef, type MetadataContext } from '../context.js';
import { issueAt, pointer, type Bilingual, type ValidationIssue } from '../issues.js';

export async function validateReportMeaning(body: Report, ctx: MetadataContext): Promise<ValidationIssue[]> {
  const parameters = body.parameters ?? [];
  const filters = body.filters ?? [];
  const columns = [
    ...body.dimensions.map((d, i) => ({ key: d.key, tokens: ['dimensions', i, 'key'] })),
    ...body.measures.map((m, i) => ({ key: m.key, tokens: ['measures', i, 'key'] })),
  ];
  const issues = [
    ...duplicates(
      parameters,
      (p) => p.key,
      (i) => ['parameters', i, 'key'],
    ),
    ...duplicates(
      columns,
      (c) => c.key,
      (i) => columns[i].tokens,
    ),
  ];
  const add = (text: Bilingual, ...tokens: (string | number)[]) =>
    issues.push(issueAt(pointer(...tokens), text));

  if (!BUILTIN_DATASETS.includes(body.dataset) && !(ctx.extensions?.datasets ?? []).includes(body.dataset))
    add(
      {
        vi: `nguồn dữ liệu "${body.dataset}" không tồn tại (không phần mở rộng đang bật nào đăng ký nó)`,
        en: `dataset "${body.dataset}" does not exist (no enabled plugin registers it)`,
      },
      'dataset',
    );

  for (const [i, p] of parameters.entries()) {
    if (p.type === 'enum' && !p.options?.length && !p.catalog)
      add(
        {
          vi: 'tham số kiểu enum cần có danh sách lựa chọn (options) hoặc danh mục (catalog)',
          en: 'an enum parameter needs options or a catalog',
        },
        'parameters',
        i,
        'options',
      );
    if (p.catalog)
      issues.push(...(await missingRef(ctx, 'catalog', p.catalog, ['parameters', i, 'catalog'])));
  }

  const paramKeys = new Set(parameters.map((p) => p.key));
  filters.forEach((f, i) => {
    const hasValue = f.value !== undefined;
    if (f.param !== undefined && !paramKeys.has(f.param))
      add(
        { vi: 'không phải tham số nào của báo cáo', en: 'names no parameter of the report' },
        'filters',
        i,
        'param',
      );
    if (hasValue === (f.param !== undefined))
      add(
        { vi: 'cần đúng một trong hai: value hoặc param', en: 'needs exactly one of value and param' },
        'filters',
        i,
      );
    if (f.op === 'between' && hasValue && !(Array.isArray(f.value) && f.value.length === 2))
      add({ vi: 'between cần [từ, đến]', en: 'between needs [from, to]' }, 'filters', i, 'value');
    if (f.op === 'in' && hasValue && !Array.isArray(f.value))
      add({ vi: 'in cần một danh sách', en: 'in needs an array' }, 'filters', i, 'value');
  });

  body.dimensions.forEach((d, i) => {
    if (d.type === 'period' && !d.period)
      add(
        { vi: 'bắt buộc với chiều theo kỳ (period)', en: 'is required for a period dimension' },
        'dimensions',
        i,
        'period',
      );
    if (d.type === 'field' && !d.field)
      add(
        { vi: 'bắt buộc với chiều theo trường (field)', en: 'is required for a field dimension' },
        'dimensions',
        i,
        'field',
      );
    if (d.depth !== undefined && d.type !== 'unit')
      add(
        { vi: 'chỉ áp dụng cho chiều theo đơn vị (unit)', en: 'applies only to a unit dimension' },
        'dimensions',
        i,
        'depth',
      );
  });
  body.measures.forEach((m, i) => {
    if (m.type === 'categoryCount' && !m.category)
      add(
        {
          vi: 'bắt buộc với chỉ số đếm theo nhóm trạng thái (categoryCount)',
          en: 'is required for a categoryCount measure',
        },
        'measures',
        i,
        'category',
      );
    if (m.type !== 'categoryCount' && m.category)
      add(
        {
          vi: 'chỉ áp dụng cho chỉ số đếm theo nhóm trạng thái (categoryCount)',
          en: 'applies only to a categoryCount measure',
        },
        'measures',
        i,
        'category',
      );
  });

  const columnKeys = new Set(columns.map((c) => c.key));
  (body.sort ?? []).forEach((s, i) => {
    if (!columnKeys.has(s.key))
      add(
        {
          vi: 'không phải chiều hay chỉ số nào của báo cáo',
          en: 'names no dimension or measure of the report',
        },
        'sort',
        i,
        'key',
      );
  });
  const vis = body.visualisation;
  if (vis?.x !== undefined && !body.dimensions.some((d) => d.key === vis.x))
    add(
      { vi: 'không phải chiều nào của báo cáo', en: 'names no dimension of the report' },
      'visualisation',
      'x',
    );
  vis?.series?.forEach((s, i) => {
    if (!body.measures.some((m) => m.key === s))
      add(
        { vi: 'không phải chỉ số nào của báo cáo', en: 'names no measure of the report' },
        'visualisation',
        'series',
        i,
      );
  });
  return issues;
}
