import { useDraggable } from '@dnd-kit/core';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { FIELD_KINDS, type PaletteKind } from './model';

const KINDS: PaletteKind[] = [...FIELD_KINDS, 'section'];

function PaletteItem({ kind, onAdd }: { kind: PaletteKind; onAdd(kind: PaletteKind): void }) {
  const { t } = useTranslation();
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({ id: `palette:${kind}`, data: { palette: kind } });
  return (
    <li>
      <Button
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        block
        className={`dd-palette-item${isDragging ? ' is-dragging' : ''}`}
        data-kind={kind}
        // A click adds at the end: the keyboard and screen-reader way in.
        onClick={() => onAdd(kind)}
        title={t(`form.kindHelp.${kind}`)}
      >
        {t(`form.kinds.${kind}`)}
      </Button>
    </li>
  );
}

/** Field types: drag one onto the form, or click it to add it at the end. */
export function Palette({ onAdd }: { onAdd(kind: PaletteKind): void }) {
  const { t } = useTranslation();
  return (
    <nav className="dd-palette" aria-label={t('form.palette')}>
      <h2 className="dd-section-title">{t('form.palette')}</h2>
      <ul>
        {KINDS.map((k) => (
          <PaletteItem key={k} kind={k} onAdd={onAdd} />
        ))}
      </ul>
    </nav>
  );
}
