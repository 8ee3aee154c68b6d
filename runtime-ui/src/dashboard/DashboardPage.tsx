/**
 * Leaders' dashboard (GET /api/dashboard): counts by statistics category, rates, the monthly trend and
 * the units with the most overdue tasks — each number and bar drills down to the tasks behind it in the
 * inbox; the reports below run and export (XLSX, print).
 */
import { useQuery } from '@tanstack/react-query';
import { Button, Card, Empty, List, Space, Statistic, TreeSelect } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import { label, unitTreeOptions, useUnits } from '../app/meta';
import { Link, navigate, useLocation } from '../app/router';
import type { Dashboard } from '../app/types';
import { Chart } from './Chart';

const CARDS = [
  'total',
  'openOverdue',
  'dueSoon',
  'openOnTime',
  'noDeadline',
  'doneOnTime',
  'doneLate',
] as const;
const COLORS: Record<string, string> = {
  doneOnTime: '#389e0d',
  doneLate: '#d48806',
  openOnTime: '#1d39c4',
  openOverdue: '#a8071a',
  noDeadline: '#595959',
  dueSoon: '#ad4e00',
};

export interface ReportInfo {
  key: string;
  name: string;
  nameEn?: string;
  description?: string;
  canExport: boolean;
}

function percent(v: number | null): string {
  return v === null ? '—' : `${v.toFixed(1).replace('.', ',')} %`; // 0–100 from the engine
}

export function drillToInbox(params: { category?: string; leadUnit?: number | null }) {
  const q = new URLSearchParams({ party: 'all' });
  if (params.category && params.category !== 'total') q.set('category', params.category);
  if (params.leadUnit) q.set('leadUnit', String(params.leadUnit));
  navigate(`/?${q}`);
}

export default function DashboardPage() {
  const { t } = useTranslation();
  const { search } = useLocation();
  const unit = search.get('unit') ? Number(search.get('unit')) : null;
  const { units } = useUnits();
  const tree = useMemo(() => unitTreeOptions(units), [units]);
  const dash = useQuery({
    queryKey: ['dashboard', unit],
    queryFn: ({ signal }) =>
      api<Dashboard>('/api/dashboard', { signal, query: { unit: unit ?? undefined, months: 6 } }),
    staleTime: 0,
  });
  const reports = useQuery({
    queryKey: ['reports', 'list'],
    queryFn: ({ signal }) => api<{ items: ReportInfo[] }>('/api/reports', { signal }),
  });
  const d = dash.data;
  const scopeUnit = unit ?? (d?.unit as { id?: number } | null)?.id ?? null;

  const pie = useMemo(
    () =>
      d
        ? {
            tooltip: { trigger: 'item' },
            legend: { bottom: 0, type: 'scroll' },
            series: [
              {
                type: 'pie',
                radius: ['40%', '70%'],
                data: (['openOverdue', 'openOnTime', 'noDeadline', 'doneOnTime', 'doneLate'] as const)
                  .filter((c) => (d.counts[c] ?? 0) > 0)
                  .map((c) => ({
                    name: t(`category.${c}`),
                    value: d.counts[c] ?? 0,
                    category: c,
                    itemStyle: { color: COLORS[c] },
                  })),
              },
            ],
          }
        : {},
    [d, t],
  );
  const trend = useMemo(
    () =>
      d
        ? {
            tooltip: { trigger: 'axis' },
            legend: { bottom: 0 },
            grid: { left: 40, right: 16, top: 16, bottom: 48 },
            xAxis: { type: 'category', data: d.trend.map((x) => x.label) },
            yAxis: { type: 'value', minInterval: 1 },
            series: [
              {
                name: t('dashboard.created'),
                type: 'bar',
                data: d.trend.map((x) => x.created),
                itemStyle: { color: '#1d39c4' },
              },
              {
                name: t('dashboard.completedOnTime'),
                type: 'bar',
                stack: 'done',
                data: d.trend.map((x) => x.completedOnTime),
                itemStyle: { color: '#389e0d' },
              },
              {
                name: t('dashboard.completedLate'),
                type: 'bar',
                stack: 'done',
                data: d.trend.map((x) => x.completedLate),
                itemStyle: { color: '#d48806' },
              },
            ],
          }
        : {},
    [d, t],
  );
  const overdue = useMemo(
    () =>
      d
        ? {
            tooltip: { trigger: 'axis' },
            grid: { left: 8, right: 24, top: 8, bottom: 8, containLabel: true },
            xAxis: { type: 'value', minInterval: 1 },
            yAxis: {
              type: 'category',
              inverse: true,
              data: d.topOverdueUnits.map((u) => u.name),
              axisLabel: { width: 160, overflow: 'truncate' },
            },
            series: [
              {
                name: t('category.openOverdue'),
                type: 'bar',
                data: d.topOverdueUnits.map((u) => u.overdue),
                itemStyle: { color: COLORS.openOverdue },
              },
            ],
          }
        : {},
    [d, t],
  );

  return (
    <section aria-labelledby="dd-dash-title" className="dd-dashboard">
      <div className="dd-page-head">
        <h1 id="dd-dash-title" className="dd-page-title">
          {t('dashboard.title')}
        </h1>
        <TreeSelect
          className="dd-dash-unit"
          aria-label={t('filters.unit')}
          placeholder={t('dashboard.myUnit')}
          allowClear
          showSearch
          treeNodeFilterProp="title"
          value={unit ?? undefined}
          treeData={tree}
          onChange={(v?: number) => navigate(v ? `/dashboard?unit=${v}` : '/dashboard', { replace: true })}
        />
      </div>
      {dash.isError ? <ErrorAlert error={dash.error} onRetry={() => void dash.refetch()} /> : null}
      {dash.isPending ? <Loading /> : null}
      {d ? (
        <>
          <div className="dd-kpis" role="list" aria-label={t('dashboard.counts')}>
            {CARDS.map((c) => (
              <Card key={c} size="small" role="listitem" className={`dd-kpi dd-kpi-${c}`} hoverable>
                <button
                  type="button"
                  className="dd-kpi-button"
                  onClick={() => drillToInbox({ category: c, leadUnit: scopeUnit })}
                  data-testid={`kpi-${c}`}
                >
                  <Statistic
                    title={c === 'total' ? t('dashboard.total') : t(`category.${c}`)}
                    value={d.counts[c] ?? 0}
                    styles={{ content: { color: COLORS[c] } }}
                  />
                </button>
              </Card>
            ))}
            <Card size="small" role="listitem" className="dd-kpi">
              <Statistic title={t('dashboard.completionRate')} value={percent(d.completionRate)} />
            </Card>
            <Card size="small" role="listitem" className="dd-kpi">
              <Statistic title={t('dashboard.onTimeRate')} value={percent(d.onTimeRate)} />
            </Card>
          </div>
          <div className="dd-charts">
            <Card title={t('dashboard.byCategory')} size="small">
              <Chart
                option={pie}
                label={t('dashboard.byCategory')}
                onClick={(p) =>
                  drillToInbox({
                    category: (p.data as { category?: string } | undefined)?.category,
                    leadUnit: scopeUnit,
                  })
                }
              />
            </Card>
            <Card title={t('dashboard.trend')} size="small">
              <Chart option={trend} label={t('dashboard.trend')} />
            </Card>
            <Card title={t('dashboard.topOverdue')} size="small" className="dd-chart-wide">
              {d.topOverdueUnits.length ? (
                <>
                  <Chart
                    option={overdue}
                    height={Math.max(160, d.topOverdueUnits.length * 36)}
                    label={t('dashboard.topOverdue')}
                    onClick={(p) =>
                      drillToInbox({
                        category: 'openOverdue',
                        leadUnit: d.topOverdueUnits[p.dataIndex]?.unitId,
                      })
                    }
                  />
                  <ul className="dd-overdue-list">
                    {d.topOverdueUnits.map((u) => (
                      <li key={u.unitId}>
                        <Link to={`/?party=all&category=openOverdue&leadUnit=${u.unitId}`}>{u.name}</Link>:{' '}
                        {t('dashboard.overdueCount', { count: u.overdue })}
                      </li>
                    ))}
                  </ul>
                </>
              ) : (
                <Empty description={t('dashboard.noOverdue')} />
              )}
            </Card>
          </div>
        </>
      ) : null}
      <Card title={t('dashboard.reports')} size="small" className="dd-gap-top">
        {reports.isError ? <ErrorAlert error={reports.error} /> : null}
        <List
          dataSource={reports.data?.items ?? []}
          loading={reports.isPending}
          renderItem={(r) => (
            <List.Item
              actions={
                r.canExport
                  ? [
                      <Button
                        key="x"
                        size="small"
                        href={`/api/reports/${encodeURIComponent(r.key)}?format=xlsx`}
                        download
                      >
                        {t('reports.xlsx')}
                      </Button>,
                      <Button
                        key="p"
                        size="small"
                        href={`/api/reports/${encodeURIComponent(r.key)}?format=html`}
                        target="_blank"
                        rel="noopener"
                      >
                        {t('reports.print')}
                      </Button>,
                    ]
                  : []
              }
            >
              <List.Item.Meta
                title={<Link to={`/reports/${encodeURIComponent(r.key)}`}>{label(r.name, r.nameEn)}</Link>}
                description={r.description}
              />
            </List.Item>
          )}
        />
        <Space />
      </Card>
    </section>
  );
}
