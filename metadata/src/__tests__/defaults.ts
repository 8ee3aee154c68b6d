// Test helpers: the default metadata of seeds/metadata and a context that resolves references among it.
import { readdirSync, readFileSync } from 'node:fs';
import type { MetadataContext } from '../context.js';
import { isMetadataKind, type MetadataKind } from '../kinds.js';

const root = new URL('../../../seeds/metadata/', import.meta.url);

export interface DefaultDoc {
  kind: MetadataKind;
  key: string;
  body: unknown;
}

export function loadDefaults(): DefaultDoc[] {
  const docs: DefaultDoc[] = [];
  for (const kind of readdirSync(root).sort()) {
    if (!isMetadataKind(kind)) continue;
    for (const file of readdirSync(new URL(`${kind}/`, root)).sort())
      if (file.endsWith('.json'))
        docs.push({
          kind,
          key: file.slice(0, -5),
          body: JSON.parse(readFileSync(new URL(`${kind}/${file}`, root), 'utf8')),
        });
  }
  return docs;
}

/** A fresh deep copy of one default document, to mutate in a test. */
export function defaultDoc<T = any>(kind: MetadataKind, key: string): T {
  const doc = loadDefaults().find((d) => d.kind === kind && d.key === key);
  if (!doc) throw new Error(`no default ${kind}/${key}`);
  return JSON.parse(JSON.stringify(doc.body)) as T;
}

/** Resolves among the defaults, plus `extra` documents; `withGet: false` drops the optional get. */
export function contextOf(extra: DefaultDoc[] = [], { withGet = true } = {}): MetadataContext {
  const docs = new Map([...loadDefaults(), ...extra].map((d) => [`${d.kind}/${d.key}`, d.body]));
  const exists = async (kind: MetadataKind, key: string) => docs.has(`${kind}/${key}`);
  if (!withGet) return { exists };
  return { exists, get: async (kind, key) => docs.get(`${kind}/${key}`) };
}

/** A context in which nothing exists. */
export const emptyContext: MetadataContext = { exists: async () => false, get: async () => undefined };

/** Issues as an English-speaking caller gets them ({path, message} with the English text). */
export function english(issues: { path: string; messageEn: string }[]): { path: string; message: string }[] {
  return issues.map((i) => ({ path: i.path, message: i.messageEn }));
}

/** Issues as the engine answers by default ({path, message} with the Vietnamese text). */
export function vietnamese(issues: { path: string; message: string }[]): { path: string; message: string }[] {
  return issues.map((i) => ({ path: i.path, message: i.message }));
}
