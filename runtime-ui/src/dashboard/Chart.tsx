/**
 * A thin ECharts wrapper. echarts/core with only the charts and components used here, loaded on demand
 * (its own chunk), SVG renderer (crisp at any zoom, text selectable), resized with its box.
 */
import { useEffect, useRef } from 'react';

export type ChartOption = Record<string, unknown>;

type Echarts = typeof import('./echarts');
let loading: Promise<Echarts> | null = null;
const load = () => (loading ??= import('./echarts'));

export function Chart({
  option,
  height = 280,
  label,
  onClick,
}: {
  option: ChartOption;
  height?: number;
  /** What the chart shows, for screen readers (the numbers are also in the page as text). */
  label: string;
  onClick?: (params: { name: string; dataIndex: number; seriesIndex?: number; data?: unknown }) => void;
}) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<ReturnType<Echarts['init']> | null>(null);
  const clickRef = useRef(onClick);
  useEffect(() => {
    clickRef.current = onClick;
  });
  useEffect(() => {
    let disposed = false;
    let observer: ResizeObserver | null = null;
    void load().then((m) => {
      if (disposed || !box.current) return;
      chart.current = m.init(box.current, undefined, { renderer: 'svg' });
      chart.current.on('click', (p) => clickRef.current?.(p as never));
      observer = new ResizeObserver(() => chart.current?.resize());
      observer.observe(box.current);
      chart.current.setOption(optionRef.current);
    });
    return () => {
      disposed = true;
      observer?.disconnect();
      chart.current?.dispose();
      chart.current = null;
    };
  }, []);
  const optionRef = useRef(option);
  useEffect(() => {
    optionRef.current = option;
    chart.current?.setOption(option, true);
  }, [option]);
  return <div ref={box} role="img" aria-label={label} style={{ height, width: '100%' }} />;
}
