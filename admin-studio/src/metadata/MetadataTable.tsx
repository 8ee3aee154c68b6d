import { useQuery } from '@tanstack/react-query';
import { Table, Tag, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDateTime } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { isPillarKey, type ListResponse } from '@shared/types';
import type { MetadataKind, MetadataSummary } from './types';

function compareText(a: string, b: string): number {
  return a.localeCompare(b, 'vi');
}

export function MetadataTable({ kind }: { kind: MetadataKind }) {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const documents = useQuery({
    queryKey: ['metadata', kind],
    queryFn: ({ signal }) =>
      api<ListResponse<MetadataSummary>>(`/api/metadata/${encodeURIComponent(kind)}`, { signal }),
  });

  const pillarName = (pillar: string | null): string =>
    pillar === null ? tc('pillar.platform') : isPillarKey(pillar) ? tc(`pillar.${pillar}`) : pillar;

  const columns: TableColumnsType<MetadataSummary> = [
    {
      title: t('metadata.columns.key'),
      dataIndex: 'key',
      render: (key: string) => <code className="dd-code">{key}</code>,
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
      render: (pillar: string | null) =>
        pillar === null ? <Tag>{pillarName(null)}</Tag> : <Tag color="red">{pillarName(pillar)}</Tag>,
      sorter: (a, b) => compareText(pillarName(a.pillar), pillarName(b.pillar)),
    },
    {
      title: t('metadata.columns.version'),
      dataIndex: 'version',
      align: 'right',
      width: 110,
      sorter: (a, b) => a.version - b.version,
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
