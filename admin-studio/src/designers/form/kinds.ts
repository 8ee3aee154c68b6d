// The name of a field kind in the designer: a built-in kind's from the locale, a plugin's field type's
// from GET /api/integrations/extensions (in the UI language), or its format while that is unknown.
import { useTranslation } from 'react-i18next';
import { usePluginExtensions } from '../plugins';
import {
  isPluginKind,
  pluginFormat,
  pluginTypeName,
  type FieldKind,
  type PaletteEntry,
  type PluginFieldType,
} from './model';

export function useKindLabel(): {
  label(kind: FieldKind | PaletteEntry): string;
  typeOf(kind: FieldKind | PaletteEntry): PluginFieldType | undefined;
  fieldTypes: PluginFieldType[];
} {
  const { t, i18n } = useTranslation();
  const { fieldTypes } = usePluginExtensions();
  const typeOf = (kind: FieldKind | PaletteEntry) =>
    isPluginKind(kind) ? fieldTypes.find((ft) => ft.name === pluginFormat(kind)) : undefined;
  const label = (kind: FieldKind | PaletteEntry) => {
    if (!isPluginKind(kind)) return t(`form.kinds.${kind}`);
    const type = typeOf(kind);
    return type ? pluginTypeName(type, i18n.language) : pluginFormat(kind);
  };
  return { label, typeOf, fieldTypes };
}
