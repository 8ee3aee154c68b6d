import { DndContext, DragOverlay, KeyboardSensor, PointerSensor, closestCenter, useSensor, useSensors, type DragEndEvent, type DragStartEvent } from '@dnd-kit/core';
import { arrayMove, sortableKeyboardCoordinates } from '@dnd-kit/sortable';
import { Col, Input, Row, Tabs } from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Form } from '../../metadata/vocabulary';
import type { DesignerProps } from '../types';
import { Canvas } from './Canvas';
import { FormPreview } from './FormPreview';
import { useKindLabel } from './kinds';
import { fromForm, isPluginKind, nameFromLabel, newField, newId, newPluginField, pluginFormat, toForm, type Item, type PaletteEntry } from './model';
import { Palette } from './Palette';
import { PropertyPanel } from './PropertyPanel';

export default function FormDesigner({ body, onChange, issues, scope }: DesignerProps<Form>) {
  const { t } = useTranslation();
  const [items, setItems] = useState<Item[]>(() => fromForm(body));
  const emitted = useRef<Form>(body);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const [dragging, setDragging] = useState<string | null>(null);

  // Changes from outside (the JSON view, revert, a reload) rebuild the list; our own do not.
  useEffect(() => {
    if (body !== emitted.current) {
      emitted.current = body;
      setItems(fromForm(body));
    }
  }, [body]);

  const update = (next: Item[]) => {
    setItems(next);
    const form = toForm(next, body);
    emitted.current = form;
    onChange(form);
  };

  const taken = () => new Set(items.flatMap((i) => (i.type === 'field' ? [i.name] : [])));
  const kinds = useKindLabel();
  const create = (kind: PaletteEntry): Item => {
    if (kind === 'section') return { type: 'section', id: newId(), title: t('form.newSection') };
    const label = t('form.newFieldLabel', { kind: kinds.label(kind) });
    const name = nameFromLabel(label, taken());
    if (!isPluginKind(kind)) return newField(kind, name, label);
    return newPluginField(kinds.typeOf(kind) ?? { name: pluginFormat(kind), label: pluginFormat(kind), plugin: '' }, name, label);
  };
  const insert = (kind: PaletteEntry, at: number) => {
    const item = create(kind);
    const next = [...items];
    next.splice(at, 0, item);
    update(next);
    setSelectedId(item.id);
  };

  const sensors = useSensors(useSensor(PointerSensor, { activationConstraint: { distance: 5 } }), useSensor(KeyboardSensor, { coordinateGetter: sortableKeyboardCoordinates }));
  const onDragStart = (e: DragStartEvent) => setDragging(String(e.active.id));
  const onDragEnd = (e: DragEndEvent) => {
    setDragging(null);
    const palette = e.active.data.current?.palette as PaletteEntry | undefined;
    const overIndex = e.over ? items.findIndex((i) => i.id === e.over!.id) : -1;
    if (palette) {
      if (!e.over) return;
      insert(palette, overIndex >= 0 ? overIndex : items.length);
      return;
    }
    const from = items.findIndex((i) => i.id === e.active.id);
    if (from >= 0 && overIndex >= 0 && from !== overIndex) update(arrayMove(items, from, overIndex));
  };

  const issuesOf = (item: Item) =>
    item.type === 'field'
      ? issues.filter((i) => [`/schema/properties/${item.name}`, `/fields/${item.name}`, `/uiSchema/${item.name}`].some((p) => i.path === p || i.path.startsWith(`${p}/`)))
      : [];
  const selected = items.find((i) => i.id === selectedId);
  const form = useMemo(() => toForm(items, body), [items, body]);
  const formIssues = issues.filter((i) => !items.some((item) => issuesOf(item).includes(i)));

  return (
    <DndContext sensors={sensors} collisionDetection={closestCenter} onDragStart={onDragStart} onDragEnd={onDragEnd} onDragCancel={() => setDragging(null)}>
      <Row gutter={[16, 16]} className="dd-form-designer">
        <Col xs={24} md={6} xl={4}>
          <Palette onAdd={(kind) => insert(kind, items.length)} />
        </Col>
        <Col xs={24} md={18} xl={10}>
          <div className="dd-form-head">
            <label>
              {t('form.title')}
              <Input value={body.title} onChange={(e) => onChange({ ...form, title: e.target.value })} />
            </label>
            <label>
              {t('form.titleEn')}
              <Input value={body.titleEn ?? ''} onChange={(e) => onChange({ ...form, titleEn: e.target.value || undefined })} />
            </label>
          </div>
          <Canvas
            items={items}
            selectedId={selectedId}
            issuesOf={issuesOf}
            onSelect={setSelectedId}
            onMove={(from, to) => update(arrayMove(items, from, to))}
            onRemove={(id) => {
              update(items.filter((i) => i.id !== id));
              if (selectedId === id) setSelectedId(null);
            }}
          />
          {formIssues.length ? <p className="dd-secondary">{t('form.otherIssues', { count: formIssues.length })}</p> : null}
        </Col>
        <Col xs={24} xl={10}>
          <Tabs
            items={[
              {
                key: 'props',
                label: t('form.props.title'),
                children: <PropertyPanel item={selected} items={items} scope={scope} issues={selected ? issuesOf(selected) : []} onChange={(changed) => update(items.map((i) => (i.id === changed.id ? changed : i)))} />,
              },
              { key: 'preview', label: t('form.preview'), children: <FormPreview form={form} scope={scope} /> },
            ]}
          />
        </Col>
      </Row>
      <DragOverlay>{dragging?.startsWith('palette:') ? <div className="dd-drag-ghost">{kinds.label(dragging.slice(8) as PaletteEntry)}</div> : null}</DragOverlay>
    </DndContext>
  );
}
