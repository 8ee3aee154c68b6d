import type { Catalog } from '../generated/index.js';
import { duplicates } from '../context.js';
import type { ValidationIssue } from '../issues.js';

export async function validateCatalogMeaning(body: Catalog): Promise<ValidationIssue[]> {
  return duplicates(
    body.items,
    (item) => item.value,
    (i) => ['items', i, 'value'],
  );
}
