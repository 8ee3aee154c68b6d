import { useInfiniteQuery, useQueryClient } from '@tanstack/react-query';
import { App, Button, Popconfirm, Select, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDateTime } from '@shared/datetime';
import { ErrorAlert, errorMessage } from '@shared/errors';

const STATUSES = ['failed', 'retrying', 'pending'] as const;
type Status = (typeof STATUSES)[number];
const CHANNELS = ['inApp', 'email'] as const;

/** A notification as the outbox sees it: GET /api/notifications/deliveries (engine/src/notify/routes.ts). */
interface Delivery {
  id: number;
  status: Status;
  userId: number;
  username: string;
  fullName: string;
  kind: string;
  template: string | null;
  title: string;
  taskId: number | null;
  /** null: every channel */
  channels: string[] | null;
  deliveredChannels: string[];
  attempts: number;
  lastError: string | null;
  nextAttemptAt: string | null;
  failedAt: string | null;
  createdAt: string;
}
interface DeliveryPage {
  status: Status;
  total: number;
  items: Delivery[];
  nextCursor: number | null;
}

const PAGE = 100;

/** The notification outbox (administrators): deliveries that failed, are being retried or wait; failed ones sent again. */
export default function DeliveriesPage() {
  const { t } = useTranslation();
  const { t: tc } = useTranslation('common');
  const { message, modal } = App.useApp();
  const client = useQueryClient();
  const [status, setStatus] = useState<Status>('failed');
  const [busy, setBusy] = useState<number | 'all' | null>(null);
  const deliveries = useInfiniteQuery({
    queryKey: ['notification-deliveries', status],
    initialPageParam: null as number | null,
    queryFn: ({ signal, pageParam }) =>
      api<DeliveryPage>('/api/notifications/deliveries', { signal, query: { status, limit: PAGE, ...(pageParam ? { before: pageParam } : {}) } }),
    getNextPageParam: (last) => last.nextCursor,
  });
  const items = deliveries.data?.pages.flatMap((p) => p.items) ?? [];
  const total = deliveries.data?.pages[0]?.total ?? 0;
  const refresh = () => client.invalidateQueries({ queryKey: ['notification-deliveries'] });

  async function retry(ids?: number[]) {
    setBusy(ids ? ids[0]! : 'all');
    try {
      const r = await api<{ retried: number[] }>(ids ? `/api/notifications/deliveries/${ids[0]}/retry` : '/api/notifications/deliveries/retry', { method: 'POST' });
      void message.success(t('deliveries.retried', { count: r.retried.length }));
    } catch (e) {
      void message.error(errorMessage(e, tc));
    } finally {
      setBusy(null);
      await refresh();
    }
  }

  function retryAll() {
    modal.confirm({
      title: t('deliveries.retryAllConfirm', { count: total }),
      content: t('deliveries.retryHelp'),
      okText: t('deliveries.retry'),
      cancelText: t('actions.cancel'),
      onOk: () => retry(),
    });
  }

  const channelName = (c: string) => ((CHANNELS as readonly string[]).includes(c) ? t(`deliveries.channelNames.${c as (typeof CHANNELS)[number]}`) : c);
  const timeTitle = status === 'failed' ? t('deliveries.failedAt') : status === 'retrying' ? t('deliveries.nextAttemptAt') : t('deliveries.createdAt');
  const timeOf = (d: Delivery) => (status === 'failed' ? d.failedAt : status === 'retrying' ? d.nextAttemptAt : d.createdAt);

  return (
    <section className="dd-panel" aria-labelledby="dd-deliveries-title">
      <div className="dd-panel-head">
        <h1 id="dd-deliveries-title" className="dd-page-title">
          {t('deliveries.title')}
        </h1>
        <span className="dd-secondary">{t('deliveries.description')}</span>
      </div>
      <div className="dd-toolbar">
        <label>
          {t('deliveries.status')}{' '}
          <Select<Status>
            id="dd-deliveries-status"
            value={status}
            onChange={setStatus}
            style={{ minWidth: 200 }}
            options={STATUSES.map((s) => ({ value: s, label: t(`deliveries.statuses.${s}`) }))}
          />
        </label>
        <span className="dd-secondary" data-testid="dd-deliveries-total">
          {deliveries.data ? t('deliveries.total', { count: total }) : null}
        </span>
        {status === 'failed' ? (
          <Button type="primary" onClick={retryAll} disabled={!total} loading={busy === 'all'}>
            {t('deliveries.retryAll')}
          </Button>
        ) : null}
      </div>
      {deliveries.isError ? <ErrorAlert error={deliveries.error} /> : null}
      <Table<Delivery>
        rowKey="id"
        loading={deliveries.isPending}
        dataSource={items}
        pagination={false}
        scroll={{ x: 1100 }}
        locale={{ emptyText: t(`deliveries.empty.${status}`) }}
        columns={[
          {
            title: t('deliveries.recipient'),
            key: 'recipient',
            render: (_, d) => (
              <>
                {d.fullName}
                <br />
                <span className="dd-secondary">{d.username}</span>
              </>
            ),
          },
          {
            title: t('deliveries.notification'),
            key: 'notification',
            render: (_, d) => (
              <>
                {d.title}
                <br />
                <span className="dd-secondary">
                  {d.kind}
                  {d.taskId !== null ? (
                    <>
                      {' · '}
                      <a href={`/tasks/${d.taskId}`} target="_blank" rel="noreferrer">
                        {t('deliveries.task', { id: d.taskId })}
                      </a>
                    </>
                  ) : null}
                </span>
              </>
            ),
          },
          {
            title: t('deliveries.channels'),
            key: 'channels',
            render: (_, d) =>
              (d.channels ?? [...CHANNELS]).map((c) => (
                <Tag key={c} color={d.deliveredChannels.includes(c) ? 'green' : status === 'failed' ? 'red' : undefined}>
                  {channelName(c)}
                  {d.deliveredChannels.includes(c) ? ` ✓` : ''}
                </Tag>
              )),
          },
          { title: t('deliveries.attempts'), dataIndex: 'attempts', align: 'right', width: 90 },
          {
            title: t('deliveries.lastError'),
            dataIndex: 'lastError',
            render: (v: string | null) => (v ? <Typography.Text type="danger">{v}</Typography.Text> : '—'),
          },
          { title: timeTitle, key: 'time', width: 150, render: (_, d) => formatDateTime(timeOf(d)) || '—' },
          ...(status === 'failed'
            ? [
                {
                  title: '',
                  key: 'retry',
                  width: 110,
                  render: (_: unknown, d: Delivery) => (
                    <Popconfirm
                      title={t('deliveries.retryConfirm', { name: d.fullName })}
                      description={t('deliveries.retryHelp')}
                      okText={t('deliveries.retry')}
                      cancelText={t('actions.cancel')}
                      onConfirm={() => retry([d.id])}
                    >
                      <Button size="small" loading={busy === d.id}>
                        {t('deliveries.retry')}
                      </Button>
                    </Popconfirm>
                  ),
                },
              ]
            : []),
        ]}
      />
      {deliveries.hasNextPage ? (
        <div className="dd-toolbar">
          <Button onClick={() => void deliveries.fetchNextPage()} loading={deliveries.isFetchingNextPage}>
            {t('deliveries.more')}
          </Button>
        </div>
      ) : null}
    </section>
  );
}
