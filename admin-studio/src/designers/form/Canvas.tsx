import { useDroppable } from '@dnd-kit/core';
import { SortableContext, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Empty, Space, Tag, Tooltip } from 'antd';
import { useTranslation } from 'react-i18next';
import type { ValidationIssue } from '../../metadata/types';
import { useKindLabel } from './kinds';
import { showIfOf, type Item } from './model';

interface RowProps {
  item: Item;
  index: number;
  count: number;
  selected: boolean;
  issues: ValidationIssue[];
  onSelect(): void;
  onMove(to: number): void;
  onRemove(): void;
}

function Row({ item, index, count, selected, issues, onSelect, onMove, onRemove }: RowProps) {
  const { t } = useTranslation();
  const kinds = useKindLabel();
  const { attributes, listeners, setNodeRef, transform, transition, isDragging } = useSortable({ id: item.id });
  const style = { transform: CSS.Transform.toString(transform), transition };
  const label = item.type === 'section' ? item.title : String(item.schema.title ?? item.name);
  return (
    <li
      ref={setNodeRef}
      style={style}
      className={`dd-canvas-item dd-canvas-${item.type}${selected ? ' is-selected' : ''}${isDragging ? ' is-dragging' : ''}${issues.length ? ' has-issues' : ''}`}
      data-name={item.type === 'field' ? item.name : undefined}
    >
      <span className="dd-drag-handle" {...attributes} {...listeners} aria-label={t('form.dragHandle', { label })} role="button" tabIndex={0}>
        ⠿
      </span>
      <button type="button" className="dd-canvas-select" onClick={onSelect} aria-pressed={selected}>
        <span className="dd-canvas-label">{label}</span>
        {item.type === 'field' ? (
          <span className="dd-canvas-meta">
            <code className="dd-code">{item.name}</code>
            <Tag>{kinds.label(item.kind)}</Tag>
            {item.required ? <Tag color="red">{t('form.props.required')}</Tag> : null}
            {item.options.indexed ? <Tag color="blue">{t('form.tags.indexed')}</Tag> : null}
            {item.options.catalog ? <Tag>{item.options.catalog}</Tag> : null}
            {showIfOf(item.ui) ? <Tag color="purple">{t('form.props.conditional')}</Tag> : null}
            {issues.length ? (
              <Tooltip title={issues.map((i) => i.message).join('; ')}>
                <Tag color="error">{t('form.issueCount', { count: issues.length })}</Tag>
              </Tooltip>
            ) : null}
          </span>
        ) : (
          <Tag color="geekblue">{t('form.kinds.section')}</Tag>
        )}
      </button>
      <Space size={2} className="dd-canvas-actions">
        <Button size="small" type="text" aria-label={t('form.moveUp', { label })} disabled={index === 0} onClick={() => onMove(index - 1)}>
          ↑
        </Button>
        <Button size="small" type="text" aria-label={t('form.moveDown', { label })} disabled={index === count - 1} onClick={() => onMove(index + 1)}>
          ↓
        </Button>
        <Button size="small" type="text" danger aria-label={t('form.remove', { label })} onClick={onRemove}>
          ✕
        </Button>
      </Space>
    </li>
  );
}

export function Canvas({
  items,
  selectedId,
  issuesOf,
  onSelect,
  onMove,
  onRemove,
}: {
  items: Item[];
  selectedId: string | null;
  issuesOf(item: Item): ValidationIssue[];
  onSelect(id: string): void;
  onMove(from: number, to: number): void;
  onRemove(id: string): void;
}) {
  const { t } = useTranslation();
  const { setNodeRef, isOver } = useDroppable({ id: 'canvas' });
  return (
    <section ref={setNodeRef} className={`dd-canvas${isOver ? ' is-over' : ''}`} aria-label={t('form.canvas')}>
      <h2 className="dd-section-title">{t('form.canvas')}</h2>
      {items.length === 0 ? <Empty description={t('form.emptyCanvas')} /> : null}
      <SortableContext items={items.map((i) => i.id)} strategy={verticalListSortingStrategy}>
        <ol className="dd-canvas-list">
          {items.map((item, i) => (
            <Row
              key={item.id}
              item={item}
              index={i}
              count={items.length}
              selected={item.id === selectedId}
              issues={issuesOf(item)}
              onSelect={() => onSelect(item.id)}
              onMove={(to) => onMove(i, to)}
              onRemove={() => onRemove(item.id)}
            />
          ))}
        </ol>
      </SortableContext>
    </section>
  );
}
