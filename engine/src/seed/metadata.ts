// Publishes the platform's default metadata (seeds/metadata/<kind>/<key>.json) as version 1 when no
// version of it exists yet. Later versions are the administrators' and are never overwritten.
import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import type { Knex } from 'knex';
import { isMetadataKind } from '@dondoc/metadata';
import type { Clock } from '../config/clock.js';
import { toDbTime } from '../db/time.js';
import { writeJson } from '../db/json.js';
import { checksumOf } from '../metadata/canonical.js';

export function defaultMetadataDir(): string {
  const require = createRequire(import.meta.url);
  return path.join(path.dirname(require.resolve('@dondoc/seeds/package.json')), 'metadata');
}

export function readDefaultMetadata(): Array<{ kind: string; key: string; body: unknown }> {
  const dir = defaultMetadataDir();
  const out: Array<{ kind: string; key: string; body: unknown }> = [];
  if (!fs.existsSync(dir)) return out;
  for (const kind of fs.readdirSync(dir).sort()) {
    if (!isMetadataKind(kind)) continue;
    for (const file of fs.readdirSync(path.join(dir, kind)).sort())
      if (file.endsWith('.json'))
        out.push({ kind, key: file.slice(0, -5), body: JSON.parse(fs.readFileSync(path.join(dir, kind, file), 'utf8')) });
  }
  return out;
}

export async function seedDefaultMetadata(trx: Knex, clock: Clock): Promise<void> {
  for (const d of readDefaultMetadata()) {
    const exists = await trx('metadata_documents').where({ kind: d.kind, key: d.key, pillar: '' }).first('id');
    if (exists) continue;
    await trx('metadata_documents').insert({
      kind: d.kind,
      key: d.key,
      pillar: '',
      version: 1,
      status: 'published',
      body: writeJson(d.body),
      checksum: checksumOf(d.body),
      author_id: null,
      author: 'seed',
      created_at: toDbTime(clock.now()),
    });
  }
}
