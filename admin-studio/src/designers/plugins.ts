// What plugins add to metadata, for the designers: form field types (a field's "format") and report
// datasets (a report's "dataset", with the fields its filters and dimensions may name), as
// GET /api/integrations lists them. That route is for system administrators: anyone else (a pillar's
// administrator) is refused it and the designers simply offer the built-in choices.
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
        const r = await api<PluginExtensions>('/api/integrations', { signal });
        return { fieldTypes: r.fieldTypes ?? [], datasets: r.datasets ?? [] };
      } catch (e) {
        if (signal.aborted) throw e;
        return NONE; // not a system administrator, or no answer: the built-in choices only
      }
    },
    staleTime: 5 * 60_000,
    retry: false,
  });
  return { ...(q.data ?? NONE), loading: q.isPending };
}
