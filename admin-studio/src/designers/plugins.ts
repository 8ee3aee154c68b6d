// What plugins add to metadata, for the designers: form field types (a field's "format") and report
// datasets (a report's "dataset", with the fields its filters and dimensions may name), as
// GET /api/integrations/extensions lists them to anyone who may read metadata (pillar administrators
// included). Without an answer the designers simply offer the built-in choices.
import { useQuery } from '@tanstack/react-query';
import { api } from '@shared/api';
import type { PluginFieldType } from './form/model';

export type DatasetFieldType = 'string' | 'number' | 'date' | 'timestamp' | 'unit';

export interface PluginDataset {
  key: string;
  label: string;
  subject: string;
  fields: Record<string, DatasetFieldType>;
  plugin: string;
}

export interface PluginExtensions {
  fieldTypes: PluginFieldType[];
  datasets: PluginDataset[];
}

const NONE: PluginExtensions = { fieldTypes: [], datasets: [] };

export function usePluginExtensions(): PluginExtensions & { loading: boolean } {
  const q = useQuery({
    queryKey: ['integrations', 'extensions'],
    queryFn: async ({ signal }) => {
      try {
        const r = await api<PluginExtensions>('/api/integrations/extensions', { signal });
        return { fieldTypes: r.fieldTypes ?? [], datasets: r.datasets ?? [] };
      } catch (e) {
        if (signal.aborted) throw e;
        return NONE; // no answer: the built-in choices only
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
  return { ...(q.data ?? NONE), loading: q.isPending };
}
