/** One directive document: its fields and files, the tasks created from it, and "assign to units". */
import { useQuery } from '@tanstack/react-query';
import { Button, Descriptions, Empty, Table, Tag } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDate } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import { useUnits } from '../app/meta';
import { Link } from '../app/router';
import type { DocumentItem, TaskList, TaskSummary } from '../app/types';
import { DueCell } from '../inbox/TaskRows';
import { AttachmentLink } from '../tasks/attachments';
import { CreateTasksDialog } from './CreateTasksDialog';
import { docNumber } from './DocumentsPage';

export default function DocumentPage({ id }: { id: number }) {
  const { t } = useTranslation();
  const { byId: units } = useUnits();
  const [assigning, setAssigning] = useState(false);
  const doc = useQuery({
    queryKey: ['documents', 'detail', id],
    queryFn: ({ signal }) => api<DocumentItem>(`/api/documents/${id}`, { signal }),
  });
  const tasks = useQuery({
    queryKey: ['tasks', 'list', 'document', id],
    queryFn: ({ signal }) =>
      api<TaskList>('/api/tasks', { signal, query: { document: String(id), limit: 200, sort: 'code' } }),
  });
  if (doc.isPending) return <Loading />;
  if (doc.isError) return <ErrorAlert error={doc.error} onRetry={() => void doc.refetch()} />;
  const d = doc.data;
  return (
    <article aria-labelledby="dd-doc-title">
      <p className="dd-back">
        <Link to="/documents">← {t('documents.title')}</Link>
      </p>
      <section className="dd-panel dd-gap">
        <div className="dd-task-tags">
          <span className="dd-task-code">{docNumber(d)}</span>
          {d.status !== 'active' ? <Tag color="red">{d.status}</Tag> : null}
        </div>
        <h1 id="dd-doc-title" className="dd-page-title">
          {d.subject}
        </h1>
        <Descriptions
          size="small"
          column={{ xs: 1, sm: 2, lg: 3 }}
          items={[
            { key: 'issuer', label: t('documents.issuer'), children: d.issuerName },
            { key: 'issued', label: t('documents.issuedDate'), children: formatDate(d.issuedDate) },
            {
              key: 'signer',
              label: t('documents.signer'),
              children: [d.signerPosition, d.signerName].filter(Boolean).join(' '),
            },
            { key: 'due', label: t('documents.dueDate'), children: d.dueDate ? formatDate(d.dueDate) : '—' },
            { key: 'unit', label: t('documents.unit'), children: d.unitName ?? '' },
          ]}
        />
        {d.attachments?.length ? (
          <ul className="dd-file-list" aria-label={t('attachments.title')}>
            {d.attachments.map((a) => (
              <li key={a.id}>
                <AttachmentLink file={a} />
              </li>
            ))}
          </ul>
        ) : null}
        <Button type="primary" onClick={() => setAssigning(true)} className="dd-gap-top">
          {t('documents.assign')}
        </Button>
      </section>
      <section className="dd-panel" aria-labelledby="dd-doc-tasks">
        <h2 id="dd-doc-tasks" className="dd-section-title">
          {t('documents.tasks')} ({tasks.data?.total ?? 0})
        </h2>
        {tasks.isError ? <ErrorAlert error={tasks.error} /> : null}
        {tasks.data && !tasks.data.items.length ? <Empty description={t('documents.noTasks')} /> : null}
        {tasks.data?.items.length ? (
          <Table<TaskSummary>
            rowKey="id"
            size="small"
            pagination={false}
            scroll={{ x: 640 }}
            dataSource={tasks.data.items}
            columns={[
              { key: 'code', title: t('task.code'), dataIndex: 'code', width: 150 },
              {
                key: 'title',
                title: t('task.title'),
                render: (_, x) => <Link to={`/tasks/${x.id}`}>{x.title}</Link>,
              },
              {
                key: 'unit',
                title: t('task.leadUnit'),
                render: (_, x) => units.get(x.leadUnitId)?.name ?? '',
              },
              { key: 'due', title: t('task.dueDate'), render: (_, x) => <DueCell task={x} />, width: 170 },
            ]}
          />
        ) : null}
      </section>
      {assigning ? (
        <CreateTasksDialog
          document={d}
          onClose={() => setAssigning(false)}
          onCreated={() => void tasks.refetch()}
        />
      ) : null}
    </article>
  );
}
