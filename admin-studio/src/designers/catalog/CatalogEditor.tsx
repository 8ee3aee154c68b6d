import { DndContext, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent } from '@dnd-kit/core';
import { SortableContext, arrayMove, sortableKeyboardCoordinates, useSortable, verticalListSortingStrategy } from '@dnd-kit/sortable';
import { CSS } from '@dnd-kit/utilities';
import { Button, Checkbox, Input } from 'antd';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Catalog, CatalogItem } from '../../metadata/vocabulary';
import type { DesignerProps } from '../types';
import { issuesAt } from '../types';
import { kebabFromLabel } from '../slug';

function ItemRow({ id, item, index, issues, onChange, onRemove }: { id: string; item: CatalogItem; index: number; issues: string[]; onChange(i: CatalogItem): void; onRemove(): void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, transform, transition } = useSortable({ id });
  return (
    <tr ref={setNodeRef} style={{ transform: CSS.Transform.toString(transform), transition }} className={issues.length ? 'dd-row-issue' : undefined} title={issues.join('\n') || undefined}>
      <td>
        <span className="dd-drag-handle" {...attributes} {...listeners} role="button" tabIndex={0} aria-label={t('catalog.drag', { label: item.label })}>
          ⠿
        </span>
      </td>
      <td>
        <Input aria-label={t('catalog.label')} value={item.label} onChange={(e) => onChange({ ...item, label: e.target.value })} />
      </td>
      <td>
        <Input aria-label={t('catalog.value')} className="dd-code" value={item.value} onChange={(e) => onChange({ ...item, value: e.target.value })} />
      </td>
      <td>
        <Input aria-label={t('catalog.labelEn')} value={item.labelEn ?? ''} onChange={(e) => onChange({ ...item, labelEn: e.target.value || undefined })} />
      </td>
      <td>
        <Input aria-label={t('catalog.abbreviation')} value={item.abbreviation ?? ''} style={{ width: 80 }} onChange={(e) => onChange({ ...item, abbreviation: e.target.value || undefined })} />
      </td>
      <td>
        <Checkbox aria-label={t('catalog.active')} checked={item.active !== false} onChange={(e) => onChange({ ...item, active: e.target.checked ? undefined : false })} />
      </td>
      <td>
        <Button size="small" type="text" danger onClick={onRemove} aria-label={t('actions.delete')}>
          ✕
        </Button>
        <span className="dd-visually-hidden">{index + 1}</span>
      </td>
    </tr>
  );
}

/** A catalog's items in order: drag to reorder (order follows the list), edit in place. */
export default function CatalogEditor({ body, onChange, issues }: DesignerProps<Catalog>) {
  const { t } = useTranslation();
  const ids = useMemo(() => body.items.map((_, i) => `item-${i}`), [body.items]);
  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const setItems = (items: CatalogItem[]) => onChange({ ...body, items: items.map((it, i) => (it.order !== undefined ? { ...it, order: i + 1 } : it)) });
  const onDragEnd = (e: DragEndEvent) => {
    const from = ids.indexOf(String(e.active.id));
    const to = e.over ? ids.indexOf(String(e.over.id)) : -1;
    if (from >= 0 && to >= 0 && from !== to) setItems(arrayMove(body.items, from, to));
  };
  return (
    <div className="dd-catalog-editor">
      <div className="dd-form-head">
        <label>
          {t('catalog.name')}
          <Input value={body.name} onChange={(e) => onChange({ ...body, name: e.target.value })} />
        </label>
        <label>
          {t('catalog.nameEn')}
          <Input value={body.nameEn ?? ''} onChange={(e) => onChange({ ...body, nameEn: e.target.value || undefined })} />
        </label>
      </div>
      <label className="dd-block">
        {t('catalog.description')}
        <Input.TextArea rows={2} value={body.description ?? ''} onChange={(e) => onChange({ ...body, description: e.target.value || undefined })} />
      </label>
      <DndContext sensors={sensors} collisionDetection={closestCenter} onDragEnd={onDragEnd}>
        <table className="dd-catalog-table">
          <thead>
            <tr>
              <th aria-label={t('catalog.order')} />
              <th>{t('catalog.label')}</th>
              <th>{t('catalog.value')}</th>
              <th>{t('catalog.labelEn')}</th>
              <th>{t('catalog.abbreviation')}</th>
              <th>{t('catalog.active')}</th>
              <th />
            </tr>
          </thead>
          <SortableContext items={ids} strategy={verticalListSortingStrategy}>
            <tbody>
              {body.items.map((item, i) => (
                <ItemRow
                  key={ids[i]}
                  id={ids[i]!}
                  item={item}
                  index={i}
                  issues={issuesAt(issues, `/items/${i}`).map((x) => x.message)}
                  onChange={(next) => setItems(body.items.map((x, j) => (j === i ? next : x)))}
                  onRemove={() => setItems(body.items.filter((_, j) => j !== i))}
                />
              ))}
            </tbody>
          </SortableContext>
        </table>
      </DndContext>
      <Button
        className="dd-add-row"
        onClick={() => {
          const label = t('catalog.newItem');
          const taken = new Set(body.items.map((x) => x.value));
          let value = kebabFromLabel(label);
          for (let n = 2; taken.has(value); n++) value = `${kebabFromLabel(label)}-${n}`;
          setItems([...body.items, { value, label }]);
        }}
      >
        {t('catalog.addItem')}
      </Button>
    </div>
  );
}
