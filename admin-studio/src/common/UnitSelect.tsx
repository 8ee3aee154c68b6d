import { useQuery } from '@tanstack/react-query';
import { Select } from 'antd';
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { foldForSearch } from '@shared/text';
import type { ListResponse } from '@shared/types';

interface UnitRow {
  id: number;
  name: string;
  pillar: string;
  depth: number;
}

/** A unit of the tree the caller sees (of one pillar when `scope` is given), searchable without diacritics. */
export function UnitSelect({ value, onChange, scope, id, style }: { value?: number; onChange(v: number | undefined): void; scope?: string; id?: string; style?: CSSProperties }) {
  const { t } = useTranslation();
  const units = useQuery({ queryKey: ['units'], queryFn: ({ signal }) => api<ListResponse<UnitRow>>('/api/units', { signal }), staleTime: 300_000 });
  return (
    <Select<number>
      id={id}
      style={style}
      allowClear
      placeholder={t('preview.chooseUnit')}
      loading={units.isPending}
      value={value}
      onChange={(v) => onChange(v ?? undefined)}
      showSearch={{ filterOption: (input, o) => foldForSearch(String(o?.label ?? '')).includes(foldForSearch(input)) }}
      options={(units.data?.items ?? []).filter((u) => !scope || u.pillar === scope).map((u) => ({ value: u.id, label: `${'\u2003'.repeat(Math.max(0, u.depth))}${u.name}` }))}
    />
  );
}
