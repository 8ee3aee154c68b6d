import { App, Button, Space, Tabs, Tag, Tooltip } from 'antd';
import { Suspense, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import { href, Link, useRoute } from '../app/router';
import { useScope } from '../app/scope';
import { ScopeSelect, useScopeName } from '../common/ScopeSelect';
import { DESIGNERS } from '../designers';
import { JsonEditor } from '../common/JsonEditor';
import { VersionsPanel } from '../versions/VersionsPanel';
import { OverridePanel } from '../versions/OverridePanel';
import { MigrationPanel } from '../versions/MigrationPanel';
import { IssueList } from './IssueList';
import { nameOf } from './templates';
import type { MetadataKind } from './types';
import { useDocEditor } from './useDocEditor';

export default function DocumentPage({ kind, docKey }: { kind: MetadataKind; docKey: string }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const choice = useScope();
  const scope = choice.scope;
  const scopeName = useScopeName();
  const route = useRoute();
  const editor = useDocEditor(kind, docKey, scope);
  const [tab, setTab] = useState(route.query.get('tab') ?? 'design');
  const Designer = DESIGNERS[kind];

  if (editor.error) return <ErrorAlert error={editor.error} />;
  if (editor.loading || !editor.body) return <Loading />;

  const originText = {
    draft: t('editor.origin.draft'),
    own: t('editor.origin.own', { version: editor.base?.version, scope: scopeName(scope) }),
    platform: t('editor.origin.platform', { version: editor.base?.version }),
    template: t('editor.origin.template'),
  }[editor.origin];

  async function publish() {
    const version = await editor.publish();
    if (version === null) void message.error(t('editor.publishRefused'));
    else void message.success(t('editor.published', { version }));
  }
  async function save() {
    if (await editor.save()) void message.success(t('editor.saved'));
    else void message.error(t('editor.saveRefused'));
  }

  return (
    <section className="dd-panel dd-document" aria-labelledby="dd-doc-title">
      <div className="dd-panel-head">
        <Link to={href(['m', kind], { pillar: scope || undefined })} className="dd-secondary">
          {t(`kinds.${kind}.name`)}
        </Link>
        <h1 id="dd-doc-title" className="dd-page-title">
          {nameOf(editor.body, docKey)}
        </h1>
        <code className="dd-code">{docKey}</code>
      </div>
      <div className="dd-toolbar">
        <ScopeSelect choice={choice} />
        <Tag color={editor.origin === 'draft' ? 'gold' : editor.origin === 'platform' ? 'default' : 'blue'}>{originText}</Tag>
        {editor.dirty ? <Tag color="orange">{t('editor.unsaved')}</Tag> : null}
        <span className="dd-toolbar-spacer" />
        <Space wrap>
          <Button onClick={editor.revert} disabled={!editor.dirty || editor.saving}>
            {t('editor.revert')}
          </Button>
          <Button onClick={() => void save()} loading={editor.saving} disabled={!editor.dirty}>
            {t('editor.save')}
          </Button>
          <Tooltip title={editor.issues.length ? t('editor.fixFirst', { count: editor.issues.length }) : undefined}>
            <Button type="primary" onClick={() => void publish()} loading={editor.saving}>
              {t('editor.publish')}
            </Button>
          </Tooltip>
        </Space>
      </div>
      <p className="dd-secondary dd-validation-state" aria-live="polite">
        {editor.validating ? t('editor.validating') : editor.issues.length ? null : t('editor.valid')}
      </p>
      <IssueList issues={editor.refusal ?? editor.issues} refused={editor.refusal !== null} />
      <Tabs
        activeKey={tab}
        onChange={setTab}
        destroyOnHidden
        items={[
          {
            key: 'design',
            label: t('editor.tabs.design'),
            children: (
              <Suspense fallback={<Loading />}>
                <Designer body={editor.body} onChange={editor.setBody} issues={editor.issues} scope={scope} docKey={docKey} />
              </Suspense>
            ),
          },
          {
            key: 'json',
            label: t('editor.tabs.json'),
            children: <JsonEditor value={editor.body} onChange={(v) => editor.setBody(v as Record<string, unknown>)} />,
          },
          {
            key: 'versions',
            label: t('editor.tabs.versions'),
            children: <VersionsPanel kind={kind} docKey={docKey} scope={scope} />,
          },
          ...(scope
            ? [{ key: 'override', label: t('editor.tabs.override'), children: <OverridePanel kind={kind} docKey={docKey} scope={scope} working={editor.body} /> }]
            : []),
          ...(kind === 'workflow'
            ? [{ key: 'migrate', label: t('editor.tabs.migrate'), children: <MigrationPanel docKey={docKey} scope={scope} /> }]
            : []),
        ]}
      />
    </section>
  );
}
