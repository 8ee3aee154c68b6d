// The @rjsf setup of the Studio's previews: the antd theme, the Runtime UI's CSP-safe validator, and the widgets the form designer's
// field types name in their uiSchema (unit, user, document, attachments) plus section headings
// (uiSchema root "ui:options".sections). The Runtime UI renders the same conventions.
import { useQuery } from '@tanstack/react-query';
import { Button, Divider, InputNumber, Select, Upload } from 'antd';
import type { ObjectFieldTemplateProps, RegistryWidgetsType, RJSFSchema, UiSchema, WidgetProps } from '@rjsf/utils';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { foldForSearch } from '@shared/text';
import type { ListResponse } from '@shared/types';

export { validator } from './validator';

export interface PreviewContext {
  scope: string;
}

interface UnitRow {
  id: number;
  name: string;
  pillar: string;
  depth: number;
}

const filter = (input: string, option?: { label?: unknown }) => foldForSearch(String(option?.label ?? '')).includes(foldForSearch(input));

function UnitWidget({ id, value, onChange, disabled, readonly, registry }: WidgetProps) {
  const { t } = useTranslation();
  const scope = (registry.formContext as PreviewContext | undefined)?.scope ?? '';
  const units = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => api<ListResponse<UnitRow>>('/api/units', { signal }), staleTime: 300_000 });
  const items = (units.data?.items ?? []).filter((u) => !scope || u.pillar === scope);
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: filter }}
      allowClear
      placeholder={t('preview.chooseUnit')}
      value={typeof value === 'number' ? value : undefined}
      disabled={disabled || readonly}
      loading={units.isPending}
      onChange={(v) => onChange(v ?? undefined)}
      options={items.map((u) => ({ value: u.id, label: `${'\u2003'.repeat(Math.max(0, u.depth))}${u.name}` }))}
    />
  );
}

function UserWidget({ id, value, onChange, disabled, readonly, registry }: WidgetProps) {
  const { t } = useTranslation();
  const scope = (registry.formContext as PreviewContext | undefined)?.scope ?? '';
  const users = useQuery({
    queryKey: ['studio-users', scope],
    queryFn: ({ signal }) => api<ListResponse<{ id: number; fullName: string; username: string }>>('/api/studio/users', { signal, query: { pillar: scope } }),
    staleTime: 60_000,
  });
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: filter }}
      allowClear
      placeholder={t('preview.chooseUser')}
      value={typeof value === 'number' ? value : undefined}
      disabled={disabled || readonly}
      loading={users.isPending}
      onChange={(v) => onChange(v ?? undefined)}
      options={(users.data?.items ?? []).map((u) => ({ value: u.id, label: `${u.fullName} (${u.username})` }))}
    />
  );
}

function DocumentWidget({ id, value, onChange, disabled, readonly }: WidgetProps) {
  const { t } = useTranslation();
  return (
    <InputNumber<number>
      id={id}
      min={1}
      style={{ width: '100%' }}
      placeholder={t('preview.documentId')}
      value={typeof value === 'number' ? value : null}
      disabled={disabled || readonly}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}

function AttachmentsWidget({ id, disabled, readonly }: WidgetProps) {
  const { t } = useTranslation();
  // The preview does not upload: the Runtime UI sends files to /api/attachments and keeps their ids.
  return (
    <Upload disabled beforeUpload={() => false}>
      <Button id={id} disabled={disabled || readonly}>
        {t('preview.attach')}
      </Button>
    </Upload>
  );
}

function MoneyWidget({ id, value, onChange, disabled, readonly, schema }: WidgetProps) {
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
      value={typeof value === 'number' ? value : null}
      disabled={disabled || readonly}
      formatter={(v) => (v === undefined || v === null ? '' : Number(v).toLocaleString('vi-VN'))}
      parser={(v) => Number((v ?? '').replace(/\./g, '').replace(',', '.'))}
      onChange={(v) => onChange(v ?? undefined)}
    />
  );
}

export const widgets: RegistryWidgetsType = {
  unit: UnitWidget,
  user: UserWidget,
  document: DocumentWidget,
  attachments: AttachmentsWidget,
  money: MoneyWidget,
};

interface SectionMark {
  title: string;
  titleEn?: string;
  before: string | null;
}

/** Object fields with the section headings of the root uiSchema. */
export function SectionedObjectTemplate({ title, description, properties, uiSchema }: ObjectFieldTemplateProps) {
  const { i18n } = useTranslation();
  const options = (uiSchema?.['ui:options'] ?? {}) as { sections?: SectionMark[] };
  const sections = Array.isArray(options.sections) ? options.sections : [];
  const heading = (s: SectionMark, key: string) => (
    <Divider key={key} titlePlacement="start" className="dd-form-section">
      {i18n.language === 'en' && s.titleEn ? s.titleEn : s.title}
    </Divider>
  );
  return (
    <fieldset className="dd-rjsf-object">
      {title ? <legend>{title}</legend> : null}
      {description ? <p className="dd-secondary">{description}</p> : null}
      {properties.map((p) => (
        <div key={p.name} hidden={p.hidden}>
          {sections.filter((s) => s.before === p.name).map((s, i) => heading(s, `${p.name}-${i}`))}
          {p.content}
        </div>
      ))}
      {sections.filter((s) => s.before === null).map((s, i) => heading(s, `end-${i}`))}
    </fieldset>
  );
}

export const templates = { ObjectFieldTemplate: SectionedObjectTemplate };

/** Catalog fields get their items as labelled choices; "money" fields their widget. */
export function previewSchema(schema: RJSFSchema, fields: Record<string, { catalog?: string }>, catalogs: Record<string, { value: string; label: string }[]>): RJSFSchema {
  const properties: Record<string, RJSFSchema> = {};
  for (const [name, prop] of Object.entries((schema.properties ?? {}) as Record<string, RJSFSchema>)) {
    const items = fields[name]?.catalog ? catalogs[fields[name]!.catalog!] : undefined;
    if (!items?.length) properties[name] = prop;
    else {
      const oneOf = items.map((i) => ({ const: i.value, title: i.label }));
      properties[name] = prop.type === 'array' ? { ...prop, items: { type: 'string', oneOf } } : { ...prop, oneOf };
    }
  }
  return { ...schema, properties };
}

export function previewUi(ui: UiSchema, money: string[]): UiSchema {
  const out: UiSchema = { ...ui };
  for (const name of money) out[name] = { 'ui:widget': 'money', ...(ui[name] as object) };
  return out;
}

