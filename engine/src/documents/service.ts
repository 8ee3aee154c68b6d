// Directive documents: create and update, each in one transaction with its attachment links and an
// audit row. Routes authorise first (routes.ts); this checks meaning (catalogs, references) and writes.
import type { Knex } from 'knex';
import type { Catalog } from '@dondoc/metadata';
import { conflict, invalid, notFound, type ErrorDetail } from '../api/errors.js';
import { toDbTime } from '../db/time.js';
import type { Services } from '../services.js';
import { attachmentsOf, linkAttachments } from './attachments.js';
import { catalogProblems, DOCUMENT_CATALOGS } from './catalogs.js';
import { columnsOf, DOCUMENT_COLUMNS, toDocument, type DocumentApi } from './rows.js';
import type { DocumentInput } from './schema.js';

export interface Actor {
  id: number;
  username: string;
  ip?: string;
}

export interface OwningUnit {
  id: number;
  pillar: string;
  path: string;
}

/** One document row with its unit's name, or undefined. */
export async function findDocument(knex: Knex, id: number): Promise<any | undefined> {
  return knex('documents').leftJoin('units', 'units.id', 'documents.unit_id').where('documents.id', id).first(DOCUMENT_COLUMNS);
}

export async function getDocument(knex: Knex, id: number): Promise<DocumentApi> {
  const row = await findDocument(knex, id);
  if (!row) throw notFound('Không tìm thấy văn bản');
  return withAttachments(knex, row);
}

/** A row of findDocument() as the API shows it, with its attachments. */
export async function withAttachments(knex: Knex, row: any): Promise<DocumentApi> {
  const attachments = await attachmentsOf(knex, 'document', [Number(row.id)]);
  return toDocument(row, attachments.get(Number(row.id)));
}

/** Units and documents the body refers to must exist. */
async function referenceProblems(knex: Knex, input: DocumentInput): Promise<ErrorDetail[]> {
  const problems: ErrorDetail[] = [];
  const unitIds = [...new Set((input.recipients ?? []).flatMap((r) => (r.unitId ? [r.unitId] : [])))];
  if (unitIds.length) {
    const found = new Set((await knex('units').whereIn('id', unitIds).pluck('id')).map(Number));
    input.recipients!.forEach((r, i) => {
      if (r.unitId && !found.has(r.unitId)) problems.push({ path: `/recipients/${i}/unitId`, message: 'Đơn vị không tồn tại' });
    });
  }
  const docIds = [...new Set((input.responseFor ?? []).flatMap((r) => (typeof r.documentId === 'number' ? [r.documentId] : [])))];
  if (docIds.length) {
    const found = new Set((await knex('documents').whereIn('id', docIds).pluck('id')).map(Number));
    input.responseFor!.forEach((r, i) => {
      if (typeof r.documentId === 'number' && !found.has(r.documentId))
        problems.push({ path: `/responseFor/${i}/documentId`, message: 'Văn bản không tồn tại' });
    });
  }
  return problems;
}

/** The first active item (by order) of a catalog: the default urgency and classification ("thường"). */
async function catalogDefault(s: Services, key: string, pillar: string): Promise<string | undefined> {
  const catalog = (await s.metadata.resolve('catalog', key, pillar))?.body as Catalog | undefined;
  const items = (catalog?.items ?? []).filter((i) => i.active !== false);
  return [...items].sort((a, b) => (a.order ?? 0) - (b.order ?? 0))[0]?.value;
}

const isUniqueViolation = (err: any) => /unique|duplicate/i.test(String(err?.message)) && !(err?.status >= 400);
const duplicateExternalId = () => conflict('Văn bản này đã có trong hệ thống (trùng mã định danh văn bản điện tử)');

export async function createDocument(s: Services, by: Actor, unit: OwningUnit, input: DocumentInput): Promise<DocumentApi> {
  input.urgency ??= await catalogDefault(s, DOCUMENT_CATALOGS.urgency, unit.pillar);
  input.classification ??= await catalogDefault(s, DOCUMENT_CATALOGS.classification, unit.pillar);
  const problems = [...(await catalogProblems(s, unit.pillar, input)), ...(await referenceProblems(s.knex, input))];
  if (problems.length) throw invalid(problems);
  const now = toDbTime(s.clock.now());
  let id: number;
  try {
    id = await s.knex.transaction(async (trx) => {
      const [newId] = await trx('documents').insert({
        recipients: '[]',
        response_for: '[]',
        ...columnsOf(input),
        pillar: unit.pillar,
        unit_id: unit.id,
        unit_path: unit.path,
        status: input.status ?? 'active',
        created_by: by.id,
        created_at: now,
        updated_at: now,
        version: 1,
      });
      const docId = Number(newId);
      await linkAttachments(trx, input.attachmentIds ?? [], { type: 'document', id: docId }, by.id);
      await s.audit.write(
        { action: 'document.create', actorId: by.id, actor: by.username, subjectType: 'Document', subjectId: docId, pillar: unit.pillar, ip: by.ip, detail: { attachmentIds: input.attachmentIds ?? [] } },
        trx,
      );
      return docId;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateExternalId();
    throw err;
  }
  return getDocument(s.knex, id);
}

/** Update the fields present in `input` if the document is still at `input.version` (else 409). */
export async function updateDocument(s: Services, by: Actor, current: any, input: DocumentInput): Promise<DocumentApi> {
  const id = Number(current.id);
  const problems = [
    ...(await catalogProblems(s, current.pillar, input, { type: current.type_key, urgency: current.urgency, classification: current.classification })),
    ...(await referenceProblems(s.knex, input)),
  ];
  if (problems.length) throw invalid(problems);
  const changes = columnsOf(input);
  try {
    await s.knex.transaction(async (trx) => {
      const updated = await trx('documents')
        .where({ id, version: input.version })
        .update({ ...changes, updated_at: toDbTime(s.clock.now()), version: input.version! + 1 });
      if (updated === 0) throw conflict('Văn bản đã được người khác sửa trước đó, vui lòng tải lại rồi sửa tiếp');
      await linkAttachments(trx, input.attachmentIds ?? [], { type: 'document', id }, by.id);
      await s.audit.write(
        { action: 'document.update', actorId: by.id, actor: by.username, subjectType: 'Document', subjectId: id, pillar: current.pillar, ip: by.ip, detail: { fields: Object.keys(changes), attachmentIds: input.attachmentIds ?? [], version: input.version! + 1 } },
        trx,
      );
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw duplicateExternalId();
    throw err;
  }
  return getDocument(s.knex, id);
}
