// One edXML message into the platform: a new directive document with its attachments and draft tasks
// for the addressed units (matched by organisation code), or — by DocumentId — nothing new for a
// message already taken in, an update, a replacement or a revocation of the document it names.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Acting, ErrorDetail, ImportedDocumentInput, PluginApi } from '@dondoc/engine/plugins';
import { parseEdxml, type EdxmlMessage } from './parse.js';
import { statusMessages, type StatusSettings } from './outbound.js';

export type Outcome = 'created' | 'duplicate' | 'updated' | 'replaced' | 'revoked';

export interface ImportResult {
  outcome: Outcome;
  documentId: number;
  taskIds: number[];
  warnings: string[];
  unmatchedRecipients: string[];
}

export class EdxmlRejected extends Error {
  constructor(
    readonly reason: string,
    readonly details: ErrorDetail[],
    readonly externalId: string | null,
    readonly sender: { organId: string | null; organName: string | null } | null,
  ) {
    super(reason);
  }
}

/** Priority 0..4 → the do-khan catalog (thường, khẩn, thượng khẩn, hỏa tốc; 4 hỏa tốc hẹn giờ). */
const URGENCY = ['thuong', 'khan', 'thuong-khan', 'hoa-toc', 'hoa-toc'];

export interface ImportOptions {
  acting: Acting;
  /** Whose draft tasks they are (EDXML_ASSIGNER, the leader who assigns them); default the importer. */
  draftsAs?: Acting;
  importId: number | null;
  taskType: string;
  status: StatusSettings | null;
}

export async function importMessage(api: PluginApi, bytes: Buffer, opts: ImportOptions): Promise<ImportResult> {
  const parsed = parseEdxml(bytes);
  if (!parsed.ok) throw new EdxmlRejected(parsed.reason, parsed.problems, parsed.documentId, parsed.sender);
  const m = parsed.message;
  const sha256 = crypto.createHash('sha256').update(bytes).digest('hex');
  const g = api.gateway;
  const knex = api.services.knex;
  const existing = await g.documentByExternalId(m.documentId);

  // The very same message again (any business type): nothing new.
  if (existing && (await knex('edxml_messages').where({ document_id: existing.id, sha256 }).first('id')))
    return { outcome: 'duplicate', documentId: Number(existing.id), taskIds: [], warnings: [], unmatchedRecipients: [] };

  const units = await g.unitsByCode(m.to.map((t) => t.organId ?? '').filter(Boolean));
  const unmatchedRecipients = m.to.filter((t) => !t.organId || !units.has(t.organId)).map((t) => `${t.organId ?? '?'} ${t.organName ?? ''}`.trim());
  const record = (trx: Knex, documentId: number) =>
    trx('edxml_messages').insert({
      document_id: documentId,
      external_id: m.documentId,
      business_type: m.businessType,
      sender_code: m.from?.organId ?? null,
      sender_name: m.from?.organName ?? null,
      code_number: m.codeNumber,
      code_notation: m.codeNotation,
      promulgation_date: m.promulgationDate,
      sha256,
      import_id: opts.importId,
      received_at: api.services.clock.now().toISOString().slice(0, 23).replace('T', ' '),
    });
  const status = (trx: Knex, documentId: number, code: string) => (opts.status ? api.send(trx, statusMessages(opts.status, m, documentId, code, api.services.clock.now())) : Promise.resolve(0));

  if (m.businessType === 1) {
    if (!existing) throw new EdxmlRejected('Văn bản cần thu hồi chưa có trong hệ thống', [{ path: m.documentIdPath, message: `Không có văn bản "${m.documentId}" để thu hồi` }], m.documentId, m.from);
    if (existing.status === 'revoked') return { outcome: 'duplicate', documentId: Number(existing.id), taskIds: [], warnings: [], unmatchedRecipients: [] };
    await g.updateDocument(opts.acting, Number(existing.id), { status: 'revoked' }, {
      extra: async (trx) => {
        await record(trx, Number(existing.id));
        await status(trx, Number(existing.id), '13');
      },
    });
    return { outcome: 'revoked', documentId: Number(existing.id), taskIds: [], warnings: [], unmatchedRecipients };
  }

  const input = documentInput(m, units);
  // ResponseFor: earlier documents it answers, linked by their DocumentId when they are here.
  const earlier = new Map<string, number>();
  const refs = m.responseFor.map((r) => r.documentId).filter((x): x is string => !!x);
  if (refs.length) for (const d of await knex('documents').whereIn('external_id', refs).select('id', 'external_id')) earlier.set(d.external_id, Number(d.id));
  input.responseFor = input.responseFor.map((r) => (typeof r.externalId === 'string' && earlier.has(r.externalId) ? { documentId: earlier.get(r.externalId), ...r } : r));
  // Documents a replace message replaces (other DocumentIds) become "replaced".
  const replaced = m.businessType === 3 ? (await knex('documents').whereIn('external_id', m.replaces.filter((id) => id !== m.documentId)).select('id', 'external_id')) : [];
  const markReplaced = async (trx: Knex) => {
    if (replaced.length) await trx('documents').whereIn('id', replaced.map((r: any) => r.id)).update({ status: 'replaced' });
  };
  if (replaced.length) input.responseFor = [...input.responseFor, ...replaced.map((r: any) => ({ documentId: Number(r.id), externalId: r.external_id }))];

  if (existing && m.businessType === 0) return { outcome: 'duplicate', documentId: Number(existing.id), taskIds: [], warnings: [], unmatchedRecipients };
  if (existing) {
    await g.updateDocument(opts.acting, Number(existing.id), { ...input, status: 'active' }, {
      extra: async (trx) => {
        await record(trx, Number(existing.id));
        await markReplaced(trx);
      },
    });
    return { outcome: m.businessType === 3 ? 'replaced' : 'updated', documentId: Number(existing.id), taskIds: [], warnings: [], unmatchedRecipients };
  }
  // New (or an update/replacement of a document never received: taken as new).
  const senderUnit = m.from?.organId ?? null;
  const drafts = [...units.values()]
    .filter((u) => u.code !== senderUnit)
    .map((u) => ({ leadUnitId: u.id, title: (m.subject ?? m.documentId).slice(0, 500), content: m.content ?? m.subject ?? m.documentId, dueDate: m.dueDate }));
  try {
    const r = await g.createDocument(opts.acting, input, {
      drafts,
      taskType: opts.taskType,
      draft: true,
      draftsAs: opts.draftsAs,
      extra: async (trx, documentId) => {
        await record(trx, documentId);
        await markReplaced(trx);
        await status(trx, documentId, '03');
      },
    });
    return { outcome: 'created', documentId: r.documentId, taskIds: r.taskIds, warnings: r.warnings, unmatchedRecipients };
  } catch (err: any) {
    if (err?.constructor?.name === 'DuplicateExternalId') return { outcome: 'duplicate', documentId: Number(err.documentId), taskIds: [], warnings: [], unmatchedRecipients };
    throw err;
  }
}

function documentInput(m: EdxmlMessage, units: Map<string, { id: number; code: string; name: string }>): ImportedDocumentInput {
  return {
    externalId: m.documentId,
    number: m.codeNumber,
    notation: m.codeNotation,
    issuedDate: m.promulgationDate!,
    typeName: m.typeName,
    issuerName: (m.from?.organName ?? m.from?.organId ?? '').slice(0, 300),
    issuerCode: m.from?.organId ?? null,
    subject: m.subject ?? m.documentId,
    signerPosition: [m.signerCompetence, m.signerPosition].filter(Boolean).join(' ').slice(0, 200) || null,
    signerName: m.signerName,
    urgency: m.priority === null ? undefined : URGENCY[m.priority],
    dueDate: m.dueDate,
    recipients: m.to.map((t) => {
      const u = t.organId ? units.get(t.organId) : undefined;
      return { ...(u ? { unitId: u.id } : {}), ...(t.organId ? { code: t.organId } : {}), name: (t.organName ?? u?.name ?? t.organId ?? '').slice(0, 300) };
    }),
    responseFor: m.responseFor.map((r) => Object.fromEntries(Object.entries({ externalId: r.documentId, organId: r.organId, code: r.code, issuedDate: r.promulgationDate }).filter(([, v]) => v))),
    attachments: m.attachments.map((a) => ({ name: a.name, bytes: a.bytes, declaredType: a.contentType, path: a.path })),
  };
}
