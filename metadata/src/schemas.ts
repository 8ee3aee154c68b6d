import { readFileSync } from 'node:fs';
import type { MetadataKind } from './kinds.js';

const cache = new Map<MetadataKind, Record<string, unknown>>();

/**
 * The JSON Schema of a metadata kind (metadata/schemas/<kind>.schema.json). Read from disk rather than
 * imported so src/ and dist/ share one copy; both sit one level below the package root.
 */
export function metadataSchema(kind: MetadataKind): Record<string, unknown> {
  let schema = cache.get(kind);
  if (!schema) {
    schema = JSON.parse(
      readFileSync(new URL(`../schemas/${kind}.schema.json`, import.meta.url), 'utf8'),
    ) as Record<string, unknown>;
    cache.set(kind, schema);
  }
  return schema;
}
