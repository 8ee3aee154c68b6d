import { Alert, Button, Checkbox, Empty, Form, Input, InputNumber, Select, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormFieldOptions } from '../../metadata/vocabulary';
import type { ValidationIssue } from '../../metadata/types';
import { useKeys } from '../../common/useKeys';
import { useKindLabel } from './kinds';
import { isScalarField, nameFromLabel, setUiOption, showIfOf, type FieldItem, type Item, type ShowIf } from './model';

type Json = Record<string, unknown>;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

function num(v: unknown): number | undefined {
  return typeof v === 'number' ? v : undefined;
}

/** Sets or removes (undefined/'') one keyword of a schema. */
function withKey(schema: Json, key: string, value: unknown): Json {
  const next = { ...schema };
  if (value === undefined || value === '' || value === null) delete next[key];
  else next[key] = value;
  return next;
}

function withOption(options: FormFieldOptions, key: keyof FormFieldOptions, value: unknown): FormFieldOptions {
  const next = { ...options } as Record<string, unknown>;
  if (value === undefined || value === '' || value === false || (Array.isArray(value) && value.length === 0)) delete next[key];
  else next[key] = value;
  return next as FormFieldOptions;
}

function TableColumns({ field, onChange }: { field: FieldItem; onChange(f: FieldItem): void }) {
  const { t } = useTranslation();
  const items = (field.schema.items ?? {}) as Json;
  const props = (items.properties ?? {}) as Record<string, Json>;
  const set = (next: Record<string, Json>) => onChange({ ...field, schema: { ...field.schema, items: { ...items, type: 'object', properties: next } } });
  const entries = Object.entries(props);
  return (
    <fieldset className="dd-columns">
      <legend>{t('form.props.columns')}</legend>
      {entries.map(([name, col], i) => (
        <Space key={i} wrap className="dd-column-row">
          <Input
            aria-label={t('form.props.columnName')}
            value={name}
            style={{ width: 120 }}
            onChange={(e) => {
              const renamed = e.target.value;
              if (!NAME.test(renamed) || (renamed !== name && renamed in props)) return;
              set(Object.fromEntries(entries.map(([n, c]) => (n === name ? [renamed, c] : [n, c]))));
            }}
          />
          <Input aria-label={t('form.props.columnTitle')} value={String(col.title ?? '')} style={{ width: 160 }} onChange={(e) => set({ ...props, [name]: withKey(col, 'title', e.target.value) })} />
          <Select
            aria-label={t('form.props.columnType')}
            style={{ width: 120 }}
            value={col.format === 'date' ? 'date' : String(col.type ?? 'string')}
            onChange={(v) => set({ ...props, [name]: { title: col.title, ...(v === 'date' ? { type: 'string', format: 'date' } : { type: v }) } })}
            options={(['string', 'number', 'integer', 'date', 'boolean'] as const).map((v) => ({ value: v, label: t(`form.columnTypes.${v}`) }))}
          />
          <Button size="small" danger onClick={() => set(Object.fromEntries(entries.filter(([n]) => n !== name)))} aria-label={t('form.remove', { label: name })}>
            ✕
          </Button>
        </Space>
      ))}
      <Button
        size="small"
        onClick={() => {
          let n = entries.length + 1;
          while (`cot${n}` in props) n++;
          set({ ...props, [`cot${n}`]: { type: 'string', title: t('form.props.newColumn', { n }) } });
        }}
      >
        {t('form.props.addColumn')}
      </Button>
    </fieldset>
  );
}

export function PropertyPanel({
  item,
  items,
  scope,
  issues,
  onChange,
}: {
  item: Item | undefined;
  items: Item[];
  scope: string;
  issues: ValidationIssue[];
  onChange(item: Item): void;
}) {
  const { t } = useTranslation();
  const roles = useKeys('role', scope);
  const catalogs = useKeys('catalog', scope);
  const kinds = useKindLabel();
  if (!item) return <Empty className="dd-props-empty" description={t('form.props.none')} />;

  if (item.type === 'section')
    return (
      <Form layout="vertical" className="dd-props" aria-label={t('form.props.title')}>
        <Form.Item label={t('form.props.sectionTitle')}>
          <Input value={item.title} onChange={(e) => onChange({ ...item, title: e.target.value })} />
        </Form.Item>
        <Form.Item label={t('form.props.titleEn')}>
          <Input value={item.titleEn ?? ''} onChange={(e) => onChange({ ...item, titleEn: e.target.value || undefined })} />
        </Form.Item>
      </Form>
    );

  const f = item;
  const set = (patch: Partial<FieldItem>) => onChange({ ...f, ...patch });
  const setSchema = (key: string, value: unknown) => set({ schema: withKey(f.schema, key, value) });
  const setOption = (key: keyof FormFieldOptions, value: unknown) => set({ options: withOption(f.options, key, value) });
  const cond = showIfOf(f.ui);
  const setCond = (next: ShowIf | undefined) => set({ ui: setUiOption(f.ui, 'showIf', next) });
  const others = items.filter((x): x is FieldItem => x.type === 'field' && x.id !== f.id);
  const isNumber = f.schema.type === 'number' || f.schema.type === 'integer';
  const isString = f.schema.type === 'string';
  const isArray = f.schema.type === 'array';
  const nameTaken = others.some((o) => o.name === f.name);
  const pluginType = kinds.typeOf(f.kind);

  return (
    <Form layout="vertical" className="dd-props" aria-label={t('form.props.title')} size="small">
      {issues.length ? <Alert type="error" showIcon title={issues.map((i) => `${i.path}: ${i.message}`).join('\n')} /> : null}
      {pluginType ? (
        <p className="dd-secondary dd-plugin-type">
          {t('extensions.fieldTypeInfo', { name: kinds.label(f.kind), format: pluginType.name, plugin: pluginType.plugin })}
          {pluginType.description ? ` ${pluginType.description}` : ''}
        </p>
      ) : null}
      <Form.Item label={t('form.props.label')} required>
        <Input
          id="dd-prop-label"
          value={String(f.schema.title ?? '')}
          onChange={(e) => {
            const title = e.target.value;
            // A name that still follows the label keeps following it (until data exists, names should not change).
            const taken = new Set(others.map((o) => o.name));
            const follows = f.name === nameFromLabel(String(f.schema.title ?? ''), taken);
            set({ schema: withKey(f.schema, 'title', title), ...(follows && title.trim() ? { name: nameFromLabel(title, taken) } : {}) });
          }}
        />
      </Form.Item>
      <Form.Item label={t('form.props.titleEn')}>
        <Input id="dd-prop-label-en" value={f.options.titleEn ?? ''} onChange={(e) => setOption('titleEn', e.target.value)} />
      </Form.Item>
      <Form.Item
        label={t('form.props.name')}
        validateStatus={!NAME.test(f.name) || nameTaken ? 'error' : undefined}
        help={!NAME.test(f.name) ? t('form.props.nameInvalid') : nameTaken ? t('form.props.nameTaken') : t('form.props.nameHelp')}
      >
        <Input id="dd-prop-name" className="dd-code" value={f.name} spellCheck={false} onChange={(e) => set({ name: e.target.value })} />
      </Form.Item>
      <Form.Item label={t('form.props.help')}>
        <Input.TextArea id="dd-prop-help" rows={2} value={String(f.schema.description ?? '')} onChange={(e) => setSchema('description', e.target.value)} />
      </Form.Item>
      <Form.Item>
        <Checkbox id="dd-prop-required" checked={f.required} onChange={(e) => set({ required: e.target.checked })}>
          {t('form.props.required')}
        </Checkbox>
      </Form.Item>
      {isNumber || isString ? (
        <Form.Item label={t('form.props.default')}>
          {isNumber ? (
            <InputNumber id="dd-prop-default" style={{ width: '100%' }} value={num(f.schema.default) ?? null} onChange={(v) => setSchema('default', v ?? undefined)} />
          ) : (
            <Input id="dd-prop-default" value={typeof f.schema.default === 'string' ? f.schema.default : ''} onChange={(e) => setSchema('default', e.target.value)} />
          )}
        </Form.Item>
      ) : null}
      <fieldset className="dd-validation">
        <legend>{t('form.props.validation')}</legend>
        {isNumber ? (
          <Space wrap>
            <label>
              {t('form.props.minimum')} <InputNumber value={num(f.schema.minimum) ?? null} onChange={(v) => setSchema('minimum', v ?? undefined)} />
            </label>
            <label>
              {t('form.props.maximum')} <InputNumber value={num(f.schema.maximum) ?? null} onChange={(v) => setSchema('maximum', v ?? undefined)} />
            </label>
          </Space>
        ) : null}
        {isString && f.schema.format !== 'date' ? (
          <Space wrap>
            <label>
              {t('form.props.minLength')} <InputNumber min={0} value={num(f.schema.minLength) ?? null} onChange={(v) => setSchema('minLength', v ?? undefined)} />
            </label>
            <label>
              {t('form.props.maxLength')} <InputNumber min={1} value={num(f.schema.maxLength) ?? null} onChange={(v) => setSchema('maxLength', v ?? undefined)} />
            </label>
            <label>
              {t('form.props.pattern')} <Input className="dd-code" value={String(f.schema.pattern ?? '')} onChange={(e) => setSchema('pattern', e.target.value)} style={{ width: 160 }} />
            </label>
          </Space>
        ) : null}
        {isArray ? (
          <Space wrap>
            <label>
              {t('form.props.minItems')} <InputNumber min={0} value={num(f.schema.minItems) ?? null} onChange={(v) => setSchema('minItems', v ?? undefined)} />
            </label>
            <label>
              {t('form.props.maxItems')} <InputNumber min={1} value={num(f.schema.maxItems) ?? null} onChange={(v) => setSchema('maxItems', v ?? undefined)} />
            </label>
          </Space>
        ) : null}
      </fieldset>
      {f.kind === 'select' || f.kind === 'multiSelect' ? (
        <Form.Item label={t('form.props.catalog')}>
          <Select id="dd-prop-catalog" allowClear showSearch={{ optionFilterProp: 'label' }} value={f.options.catalog} options={catalogs.options} loading={catalogs.loading} onChange={(v) => setOption('catalog', v)} />
        </Form.Item>
      ) : null}
      {f.kind === 'table' ? <TableColumns field={f} onChange={onChange} /> : null}
      <fieldset className="dd-condition">
        <legend>{t('form.props.condition')}</legend>
        <Space wrap>
          <Select
            aria-label={t('form.props.conditionField')}
            allowClear
            placeholder={t('form.props.always')}
            style={{ minWidth: 160 }}
            value={cond?.field}
            onChange={(v) => setCond(v ? { field: v, op: cond?.op ?? 'filled', value: cond?.value } : undefined)}
            options={others.map((o) => ({ value: o.name, label: String(o.schema.title ?? o.name) }))}
          />
          {cond ? (
            <Select
              aria-label={t('form.props.conditionOp')}
              style={{ minWidth: 120 }}
              value={cond.op}
              onChange={(op) => setCond({ ...cond, op })}
              options={(['filled', 'empty', 'eq', 'ne'] as const).map((op) => ({ value: op, label: t(`form.ops.${op}`) }))}
            />
          ) : null}
          {cond && (cond.op === 'eq' || cond.op === 'ne') ? (
            <Input aria-label={t('form.props.conditionValue')} value={String(cond.value ?? '')} onChange={(e) => setCond({ ...cond, value: e.target.value })} style={{ width: 140 }} />
          ) : null}
        </Space>
      </fieldset>
      <Form.Item help={isScalarField(f) ? t('form.props.indexedHelp') : t('form.props.indexedScalarOnly')}>
        <Checkbox id="dd-prop-indexed" checked={!!f.options.indexed} disabled={!isScalarField(f) && !f.options.indexed} onChange={(e) => setOption('indexed', e.target.checked)}>
          {t('form.props.indexed')}
        </Checkbox>
      </Form.Item>
      <Form.Item>
        <Checkbox id="dd-prop-listed" checked={!!f.options.listed} onChange={(e) => setOption('listed', e.target.checked)}>
          {t('form.props.listed')}
        </Checkbox>
      </Form.Item>
      <Form.Item label={t('form.props.read')} help={t('form.props.rolesHelp')}>
        <Select id="dd-prop-read" mode="multiple" showSearch={{ optionFilterProp: 'label' }} allowClear value={f.options.read ?? []} options={roles.options} onChange={(v) => setOption('read', v)} />
      </Form.Item>
      <Form.Item label={t('form.props.edit')} help={t('form.props.rolesHelp')}>
        <Select id="dd-prop-edit" mode="multiple" showSearch={{ optionFilterProp: 'label' }} allowClear value={f.options.edit ?? []} options={roles.options} onChange={(v) => setOption('edit', v)} />
      </Form.Item>
    </Form>
  );
}
