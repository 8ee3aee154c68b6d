// What integrations write through: documents with their attachments and proposed draft tasks, and tasks,
// each the engine's way — authorised for the account the integration acts as, checked, in one transaction,
// audited. Attachments arrive as decoded bytes (edXML base64): they go to the content-addressed blob store
// (documents/blobs.ts), which checks size and type, before the transaction opens.
import { Readable } from 'node:stream';
import type { Knex } from 'knex';
import { subject as caslSubject } from '@casl/ability';
import type { Catalog } from '@dondoc/metadata';
import { forbidden, HttpError, invalid, notFound, type ErrorDetail } from '../api/errors.js';
import { writeJson } from '../db/json.js';
import { toDbTime } from '../db/time.js';
import { blobStore } from '../documents/attachments.js';
import { attachmentMaxBytes, type StoredBlob } from '../documents/blobs.js';
import { DOCUMENT_CATALOGS } from '../documents/catalogs.js';
import { abilityFields as documentFields } from '../documents/rows.js';
import { loadPrincipal } from '../org/principal.js';
import { insertTask, prepareTask, type PreparedTask } from '../tasks/create.js';
import type { Services } from '../services.js';
import type { Acting, DraftTaskInput, Gateway, ImportedDocumentInput } from './types.js';

/** Thrown by createDocument when a document with this external id exists (a concurrent import won). */
export class DuplicateExternalId extends Error {
  constructor(readonly documentId: number) {
    super('duplicate external id');
  }
}

const isUnique = (err: any) => err?.code === 'ER_DUP_ENTRY' || /UNIQUE constraint failed|Duplicate entry/i.test(String(err?.message));
const fold = (v: string) => v.normalize('NFC').trim().toLocaleLowerCase('vi');

async function catalogItems(s: Services, key: string, pillar: string) {
  const catalog = (await s.metadata.resolve('catalog', key, pillar))?.body as Catalog | undefined;
  return [...(catalog?.items ?? [])].filter((i) => i.active !== false).sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

/** A document type by catalog value, label or abbreviation; else "khac" ("văn bản khác"); else the first. */
async function documentType(s: Services, pillar: string, name: string | null): Promise<string> {
  const items = await catalogItems(s, DOCUMENT_CATALOGS.type, pillar);
  if (!items.length) throw new HttpError(500, 'metadata_missing', `Danh mục "${DOCUMENT_CATALOGS.type}" chưa được cấu hình`);
  if (name) {
    const f = fold(name);
    const hit = items.find((i) => fold(i.value) === f || fold(i.label) === f || (i.abbreviation && fold(String(i.abbreviation)) === f));
    if (hit) return hit.value;
  }
  return (items.find((i) => i.value === 'khac') ?? items[0]!).value;
}

async function catalogValue(s: Services, key: string, pillar: string, wanted: string | undefined): Promise<string> {
  const items = await catalogItems(s, key, pillar);
  if (wanted && items.some((i) => i.value === wanted)) return wanted;
  if (!items.length) throw new HttpError(500, 'metadata_missing', `Danh mục "${key}" chưa được cấu hình`);
  return items[0]!.value;
}

export function createGateway(s: () => Services): Gateway {
  /** Store each attachment's bytes (size and type checked); 422 naming the refused ones. */
  async function storeBlobs(attachments: ImportedDocumentInput['attachments']): Promise<StoredBlob[]> {
    const store = blobStore(s());
    const maxBytes = attachmentMaxBytes();
    const out: StoredBlob[] = [];
    const problems: ErrorDetail[] = [];
    for (const a of attachments) {
      try {
        out.push(await store.put(Readable.from([a.bytes]), { name: a.name, maxBytes }));
      } catch (err) {
        if (err instanceof HttpError && err.status < 500) problems.push({ path: a.path, message: err.message });
        else throw err;
      }
    }
    if (problems.length) throw invalid(problems, 'Tệp đính kèm không hợp lệ');
    return out;
  }

  async function attachmentRows(trx: Knex, blobs: StoredBlob[], documentId: number, userId: number) {
    const now = toDbTime(s().clock.now());
    for (const b of blobs)
      await trx('attachments').insert({ sha256: b.sha256, size: b.size, content_type: b.contentType, name: b.name, owner_type: 'document', owner_id: documentId, created_by: userId, created_at: now });
  }

  /** The first of the account's positions where it may register documents. */
  function owningUnit(acting: Acting) {
    for (const p of acting.principal.positions)
      if (acting.ability.can('create', caslSubject('Document', { pillar: p.pillar, unitId: p.unitId, unitPath: p.unitPath }) as any)) return { id: p.unitId, pillar: p.pillar, path: p.unitPath };
    throw forbidden(`Tài khoản ${acting.principal.username} không có chức vụ nào được phép vào sổ văn bản`);
  }

  async function prepareDrafts(acting: Acting, drafts: DraftTaskInput[], typeKey: string, draft: boolean, pillar: string, warnings: string[]) {
    const prepared: PreparedTask[] = [];
    for (const d of drafts) {
      try {
        const data = await gateway.taskData(typeKey, pillar, { noiDung: d.content, nguonGiao: 'van-ban' });
        prepared.push(await prepareTask(s(), acting.principal, acting.ability, { type: typeKey, title: d.title.slice(0, 500), data, leadUnitId: d.leadUnitId, dueDate: d.dueDate, draft }));
      } catch (err: any) {
        warnings.push(`Không lập được dự thảo nhiệm vụ cho đơn vị ${d.leadUnitId}: ${err?.message ?? err}${err?.details?.length ? ` (${err.details.map((x: ErrorDetail) => `${x.path}: ${x.message}`).join('; ')})` : ''}`);
      }
    }
    return prepared;
  }

  const gateway: Gateway = {
    async actingAs(username) {
      const user = await s().knex('users').where({ username, active: true }).first('id');
      if (!user) return undefined;
      const principal = await loadPrincipal(s().knex, Number(user.id));
      if (!principal) return undefined;
      return { principal, ability: await s().access.abilityFor(principal) };
    },

    async unitsByCode(codes) {
      const out = new Map<string, { id: number; code: string; name: string; pillar: string; path: string }>();
      const wanted = [...new Set(codes.filter(Boolean))];
      if (!wanted.length) return out;
      const rows = await s().knex('units').whereIn('code', wanted).where({ active: true }).select('id', 'code', 'name', 'pillar', 'path');
      for (const r of rows) out.set(r.code, { id: Number(r.id), code: r.code, name: r.name, pillar: r.pillar, path: r.path });
      return out;
    },

    async documentByExternalId(externalId, db) {
      return (db ?? s().knex)('documents').where({ external_id: externalId }).first();
    },

    async createDocument(acting, input, opts) {
      const svc = s();
      const unit = owningUnit(acting);
      const warnings: string[] = [];
      const type = await documentType(svc, unit.pillar, input.typeName);
      const urgency = await catalogValue(svc, DOCUMENT_CATALOGS.urgency, unit.pillar, input.urgency);
      const classification = await catalogValue(svc, DOCUMENT_CATALOGS.classification, unit.pillar, undefined);
      const existing = await gateway.documentByExternalId(input.externalId);
      if (existing) throw new DuplicateExternalId(Number(existing.id));
      const prepared = await prepareDrafts(opts.draftsAs ?? acting, opts.drafts ?? [], opts.taskType ?? 'nhiem-vu-van-ban', opts.draft ?? true, unit.pillar, warnings);
      const blobs = await storeBlobs(input.attachments);
      await svc.calendar.snapshot();
      await svc.metadata.snapshot.ensureFresh();
      const now = toDbTime(svc.clock.now());
      try {
        return await svc.knex.transaction(async (trx) => {
          const [newId] = await trx('documents').insert({
            pillar: unit.pillar,
            unit_id: unit.id,
            unit_path: unit.path,
            number: input.number,
            notation: input.notation,
            issued_date: input.issuedDate,
            type_key: type,
            issuer_name: input.issuerName,
            issuer_code: input.issuerCode,
            subject: input.subject,
            signer_position: input.signerPosition,
            signer_name: input.signerName,
            urgency,
            classification,
            due_date: input.dueDate,
            recipients: writeJson(input.recipients),
            status: 'active',
            external_id: input.externalId,
            response_for: writeJson(input.responseFor),
            created_by: acting.principal.id,
            created_at: now,
            updated_at: now,
            version: 1,
          });
          const documentId = Number(newId);
          await attachmentRows(trx, blobs, documentId, acting.principal.id);
          const taskIds: number[] = [];
          for (const p of prepared) taskIds.push((await insertTask(svc, trx, { ...p, sourceDocumentId: documentId, note: 'Dự thảo lập tự động từ văn bản điện tử liên thông' })).id);
          await svc.audit.write(
            {
              action: 'document.import',
              actorId: acting.principal.id,
              actor: acting.principal.username,
              subjectType: 'Document',
              subjectId: documentId,
              pillar: unit.pillar,
              detail: { externalId: input.externalId, attachments: blobs.map((b) => b.sha256), draftTaskIds: taskIds },
            },
            trx,
          );
          if (opts.extra) await opts.extra(trx, documentId);
          return { documentId, taskIds, warnings };
        });
      } catch (err) {
        if (isUnique(err)) {
          const won = await gateway.documentByExternalId(input.externalId);
          if (won) throw new DuplicateExternalId(Number(won.id));
        }
        throw err;
      }
    },

    async updateDocument(acting, documentId, input, opts = {}) {
      const svc = s();
      const row = await svc.knex('documents').where({ id: documentId }).first();
      if (!row) throw notFound('Không tìm thấy văn bản');
      if (!acting.ability.can('update', caslSubject('Document', documentFields(row)) as any)) throw forbidden(`Tài khoản ${acting.principal.username} không được sửa văn bản này`);
      const changes: Record<string, unknown> = {};
      if (input.number !== undefined) changes.number = input.number;
      if (input.notation !== undefined) changes.notation = input.notation;
      if (input.issuedDate !== undefined) changes.issued_date = input.issuedDate;
      if (input.typeName !== undefined) changes.type_key = await documentType(svc, row.pillar, input.typeName);
      if (input.issuerName !== undefined) changes.issuer_name = input.issuerName;
      if (input.issuerCode !== undefined) changes.issuer_code = input.issuerCode;
      if (input.subject !== undefined) changes.subject = input.subject;
      if (input.signerPosition !== undefined) changes.signer_position = input.signerPosition;
      if (input.signerName !== undefined) changes.signer_name = input.signerName;
      if (input.urgency !== undefined) changes.urgency = await catalogValue(svc, DOCUMENT_CATALOGS.urgency, row.pillar, input.urgency);
      if (input.dueDate !== undefined) changes.due_date = input.dueDate;
      if (input.recipients !== undefined) changes.recipients = writeJson(input.recipients);
      if (input.responseFor !== undefined) changes.response_for = writeJson(input.responseFor);
      if (input.status !== undefined) changes.status = input.status;
      // Attachments already on the document (same bytes) are not added twice.
      const have = new Set(await svc.knex('attachments').where({ owner_type: 'document', owner_id: documentId }).pluck('sha256'));
      const blobs = (await storeBlobs(input.attachments ?? [])).filter((b) => !have.has(b.sha256) && (have.add(b.sha256), true));
      await svc.knex.transaction(async (trx) => {
        const n = await trx('documents')
          .where({ id: documentId, version: row.version })
          .update({ ...changes, version: Number(row.version) + 1, updated_at: toDbTime(svc.clock.now()) });
        if (!n) throw new HttpError(409, 'conflict', 'Văn bản vừa được cập nhật bởi người khác, vui lòng thử lại');
        await attachmentRows(trx, blobs, documentId, acting.principal.id);
        await svc.audit.write(
          {
            action: input.status === 'revoked' ? 'document.import.revoke' : 'document.import.update',
            actorId: acting.principal.id,
            actor: acting.principal.username,
            subjectType: 'Document',
            subjectId: documentId,
            pillar: row.pillar,
            detail: { fields: Object.keys(changes), attachments: blobs.map((b) => b.sha256) },
          },
          trx,
        );
        if (opts.extra) await opts.extra(trx);
      });
    },

    async createTasks(acting, tasks, extra) {
      const svc = s();
      const prepared: PreparedTask[] = [];
      for (const [i, t] of tasks.entries()) {
        const p = await prepareTask(svc, acting.principal, acting.ability, { type: t.type, title: t.title.slice(0, 500), data: t.data, leadUnitId: t.leadUnitId, coordinatorUnitIds: t.coordinatorUnitIds, dueDate: t.dueDate ?? undefined, sourceDocumentId: t.sourceDocumentId ?? null, draft: t.draft }, `/tasks/${i}`);
        prepared.push(p);
      }
      await svc.calendar.snapshot();
      await svc.metadata.snapshot.ensureFresh();
      return svc.knex.transaction(async (trx) => {
        const ids: number[] = [];
        for (const p of prepared) ids.push((await insertTask(svc, trx, p)).id);
        if (extra) await extra(trx, ids);
        return ids;
      });
    },

    async taskData(typeKey, pillar, fields) {
      const def = await s().tasks.definitions.current(typeKey, pillar);
      const props = ((def.form.schema as any)?.properties ?? {}) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(fields).filter(([k, v]) => k in props && v !== undefined && v !== null && v !== ''));
    },
  };
  return gateway;
}
