import type { Form, FormFieldOptions } from '../generated/index.js';
import { createFormAjv } from '../ajv.js';
import { missingRef, type MetadataContext } from '../context.js';
import { issueAt, pointer, type Bilingual, type ValidationIssue } from '../issues.js';

const NO_FIELD: Bilingual = { vi: 'không phải trường nào của biểu mẫu', en: 'names no field of the form' };

type FieldSchema = { type?: unknown; format?: unknown; items?: { type?: unknown } };

export async function validateFormMeaning(body: Form, ctx: MetadataContext): Promise<ValidationIssue[]> {
  const properties = body.schema.properties as Record<string, FieldSchema>;
  const has = (name: string) => Object.hasOwn(properties, name);
  const fieldTypes = ctx.extensions?.fieldTypes ?? [];
  const formats = formatIssues(body, fieldTypes);
  const issues: ValidationIssue[] = [
    ...formats.issues,
    ...compileIssues(body, [...fieldTypes, ...formats.unknown]),
  ];
  const add = (text: Bilingual, ...tokens: (string | number)[]) =>
    issues.push(issueAt(pointer(...tokens), text));

  const required = body.schema.required;
  if (Array.isArray(required))
    required.forEach((name, i) => {
      if (typeof name === 'string' && !has(name)) add(NO_FIELD, 'schema', 'required', i);
    });

  for (const [key, value] of Object.entries(body.uiSchema ?? {})) {
    if (key === 'ui:order' && Array.isArray(value))
      value.forEach((name, i) => {
        if (name !== '*' && !has(String(name))) add(NO_FIELD, 'uiSchema', 'ui:order', i);
      });
    else if (!key.startsWith('ui:') && !has(key)) add(NO_FIELD, 'uiSchema', key);
  }

  for (const [name, options] of Object.entries(body.fields ?? {})) {
    if (!has(name)) {
      add(NO_FIELD, 'fields', name);
      continue;
    }
    issues.push(...indexIssues(name, properties[name], options));
    if (options.catalog) {
      issues.push(...(await missingRef(ctx, 'catalog', options.catalog, ['fields', name, 'catalog'])));
      if (!isStringish(properties[name]))
        add(
          {
            vi: 'trường lấy giá trị từ danh mục phải là chuỗi hoặc danh sách chuỗi',
            en: 'a catalog field must be a string or an array of strings',
          },
          'fields',
          name,
          'catalog',
        );
    }
    for (const list of ['read', 'edit'] as const)
      for (const [i, role] of (options[list] ?? []).entries())
        issues.push(...(await missingRef(ctx, 'role', role, ['fields', name, list, i])));
  }
  return issues;
}

const BUILTIN_FORMATS = new Set(Object.keys(createFormAjv().formats));
const NOT_SCHEMAS = new Set(['enum', 'const', 'default', 'examples']);

/**
 * A field type is a string format (`"format": "<name>"`): ajv-formats' or one a plugin registers. A form
 * naming any other is refused at the format (ajv would only say the schema does not compile).
 */
function formatIssues(
  body: Form,
  fieldTypes: readonly string[],
): { issues: ValidationIssue[]; unknown: string[] } {
  const known = new Set([...BUILTIN_FORMATS, ...fieldTypes]);
  const issues: ValidationIssue[] = [];
  const unknown = new Set<string>();
  const walk = (node: unknown, tokens: (string | number)[]) => {
    if (Array.isArray(node)) return node.forEach((x, i) => walk(x, [...tokens, i]));
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === 'format' && typeof value === 'string') {
        if (!known.has(value)) {
          unknown.add(value);
          issues.push(
            issueAt(pointer(...tokens, key), {
              vi: `kiểu trường "${value}" không tồn tại (không có định dạng hay phần mở rộng đang bật nào định nghĩa nó)`,
              en: `field type "${value}" does not exist (no format or enabled plugin defines it)`,
            }),
          );
        }
      } else if (!NOT_SCHEMAS.has(key)) walk(value, [...tokens, key]);
    }
  };
  walk(body.schema, ['schema']);
  return { issues, unknown: [...unknown] };
}

function compileIssues(body: Form, extraFormats: string[]): ValidationIssue[] {
  try {
    // A fresh instance: form schemas may carry their own $id, which one shared instance would refuse twice.
    // Plugin field types are known by name here; the engine compiles them with their validators.
    const ajv = createFormAjv();
    for (const name of extraFormats)
      if (!BUILTIN_FORMATS.has(name)) ajv.addFormat(name, { type: 'string', validate: () => true });
    ajv.compile(body.schema);
    return [];
  } catch (e) {
    const why = (e as Error).message;
    return [
      issueAt('/schema', {
        vi: `không phải JSON Schema hợp lệ: ${why}`,
        en: `is not a valid JSON Schema: ${why}`,
      }),
    ];
  }
}

function jsonTypes(schema: FieldSchema): string[] {
  const t = schema.type;
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string' && x !== 'null');
}

function isStringish(schema: FieldSchema): boolean {
  const [t, ...more] = jsonTypes(schema);
  if (more.length) return false;
  return t === 'string' || (t === 'array' && schema.items?.type === 'string');
}

// A generated column holds one scalar; its SQL type follows the field's JSON type.
function indexIssues(name: string, schema: FieldSchema, options: FormFieldOptions): ValidationIssue[] {
  if (!options.indexed) return [];
  const types = jsonTypes(schema);
  const scalar = types.length === 1 && ['string', 'number', 'integer', 'boolean'].includes(types[0]);
  if (!scalar)
    return [
      issueAt(pointer('fields', name, 'indexed'), {
        vi: 'chỉ đánh chỉ mục được cho trường có đúng một kiểu đơn (chuỗi, số, số nguyên, đúng/sai)',
        en: 'only a field of one scalar type (string, number, integer, boolean) can be indexed',
      }),
    ];
  const numeric = types[0] === 'number' || types[0] === 'integer';
  const isDate = schema.format === 'date' || schema.format === 'date-time';
  const indexType = options.indexType;
  const fits =
    indexType === undefined ||
    (indexType === 'number' && numeric) ||
    (indexType === 'string' && types[0] === 'string') ||
    (indexType === 'date' && types[0] === 'string' && isDate);
  return fits
    ? []
    : [
        issueAt(pointer('fields', name, 'indexType'), {
          vi: `không phù hợp với kiểu ${types[0]} của trường${isDate ? ` (${String(schema.format)})` : ''}`,
          en: `does not fit the field's type ${types[0]}${isDate ? ` (${String(schema.format)})` : ''}`,
        }),
      ];
}
