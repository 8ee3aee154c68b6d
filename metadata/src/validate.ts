import type { MetadataContext } from './context.js';
import type { ValidationIssue } from './issues.js';
import type { MetadataKind } from './kinds.js';
import { validateMeaning } from './meaning.js';
import { validateStructure } from './structure.js';

/** Structure first; meaning only once the structure holds (its checks rely on the shape). */
export async function validateMetadata(
  kind: MetadataKind,
  body: unknown,
  ctx: MetadataContext,
): Promise<ValidationIssue[]> {
  const structural = validateStructure(kind, body);
  if (structural.length) return structural;
  return validateMeaning(kind, body, ctx);
}
