import { useQuery } from '@tanstack/react-query';
import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { href, Link } from '../app/router';
import { useScopeName } from '../common/ScopeSelect';
import { listDocs } from './api';
import type { MetadataKind, MetadataSummary } from './types';

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'vi');
}

export function MetadataTable({ kind, scope }: { kind: MetadataKind; scope: string }) {
  const { t } = useTranslation();
  const scopeName = useScopeName();
  const documents = useQuery({
    queryKey: ['metadata', kind, scope],
    queryFn: ({ signal }) => listDocs(kind, scope, signal),
  });

  const columns: TableColumnsType<MetadataSummary> = [
    {
      title: t('metadata.columns.key'),
      dataIndex: 'key',
      render: (key: string) => (
        <Link to={href(['m', kind, key], { pillar: scope || undefined })} className="dd-code">
          {key}
        </Link>
      ),
      sorter: (a, b) => compareText(a.key, b.key),
      defaultSortOrder: 'ascend',
    },
    {
      title: t('metadata.columns.name'),
      dataIndex: 'name',
      render: (name: string | undefined) => name ?? '—',
      sorter: (a, b) => compareText(a.name ?? '', b.name ?? ''),
    },
    {
      title: t('metadata.columns.pillar'),
      dataIndex: 'pillar',
      render: (pillar: string | null, doc) => (
        <>
          {pillar === null ? <Tag>{scopeName(null)}</Tag> : <Tag color="red">{scopeName(pillar)}</Tag>}
          {doc.hasDraft ? <Tag color="gold">{t('metadata.draft')}</Tag> : null}
        </>
      ),
      sorter: (a, b) => compareText(scopeName(a.pillar), scopeName(b.pillar)),
    },
    {
      title: t('metadata.columns.version'),
      dataIndex: 'version',
      align: 'right',
      width: 110,
      render: (v: number | null) => v ?? '—',
      sorter: (a, b) => (a.version ?? 0) - (b.version ?? 0),
    },
    {
      title: t('metadata.columns.updatedAt'),
      dataIndex: 'updatedAt',
      render: (value: string) => <time dateTime={value}>{formatDateTime(value)}</time>,
      width: 160,
      sorter: (a, b) => Date.parse(a.updatedAt) - Date.parse(b.updatedAt),
    },
  ];

  if (documents.isError) {
    return <ErrorAlert error={documents.error} onRetry={() => void documents.refetch()} />;
  }
  const items = documents.data?.items ?? [];
  return (
    <>
      <p className="dd-secondary dd-studio-count" aria-live="polite">
        {documents.data ? t('metadata.count', { count: items.length }) : null}
      </p>
      <Table<MetadataSummary>
        rowKey={(doc) => `${doc.pillar ?? ''}/${doc.key}`}
        columns={columns}
        dataSource={items}
        loading={documents.isPending}
        size="middle"
        scroll={{ x: 640 }}
        pagination={{ pageSize: 20, hideOnSinglePage: true, showSizeChanger: false }}
        locale={{ emptyText: t('metadata.empty') }}
      />
    </>
  );
}
