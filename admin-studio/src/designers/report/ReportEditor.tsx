import { Alert, Button, Col, DatePicker, Input, Row, Segmented, Space, Table } from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { dayjs } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import schema from '../../../../metadata/schemas/report.schema.json';
import type { Report } from '../../metadata/vocabulary';
import type { DesignerProps } from '../types';
import { SchemaForm } from '../schema/SchemaForm';
import { UnitSelect } from '../../common/UnitSelect';
import { DatasetFieldWidget, DatasetWidget, type ReportFormContext } from './datasetWidgets';
import { AnyValueField } from './AnyValueField';
import type { PreviewColumn, PreviewResult, PreviewRow } from './types';

const ReportChart = lazy(() => import('./ReportChart'));

const widgets = { reportDataset: DatasetWidget, datasetField: DatasetFieldWidget };
/** The editor's uiSchema; `valueHelp` explains the open-typed operands (a filter's value, a parameter's default). */
const uiSchemaOf = (valueHelp: string) => {
  const anyValue = { 'ui:field': AnyValueField, 'ui:description': valueHelp };
  return {
    description: { 'ui:widget': 'textarea' },
    dataset: { 'ui:widget': 'reportDataset' },
    parameters: { items: { default: anyValue } },
    filters: { items: { field: { 'ui:widget': 'datasetField' }, value: anyValue } },
    dimensions: { items: { field: { 'ui:widget': 'datasetField' } } },
  };
};

const cellText = (v: unknown, c: PreviewColumn): string => {
  if (v === null || v === undefined) return '—';
  if (typeof v === 'object' && 'label' in (v as object)) return String((v as { label: unknown }).label);
  if (typeof v === 'number')
    return c.format === 'percent'
      ? `${(v * 100).toLocaleString('vi-VN', { maximumFractionDigits: 1 })}%`
      : v.toLocaleString('vi-VN');
  return String(v);
};

/** A report's definition beside a live preview as a table and a chart, run on the engine without publishing. */
export default function ReportEditor({ body, onChange, issues, scope }: DesignerProps<Report>) {
  const { t } = useTranslation();
  const [params, setParams] = useState<Record<string, string>>({});
  const [result, setResult] = useState<PreviewResult | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [view, setView] = useState<'table' | 'chart'>('table');
  const uiSchema = useMemo(() => uiSchemaOf(t('report.valueHelp')), [t]);
  const chartKind =
    body.visualisation?.type && body.visualisation.type !== 'table' ? body.visualisation.type : 'bar';

  async function run() {
    setBusy(true);
    setError(null);
    try {
      setResult(
        await api<PreviewResult>('/api/studio/reports/preview', {
          method: 'POST',
          body: { body, params },
          query: { pillar: scope || undefined },
        }),
      );
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Row gutter={[24, 16]} className="dd-report-editor">
      <Col xs={24} xl={11}>
        <SchemaForm<Report>
          schema={schema}
          titles="report"
          uiSchema={uiSchema}
          widgets={widgets}
          context={{ dataset: body.dataset } satisfies ReportFormContext}
          value={body}
          onChange={onChange}
          issues={issues}
          scope={scope}
        />
      </Col>
      <Col xs={24} xl={13}>
        <section className="dd-report-preview" aria-labelledby="dd-report-preview-title">
          <h2 id="dd-report-preview-title" className="dd-section-title">
            {t('report.preview')}
          </h2>
          <Space wrap className="dd-toolbar">
            {(body.parameters ?? []).map((p) => (
              <label key={p.key}>
                {p.label}{' '}
                {p.type === 'date' ? (
                  <DatePicker
                    format="DD/MM/YYYY"
                    value={params[p.key] ? dayjs(params[p.key]) : null}
                    onChange={(d) => setParams({ ...params, [p.key]: d ? d.format('YYYY-MM-DD') : '' })}
                  />
                ) : p.type === 'unit' ? (
                  <UnitSelect
                    style={{ minWidth: 220 }}
                    scope={scope || undefined}
                    value={params[p.key] ? Number(params[p.key]) : undefined}
                    onChange={(v) => setParams({ ...params, [p.key]: v === undefined ? '' : String(v) })}
                  />
                ) : (
                  <Input
                    style={{ width: 140 }}
                    value={params[p.key] ?? ''}
                    onChange={(e) => setParams({ ...params, [p.key]: e.target.value })}
                  />
                )}
              </label>
            ))}
            <Button type="primary" onClick={() => void run()} loading={busy} disabled={issues.length > 0}>
              {t('report.run')}
            </Button>
          </Space>
          {issues.length ? <Alert type="warning" showIcon title={t('report.fixFirst')} /> : null}
          {error ? <ErrorAlert error={error} /> : null}
          {result ? (
            <>
              <Segmented<'table' | 'chart'>
                value={view}
                onChange={setView}
                options={[
                  { value: 'table', label: t('report.table') },
                  { value: 'chart', label: t('report.chart') },
                ]}
              />
              <p className="dd-secondary">{t('report.rowCount', { count: result.meta.rowCount })}</p>
              {view === 'table' ? (
                <Table<PreviewRow & { _i: number }>
                  size="small"
                  rowKey="_i"
                  scroll={{ x: true }}
                  pagination={{ pageSize: 15, hideOnSinglePage: true }}
                  dataSource={result.rows.map((r, i) => ({ ...r, _i: i }))}
                  columns={result.columns.map((c) => ({
                    key: c.key,
                    title: c.label,
                    align: c.role === 'measure' ? ('right' as const) : undefined,
                    render: (_: unknown, r: PreviewRow) => cellText(r[c.key], c),
                  }))}
                  summary={() =>
                    result.totals ? (
                      <Table.Summary.Row>
                        {result.columns.map((c, i) => (
                          <Table.Summary.Cell
                            key={c.key}
                            index={i}
                            align={c.role === 'measure' ? 'right' : undefined}
                          >
                            {i === 0
                              ? t('report.total')
                              : c.role === 'measure'
                                ? cellText(result.totals?.[c.key], c)
                                : ''}
                          </Table.Summary.Cell>
                        ))}
                      </Table.Summary.Row>
                    ) : null
                  }
                />
              ) : (
                <Suspense fallback={<Loading />}>
                  <ReportChart
                    kind={chartKind}
                    columns={result.columns}
                    rows={result.rows}
                    x={body.visualisation?.x}
                    series={body.visualisation?.series}
                    label={t('report.chartLabel', { name: body.name })}
                  />
                </Suspense>
              )}
            </>
          ) : null}
        </section>
      </Col>
    </Row>
  );
}
