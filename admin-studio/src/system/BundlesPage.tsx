import { Alert, App, Button, Card, Col, Row, Table, Tag, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError, api } from '@shared/api';
import { errorMessage } from '@shared/errors';
import { useScope } from '../app/scope';
import { ScopeSelect, useScopeName } from '../common/ScopeSelect';
import type { ValidationIssue } from '../metadata/types';

interface Change {
  kind: string;
  key: string;
  status: 'new' | 'changed' | 'unchanged';
  currentVersion: number | null;
}
interface Bundle {
  format: string;
  pillar: string | null;
  exportedAt?: string;
  documents: { kind: string; key: string }[];
}

/** A pillar's metadata as one JSON file: export here, import there, validated whole before anything is written. */
export default function BundlesPage() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const choice = useScope();
  const name = useScopeName();
  const [bundle, setBundle] = useState<Bundle | null>(null);
  const [fileName, setFileName] = useState('');
  const [check, setCheck] = useState<{ issues: ValidationIssue[]; changes: Change[] } | null>(null);
  const [busy, setBusy] = useState(false);
  const [exporting, setExporting] = useState(false);
  const [done, setDone] = useState<{ published: { kind: string; key: string; version: number }[]; unchanged: number } | null>(null);
  const target = { pillar: choice.scope || 'platform' };

  async function download() {
    setExporting(true);
    try {
      const data = await api<Bundle>('/api/studio/bundles/export', { query: target });
      const blob = new Blob([JSON.stringify(data, null, 2)], { type: 'application/json' });
      const a = document.createElement('a');
      a.href = URL.createObjectURL(blob);
      a.download = `dondoc-${choice.scope || 'platform'}-${(data.exportedAt ?? '').slice(0, 10)}.json`;
      a.click();
      URL.revokeObjectURL(a.href);
      void message.success(t('bundles.exported', { count: data.documents.length }));
    } catch (e) {
      void message.error(errorMessage(e, tc));
    } finally {
      setExporting(false);
    }
  }

  async function read(file: File) {
    setDone(null);
    setCheck(null);
    setFileName(file.name);
    let parsed: Bundle;
    try {
      parsed = JSON.parse(await file.text()) as Bundle;
    } catch {
      setBundle(null);
      void message.error(t('bundles.notJson'));
      return;
    }
    setBundle(parsed);
    setBusy(true);
    try {
      setCheck(await api('/api/studio/bundles/validate', { method: 'POST', body: parsed, query: target }));
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setCheck({ issues: e.details.map((d) => ({ path: d.path ?? '', message: d.message })), changes: [] });
      else void message.error(errorMessage(e, tc));
    } finally {
      setBusy(false);
    }
  }

  async function runImport() {
    if (!bundle) return;
    setBusy(true);
    try {
      setDone(await api('/api/studio/bundles/import', { method: 'POST', body: bundle, query: target }));
      setCheck(null);
      void message.success(t('bundles.imported'));
    } catch (e) {
      if (e instanceof ApiError && e.status === 422) setCheck({ issues: e.details.map((d) => ({ path: d.path ?? '', message: d.message })), changes: check?.changes ?? [] });
      else void message.error(errorMessage(e, tc));
    } finally {
      setBusy(false);
    }
  }

  const changed = check?.changes.filter((c) => c.status !== 'unchanged').length ?? 0;
  return (
    <section className="dd-panel" aria-labelledby="dd-bundles-title">
      <div className="dd-panel-head">
        <h1 id="dd-bundles-title" className="dd-page-title">
          {t('nav.bundles')}
        </h1>
        <span className="dd-secondary">{t('bundles.description')}</span>
      </div>
      <div className="dd-toolbar">
        <ScopeSelect choice={choice} />
      </div>
      <Row gutter={[24, 24]}>
        <Col xs={24} lg={10}>
          <Card title={t('bundles.exportTitle')}>
            <p>{t('bundles.exportHelp', { scope: name(choice.scope) })}</p>
            <Button type="primary" onClick={() => void download()} loading={exporting}>
              {t('bundles.export')}
            </Button>
          </Card>
        </Col>
        <Col xs={24} lg={14}>
          <Card title={t('bundles.importTitle')}>
            <p>{t('bundles.importHelp', { scope: name(choice.scope) })}</p>
            <Upload
              accept="application/json,.json"
              showUploadList={false}
              beforeUpload={(file) => {
                void read(file);
                return false;
              }}
            >
              <Button>{t('bundles.chooseFile')}</Button>
            </Upload>
            {fileName ? <p className="dd-secondary">{fileName}</p> : null}
            {check?.issues.length ? (
              <Alert
                type="error"
                showIcon
                role="alert"
                title={t('bundles.invalid', { count: check.issues.length })}
                description={
                  <ul className="dd-issue-list">
                    {check.issues.slice(0, 30).map((i, n) => (
                      <li key={n}>
                        <code className="dd-code">{i.path}</code> {i.message}
                      </li>
                    ))}
                  </ul>
                }
              />
            ) : null}
            {check && !check.issues.length ? (
              <>
                <Alert type="success" showIcon title={t('bundles.valid', { count: check.changes.length, changed })} />
                <Table<Change>
                  size="small"
                  rowKey={(c) => `${c.kind}/${c.key}`}
                  pagination={false}
                  dataSource={check.changes}
                  columns={[
                    { title: t('bundles.kind'), dataIndex: 'kind', render: (k: string) => t(`kinds.${k as 'form'}.name`) },
                    { title: t('bundles.key'), dataIndex: 'key', render: (k: string) => <code className="dd-code">{k}</code> },
                    { title: t('bundles.change'), dataIndex: 'status', render: (s: Change['status']) => <Tag color={s === 'new' ? 'green' : s === 'changed' ? 'blue' : 'default'}>{t(`bundles.statuses.${s}`)}</Tag> },
                    { title: t('bundles.current'), dataIndex: 'currentVersion', render: (v: number | null) => v ?? '—' },
                  ]}
                />
                <Button type="primary" className="dd-import-button" disabled={!changed} loading={busy} onClick={() => void runImport()}>
                  {t('bundles.import', { count: changed })}
                </Button>
              </>
            ) : null}
            {done ? <Alert type="success" showIcon title={t('bundles.done', { count: done.published.length, unchanged: done.unchanged })} description={done.published.map((p) => `${p.kind}/${p.key} → v${p.version}`).join(', ')} /> : null}
          </Card>
        </Col>
      </Row>
    </section>
  );
}
