import { useDraggable } from '@dnd-kit/core';
import { Button } from 'antd';
import { useTranslation } from 'react-i18next';
import { useKindLabel } from './kinds';
import { FIELD_KINDS, pluginKind, type PaletteEntry, type PaletteKind } from './model';

const KINDS: PaletteKind[] = [...FIELD_KINDS, 'section'];

function PaletteItem({
  kind,
  label,
  hint,
  plugin,
  onAdd,
}: {
  kind: PaletteEntry;
  label: string;
  hint: string;
  plugin?: string;
  onAdd(kind: PaletteEntry): void;
}) {
  const { attributes, listeners, setNodeRef, isDragging } = useDraggable({
    id: `palette:${kind}`,
    data: { palette: kind },
  });
  return (
    <li>
      <Button
        ref={setNodeRef}
        {...attributes}
        {...listeners}
        block
        className={`dd-palette-item${plugin ? ' dd-palette-item-plugin' : ''}${isDragging ? ' is-dragging' : ''}`}
        data-kind={kind}
        // A click adds at the end: the keyboard and screen-reader way in.
        onClick={() => onAdd(kind)}
        title={hint}
      >
        <span className="dd-palette-label">{label}</span>
        {plugin ? <span className="dd-palette-plugin">{plugin}</span> : null}
      </Button>
    </li>
  );
}

/** Field types: drag one onto the form, or click it to add it at the end. Plugins' field types follow the built-in ones. */
export function Palette({ onAdd }: { onAdd(kind: PaletteEntry): void }) {
  const { t, i18n } = useTranslation();
  const { label, fieldTypes } = useKindLabel();
  const en = i18n.language.startsWith('en');
  return (
    <nav className="dd-palette" aria-label={t('form.palette')}>
      <h2 className="dd-section-title">{t('form.palette')}</h2>
      <ul>
        {KINDS.map((k) => (
          <PaletteItem key={k} kind={k} label={label(k)} hint={t(`form.kindHelp.${k}`)} onAdd={onAdd} />
        ))}
      </ul>
      {fieldTypes.length ? (
        <>
          <h3 className="dd-palette-group">{t('extensions.paletteGroup')}</h3>
          <ul>
            {fieldTypes.map((ft) => (
              <PaletteItem
                key={ft.name}
                kind={pluginKind(ft.name)}
                label={label(pluginKind(ft.name))}
                plugin={ft.plugin}
                hint={t('extensions.fieldTypeHint', {
                  description: (en && ft.labelEn) || ft.description || ft.label,
                  plugin: ft.plugin,
                })}
                onAdd={onAdd}
              />
            ))}
          </ul>
        </>
      ) : null}
    </nav>
  );
}
