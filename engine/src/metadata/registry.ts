// The metadata registry: drafts, validation, immutable numbered versions, pillar overrides.
import type { Knex } from 'knex';
import { validateMetadata, type MetadataKind, type ValidationIssue } from '@dondoc/metadata';
import type { AuditLog } from '../audit/log.js';
import type { Clock } from '../config/clock.js';
import { readJson, writeJson } from '../db/json.js';
import { isoTime, toDbTime } from '../db/time.js';
import { conflict, invalid, notFound } from '../api/errors.js';
import type { ChangeBus } from './bus.js';
import { checksumOf } from './canonical.js';
import type { MetadataSnapshot } from './snapshot.js';

export interface Author {
  id: number | null;
  username: string;
  ip?: string;
}

export interface StoredDoc {
  kind: string;
  key: string;
  pillar: string | null;
  version: number;
  status: 'draft' | 'published';
  body: any;
  checksum: string;
  author: string | null;
  createdAt: string | null;
}

/** Runs after a publish commits, e.g. to add generated columns for newly indexed form fields. */
export type PublishHook = (doc: StoredDoc) => Promise<void>;

const toApi = (r: any): StoredDoc => ({
  kind: r.kind,
  key: r.key,
  pillar: r.pillar || null,
  version: r.version,
  status: r.status,
  body: readJson(r.body),
  checksum: r.checksum,
  author: r.author ?? null,
  createdAt: isoTime(r.created_at),
});

export class MetadataRegistry {
  private hooks: PublishHook[] = [];

  constructor(
    private knex: Knex,
    readonly snapshot: MetadataSnapshot,
    private bus: ChangeBus,
    private audit: AuditLog,
    private clock: Clock,
  ) {
    bus.onChange((c) => {
      if (c.kind !== 'calendar') snapshot.invalidate(); // the calendar shares the bus, not the snapshot
    });
  }

  onPublish(hook: PublishHook): void {
    this.hooks.push(hook);
  }

  /** What the enabled plugins add (field types, report datasets), which metadata may name; set by the engine. */
  extensions: () => { fieldTypes: string[]; datasets: string[] } = () => ({ fieldTypes: [], datasets: [] });

  /** Validation context: references resolve within the pillar's view (its own documents or the defaults). */
  private context(trx: Knex, pillar: string, includeDrafts: boolean) {
    // The newest candidate in the pillar's view: its own scope before the platform default, a draft
    // (when drafts count) before the published versions.
    const newest = (kind: MetadataKind, key: string) => {
      const q = trx('metadata_documents').where({ kind, key }).whereIn('pillar', pillar ? [pillar, ''] : ['']);
      if (!includeDrafts) q.where('status', 'published');
      return q.orderByRaw("CASE WHEN pillar = '' THEN 1 ELSE 0 END").orderByRaw('CASE WHEN version = 0 THEN 0 ELSE 1 END').orderBy('version', 'desc').first('body');
    };
    return {
      pillar,
      extensions: this.extensions(),
      exists: async (kind: MetadataKind, key: string) => !!(await newest(kind, key)),
      get: async (kind: MetadataKind, key: string) => {
        const row = await newest(kind, key);
        return row ? readJson(row.body) : undefined;
      },
    };
  }

  async validate(kind: MetadataKind, body: unknown, pillar: string, includeDrafts = true): Promise<ValidationIssue[]> {
    return validateMetadata(kind, body, this.context(this.knex, pillar, includeDrafts));
  }

  /** Saves (creates or replaces) the draft of one document in one scope. Invalid drafts are refused. */
  async saveDraft(kind: MetadataKind, key: string, pillar: string, body: unknown, by: Author): Promise<StoredDoc> {
    return this.knex.transaction(async (trx) => {
      const issues = await validateMetadata(kind, body, this.context(trx, pillar, true));
      if (issues.length) throw invalid(issues, 'Metadata không hợp lệ');
      const row = {
        kind,
        key,
        pillar,
        version: 0,
        status: 'draft',
        body: writeJson(body),
        checksum: checksumOf(body),
        author_id: by.id,
        author: by.username,
        created_at: toDbTime(this.clock.now()),
      };
      await trx('metadata_documents').where({ kind, key, pillar, version: 0 }).delete();
      await trx('metadata_documents').insert(row);
      await this.audit.write(
        { action: 'metadata.save', actorId: by.id, actor: by.username, subjectType: kind, subjectId: key, pillar: pillar || null, ip: by.ip, detail: { checksum: row.checksum } },
        trx,
      );
      return toApi(row);
    });
  }

  /**
   * Publishes the scope's draft (or `body` when given) as the next immutable version. Re-validated
   * against published documents only, since drafts it referred to may not be published.
   */
  async publish(kind: MetadataKind, key: string, pillar: string, by: Author, body?: unknown): Promise<StoredDoc> {
    const [published] = await this.publishMany([{ kind, key, body }], pillar, by);
    return published!;
  }

  /**
   * Publishes several documents of one scope in ONE transaction (a bundle import): each is validated
   * against what is published plus the documents before it in the list, and the first invalid one (or any
   * failed write) rolls every one back. Publish hooks (generated columns: DDL, which MySQL cannot run
   * inside a transaction) run after the commit. `after` writes more rows (the audit entry of the import)
   * in the same transaction.
   */
  async publishMany(
    docs: { kind: MetadataKind; key: string; body?: unknown; /** Where issues point, e.g. /documents/4/body. */ at?: string }[],
    pillar: string,
    by: Author,
    after?: (trx: Knex.Transaction, published: StoredDoc[]) => Promise<void>,
  ): Promise<StoredDoc[]> {
    let published: StoredDoc[];
    try {
      published = await this.knex.transaction(async (trx) => {
        const out: StoredDoc[] = [];
        for (const [i, { kind, key, body, at: where }] of docs.entries()) {
          let content = body;
          if (content === undefined) {
            const draft = await trx('metadata_documents').where({ kind, key, pillar, version: 0 }).first();
            if (!draft) throw notFound('Không có bản nháp để xuất bản');
            content = readJson(draft.body);
          }
          const issues = await validateMetadata(kind, content, this.context(trx, pillar, false));
          if (issues.length) {
            // Within a list, say which document: /documents/{i}/body/... (CONTRACT.md pointers).
            const at = where ?? (docs.length > 1 ? `/documents/${i}/body` : '');
            throw invalid(
              issues.map((x) => ({ ...x, path: `${at}${x.path}` })),
              docs.length > 1 ? `Tài liệu thứ ${i + 1} (${kind}/${key}) không hợp lệ, chưa ghi gì` : 'Metadata không hợp lệ, không thể xuất bản',
            );
          }
          const last = await trx('metadata_documents').where({ kind, key, pillar }).max({ v: 'version' }).first();
          const version = Number(last?.v ?? 0) + 1;
          const row = {
            kind,
            key,
            pillar,
            version,
            status: 'published',
            body: writeJson(content),
            checksum: checksumOf(content),
            author_id: by.id,
            author: by.username,
            created_at: toDbTime(this.clock.now()),
          };
          await trx('metadata_documents').insert(row);
          await trx('metadata_documents').where({ kind, key, pillar, version: 0 }).delete();
          await this.audit.write(
            { action: 'metadata.publish', actorId: by.id, actor: by.username, subjectType: kind, subjectId: key, pillar: pillar || null, ip: by.ip, detail: { version, checksum: row.checksum } },
            trx,
          );
          out.push(toApi(row));
        }
        if (after) await after(trx, out);
        return out;
      });
    } catch (err: any) {
      // Two publishes racing for the same version number: the unique key lets exactly one win.
      if (/unique|duplicate/i.test(String(err?.message)) && !(err?.status >= 400)) throw conflict('Phiên bản vừa được xuất bản bởi người khác, vui lòng thử lại');
      throw err;
    }
    if (!published.length) return published;
    this.snapshot.invalidate();
    for (const doc of published) await this.bus.announce({ kind: doc.kind as MetadataKind, key: doc.key, pillar, version: doc.version });
    for (const doc of published) for (const hook of this.hooks) await hook(doc);
    return published;
  }

  async versions(kind: MetadataKind, key: string, pillar: string): Promise<StoredDoc[]> {
    const rows = await this.knex('metadata_documents').where({ kind, key, pillar }).orderBy('version', 'asc');
    return rows.map(toApi);
  }

  async get(kind: MetadataKind, key: string, pillar: string, version: number | 'draft', db: Knex = this.knex): Promise<StoredDoc | undefined> {
    const row = await db('metadata_documents')
      .where({ kind, key, pillar, version: version === 'draft' ? 0 : version })
      .first();
    return row ? toApi(row) : undefined;
  }

  /** The newest published document of the pillar's view (override, else platform default). */
  async resolve(kind: MetadataKind, key: string, pillar: string | null): Promise<StoredDoc | undefined> {
    await this.snapshot.ensureFresh();
    const d = this.snapshot.resolve(kind, key, pillar);
    return d && { ...d, pillar: d.pillar || null, status: 'published' };
  }

  /** Every document of a kind in the pillar's view, for lists. `scopeFilter` narrows by permission in SQL. */
  async list(kind: MetadataKind, pillar: string | null, scopeFilter: (qb: Knex.QueryBuilder) => Knex.QueryBuilder) {
    const rows = await scopeFilter(
      this.knex('metadata_documents')
        .where({ kind })
        .whereIn('pillar', pillar ? [pillar, ''] : [''])
        .groupBy('key', 'pillar', 'status')
        .select('key', 'pillar', 'status')
        .max({ version: 'version' })
        .max({ created_at: 'created_at' }),
    );
    await this.snapshot.ensureFresh();
    const byKey = new Map<string, any>();
    for (const r of rows) {
      const cur = byKey.get(r.key) ?? { kind, key: r.key, pillar: null, version: null, hasDraft: false, overrides: false, updatedAt: null };
      if (r.status === 'draft') {
        if (r.pillar === (pillar ?? '')) cur.hasDraft = true;
      } else if (r.pillar === (pillar ?? '') || cur.version === null) {
        cur.pillar = r.pillar || null;
        cur.version = Number(r.version);
        cur.overrides = !!r.pillar;
        const doc = this.snapshot.exact(kind, r.key, r.pillar);
        cur.name = doc?.body?.name ?? doc?.body?.title ?? r.key;
      }
      cur.updatedAt = isoTime(r.created_at) ?? cur.updatedAt;
      byKey.set(r.key, cur);
    }
    return [...byKey.values()].sort((a, b) => a.key.localeCompare(b.key));
  }
}
