import { useQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Select, Space, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@shared/datetime';
import { ErrorAlert, errorMessage } from '@shared/errors';
import { getDoc, listVersions, publishDoc } from '../metadata/api';
import type { MetadataKind, VersionInfo } from '../metadata/types';
import { DiffView } from './DiffView';

/** Versions of one document in one scope; a readable diff between any two; rollback. */
export function VersionsPanel({ kind, docKey, scope }: { kind: MetadataKind; docKey: string; scope: string }) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message } = App.useApp();
  const client = useQueryClient();
  const versions = useQuery({ queryKey: ['versions', kind, docKey, scope], queryFn: ({ signal }) => listVersions(kind, docKey, scope, signal) });
  const items = versions.data?.items ?? [];
  const published = items.filter((v) => v.status === 'published');
  const newest = published.at(-1)?.version;
  const [pair, setPair] = useState<[number | undefined, number | undefined]>([undefined, undefined]);
  const left = pair[0] ?? (published.length > 1 ? published.at(-2)!.version : undefined);
  const right = pair[1] ?? newest;
  const bodyOf = (v: number | undefined) => ({
    queryKey: ['doc', kind, docKey, scope, 'v', v],
    queryFn: ({ signal }: { signal: AbortSignal }) => getDoc(kind, docKey, scope, v === 0 ? 'draft' : v, signal),
    enabled: v !== undefined,
    staleTime: Infinity,
  });
  const leftDoc = useQuery(bodyOf(left));
  const rightDoc = useQuery(bodyOf(right));
  const [rolling, setRolling] = useState<number | null>(null);

  async function rollback(v: VersionInfo) {
    setRolling(v.version);
    try {
      const old = await getDoc(kind, docKey, scope, v.version);
      const { version } = await publishDoc(kind, docKey, scope, old.body);
      void message.success(t('versions.rolledBack', { from: v.version, version }));
      await client.invalidateQueries({ queryKey: ['versions', kind, docKey, scope] });
      await client.invalidateQueries({ queryKey: ['doc', kind, docKey, scope] });
    } catch (e) {
      void message.error(errorMessage(e, tc));
    } finally {
      setRolling(null);
    }
  }

  if (versions.isError) return <ErrorAlert error={versions.error} />;
  const label = (v: number) => (v === 0 ? t('versions.draft') : t('versions.version', { version: v }));
  const options = items.map((v) => ({ value: v.version, label: label(v.version) }));
  return (
    <div className="dd-versions">
      <Table<VersionInfo>
        size="small"
        rowKey="version"
        loading={versions.isPending}
        dataSource={[...items].reverse()}
        pagination={{ pageSize: 10, hideOnSinglePage: true }}
        locale={{ emptyText: t('versions.none') }}
        columns={[
          {
            title: t('versions.columns.version'),
            dataIndex: 'version',
            width: 140,
            render: (v: number) => (
              <>
                {label(v)} {v === newest ? <Tag color="green">{t('versions.current')}</Tag> : null}
              </>
            ),
          },
          { title: t('versions.columns.author'), dataIndex: 'author', render: (a: string | null) => a ?? '—' },
          { title: t('versions.columns.time'), dataIndex: 'createdAt', render: (v: string | null) => (v ? formatDateTime(v) : '—') },
          { title: t('versions.columns.checksum'), dataIndex: 'checksum', render: (c: string) => <code className="dd-code">{c.slice(0, 10)}</code> },
          {
            title: '',
            key: 'actions',
            render: (_: unknown, v) =>
              v.status === 'published' && v.version !== newest ? (
                <Popconfirm
                  title={t('versions.rollbackConfirm', { version: v.version })}
                  okText={t('versions.rollback')}
                  cancelText={t('actions.cancel')}
                  onConfirm={() => rollback(v)}
                >
                  <Button size="small" loading={rolling === v.version}>
                    {t('versions.rollbackTo', { version: v.version })}
                  </Button>
                </Popconfirm>
              ) : null,
          },
        ]}
      />
      <h2 className="dd-section-title">{t('versions.compare')}</h2>
      <Space wrap>
        <label>
          {t('versions.from')}{' '}
          <Select<number> aria-label={t('versions.from')} value={left} options={options} style={{ minWidth: 150 }} onChange={(v) => setPair([v, right])} />
        </label>
        <label>
          {t('versions.to')}{' '}
          <Select<number> aria-label={t('versions.to')} value={right} options={options} style={{ minWidth: 150 }} onChange={(v) => setPair([left, v])} />
        </label>
      </Space>
      {left !== undefined && right !== undefined && leftDoc.data && rightDoc.data ? (
        <DiffView left={leftDoc.data.body} right={rightDoc.data.body} leftLabel={label(left)} rightLabel={label(right)} />
      ) : null}
    </div>
  );
}
