// The report's rows as a chart. echarts is loaded only when a chart is shown, and only the parts drawn
// here (bar, line, pie; grid, tooltip, legend; the SVG renderer) — its own small chunk.
import { useEffect, useRef } from 'react';
import type { PreviewColumn, PreviewRow } from './types';

type Kind = 'bar' | 'line' | 'pie' | 'stackedBar';

const cellLabel = (v: unknown): string => (v && typeof v === 'object' && 'label' in v ? String((v as { label: unknown }).label) : String(v ?? ''));
const cellNumber = (v: unknown): number => (typeof v === 'number' ? v : Number((v as { value?: unknown } | null)?.value ?? 0));

export default function ReportChart({ kind, columns, rows, x, series, label }: { kind: Kind; columns: PreviewColumn[]; rows: PreviewRow[]; x?: string; series?: string[]; label: string }) {
  const el = useRef<HTMLDivElement>(null);
  useEffect(() => {
    let disposed = false;
    let chart: { dispose(): void; resize(): void } | undefined;
    const onResize = () => chart?.resize();
    void import('./echarts').then((echarts) => {
      if (disposed || !el.current) return;
      const dim = x ?? columns.find((c) => c.role === 'dimension')?.key;
      const measures = (series?.length ? series : columns.filter((c) => c.role === 'measure').map((c) => c.key)).slice(0, 8);
      const names = rows.map((r) => (dim ? cellLabel(r[dim]) : ''));
      const title = (k: string) => columns.find((c) => c.key === k)?.label ?? k;
      const instance = echarts.init(el.current, undefined, { renderer: 'svg' });
      chart = instance;
      instance.setOption(
        kind === 'pie'
          ? { tooltip: {}, series: [{ type: 'pie', radius: '65%', data: rows.map((r, i) => ({ name: names[i], value: cellNumber(r[measures[0] ?? '']) })) }] }
          : {
              tooltip: { trigger: 'axis' },
              legend: { type: 'scroll', bottom: 0 },
              grid: { left: 48, right: 16, top: 16, bottom: 72 },
              xAxis: { type: 'category', data: names, axisLabel: { interval: 0, rotate: names.length > 6 ? 30 : 0 } },
              yAxis: { type: 'value' },
              series: measures.map((m) => ({ name: title(m), type: kind === 'line' ? 'line' : 'bar', stack: kind === 'stackedBar' ? 'all' : undefined, data: rows.map((r) => cellNumber(r[m])) })),
            },
      );
      window.addEventListener('resize', onResize);
    });
    return () => {
      disposed = true;
      window.removeEventListener('resize', onResize);
      chart?.dispose();
    };
  }, [kind, columns, rows, x, series]);
  return <div ref={el} className="dd-chart" role="img" aria-label={label} />;
}
