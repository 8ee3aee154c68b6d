/**
 * The widgets and templates of generated task forms, for every field type the Admin Studio's form
 * designer places: dates (dd/MM/yyyy), date ranges, money (VND), units (the tree of /api/units), people
 * (/api/users), directive documents (/api/documents), files (/api/attachments), repeating tables and
 * section headings, and fields shown only under a condition. Part of the form chunk (MetaForm), which
 * loads only when a page shows a form.
 */
import { useQueries, useQuery } from '@tanstack/react-query';
import type {
  FieldProps,
  IconButtonProps,
  ObjectFieldTemplateProps,
  RegistryFieldsType,
  RegistryWidgetsType,
  WidgetProps,
} from '@rjsf/utils';
import { TranslatableString } from '@rjsf/utils';
import { Button, DatePicker, Divider, Form, InputNumber, Select, TreeSelect } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { DATE_FORMAT, dayjs } from '@shared/datetime';
import { currentLanguage } from '@shared/i18n';
import type { ListResponse } from '@shared/types';
import { unitTreeOptions, useUnits } from '../app/meta';
import { attachmentInfoQuery, AttachmentById, AttachmentUploader, type AttachmentRef } from './attachments';
import { formatMoney, parseMoney, shown, showIfOf, type SectionMark } from './formRules';

const isDay = (v: unknown): v is string => typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v);

export function DdDateWidget({ id, value, disabled, readonly, onChange, onBlur, onFocus }: WidgetProps) {
  return (
    <DatePicker
      id={id}
      format={DATE_FORMAT}
      style={{ width: '100%' }}
      disabled={disabled || readonly}
      value={isDay(value) ? dayjs(value) : null}
      onChange={(d) => onChange(d ? d.format('YYYY-MM-DD') : undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

export function DdUnitWidget({ id, value, disabled, readonly, onChange, onBlur, onFocus }: WidgetProps) {
  const { t } = useTranslation();
  const { units } = useUnits();
  const tree = useMemo(() => unitTreeOptions(units), [units]);
  return (
    <TreeSelect
      id={id}
      style={{ width: '100%' }}
      showSearch
      allowClear
      treeNodeFilterProp="title"
      placeholder={t('widgets.chooseUnit')}
      disabled={disabled || readonly}
      value={typeof value === 'number' ? value : undefined}
      treeData={tree}
      onChange={(v?: number) => onChange(v ?? undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

/** Money in đồng: typed and shown with Vietnamese grouping (1.500.000), stored as a number. */
export function MoneyWidget({
  id,
  value,
  disabled,
  readonly,
  onChange,
  onBlur,
  onFocus,
  schema,
  options,
}: WidgetProps) {
  const unit = typeof options.unit === 'string' ? options.unit : '₫';
  return (
    <InputNumber<number>
      id={id}
      style={{ width: '100%' }}
      min={typeof schema.minimum === 'number' ? schema.minimum : undefined}
      max={typeof schema.maximum === 'number' ? schema.maximum : undefined}
      value={typeof value === 'number' ? value : null}
      disabled={disabled || readonly}
      suffix={unit}
      formatter={(v) => formatMoney(v as number | string | undefined)}
      parser={(v) => parseMoney(v) as number}
      onChange={(v) => onChange(v ?? undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
    />
  );
}

/** The search typed into a picker, settled for 250 ms before it is sent. */
function useSettled(text: string): string {
  const [settled, setSettled] = useState(text);
  useEffect(() => {
    const timer = setTimeout(() => setSettled(text), 250);
    return () => clearTimeout(timer);
  }, [text]);
  return settled;
}

/** A query of a search-select: its key and fetch, and the rows its answer holds. */
interface PickerQuery<Data, Row> {
  queryKey: unknown[];
  queryFn: (context: { signal: AbortSignal }) => Promise<Data>;
  select: (data: Data) => Row[];
}

interface SearchSelectProps<Row extends { id: number }, Found, Chosen> extends Pick<
  WidgetProps,
  'id' | 'value' | 'disabled' | 'readonly' | 'onChange' | 'onBlur' | 'onFocus'
> {
  placeholder: string;
  /** The rows matching the settled search. */
  found: (q: string) => PickerQuery<Found, Row>;
  /** The row of the current value (fetched only when the value is an id). */
  chosen: (value: unknown) => PickerQuery<Chosen, Row>;
  label: (row: Row) => string;
}

/** One id picked from rows searched on the server, the chosen row shown even when the search misses it. */
function SearchSelectWidget<Row extends { id: number }, Found, Chosen>({
  id,
  value,
  disabled,
  readonly,
  onChange,
  onBlur,
  onFocus,
  placeholder,
  found: foundQuery,
  chosen: chosenQuery,
  label,
}: SearchSelectProps<Row, Found, Chosen>) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const q = useSettled(search.trim());
  const found = useQuery({ ...foundQuery(q), staleTime: 60_000 });
  const chosen = useQuery({
    ...chosenQuery(value),
    enabled: typeof value === 'number',
    staleTime: 300_000,
  });
  const rows = new Map<number, Row>();
  for (const r of [...(chosen.data ?? []), ...(found.data ?? [])]) rows.set(r.id, r);
  return (
    <Select<number>
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch }}
      allowClear
      placeholder={placeholder}
      notFoundContent={found.isPending ? t('widgets.searching') : t('widgets.nothingFound')}
      value={typeof value === 'number' ? value : undefined}
      disabled={disabled || readonly}
      loading={found.isFetching}
      onChange={(v) => onChange(v ?? undefined)}
      onBlur={() => onBlur(id, value)}
      onFocus={() => onFocus(id, value)}
      options={[...rows.values()].map((r) => ({ value: r.id, label: label(r) }))}
    />
  );
}

interface UserRow {
  id: number;
  username: string;
  fullName: string;
}

const usersFound = (q: string): PickerQuery<ListResponse<UserRow>, UserRow> => ({
  queryKey: ['users', 'search', q],
  queryFn: ({ signal }) => api<ListResponse<UserRow>>('/api/users', { signal, query: { q: q || undefined } }),
  select: (r) => r.items,
});

const usersChosen = (value: unknown): PickerQuery<ListResponse<UserRow>, UserRow> => ({
  queryKey: ['users', 'ids', value],
  queryFn: ({ signal }) =>
    api<ListResponse<UserRow>>('/api/users', { signal, query: { ids: String(value) } }),
  select: (r) => r.items,
});

/** A person of the user's view (GET /api/users), searched by name. */
export function UserWidget(props: WidgetProps) {
  const { t } = useTranslation();
  return (
    <SearchSelectWidget
      {...props}
      placeholder={t('widgets.chooseUser')}
      found={usersFound}
      chosen={usersChosen}
      label={(u) => `${u.fullName} (${u.username})`}
    />
  );
}

interface DocumentRow {
  id: number;
  number: string | null;
  notation: string | null;
  subject: string;
}

function documentLabel(d: DocumentRow, numberLabel: (code: string) => string): string {
  const code = [d.number, d.notation].filter(Boolean).join('/');
  return code ? `${numberLabel(code)} — ${d.subject}` : d.subject;
}

const documentsFound = (q: string): PickerQuery<ListResponse<DocumentRow>, DocumentRow> => ({
  queryKey: ['documents', 'picker', q],
  queryFn: ({ signal }) =>
    api<ListResponse<DocumentRow>>('/api/documents', { signal, query: { q: q || undefined, limit: 20 } }),
  select: (r) => r.items,
});

// (The document page's own key: the cache keeps the whole document, the picker reads its row from it.)
const documentsChosen = (value: unknown): PickerQuery<DocumentRow, DocumentRow> => ({
  queryKey: ['documents', 'detail', value],
  queryFn: ({ signal }) => api<DocumentRow>(`/api/documents/${String(value)}`, { signal }),
  select: (d) => [d],
});

/** A directive document the user may read (GET /api/documents), searched by number, notation or subject. */
export function DocumentWidget(props: WidgetProps) {
  const { t } = useTranslation();
  return (
    <SearchSelectWidget
      {...props}
      placeholder={t('widgets.chooseDocument')}
      found={documentsFound}
      chosen={documentsChosen}
      label={(d) => documentLabel(d, (code) => t('widgets.documentNumber', { code }))}
    />
  );
}

/** Files of a field: uploaded at once (POST /api/attachments), the field keeps their ids. */
export function AttachmentsWidget({ id, value, disabled, readonly, onChange }: WidgetProps) {
  const { t } = useTranslation();
  const ids = Array.isArray(value) ? value.filter((v): v is number => typeof v === 'number') : [];
  const [known, setKnown] = useState<Map<number, AttachmentRef>>(new Map());
  const infos = useQueries({
    queries: ids.filter((i) => !known.has(i)).map((i) => attachmentInfoQuery(i)),
  });
  if (disabled || readonly)
    return ids.length ? (
      <ul id={id} className="dd-file-list">
        {ids.map((i) => (
          <li key={i}>
            <AttachmentById id={i} />
          </li>
        ))}
      </ul>
    ) : (
      <p id={id} className="dd-secondary">
        {t('attachments.none')}
      </p>
    );
  const fetched = new Map(infos.flatMap((r) => (r.data ? [[r.data.id, r.data] as const] : [])));
  const refs = ids.map((i) => known.get(i) ?? fetched.get(i) ?? { id: i, name: `#${i}` });
  return (
    <div id={id}>
      <AttachmentUploader
        value={refs}
        onChange={(files) => {
          setKnown((k) => new Map([...k, ...files.map((f) => [f.id, f] as const)]));
          onChange(files.length ? files.map((f) => f.id) : undefined);
        }}
      />
    </div>
  );
}

/** A date range {from, to} (the designer's "Khoảng thời gian"), picked as one dd/MM/yyyy range. */
export function DateRangeField({
  schema,
  formData,
  onChange,
  fieldPathId,
  disabled,
  readonly,
  required,
  rawErrors,
  uiSchema,
}: FieldProps) {
  const { t } = useTranslation();
  const value = (formData ?? {}) as { from?: string; to?: string };
  const id = fieldPathId.$id;
  const title = (uiSchema?.['ui:title'] as string | undefined) ?? schema.title ?? '';
  return (
    <Form.Item
      className="dd-date-range"
      layout="vertical"
      colon={false}
      label={title}
      htmlFor={id}
      required={required}
      validateStatus={rawErrors?.length ? 'error' : undefined}
      help={rawErrors?.length ? rawErrors.join(' ') : undefined}
    >
      <DatePicker.RangePicker
        id={{ start: id, end: `${id}_to` }}
        format={DATE_FORMAT}
        style={{ width: '100%' }}
        allowEmpty={[true, true]}
        placeholder={[t('widgets.from'), t('widgets.to')]}
        disabled={disabled || readonly}
        value={[isDay(value.from) ? dayjs(value.from) : null, isDay(value.to) ? dayjs(value.to) : null]}
        onChange={(range) => {
          const from = range?.[0]?.format('YYYY-MM-DD');
          const to = range?.[1]?.format('YYYY-MM-DD');
          onChange(
            from || to ? { ...(from ? { from } : {}), ...(to ? { to } : {}) } : undefined,
            fieldPathId.path,
          );
        }}
      />
    </Form.Item>
  );
}

/** Object fields: the section headings of the root uiSchema, and fields shown only under a condition. */
export function SectionedObjectTemplate({
  title,
  description,
  properties,
  uiSchema,
  formData,
  fieldPathId,
  registry,
}: ObjectFieldTemplateProps) {
  // A row of a repeating table: "Dòng 2", not the table's title with a suffix.
  const last = fieldPathId.path[fieldPathId.path.length - 1];
  const legend =
    typeof last === 'number'
      ? `${registry.translateString(TranslatableString.ArrayItemTitle)} ${last + 1}`
      : title;
  const options = (uiSchema?.['ui:options'] ?? {}) as { sections?: SectionMark[] };
  const sections = Array.isArray(options.sections) ? options.sections : [];
  const data = (formData ?? {}) as Record<string, unknown>;
  const language = currentLanguage();
  const heading = (s: SectionMark, key: string) => (
    <Divider key={key} titlePlacement="start" className="dd-form-section">
      <span role="heading" aria-level={3}>
        {language === 'en' && s.titleEn ? s.titleEn : s.title}
      </span>
    </Divider>
  );
  return (
    <fieldset className="dd-rjsf-object">
      {legend ? <legend>{legend}</legend> : null}
      {description ? <p className="dd-secondary">{description}</p> : null}
      {properties.map((p) => {
        const visible = shown(showIfOf(uiSchema?.[p.name]), data);
        return (
          <div key={p.name} hidden={p.hidden}>
            {sections.filter((s) => s.before === p.name).map((s, i) => heading(s, `${p.name}-${i}`))}
            {visible ? p.content : null}
          </div>
        );
      })}
      {sections.filter((s) => s.before === null).map((s, i) => heading(s, `end-${i}`))}
    </fieldset>
  );
}

export const widgets: RegistryWidgetsType = {
  ddDate: DdDateWidget,
  ddUnit: DdUnitWidget,
  unit: DdUnitWidget,
  user: UserWidget,
  document: DocumentWidget,
  attachments: AttachmentsWidget,
  money: MoneyWidget,
};

export const fields: RegistryFieldsType = { ddDateRange: DateRangeField };

/** "Thêm dòng" of a repeating table, as a labelled button (the theme's is an icon named by its title only). */
function AddRowButton({ id, className, disabled, onClick, registry }: IconButtonProps) {
  return (
    <Button id={id} className={className} disabled={disabled} onClick={onClick} type="dashed" block>
      + {registry.translateString(TranslatableString.AddItemButton)}
    </Button>
  );
}

export const templates = {
  ObjectFieldTemplate: SectionedObjectTemplate,
  ButtonTemplates: { AddButton: AddRowButton },
};

const VI: Partial<Record<TranslatableString, string>> = {
  [TranslatableString.ArrayItemTitle]: 'Dòng',
  [TranslatableString.EmptyArray]: 'Chưa có dòng nào. Bấm nút bên dưới để thêm.',
  [TranslatableString.YesLabel]: 'Có',
  [TranslatableString.NoLabel]: 'Không',
  [TranslatableString.CloseLabel]: 'Đóng',
  [TranslatableString.ErrorsLabel]: 'Lỗi',
  [TranslatableString.AddButton]: 'Thêm',
  [TranslatableString.AddItemButton]: 'Thêm dòng',
  [TranslatableString.CopyButton]: 'Sao chép',
  [TranslatableString.MoveDownButton]: 'Chuyển xuống',
  [TranslatableString.MoveUpButton]: 'Chuyển lên',
  [TranslatableString.RemoveButton]: 'Xóa dòng',
  [TranslatableString.NowLabel]: 'Bây giờ',
  [TranslatableString.ClearLabel]: 'Xóa',
  [TranslatableString.AriaDateLabel]: 'Chọn ngày',
  [TranslatableString.PreviewLabel]: 'Xem trước',
  [TranslatableString.DecrementAriaLabel]: 'Giảm 1',
  [TranslatableString.IncrementAriaLabel]: 'Tăng 1',
  [TranslatableString.ClearButton]: 'xóa nội dung',
};

/** @rjsf's own strings (buttons of repeating tables…) in Vietnamese; English is @rjsf's default. */
export function translateString(s: TranslatableString, params?: string[]): string {
  const text = currentLanguage() === 'vi' ? (VI[s] ?? s) : s;
  return (params ?? []).reduce((acc, p, i) => acc.replace(`%${i + 1}`, p), text as string);
}
