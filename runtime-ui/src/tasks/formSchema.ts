/**
 * Form metadata → what @rjsf renders for one user: fields whose `read` roles the user holds none of are
 * absent; fields whose `edit` roles they hold none of are read-only (disabled); a field with a `catalog`
 * becomes a choice of that catalog's active items; titles in the chosen language.
 */
import type { CatalogBody, FormBody } from '../app/types';
import { sectionsFor } from './formRules';

export type JsonSchema = Record<string, unknown>;

export interface RenderedForm {
  schema: JsonSchema & { properties: Record<string, JsonSchema> };
  uiSchema: Record<string, unknown>;
  /** Fields the user may change. */
  editable: string[];
  /** Fields present (readable). */
  visible: string[];
}

export interface RenderOptions {
  roles: string[];
  language: 'vi' | 'en';
  catalogs: Map<string, CatalogBody>;
  /** Only these fields (a transition's required fields), in this order. */
  only?: string[];
  /** Everything read-only (a task with nothing to submit to). */
  readOnly?: boolean;
}

const has = (roles: string[], allowed: string[] | undefined) =>
  !allowed || allowed.some((r) => roles.includes(r));

/** An integer field that names a unit (`unitId`, `leadUnitId`…) is picked from the unit tree. */
const UNIT_FIELD = /^(unitId|[a-z][A-Za-z]*UnitId)$/;

const isObj = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** A date range as the form designer makes it: an object of two dates, `from` and `to`. */
function isDateRange(schema: JsonSchema, ddType: unknown): boolean {
  if (ddType === 'dateRange') return true;
  const p = schema.properties as Record<string, JsonSchema> | undefined;
  return schema.type === 'object' && !!p && p.from?.format === 'date' && p.to?.format === 'date';
}

/**
 * Widgets for one field's schema, also inside arrays of objects (rows of a repeating table, of "delegate
 * to sub-units"): the form designer's field types (its `ui:options.ddType` or `ui:widget`) get the
 * Runtime UI's widgets (widgets.tsx).
 */
function widgetsFor(name: string, schema: JsonSchema, ui: Record<string, unknown>): Record<string, unknown> {
  const out = { ...ui };
  const ddType = isObj(out['ui:options']) ? out['ui:options'].ddType : undefined;
  if (schema.type === 'string' && schema.format === 'date' && !out['ui:widget']) out['ui:widget'] = 'ddDate';
  if (schema.type === 'integer' && UNIT_FIELD.test(name) && !out['ui:widget']) out['ui:widget'] = 'ddUnit';
  if (ddType === 'money' && (schema.type === 'number' || schema.type === 'integer') && !out['ui:widget'])
    out['ui:widget'] = 'money';
  if (isDateRange(schema, ddType) && !out['ui:field']) out['ui:field'] = 'ddDateRange';
  const items = schema.items as JsonSchema | undefined;
  if (schema.type === 'array' && items?.type === 'object' && items.properties) {
    const itemUi = { ...((out.items as Record<string, unknown> | undefined) ?? {}) };
    for (const [k, sub] of Object.entries(items.properties as Record<string, JsonSchema>))
      itemUi[k] = widgetsFor(k, sub, (itemUi[k] as Record<string, unknown> | undefined) ?? {});
    out.items = itemUi;
  }
  return out;
}

export function renderForm(form: FormBody, o: RenderOptions): RenderedForm {
  const props: Record<string, JsonSchema> = {};
  const uiSchema: Record<string, unknown> = {};
  const editable: string[] = [];
  const visible: string[] = [];
  const names = o.only ?? Object.keys(form.schema.properties);
  for (const name of names) {
    const field = form.schema.properties[name];
    if (!field) continue;
    const opt = form.fields?.[name] ?? {};
    if (!has(o.roles, opt.read)) continue;
    visible.push(name);
    const schema: JsonSchema = { ...field };
    if (o.language === 'en' && opt.titleEn) schema.title = opt.titleEn;
    const ui = widgetsFor(name, field, (form.uiSchema?.[name] as Record<string, unknown> | undefined) ?? {});
    if (opt.catalog) {
      const items = (o.catalogs.get(opt.catalog)?.items ?? [])
        .filter((i) => i.active !== false)
        .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
      const choices = items.map((i) => ({
        const: i.value,
        title: o.language === 'en' && i.labelEn ? i.labelEn : i.label,
      }));
      if (items.length && schema.type === 'string') {
        schema.oneOf = choices;
        ui['ui:widget'] = 'select';
      }
      // A multi-select (the designer's "Chọn nhiều"): an array of the catalog's values, picked once each.
      if (items.length && schema.type === 'array')
        schema.items = { ...(schema.items as JsonSchema | undefined), type: 'string', oneOf: choices };
      if (items.length && schema.type === 'array') schema.uniqueItems = true;
    }
    if (o.readOnly || !has(o.roles, opt.edit)) {
      ui['ui:readonly'] = true;
      ui['ui:disabled'] = true;
    } else editable.push(name);
    props[name] = schema;
    uiSchema[name] = ui;
  }
  const order = Array.isArray(form.uiSchema?.['ui:order']) ? (form.uiSchema!['ui:order'] as string[]) : null;
  if (!o.only && order)
    uiSchema['ui:order'] = [
      ...order.filter((k) => k in props),
      ...Object.keys(props).filter((k) => !order.includes(k)),
    ];
  // Section headings of the designer (root ui:options.sections), kept for the fields this user sees.
  const rootOptions = isObj(form.uiSchema?.['ui:options']) ? form.uiSchema['ui:options'] : {};
  if (!o.only && rootOptions.sections) {
    const fieldOrder = (uiSchema['ui:order'] as string[] | undefined) ?? Object.keys(form.schema.properties);
    const allOrder = order
      ? [...order, ...Object.keys(form.schema.properties).filter((k) => !order.includes(k))]
      : fieldOrder;
    const sections = sectionsFor(rootOptions.sections, allOrder, new Set(Object.keys(props)));
    if (sections.length) uiSchema['ui:options'] = { sections };
  }
  uiSchema['ui:submitButtonOptions'] = { norender: true };
  const required = (o.only ? o.only : (form.schema.required ?? [])).filter((k) => k in props);
  return {
    schema: { ...form.schema, properties: props, required, title: undefined },
    uiSchema,
    editable,
    visible,
  };
}

/** The values of `data` that differ from `before`, restricted to `fields`. */
export function changedFields(
  before: Record<string, unknown>,
  data: Record<string, unknown>,
  fields: string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of fields)
    if (data[f] !== undefined && JSON.stringify(data[f]) !== JSON.stringify(before[f])) out[f] = data[f];
  return out;
}
