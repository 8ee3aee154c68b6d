// In-memory snapshot of the newest published version of every metadata document, per scope. Compiled
// artefacts (validators, abilities) are cached against `generation`, which moves whenever any instance
// publishes, so nothing is rebuilt per request and nothing stale outlives a publish.
import type { Knex } from 'knex';
import { readJson } from '../db/json.js';
import { isoTime } from '../db/time.js';

export interface PublishedDoc {
  kind: string;
  key: string;
  /** '' = platform default */
  pillar: string;
  version: number;
  body: any;
  checksum: string;
  author: string | null;
  createdAt: string | null;
}

export class MetadataSnapshot {
  private docs = new Map<string, Map<string, PublishedDoc>>(); // "kind/key" → pillar → doc
  private loading: Promise<void> | null = null;
  private wanted = 1;
  private loaded = 0;
  generation = 0;

  constructor(private knex: Knex) {}

  invalidate(): void {
    this.wanted++;
  }

  async ensureFresh(): Promise<void> {
    while (this.loaded !== this.wanted) {
      if (!this.loading) {
        const target = this.wanted;
        this.loading = this.load()
          .then((docs) => {
            this.docs = docs;
            this.loaded = target;
            this.generation++;
          })
          .finally(() => {
            this.loading = null;
          });
      }
      await this.loading;
    }
  }

  private async load(): Promise<Map<string, Map<string, PublishedDoc>>> {
    const latest = this.knex('metadata_documents')
      .where('status', 'published')
      .groupBy('kind', 'key', 'pillar')
      .select('kind', 'key', 'pillar')
      .max({ version: 'version' })
      .as('l');
    const rows = await this.knex('metadata_documents as m')
      .join(latest, function () {
        this.on('m.kind', 'l.kind').andOn('m.key', 'l.key').andOn('m.pillar', 'l.pillar').andOn('m.version', 'l.version');
      })
      .select('m.kind', 'm.key', 'm.pillar', 'm.version', 'm.body', 'm.checksum', 'm.author', 'm.created_at');
    const docs = new Map<string, Map<string, PublishedDoc>>();
    for (const r of rows) {
      const id = `${r.kind}/${r.key}`;
      if (!docs.has(id)) docs.set(id, new Map());
      docs.get(id)!.set(r.pillar, {
        kind: r.kind,
        key: r.key,
        pillar: r.pillar,
        version: r.version,
        body: readJson(r.body),
        checksum: r.checksum,
        author: r.author ?? null,
        createdAt: isoTime(r.created_at),
      });
    }
    return docs;
  }

  /** The document as a pillar sees it: its own override if any, else the platform default. */
  resolve(kind: string, key: string, pillar: string | null | undefined): PublishedDoc | undefined {
    const scopes = this.docs.get(`${kind}/${key}`);
    if (!scopes) return undefined;
    return (pillar ? scopes.get(pillar) : undefined) ?? scopes.get('');
  }

  /** Exactly one scope, without falling back. */
  exact(kind: string, key: string, pillar: string): PublishedDoc | undefined {
    return this.docs.get(`${kind}/${key}`)?.get(pillar);
  }

  keys(kind: string): string[] {
    const out: string[] = [];
    for (const id of this.docs.keys()) if (id.startsWith(`${kind}/`)) out.push(id.slice(kind.length + 1));
    return out.sort();
  }
}
