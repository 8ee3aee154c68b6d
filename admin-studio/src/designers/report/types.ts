export interface PreviewColumn {
  key: string;
  label: string;
  labelEn?: string;
  role: 'dimension' | 'measure';
  format?: 'integer' | 'percent' | 'days';
}
export type PreviewRow = Record<string, unknown>;
export interface PreviewResult {
  columns: PreviewColumn[];
  rows: PreviewRow[];
  totals: Record<string, number | null> | null;
  meta: { rowCount: number; generatedAt: string };
}
