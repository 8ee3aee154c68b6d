// Bundles: a pillar's metadata (or the platform defaults) as one JSON file, to move a configuration
// between environments. Import validates every document first — structure and meaning, references
// resolved against the bundle itself and the target's published documents — and writes nothing when
// anything is wrong; then it publishes the documents that differ, in dependency order, in one transaction.
import { isMetadataKind, METADATA_KINDS, validateMetadata, type MetadataContext, type MetadataKind, type ValidationIssue } from '@dondoc/metadata';
import { defineRoutes } from '../api/routes.js';
import { authorize } from '../api/authorize.js';
import { bodyValidator } from '../api/validate.js';
import { invalid, localizeDetails } from '../api/errors.js';
import { checksumOf } from '../metadata/canonical.js';
import type { Services } from '../services.js';
import { actor, KEY, scopeParam, type Ctx } from './shared.js';

export const BUNDLE_FORMAT = 'dondoc.metadata-bundle';

/** Referenced kinds before the kinds that refer to them, so each publish finds what it names. */
const ORDER: MetadataKind[] = ['catalog', 'role', 'form', 'workflow', 'reminderPolicy', 'report', 'taskType'];

export interface BundleDocument {
  kind: MetadataKind;
  key: string;
  version?: number;
  checksum?: string;
  body: Record<string, unknown>;
}

export interface Bundle {
  format: typeof BUNDLE_FORMAT;
  formatVersion: 1;
  pillar: string | null;
  exportedAt?: string;
  documents: BundleDocument[];
}

const parseBundle = bodyValidator<Bundle>({
  type: 'object',
  required: ['format', 'formatVersion', 'pillar', 'documents'],
  properties: {
    format: { const: BUNDLE_FORMAT },
    formatVersion: { const: 1 },
    pillar: { type: ['string', 'null'] },
    exportedAt: { type: 'string' },
    documents: {
      type: 'array',
      maxItems: 1000,
      items: {
        type: 'object',
        required: ['kind', 'key', 'body'],
        properties: {
          kind: { enum: [...METADATA_KINDS] },
          key: { type: 'string', pattern: KEY.source },
          version: { type: 'integer' },
          checksum: { type: 'string' },
          body: { type: 'object' },
        },
      },
    },
  },
});

/** The newest published version of every document of one scope. */
export async function exportBundle(s: Services, scope: string, exportedAt: Date): Promise<Bundle> {
  await s.metadata.snapshot.ensureFresh();
  const documents: BundleDocument[] = [];
  for (const kind of ORDER)
    for (const key of s.metadata.snapshot.keys(kind)) {
      const d = s.metadata.snapshot.exact(kind, key, scope);
      if (d) documents.push({ kind, key, version: d.version, checksum: d.checksum, body: d.body });
    }
  return { format: BUNDLE_FORMAT, formatVersion: 1, pillar: scope || null, exportedAt: exportedAt.toISOString(), documents };
}

export interface BundleCheck {
  issues: ValidationIssue[];
  changes: { kind: MetadataKind; key: string; status: 'new' | 'changed' | 'unchanged'; currentVersion: number | null }[];
}

/** Validates every document as it would be published into `scope`, and says what would change. */
export async function checkBundle(s: Services, bundle: Bundle, scope: string): Promise<BundleCheck> {
  await s.metadata.snapshot.ensureFresh();
  const inBundle = new Map(bundle.documents.map((d) => [`${d.kind}/${d.key}`, d.body]));
  const ctx: MetadataContext = {
    extensions: s.plugins.extensions(),
    exists: async (kind, key) => inBundle.has(`${kind}/${key}`) || !!s.metadata.snapshot.resolve(kind, key, scope || null),
    get: async (kind, key) => inBundle.get(`${kind}/${key}`) ?? s.metadata.snapshot.resolve(kind, key, scope || null)?.body,
  };
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  const changes: BundleCheck['changes'] = [];
  for (const [i, d] of bundle.documents.entries()) {
    const id = `${d.kind}/${d.key}`;
    if (seen.has(id))
      issues.push({ path: `/documents/${i}/key`, message: `"${id}" xuất hiện nhiều lần trong gói`, messageEn: `"${id}" appears more than once` });
    seen.add(id);
    if (d.checksum !== undefined && d.checksum !== checksumOf(d.body))
      issues.push({
        path: `/documents/${i}/checksum`,
        message: 'không khớp với nội dung: tệp đã bị sửa đổi',
        messageEn: 'does not match the body: the file was altered',
      });
    for (const issue of await validateMetadata(d.kind, d.body, ctx)) issues.push({ ...issue, path: `/documents/${i}/body${issue.path}` });
    const current = s.metadata.snapshot.exact(d.kind, d.key, scope);
    changes.push({
      kind: d.kind,
      key: d.key,
      status: !current ? 'new' : current.checksum === checksumOf(d.body) ? 'unchanged' : 'changed',
      currentVersion: current?.version ?? null,
    });
  }
  return { issues, changes };
}

async function targetScope(ctx: Ctx, s: Services, bundle: Bundle): Promise<string> {
  // ?pillar= imports into another scope than the one exported (e.g. a tested pillar's set into another).
  return scopeParam(ctx, s, ctx.query.pillar !== undefined ? ctx.query.pillar : (bundle.pillar ?? ''));
}

export const bundleRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/studio/bundles/export',
    summary: 'Export the newest published metadata of one scope (?pillar=, none for the platform defaults) as one JSON file',
    tags: ['studio'],
    action: 'read',
    subject: 'Metadata',
    async handler(ctx, s) {
      const scope = await scopeParam(ctx, s);
      const bundle = await exportBundle(s, scope, s.clock.now());
      bundle.documents = bundle.documents.filter((d) => ctx.state.ability!.can('read', { __type: 'Metadata', kind: d.kind, key: d.key, pillar: scope } as never));
      const day = bundle.exportedAt!.slice(0, 10);
      ctx.attachment(`dondoc-${scope || 'platform'}-${day}.json`);
      ctx.type = 'application/json';
      ctx.body = bundle;
    },
  },
  {
    method: 'post',
    path: '/api/studio/bundles/validate',
    summary: 'Validate a bundle against this environment without writing anything → {issues, changes}',
    tags: ['studio'],
    action: 'publish',
    subject: 'Metadata',
    async handler(ctx, s) {
      const bundle = parseBundle(ctx.request.body ?? {});
      const scope = await targetScope(ctx, s, bundle);
      const check = await checkBundle(s, bundle, scope);
      ctx.body = { pillar: scope || null, issues: localizeDetails(ctx, check.issues), changes: check.changes };
    },
  },
  {
    method: 'post',
    path: '/api/studio/bundles/import',
    summary: 'Import a bundle: validated whole first (422, nothing written), then every changed document is published',
    tags: ['studio'],
    action: 'publish',
    subject: 'Metadata',
    async handler(ctx, s) {
      const bundle = parseBundle(ctx.request.body ?? {});
      const scope = await targetScope(ctx, s, bundle);
      for (const d of bundle.documents) await authorize(ctx, s, 'publish', 'Metadata', { kind: d.kind, key: d.key, pillar: scope });
      const check = await checkBundle(s, bundle, scope);
      if (check.issues.length) throw invalid(check.issues, 'Gói cấu hình không hợp lệ, chưa ghi gì');
      const by = actor(ctx);
      const todo = bundle.documents
        .map((d, i) => ({ d, i, change: check.changes[i]! }))
        .filter((x) => x.change.status !== 'unchanged' && isMetadataKind(x.d.kind))
        .sort((a, b) => ORDER.indexOf(a.d.kind) - ORDER.indexOf(b.d.kind));
      // One transaction: every changed document and the audit entry, or nothing (a document found
      // invalid while writing, a lost race for a version number, a failed write roll all of it back).
      const docs = await s.metadata.publishMany(
        todo.map(({ d, i }) => ({ kind: d.kind, key: d.key, body: d.body, at: `/documents/${i}/body` })),
        scope,
        by,
        (trx, written) =>
          s.audit.write(
            { action: 'metadata.import', actorId: by.id, actor: by.username, subjectType: 'Metadata', subjectId: scope || 'platform', pillar: scope || null, ip: by.ip, detail: { published: written.map((w) => ({ kind: w.kind, key: w.key, version: w.version })), unchanged: bundle.documents.length - written.length } },
            trx,
          ),
      );
      const published = docs.map((w) => ({ kind: w.kind, key: w.key, version: w.version }));
      ctx.body = { pillar: scope || null, published, unchanged: bundle.documents.length - published.length };
    },
  },
]);
