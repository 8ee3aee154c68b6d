/** Cached look-ups the pages share: units, task types, workflows, forms, catalogs (TanStack Query). */
import { useQueries, useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { api } from '@shared/api';
import { currentLanguage } from '@shared/i18n';
import type { ListResponse } from '@shared/types';
import { buildTree, type TreeItem } from '../units/buildTree';
import type { Unit } from '../units/types';
import type { CatalogBody, FormBody, MetadataDoc, TaskTypeBody, WorkflowBody } from './types';

const HOUR = 3_600_000;

export function useUnits() {
  const q = useQuery({
    queryKey: ['units'],
    queryFn: ({ signal }) => api<ListResponse<Unit>>('/api/units', { signal }),
    staleTime: HOUR,
  });
  const byId = useMemo(() => new Map((q.data?.items ?? []).map((u) => [u.id, u])), [q.data]);
  return { ...q, units: q.data?.items ?? [], byId };
}

/** One metadata document as resolved for the user's pillar, or an exact version (task.metadata refs). */
export function metadataQuery<T>(
  kind: string,
  key: string,
  ref?: { pillar: string | null; version: number },
) {
  const query: Record<string, string | number | undefined> = ref
    ? { version: ref.version, ...(ref.pillar ? { pillar: ref.pillar } : {}) }
    : {};
  return {
    queryKey: ['metadata', kind, key, ref?.pillar ?? null, ref?.version ?? 'current'],
    queryFn: ({ signal }: { signal: AbortSignal }) =>
      api<MetadataDoc<T>>(`/api/metadata/${kind}/${encodeURIComponent(key)}`, { signal, query }),
    // An exact version never changes; the current one may be republished at any time.
    staleTime: ref ? Infinity : 30_000,
  };
}

/** The task types the user's pillar sees, each with its body (the list itself carries none). */
export function useTaskTypes(): {
  data: { items: MetadataDoc<TaskTypeBody>[] } | undefined;
  isPending: boolean;
} {
  const list = useQuery({
    queryKey: ['metadata', 'taskType', 'list'],
    queryFn: ({ signal }) => api<{ items: { key: string }[] }>('/api/metadata/taskType', { signal }),
    staleTime: 5 * 60_000,
  });
  const docs = useQueries({
    queries: (list.data?.items ?? []).map((i) => metadataQuery<TaskTypeBody>('taskType', i.key)),
    combine: (results) => ({
      items: results.flatMap((r) => (r.data ? [r.data] : [])),
      pending: results.some((r) => r.isPending),
    }),
  });
  const items = docs.items;
  const data = useMemo(() => (list.data ? { items } : undefined), [list.data, items]);
  return { data, isPending: list.isPending || docs.pending };
}

/** The workflows of the task types the user sees (state labels and colours for lists). */
export function useWorkflows(keys: string[]) {
  const results = useQueries({
    queries: [...new Set(keys)].map((k) => metadataQuery<WorkflowBody>('workflow', k)),
  });
  return useMemo(() => results.flatMap((r) => (r.data ? [r.data] : [])), [results]);
}

export function useForms(keys: string[]) {
  const results = useQueries({ queries: [...new Set(keys)].map((k) => metadataQuery<FormBody>('form', k)) });
  return useMemo(() => results.flatMap((r) => (r.data ? [r.data] : [])), [results]);
}

export function useCatalog(key: string | undefined) {
  return useQuery({
    ...metadataQuery<CatalogBody>('catalog', key ?? ''),
    enabled: !!key,
    staleTime: 5 * 60_000,
  });
}

/** Label in the current language: English where the metadata has one and English is chosen. */
export function label(vi: string, en?: string | null): string {
  return currentLanguage() === 'en' && en ? en : vi;
}

export function catalogOptions(body: CatalogBody | undefined) {
  return (body?.items ?? [])
    .filter((i) => i.active !== false)
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0))
    .map((i) => ({ value: i.value, label: label(i.label, i.labelEn) }));
}

export interface UnitOption {
  value: number;
  title: string;
  children: UnitOption[];
}

/** The unit tree as TreeSelect options. */
export function unitTreeOptions(units: readonly Unit[]): UnitOption[] {
  const walk = (nodes: TreeItem<Unit>[]): UnitOption[] =>
    nodes.map((n) => ({ value: n.item.id, title: n.item.name, children: walk(n.children) }));
  return walk(buildTree(units));
}

/** The catalogs a form's fields take their choices from, by key. */
export function useFormCatalogs(form: FormBody | undefined): Map<string, CatalogBody> {
  const keys = [...new Set(Object.values(form?.fields ?? {}).flatMap((f) => (f.catalog ? [f.catalog] : [])))];
  const entries = useQueries({
    queries: keys.map((k) => metadataQuery<CatalogBody>('catalog', k)),
    combine: (results) =>
      results.flatMap((r) => (r.data ? [[r.data.key, r.data.body] as [string, CatalogBody]] : [])),
  });
  return useMemo(() => new Map(entries), [entries]);
}
