/**
 * The live bell: Server-Sent Events from /api/notifications/stream (the cookie session authenticates an
 * EventSource as is), `unread` events set the badge, `notification` events add to the list and refresh
 * the task lists. EventSource reconnects by itself (Last-Event-ID: nothing is missed).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { Badge, Button, Empty, Popover } from 'antd';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDateTime } from '@shared/datetime';
import { navigate } from '../app/router';
import type { NotificationItem } from '../app/types';

interface NotificationList {
  items: NotificationItem[];
  unread: number;
}

const KEY = ['notifications'] as const;

function BellIcon() {
  return (
    <svg width="20" height="20" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
      <path
        fill="currentColor"
        d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1l-2-2Z"
      />
    </svg>
  );
}

export function NotificationBell() {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const [live, setLive] = useState<number | null>(null);
  const list = useQuery({
    queryKey: KEY,
    queryFn: ({ signal }) => api<NotificationList>('/api/notifications', { signal, query: { limit: 20 } }),
    staleTime: 60_000,
  });

  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/notifications/stream');
    source.addEventListener('unread', (e) => {
      try {
        setLive((JSON.parse((e as MessageEvent<string>).data) as { unread: number }).unread);
      } catch {
        // a malformed event: ignore
      }
    });
    source.addEventListener('notification', (e) => {
      try {
        const n = JSON.parse((e as MessageEvent<string>).data) as NotificationItem;
        queryClient.setQueryData<NotificationList>(KEY, (cur) =>
          cur ? { ...cur, items: [n, ...cur.items.filter((x) => x.id !== n.id)].slice(0, 50) } : cur,
        );
        void queryClient.invalidateQueries({ queryKey: ['tasks'] });
      } catch {
        // ignore
      }
    });
    return () => source.close();
  }, [queryClient]);

  const unread = live ?? list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const openItem = async (n: NotificationItem) => {
    setOpen(false);
    if (!n.readAt) {
      const r = await api<{ unread: number }>(`/api/notifications/${n.id}/read`, { method: 'POST' }).catch(
        () => null,
      );
      if (r) setLive(r.unread);
      void queryClient.invalidateQueries({ queryKey: KEY });
    }
    if (n.taskId) navigate(`/tasks/${n.taskId}`);
  };

  const content = (
    <div className="dd-notifications" role="region" aria-label={t('notifications.title')}>
      <div className="dd-notifications-head">
        <strong>{t('notifications.title')}</strong>
        <Button
          size="small"
          type="link"
          disabled={!unread}
          onClick={async () => {
            const r = await api<{ unread: number }>('/api/notifications/read-all', { method: 'POST' }).catch(
              () => null,
            );
            if (r) setLive(r.unread);
            void queryClient.invalidateQueries({ queryKey: KEY });
          }}
        >
          {t('notifications.markAll')}
        </Button>
      </div>
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('notifications.empty')} />
      ) : (
        <ul className="dd-notification-list">
          {items.map((n) => (
            <li key={n.id}>
              <button
                type="button"
                className={n.readAt ? 'dd-notification' : 'dd-notification dd-unread'}
                onClick={() => void openItem(n)}
              >
                <span className="dd-notification-title">{n.title}</span>
                {n.body ? <span className="dd-secondary dd-notification-body">{n.body}</span> : null}
                <span className="dd-secondary dd-notification-time">{formatDateTime(n.createdAt)}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );

  return (
    <Popover content={content} trigger="click" open={open} onOpenChange={setOpen} placement="bottomRight">
      <Button
        type="text"
        className="dd-bell"
        aria-label={t('notifications.bell', { count: unread })}
        data-testid="notification-bell"
        icon={
          <Badge count={unread} size="small" overflowCount={99}>
            <BellIcon />
          </Badge>
        }
      />
    </Popover>
  );
}
