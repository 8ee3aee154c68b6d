/**
 * The inbox's rows, virtualised against the window's scroll: thousands of tasks scroll as fast as ten,
 * the next page loads as the end comes near. A table for assistive technology (aria-rowcount and
 * aria-rowindex tell where a row is in the whole list), cards below 768 px.
 */
import { useWindowVirtualizer } from '@tanstack/react-virtual';
import { Progress, Tag } from 'antd';
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDate } from '@shared/datetime';
import { daysUntil, urgencyOf } from '../app/dates';
import { Link } from '../app/router';
import type { TaskSummary } from '../app/types';

export interface RowContext {
  unitName: (id: number) => string;
  stateLabel: (t: TaskSummary) => { label: string; color?: string };
  listedFields: { name: string; label: string; format: (v: unknown) => string }[];
}

function useNarrow(): boolean {
  const query = '(max-width: 767px)';
  const [narrow, setNarrow] = useState(() => window.matchMedia(query).matches);
  useEffect(() => {
    const m = window.matchMedia(query);
    const on = () => setNarrow(m.matches);
    m.addEventListener('change', on);
    return () => m.removeEventListener('change', on);
  }, []);
  return narrow;
}

export function DueCell({ task }: { task: { dueDate: string | null; stateCategory: string } }) {
  const { t } = useTranslation();
  if (!task.dueDate) return <span className="dd-secondary">{t('task.noDeadline')}</span>;
  const urgency = urgencyOf(task);
  const d = daysUntil(task.dueDate);
  return (
    <span className={urgency ? `dd-due dd-due-${urgency}` : 'dd-due'}>
      {formatDate(task.dueDate)}
      {urgency === 'overdue' ? (
        <span className="dd-due-note">{t('task.overdueBy', { count: -d })}</span>
      ) : null}
      {urgency === 'dueSoon' ? (
        <span className="dd-due-note">{d === 0 ? t('task.dueToday') : t('task.daysLeft', { count: d })}</span>
      ) : null}
    </span>
  );
}

function Row({
  task,
  ctx,
  narrow,
  index,
}: {
  task: TaskSummary;
  ctx: RowContext;
  narrow: boolean;
  index: number;
}) {
  const urgency = urgencyOf(task);
  const state = ctx.stateLabel(task);
  const fields = ctx.listedFields
    .map((f) => ({ f, v: task.data?.[f.name] }))
    .filter(({ v }) => v !== undefined && v !== null && v !== '');
  const title = (
    <Link to={`/tasks/${task.id}`} className="dd-task-title">
      {task.title}
    </Link>
  );
  if (narrow)
    return (
      <div role="row" aria-rowindex={index} className={`dd-card-row${urgency ? ` dd-row-${urgency}` : ''}`}>
        <div role="cell" className="dd-card-cell">
          <div className="dd-card-top">
            <span className="dd-task-code">{task.code}</span>
            <Tag color={state.color}>{state.label}</Tag>
          </div>
          {title}
          <div className="dd-card-meta">
            <span className="dd-secondary dd-ellipsis">{ctx.unitName(task.leadUnitId)}</span>
            <DueCell task={task} />
          </div>
        </div>
      </div>
    );
  return (
    <div role="row" aria-rowindex={index} className={`dd-grid-row${urgency ? ` dd-row-${urgency}` : ''}`}>
      <span role="cell" className="dd-task-code">
        {task.code}
      </span>
      <span role="cell" className="dd-cell-title">
        {title}
        <span className="dd-secondary dd-ellipsis">
          {ctx.unitName(task.leadUnitId)}
          {fields.map(({ f, v }) => (
            <span key={f.name} className="dd-listed">
              {' · '}
              {f.label}: {f.format(v)}
            </span>
          ))}
        </span>
      </span>
      <span role="cell">
        <DueCell task={task} />
      </span>
      <span role="cell">
        <Tag color={state.color}>{state.label}</Tag>
      </span>
      <span role="cell">
        <Progress percent={task.progress} size="small" aria-label={`${task.progress}%`} />
      </span>
    </div>
  );
}

export function TaskRows({
  items,
  total,
  hasMore,
  loadMore,
  ctx,
  label,
}: {
  items: TaskSummary[];
  total: number;
  hasMore: boolean;
  loadMore: () => void;
  ctx: RowContext;
  label: string;
}) {
  const { t } = useTranslation();
  const narrow = useNarrow();
  const listRef = useRef<HTMLDivElement>(null);
  const [offset, setOffset] = useState(0);
  useLayoutEffect(() => {
    setOffset(listRef.current?.offsetTop ?? 0);
  }, [narrow]);
  const virtualizer = useWindowVirtualizer({
    count: items.length,
    estimateSize: () => (narrow ? 112 : 64),
    overscan: 10,
    scrollMargin: offset,
  });
  const virtualItems = virtualizer.getVirtualItems();
  const last = virtualItems.at(-1);
  useEffect(() => {
    if (last && hasMore && last.index >= items.length - 20) loadMore();
  }, [last, hasMore, items.length, loadMore]);

  return (
    <div role="table" aria-label={label} aria-rowcount={total + 1} className="dd-task-table" ref={listRef}>
      {!narrow ? (
        <div role="rowgroup">
          <div role="row" aria-rowindex={1} className="dd-grid-row dd-grid-head">
            <span role="columnheader">{t('task.code')}</span>
            <span role="columnheader">{t('task.title')}</span>
            <span role="columnheader">{t('task.dueDate')}</span>
            <span role="columnheader">{t('task.state')}</span>
            <span role="columnheader">{t('task.progress')}</span>
          </div>
        </div>
      ) : null}
      <div role="rowgroup" style={{ height: virtualizer.getTotalSize(), position: 'relative' }}>
        {virtualItems.map((v) => (
          <div
            key={items[v.index]!.id}
            data-index={v.index}
            ref={virtualizer.measureElement}
            role="presentation"
            className="dd-virtual-row"
            style={{ transform: `translateY(${v.start - virtualizer.options.scrollMargin}px)` }}
          >
            <Row task={items[v.index]!} ctx={ctx} narrow={narrow} index={v.index + 2} />
          </div>
        ))}
      </div>
    </div>
  );
}
