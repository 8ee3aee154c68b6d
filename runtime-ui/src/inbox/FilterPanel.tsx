/** The inbox's advanced filters (loaded on demand: date pickers and tree selects are not small). */
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Input, Select, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { DATE_FORMAT, dayjs } from '@shared/datetime';
import { catalogOptions, unitTreeOptions, useCatalog, useUnits } from '../app/meta';
import type { DocumentItem } from '../app/types';
import type { InboxFilters } from './filters';

interface Option {
  value: string;
  label: string;
}

function FieldFilter({
  field,
  value,
  onChange,
}: {
  field: { name: string; label: string; catalog?: string; type: string };
  value: string;
  onChange: (v: string) => void;
}) {
  const catalog = useCatalog(field.catalog);
  const id = `dd-f-${field.name}`;
  return (
    <Form.Item label={field.label} htmlFor={id}>
      {field.catalog ? (
        <Select
          id={id}
          allowClear
          value={value || undefined}
          onChange={(v?: string) => onChange(v ?? '')}
          options={catalogOptions(catalog.data?.body)}
        />
      ) : (
        <Input
          id={id}
          allowClear
          defaultValue={value}
          inputMode={field.type === 'string' ? 'text' : 'numeric'}
          onBlur={(e) => onChange(e.target.value.trim())}
          onPressEnter={(e) => onChange(e.currentTarget.value.trim())}
        />
      )}
    </Form.Item>
  );
}

export default function FilterPanel({
  id,
  filters,
  onChange,
  typeOptions,
  stateOptions,
  indexedFields,
}: {
  id: string;
  filters: InboxFilters;
  onChange: (patch: Partial<InboxFilters>) => void;
  typeOptions: Option[];
  stateOptions: Option[];
  indexedFields: { name: string; label: string; catalog?: string; type: string }[];
}) {
  const { t } = useTranslation();
  const { units } = useUnits();
  const tree = useMemo(() => unitTreeOptions(units), [units]);
  const [docSearch, setDocSearch] = useState('');
  const docs = useQuery({
    queryKey: ['documents', 'pick', docSearch],
    queryFn: ({ signal }) =>
      api<{ items: DocumentItem[] }>('/api/documents', {
        signal,
        query: { q: docSearch || undefined, limit: 20 },
      }),
  });
  const docOptions = (docs.data?.items ?? []).map((d) => ({
    value: d.id,
    label: `${d.number ?? ''}${d.notation ? `/${d.notation}` : ''} ${d.subject}`.trim(),
  }));

  return (
    <Form
      id={id}
      layout="vertical"
      className="dd-panel dd-filter-panel"
      role="search"
      aria-label={t('inbox.filters')}
    >
      <div className="dd-filter-grid">
        <Form.Item label={t('filters.state')} htmlFor="dd-f-state">
          <Select
            id="dd-f-state"
            mode="multiple"
            allowClear
            value={filters.state}
            onChange={(state) => onChange({ state })}
            options={stateOptions}
          />
        </Form.Item>
        <Form.Item label={t('filters.type')} htmlFor="dd-f-type">
          <Select
            id="dd-f-type"
            mode="multiple"
            allowClear
            value={filters.type}
            onChange={(type) => onChange({ type })}
            options={typeOptions}
          />
        </Form.Item>
        <Form.Item label={t('filters.unit')} htmlFor="dd-f-unit">
          <TreeSelect
            id="dd-f-unit"
            allowClear
            showSearch
            treeNodeFilterProp="title"
            value={filters.leadUnit ?? undefined}
            onChange={(v?: number) => onChange({ leadUnit: v ?? null })}
            treeData={tree}
            treeDefaultExpandAll={false}
          />
        </Form.Item>
        <Form.Item label={t('filters.due')} htmlFor="dd-f-due">
          <DatePicker.RangePicker
            id={{ start: 'dd-f-due' }}
            format={DATE_FORMAT}
            allowEmpty={[true, true]}
            value={[
              filters.dueFrom ? dayjs(filters.dueFrom) : null,
              filters.dueTo ? dayjs(filters.dueTo) : null,
            ]}
            onChange={(r) =>
              onChange({
                dueFrom: r?.[0]?.format('YYYY-MM-DD') ?? null,
                dueTo: r?.[1]?.format('YYYY-MM-DD') ?? null,
              })
            }
          />
        </Form.Item>
        <Form.Item label={t('filters.document')} htmlFor="dd-f-doc">
          <Select
            id="dd-f-doc"
            allowClear
            showSearch={{ filterOption: false, onSearch: setDocSearch }}
            value={filters.document ?? undefined}
            onChange={(v?: number) => onChange({ document: v ?? null })}
            options={docOptions}
          />
        </Form.Item>
        {indexedFields.map((f) => (
          <FieldFilter
            key={f.name}
            field={f}
            value={filters.fields[f.name] ?? ''}
            onChange={(v) => onChange({ fields: { ...filters.fields, [f.name]: v } })}
          />
        ))}
      </div>
      <Button
        onClick={() =>
          onChange({
            state: [],
            type: [],
            leadUnit: null,
            dueFrom: null,
            dueTo: null,
            document: null,
            fields: {},
          })
        }
      >
        {t('filters.clear')}
      </Button>
    </Form>
  );
}
