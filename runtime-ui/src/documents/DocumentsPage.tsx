/** Directive documents: search and list; registering a new one (clerks, leaders: whoever may create). */
import { useQuery } from '@tanstack/react-query';
import { Button, Input, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDate } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { catalogOptions, useCatalog } from '../app/meta';
import { Link, navigate } from '../app/router';
import type { DocumentItem } from '../app/types';
import { DocumentCreateDialog } from './DocumentCreateDialog';

export function docNumber(d: Pick<DocumentItem, 'number' | 'notation'>): string {
  return [d.number, d.notation].filter(Boolean).join('/');
}

export default function DocumentsPage() {
  const { t } = useTranslation();
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const [creating, setCreating] = useState(false);
  const pageSize = 20;
  const docs = useQuery({
    queryKey: ['documents', 'list', q, page],
    queryFn: ({ signal }) =>
      api<{ items: DocumentItem[]; total: number }>('/api/documents', {
        signal,
        query: { q: q || undefined, limit: pageSize, offset: (page - 1) * pageSize, sort: '-issuedDate' },
      }),
  });
  const types = useCatalog('loai-van-ban');
  const urgency = useCatalog('do-khan');
  const typeLabel = new Map(catalogOptions(types.data?.body).map((o) => [o.value, o.label]));
  const urgencyLabel = new Map(catalogOptions(urgency.data?.body).map((o) => [o.value, o.label]));

  return (
    <section aria-labelledby="dd-docs-title">
      <div className="dd-page-head">
        <h1 id="dd-docs-title" className="dd-page-title">
          {t('documents.title')}
        </h1>
        <Button type="primary" onClick={() => setCreating(true)}>
          {t('documents.create')}
        </Button>
      </div>
      <Input.Search
        className="dd-inbox-search dd-gap"
        allowClear
        aria-label={t('documents.search')}
        placeholder={t('documents.search')}
        enterButton={t('inbox.searchButton')}
        onSearch={(v) => {
          setQ(v.trim());
          setPage(1);
        }}
      />
      {docs.isError ? <ErrorAlert error={docs.error} onRetry={() => void docs.refetch()} /> : null}
      <Table<DocumentItem>
        rowKey="id"
        loading={docs.isPending}
        dataSource={docs.data?.items ?? []}
        scroll={{ x: 720 }}
        pagination={{
          current: page,
          pageSize,
          total: docs.data?.total ?? 0,
          onChange: setPage,
          showSizeChanger: false,
        }}
        onRow={(d) => ({ onDoubleClick: () => navigate(`/documents/${d.id}`) })}
        columns={[
          { key: 'number', title: t('documents.number'), render: (_, d) => docNumber(d), width: 140 },
          {
            key: 'issued',
            title: t('documents.issuedDate'),
            render: (_, d) => formatDate(d.issuedDate),
            width: 120,
          },
          {
            key: 'subject',
            title: t('documents.subject'),
            render: (_, d) => <Link to={`/documents/${d.id}`}>{d.subject}</Link>,
          },
          {
            key: 'type',
            title: t('documents.type'),
            render: (_, d) => typeLabel.get(d.type) ?? d.type,
            width: 140,
          },
          { key: 'issuer', title: t('documents.issuer'), dataIndex: 'issuerName', width: 200 },
          {
            key: 'urgency',
            title: t('documents.urgency'),
            render: (_, d) => (
              <Tag color={d.urgency === 'thuong' ? undefined : 'red'}>
                {urgencyLabel.get(d.urgency) ?? d.urgency}
              </Tag>
            ),
            width: 110,
          },
        ]}
      />
      {creating ? (
        <DocumentCreateDialog
          onClose={() => setCreating(false)}
          onCreated={(d) => navigate(`/documents/${d.id}`)}
        />
      ) : null}
    </section>
  );
}
