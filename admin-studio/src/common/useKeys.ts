import { useQuery } from '@tanstack/react-query';
import { listDocs } from '../metadata/api';
import type { MetadataKind } from '../metadata/types';

/** The documents of a kind as a scope sees them, as select options (key and name). */
export function useKeys(kind: MetadataKind, scope: string) {
  const q = useQuery({ queryKey: ['metadata', kind, scope], queryFn: ({ signal }) => listDocs(kind, scope, signal), staleTime: 60_000 });
  return {
    loading: q.isPending,
    options: (q.data?.items ?? []).map((d) => ({ value: d.key, label: d.name && d.name !== d.key ? `${d.name} (${d.key})` : d.key })),
  };
}
