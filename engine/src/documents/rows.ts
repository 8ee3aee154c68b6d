// Document rows ↔ API (camelCase, dates 'YYYY-MM-DD'), and the fields access control sees.
import type { FieldMap } from '../access/sql.js';
import { readJson, writeJson } from '../db/json.js';
import { dbDate, isoTime } from '../db/time.js';
import type { Attachment } from './attachments.js';
import type { DocumentInput } from './schema.js';

/** Every condition field of the Document subject (metadata SUBJECT_FIELDS) → its column. */
export const DOCUMENT_FIELD_MAP: FieldMap = {
  id: 'documents.id',
  pillar: 'documents.pillar',
  unitId: 'documents.unit_id',
  unitPath: 'documents.unit_path',
};

export interface DocumentRow {
  id: number | string;
  pillar: string;
  unit_id: number;
  unit_path: string;
  unit_name?: string;
  [column: string]: unknown;
}

/** The object CASL checks for one document (same fields as DOCUMENT_FIELD_MAP). */
export function abilityFields(r: Pick<DocumentRow, 'id' | 'pillar' | 'unit_id' | 'unit_path'>) {
  return { id: Number(r.id), pillar: r.pillar, unitId: Number(r.unit_id), unitPath: r.unit_path };
}

export const DOCUMENT_COLUMNS = ['documents.*', 'units.name as unit_name'];

export interface DocumentApi {
  id: number;
  pillar: string;
  unitId: number;
  unitName: string | null;
  number: string | null;
  notation: string | null;
  issuedDate: string | null;
  type: string;
  issuerName: string;
  issuerCode: string | null;
  subject: string;
  signerPosition: string | null;
  signerName: string | null;
  urgency: string;
  classification: string;
  dueDate: string | null;
  recipients: unknown[];
  status: string;
  externalId: string | null;
  responseFor: unknown[];
  createdBy: number;
  createdAt: string | null;
  updatedAt: string | null;
  version: number;
  attachments?: Attachment[];
  attachmentCount?: number;
}

export function toDocument(r: any, attachments?: Attachment[]): DocumentApi {
  const doc: DocumentApi = {
    id: Number(r.id),
    pillar: r.pillar,
    unitId: Number(r.unit_id),
    unitName: r.unit_name ?? null,
    number: r.number ?? null,
    notation: r.notation ?? null,
    issuedDate: dbDate(r.issued_date),
    type: r.type_key,
    issuerName: r.issuer_name,
    issuerCode: r.issuer_code ?? null,
    subject: r.subject,
    signerPosition: r.signer_position ?? null,
    signerName: r.signer_name ?? null,
    urgency: r.urgency,
    classification: r.classification,
    dueDate: dbDate(r.due_date),
    recipients: readJson<unknown[]>(r.recipients) ?? [],
    status: r.status,
    externalId: r.external_id ?? null,
    responseFor: readJson<unknown[]>(r.response_for) ?? [],
    createdBy: Number(r.created_by),
    createdAt: isoTime(r.created_at),
    updatedAt: isoTime(r.updated_at),
    version: Number(r.version),
  };
  if (attachments) doc.attachments = attachments;
  if (r.attachment_count !== undefined) doc.attachmentCount = Number(r.attachment_count);
  return doc;
}

/** API field → column, for the fields a body may set (JSON columns are written as text). */
const COLUMN_OF: Record<string, string> = {
  number: 'number',
  notation: 'notation',
  issuedDate: 'issued_date',
  type: 'type_key',
  issuerName: 'issuer_name',
  issuerCode: 'issuer_code',
  subject: 'subject',
  signerPosition: 'signer_position',
  signerName: 'signer_name',
  urgency: 'urgency',
  classification: 'classification',
  dueDate: 'due_date',
  recipients: 'recipients',
  status: 'status',
  externalId: 'external_id',
  responseFor: 'response_for',
};
const JSON_FIELDS = new Set(['recipients', 'responseFor']);

/** The columns of the fields present in `input` (absent fields are left alone). */
export function columnsOf(input: DocumentInput): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [field, column] of Object.entries(COLUMN_OF)) {
    const v = (input as Record<string, unknown>)[field];
    if (v !== undefined) row[column] = JSON_FIELDS.has(field) ? writeJson(v) : v;
  }
  return row;
}
