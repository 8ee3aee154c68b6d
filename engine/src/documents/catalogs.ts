// Document type, urgency and classification are values of editable catalogs (metadata kind `catalog`),
// checked against the catalogs as the document's pillar sees them.
import type { Catalog } from '@dondoc/metadata';
import type { ErrorDetail } from '../api/errors.js';
import type { Services } from '../services.js';

/** Body field → catalog key. */
export const DOCUMENT_CATALOGS = {
  type: 'loai-van-ban',
  urgency: 'do-khan',
  classification: 'do-mat',
} as const;

export type CatalogField = keyof typeof DOCUMENT_CATALOGS;

/**
 * Problems with the catalog values of `input`. A value must be an active item; an inactive one is
 * kept only when it is the document's current value (old data keeps retired entries).
 */
export async function catalogProblems(
  s: Services,
  pillar: string,
  input: Partial<Record<CatalogField, string | undefined>>,
  current: Partial<Record<CatalogField, string>> = {},
): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  for (const [field, key] of Object.entries(DOCUMENT_CATALOGS) as [CatalogField, string][]) {
    const value = input[field];
    if (value === undefined || value === current[field]) continue;
    const catalog = (await s.metadata.resolve('catalog', key, pillar))?.body as Catalog | undefined;
    if (!catalog) {
      problems.push({ path: `/${field}`, message: `Danh mục "${key}" chưa được cấu hình cho khối này` });
      continue;
    }
    const item = catalog.items.find((i) => i.value === value);
    if (!item || item.active === false)
      problems.push({ path: `/${field}`, message: `Giá trị "${value}" không có trong danh mục ${catalog.name}` });
  }
  return problems;
}
