/**
 * One report: its parameters, the table (GET /api/reports/{key}), every number drilling down to the tasks
 * behind it (GET …/drill), and exports (XLSX, CSV, print-ready HTML).
 */
import { useQuery } from '@tanstack/react-query';
import { Button, DatePicker, Form, Modal, Space, Table, TreeSelect } from 'antd';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, buildUrl } from '@shared/api';
import { DATE_FORMAT, dayjs } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import { label, unitTreeOptions, useUnits } from '../app/meta';
import { Link } from '../app/router';
import type { TaskSummary } from '../app/types';
import { DueCell } from '../inbox/TaskRows';
import type { ReportInfo } from './DashboardPage';

interface Cell {
  value: string | number | null;
  label: string;
  labelEn?: string;
}
interface Column {
  key: string;
  label: string;
  labelEn?: string;
  role: 'dimension' | 'measure';
  format?: 'integer' | 'percent' | 'days';
}
type Row = Record<string, Cell | number | null> & { drill?: Record<string, string> };
/** A parameter's definition (GET /api/reports); its value in a result is `parameters[key]`. */
interface Parameter {
  key: string;
  label: string;
  labelEn?: string;
  type: string;
}
interface ReportResult {
  report: { key: string; name: string; nameEn?: string; description?: string };
  parameters: Record<string, unknown>;
  columns: Column[];
  rows: Row[];
  totals: Record<string, number | null> | null;
}

function formatMeasure(v: number | null | undefined, format?: string): string {
  if (v === null || v === undefined) return '—';
  if (format === 'percent') return `${v.toFixed(2).replace('.', ',')} %`; // the engine gives 0–100
  if (format === 'days') return v.toFixed(1).replace('.', ',');
  return v.toLocaleString('vi-VN');
}

export default function ReportPage({ reportKey }: { reportKey: string }) {
  const { t } = useTranslation();
  const [params, setParams] = useState<Record<string, string>>({});
  const { units } = useUnits();
  const tree = useMemo(() => unitTreeOptions(units), [units]);
  const result = useQuery({
    queryKey: ['reports', reportKey, params],
    queryFn: ({ signal }) =>
      api<ReportResult>(`/api/reports/${encodeURIComponent(reportKey)}`, { signal, query: params }),
  });
  const [drill, setDrill] = useState<{ title: string; query: Record<string, string> } | null>(null);
  const drilled = useQuery({
    queryKey: ['reports', reportKey, 'drill', drill?.query],
    queryFn: ({ signal }) =>
      api<{ items: TaskSummary[]; total: number }>(`/api/reports/${encodeURIComponent(reportKey)}/drill`, {
        signal,
        query: { ...drill!.query, limit: 200 },
      }),
    enabled: !!drill,
  });

  const definitions = useQuery({
    queryKey: ['reports', 'list'],
    queryFn: ({ signal }) =>
      api<{ items: (ReportInfo & { parameters?: Parameter[] })[] }>('/api/reports', { signal }),
  });
  const paramDefs = definitions.data?.items.find((x) => x.key === reportKey)?.parameters ?? [];
  const r = result.data;
  const fileUrl = (format: string) =>
    buildUrl(`/api/reports/${encodeURIComponent(reportKey)}`, { ...params, format });
  const paramValue = (p: Parameter) => {
    const v = params[p.key] ?? r?.parameters[p.key];
    return v === null || v === undefined ? '' : String(v);
  };

  return (
    <section aria-labelledby="dd-report-title">
      <p className="dd-back">
        <Link to="/dashboard">← {t('dashboard.title')}</Link>
      </p>
      <div className="dd-page-head">
        <h1 id="dd-report-title" className="dd-page-title">
          {r ? label(r.report.name, r.report.nameEn) : reportKey}
        </h1>
        <Space wrap>
          <Button href={fileUrl('xlsx')} download>
            {t('reports.xlsx')}
          </Button>
          <Button href={fileUrl('csv')} download>
            {t('reports.csv')}
          </Button>
          <Button href={fileUrl('html')} target="_blank" rel="noopener">
            {t('reports.print')}
          </Button>
        </Space>
      </div>
      {r?.report.description ? <p className="dd-secondary">{r.report.description}</p> : null}
      {r ? (
        <Form layout="inline" className="dd-report-params" component="div">
          {paramDefs.map((p) => (
            <Form.Item key={p.key} label={label(p.label, p.labelEn)} htmlFor={`rp-${p.key}`}>
              {p.type === 'date' ? (
                <DatePicker
                  id={`rp-${p.key}`}
                  format={DATE_FORMAT}
                  value={paramValue(p) ? dayjs(paramValue(p)) : null}
                  onChange={(d) => setParams((x) => ({ ...x, [p.key]: d ? d.format('YYYY-MM-DD') : '' }))}
                />
              ) : p.type === 'unit' ? (
                <TreeSelect
                  id={`rp-${p.key}`}
                  className="dd-dash-unit"
                  showSearch
                  allowClear
                  treeNodeFilterProp="title"
                  treeData={tree}
                  value={paramValue(p) ? Number(paramValue(p)) : undefined}
                  onChange={(v?: number) => setParams((x) => ({ ...x, [p.key]: v ? String(v) : '' }))}
                />
              ) : (
                <span>{paramValue(p)}</span>
              )}
            </Form.Item>
          ))}
        </Form>
      ) : null}
      {result.isError ? <ErrorAlert error={result.error} onRetry={() => void result.refetch()} /> : null}
      {result.isPending ? <Loading /> : null}
      {r ? (
        <Table<Row>
          className="dd-gap-top"
          rowKey={(row) => JSON.stringify(row.drill ?? row)}
          size="small"
          scroll={{ x: 'max-content' }}
          pagination={false}
          dataSource={r.rows}
          columns={r.columns.map((c) => ({
            key: c.key,
            title: label(c.label, c.labelEn),
            align: c.role === 'measure' ? ('right' as const) : undefined,
            render: (_: unknown, row: Row) => {
              const v = row[c.key];
              if (c.role === 'dimension') return (v as Cell | null)?.label ?? '—';
              const text = formatMeasure(v as number | null, c.format);
              if (c.format === 'percent' || !v) return text;
              return (
                <Button
                  type="link"
                  size="small"
                  onClick={() =>
                    setDrill({
                      title: `${(r.columns[0] && (row[r.columns[0].key] as Cell | null)?.label) ?? ''} · ${label(c.label, c.labelEn)}`,
                      query: { ...params, ...(row.drill ?? {}), measure: c.key },
                    })
                  }
                >
                  {text}
                </Button>
              );
            },
          }))}
          summary={() =>
            r.totals ? (
              <Table.Summary.Row>
                {r.columns.map((c, i) => (
                  <Table.Summary.Cell
                    key={c.key}
                    index={i}
                    align={c.role === 'measure' ? 'right' : undefined}
                  >
                    {i === 0 ? (
                      <strong>{t('reports.total')}</strong>
                    ) : c.role === 'measure' ? (
                      <strong>{formatMeasure(r.totals![c.key], c.format)}</strong>
                    ) : null}
                  </Table.Summary.Cell>
                ))}
              </Table.Summary.Row>
            ) : null
          }
        />
      ) : null}
      {drill ? (
        <Modal open title={drill.title} footer={null} onCancel={() => setDrill(null)} width={840}>
          {drilled.isPending ? <Loading /> : null}
          {drilled.isError ? <ErrorAlert error={drilled.error} /> : null}
          {drilled.data ? (
            <Table<TaskSummary>
              rowKey="id"
              size="small"
              pagination={false}
              scroll={{ x: 600, y: 480 }}
              dataSource={drilled.data.items}
              columns={[
                { key: 'code', title: t('task.code'), dataIndex: 'code', width: 150 },
                {
                  key: 'title',
                  title: t('task.title'),
                  render: (_, x) => <Link to={`/tasks/${x.id}`}>{x.title}</Link>,
                },
                { key: 'due', title: t('task.dueDate'), render: (_, x) => <DueCell task={x} />, width: 170 },
              ]}
            />
          ) : null}
        </Modal>
      ) : null}
    </section>
  );
}
