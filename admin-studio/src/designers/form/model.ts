// A form (JSON Schema + uiSchema + per-field options) as the designer sees it: an ordered list of
// fields and section headings. Each field keeps its raw schema, ui and options, so whatever the
// designer does not manage (a widget option, a keyword) survives a round trip untouched.
import type { Form, FormFieldOptions } from '../../metadata/vocabulary';

export const FIELD_KINDS = ['text', 'longText', 'number', 'money', 'date', 'dateRange', 'select', 'multiSelect', 'unit', 'user', 'document', 'file', 'table'] as const;
/** A field type a plugin adds (GET /api/integrations/extensions `fieldTypes`): the field's JSON Schema `format`. */
export type PluginKind = `plugin:${string}`;
export type FieldKind = (typeof FIELD_KINDS)[number] | 'custom' | PluginKind;
export type PaletteKind = (typeof FIELD_KINDS)[number] | 'section';
/** What the palette offers: its built-in kinds and the plugins' field types. */
export type PaletteEntry = PaletteKind | PluginKind;

/** A plugin's field type as GET /api/integrations/extensions lists it. */
export interface PluginFieldType {
  name: string;
  label: string;
  labelEn?: string | null;
  description?: string | null;
  schema?: Record<string, unknown> | null;
  widget?: string | null;
  plugin: string;
}

export const pluginKind = (format: string): PluginKind => `plugin:${format}`;
export const isPluginKind = (kind: string): kind is PluginKind => kind.startsWith('plugin:');
/** The format a plugin kind stands for ("plugin:ma-dinh-danh" → "ma-dinh-danh"). */
export const pluginFormat = (kind: PluginKind): string => kind.slice('plugin:'.length);

/**
 * The formats the engine's validator knows without plugins (ajv-formats); any other `format` a saved form
 * names is a plugin's field type, since the engine refuses an unknown one at publish.
 */
const STANDARD_FORMATS = new Set([
  'date', 'time', 'date-time', 'iso-time', 'iso-date-time', 'duration', 'uri', 'uri-reference', 'uri-template', 'url', 'email', 'hostname',
  'ipv4', 'ipv6', 'regex', 'uuid', 'json-pointer', 'json-pointer-uri-fragment', 'relative-json-pointer', 'byte', 'int32', 'int64', 'float', 'double', 'password', 'binary',
]);

type Json = Record<string, unknown>;

// The condition for showing a field is read and evaluated exactly as the Runtime UI's task page does.
export { showIfOf, shown, type ShowIf } from '../../../../runtime-ui/src/tasks/formRules.ts';

export interface FieldItem {
  type: 'field';
  id: string;
  name: string;
  kind: FieldKind;
  schema: Json;
  ui: Json;
  options: FormFieldOptions;
  required: boolean;
}

export interface SectionItem {
  type: 'section';
  id: string;
  title: string;
  titleEn?: string;
}

export type Item = FieldItem | SectionItem;

export interface SectionMark {
  title: string;
  titleEn?: string;
  /** The field the heading stands above; null = at the end. */
  before: string | null;
}

let counter = 0;
export const newId = () => `i${Date.now().toString(36)}${(counter++).toString(36)}`;

const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const uiOptions = (ui: Json): Json => (isObj(ui['ui:options']) ? ui['ui:options'] : {});

/** What the palette type of a stored field is, from its schema, widget and options. */
export function inferKind(schema: Json, ui: Json, options: FormFieldOptions): FieldKind {
  const dd = uiOptions(ui).ddType;
  if (typeof dd === 'string' && (FIELD_KINDS as readonly string[]).includes(dd)) return dd as FieldKind;
  const widget = ui['ui:widget'];
  if (widget === 'unit') return 'unit';
  if (widget === 'user') return 'user';
  if (widget === 'document') return 'document';
  if (widget === 'attachments') return 'file';
  if (typeof schema.format === 'string' && schema.format && !STANDARD_FORMATS.has(schema.format)) return pluginKind(schema.format);
  const type = schema.type;
  if (type === 'array') {
    const items = isObj(schema.items) ? schema.items : {};
    if (items.type === 'object') return 'table';
    if (items.type === 'string' && options.catalog) return 'multiSelect';
    return 'custom';
  }
  if (type === 'string') {
    if (options.catalog) return 'select';
    if (schema.format === 'date') return 'date';
    if (widget === 'textarea') return 'longText';
    return 'text';
  }
  if (type === 'number' || type === 'integer') return 'number';
  if (type === 'object' && isObj(schema.properties) && 'from' in schema.properties && 'to' in schema.properties) return 'dateRange';
  return 'custom';
}

/** A new field of a palette type. */
export function newField(kind: Exclude<PaletteKind, 'section'>, name: string, title: string, catalog?: string): FieldItem {
  const base = { type: 'field' as const, id: newId(), name, kind, required: false, options: {} as FormFieldOptions };
  switch (kind) {
    case 'text':
      return { ...base, schema: { type: 'string', title, maxLength: 500 }, ui: {} };
    case 'longText':
      return { ...base, schema: { type: 'string', title, maxLength: 10000 }, ui: { 'ui:widget': 'textarea', 'ui:options': { rows: 4 } } };
    case 'number':
      return { ...base, schema: { type: 'number', title }, ui: {} };
    case 'money':
      return { ...base, schema: { type: 'number', title, minimum: 0 }, ui: { 'ui:options': { ddType: 'money' } } };
    case 'date':
      return { ...base, schema: { type: 'string', format: 'date', title }, ui: {} };
    case 'dateRange':
      return {
        ...base,
        schema: { type: 'object', title, properties: { from: { type: 'string', format: 'date', title: 'Từ ngày' }, to: { type: 'string', format: 'date', title: 'Đến ngày' } } },
        ui: { 'ui:options': { ddType: 'dateRange' } },
      };
    case 'select':
      return { ...base, schema: { type: 'string', title }, ui: {}, options: catalog ? { catalog } : {} };
    case 'multiSelect':
      return { ...base, schema: { type: 'array', title, uniqueItems: true, items: { type: 'string' } }, ui: {}, options: catalog ? { catalog } : {} };
    case 'unit':
      return { ...base, schema: { type: 'integer', title, minimum: 1 }, ui: { 'ui:widget': 'unit' } };
    case 'user':
      return { ...base, schema: { type: 'integer', title, minimum: 1 }, ui: { 'ui:widget': 'user' } };
    case 'document':
      return { ...base, schema: { type: 'integer', title, minimum: 1 }, ui: { 'ui:widget': 'document' } };
    case 'file':
      return { ...base, schema: { type: 'array', title, maxItems: 20, items: { type: 'integer' } }, ui: { 'ui:widget': 'attachments' } };
    case 'table':
      return {
        ...base,
        schema: { type: 'array', title, items: { type: 'object', properties: { noiDung: { type: 'string', title: 'Nội dung' } } } },
        ui: { 'ui:options': { ddType: 'table' } },
      };
  }
}

/**
 * A new field of a plugin's type: the plugin's schema (if it gives one) with the type's `format` and the
 * title, and its widget, as the engine expects a form to name the type.
 */
export function newPluginField(type: PluginFieldType, name: string, title: string): FieldItem {
  const schema: Json = { type: 'string', ...(isObj(type.schema) ? type.schema : {}), format: type.name, title };
  // "text" is what a string gets anyway; another widget the plugin names is kept for the Runtime UI.
  const ui: Json = type.widget && type.widget !== 'text' ? { 'ui:widget': type.widget } : {};
  return { type: 'field', id: newId(), name, kind: pluginKind(type.name), required: false, options: {}, schema, ui };
}

/**
 * A short name for a plugin's field type in the palette and on a new field: its label in the UI language
 * up to the first comma or parenthesis (plugins phrase labels to follow "must be …", e.g. "mã định danh
 * điện tử của cơ quan, tổ chức dạng …"), without a leading article, capitalised.
 */
export function pluginTypeName(type: PluginFieldType, language: string): string {
  const label = (language.startsWith('en') && type.labelEn) || type.label || type.name;
  const short = (label.split(/[,(;]/)[0] ?? '').trim().replace(/^(an?|the)\s+/i, '') || type.name;
  return short[0]!.toUpperCase() + short.slice(1);
}

/** "Kinh phí (triệu đồng)" → "kinhPhiTrieuDong": a field name from a label. */
export function nameFromLabel(label: string, taken: Set<string>): string {
  const words = label
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let name = words.map((w, i) => (i === 0 ? w.toLowerCase() : w[0]!.toUpperCase() + w.slice(1).toLowerCase())).join('') || 'truong';
  if (/^[0-9]/.test(name)) name = `f${name}`;
  let candidate = name.slice(0, 40);
  for (let n = 2; taken.has(candidate); n++) candidate = `${name.slice(0, 37)}${n}`;
  return candidate;
}

export function fromForm(form: Form): Item[] {
  const properties = (form.schema.properties ?? {}) as Record<string, Json>;
  const required = new Set(Array.isArray(form.schema.required) ? form.schema.required : []);
  const uiSchema = (form.uiSchema ?? {}) as Json;
  const fields = (form.fields ?? {}) as Record<string, FormFieldOptions>;
  const names = Object.keys(properties);
  const order = Array.isArray(uiSchema['ui:order']) ? (uiSchema['ui:order'] as string[]) : [];
  const listed = order.filter((n) => n !== '*' && names.includes(n));
  const rest = names.filter((n) => !listed.includes(n));
  const star = order.indexOf('*');
  const ordered = star >= 0 ? [...listed.slice(0, star), ...rest, ...listed.slice(star)] : [...listed, ...rest];
  const sections = (Array.isArray(uiOptions(uiSchema).sections) ? uiOptions(uiSchema).sections : []) as SectionMark[];
  const items: Item[] = [];
  const sectionItem = (s: SectionMark): SectionItem => ({ type: 'section', id: newId(), title: s.title, ...(s.titleEn ? { titleEn: s.titleEn } : {}) });
  for (const name of ordered) {
    for (const s of sections) if (s.before === name) items.push(sectionItem(s));
    const schema = properties[name] ?? {};
    const ui = isObj(uiSchema[name]) ? (uiSchema[name] as Json) : {};
    const options = fields[name] ?? {};
    items.push({ type: 'field', id: newId(), name, kind: inferKind(schema, ui, options), schema, ui, options, required: required.has(name) });
  }
  for (const s of sections) if (s.before === null || !ordered.includes(s.before)) items.push(sectionItem(s));
  return items;
}

export function toForm(items: Item[], original: Form): Form {
  const fieldItems = items.filter((i): i is FieldItem => i.type === 'field');
  const properties: Record<string, Json> = {};
  const fields: Record<string, FormFieldOptions> = {};
  const uiSchema: Json = {};
  for (const [k, v] of Object.entries(original.uiSchema ?? {})) if (k.startsWith('ui:')) uiSchema[k] = v;
  for (const f of fieldItems) {
    properties[f.name] = f.schema;
    if (Object.keys(f.ui).length) uiSchema[f.name] = f.ui;
    if (Object.keys(f.options).length) fields[f.name] = f.options;
  }
  uiSchema['ui:order'] = fieldItems.map((f) => f.name);
  const sections: SectionMark[] = [];
  items.forEach((item, i) => {
    if (item.type !== 'section') return;
    const next = items.slice(i + 1).find((x): x is FieldItem => x.type === 'field');
    sections.push({ title: item.title, ...(item.titleEn ? { titleEn: item.titleEn } : {}), before: next?.name ?? null });
  });
  const rootOptions = { ...uiOptions(uiSchema) };
  delete rootOptions.sections;
  if (sections.length) rootOptions.sections = sections;
  if (Object.keys(rootOptions).length) uiSchema['ui:options'] = rootOptions;
  else delete uiSchema['ui:options'];
  const required = fieldItems.filter((f) => f.required).map((f) => f.name);
  const schema = { ...original.schema, type: 'object' as const, properties };
  if (required.length) schema.required = required;
  else delete schema.required;
  const out: Form = { ...original, schema, uiSchema };
  if (Object.keys(fields).length) out.fields = fields;
  else delete out.fields;
  return out;
}

export function setUiOption(ui: Json, key: string, value: unknown): Json {
  const options = { ...uiOptions(ui) };
  if (value === undefined) delete options[key];
  else options[key] = value;
  const next = { ...ui };
  if (Object.keys(options).length) next['ui:options'] = options;
  else delete next['ui:options'];
  return next;
}

export const SCALAR_KINDS: readonly FieldKind[] = ['text', 'longText', 'number', 'money', 'date', 'select', 'unit', 'user', 'document'];

/** Whether a field holds one value the engine may index (a plugin's type: when its schema is a scalar). */
export const isScalarField = (f: FieldItem): boolean =>
  SCALAR_KINDS.includes(f.kind) || (isPluginKind(f.kind) && ['string', 'number', 'integer'].includes(String(f.schema.type)));
