/** The task's history as a timeline (antd Timeline), optionally with its sub-tasks' events. */
import { useQuery } from '@tanstack/react-query';
import { Switch, Timeline } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '@shared/api';
import { formatDateTime } from '@shared/datetime';
import { ErrorAlert } from '@shared/errors';
import { Loading } from '@shared/Loading';
import type { HistoryEvent } from '../app/types';
import { AttachmentById } from './attachments';

function show(v: unknown): string {
  if (v === null || v === undefined || v === '') return '—';
  if (typeof v === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(v))
    return `${v.slice(8, 10)}/${v.slice(5, 7)}/${v.slice(0, 4)}`;
  if (typeof v === 'object') return JSON.stringify(v);
  return String(v);
}

export function History({
  taskId,
  hasChildren,
  stateLabel,
  transitionLabel,
  fieldLabel,
  hiddenFields,
}: {
  taskId: number;
  hasChildren: boolean;
  stateLabel: (key: string | null) => string;
  transitionLabel: (key: string | null, action: string) => string;
  fieldLabel: (name: string) => string;
  /** Fields the user may not read (form metadata `read` roles): their changes are not listed. */
  hiddenFields?: Set<string>;
}) {
  const { t } = useTranslation();
  const [withSubtasks, setWithSubtasks] = useState(false);
  const history = useQuery({
    queryKey: ['tasks', 'history', taskId, withSubtasks],
    queryFn: ({ signal }) =>
      api<{ items: HistoryEvent[] }>(`/api/tasks/${taskId}/history`, {
        signal,
        query: { subtasks: withSubtasks ? 'true' : undefined },
      }),
  });
  const items = [...(history.data?.items ?? [])].reverse();
  return (
    <div>
      {hasChildren ? (
        <label className="dd-switch-label">
          <Switch size="small" checked={withSubtasks} onChange={setWithSubtasks} />{' '}
          {t('history.withSubtasks')}
        </label>
      ) : null}
      {history.isPending ? <Loading /> : null}
      {history.isError ? <ErrorAlert error={history.error} onRetry={() => void history.refetch()} /> : null}
      <Timeline
        className="dd-timeline"
        items={items.map((e) => ({
          key: e.id,
          color: e.action === 'create' ? 'blue' : e.toState && e.fromState !== e.toState ? 'green' : 'gray',
          content: (
            <article className="dd-event" aria-label={transitionLabel(e.transition, e.action)}>
              <div className="dd-event-head">
                <strong>{transitionLabel(e.transition, e.action)}</strong>
                {e.taskId !== taskId ? <span className="dd-task-code"> · {e.taskCode}</span> : null}
                <span className="dd-secondary"> · {formatDateTime(e.at)}</span>
              </div>
              <div className="dd-secondary">
                {e.actor?.fullName ?? t('history.system')}
                {e.position?.title ? `, ${e.position.title}` : ''}
                {e.unit ? ` — ${e.unit.name}` : ''}
              </div>
              {e.fromState && e.toState && e.fromState !== e.toState ? (
                <div>
                  {stateLabel(e.fromState)} → {stateLabel(e.toState)}
                </div>
              ) : null}
              {e.note ? <blockquote className="dd-event-note">{e.note}</blockquote> : null}
              {e.changes &&
              e.action !== 'create' &&
              Object.keys(e.changes).some((k) => !hiddenFields?.has(k)) ? (
                <ul className="dd-event-changes">
                  {Object.entries(e.changes)
                    .filter(([k]) => !hiddenFields?.has(k))
                    .map(([k, [a, b]]) => (
                      <li key={k}>
                        {fieldLabel(k)}: {show(a)} → {show(b)}
                      </li>
                    ))}
                </ul>
              ) : null}
              {e.attachments.length ? (
                <ul className="dd-event-files" aria-label={t('attachments.title')}>
                  {e.attachments.map((id) => (
                    <li key={id}>
                      <AttachmentById id={id} />
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          ),
        }))}
      />
    </div>
  );
}
