// JSON Schemas of the document API's bodies, checked at the edge; errors become 422 details with JSON
// Pointers (`/subject`, `/recipients/0/name`) and messages for people, in Vietnamese.
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { createAjv, escapePointerToken } from '@dondoc/metadata';
import { invalid, type ErrorDetail } from '../api/errors.js';

// Printable text: no control characters other than tab and line breaks.
const TEXT = '^[^\\u0000-\\u0008\\u000B\\u000C\\u000E-\\u001F\\u007F]*$';
const text = (max: number, min = 0) => ({ type: 'string', minLength: min, maxLength: max, pattern: TEXT });
const nullable = (schema: object) => ({ anyOf: [schema, { type: 'null' }] });
const date = { type: 'string', format: 'date' };
const id = { type: 'integer', minimum: 1, maximum: Number.MAX_SAFE_INTEGER };
const code = { type: 'string', minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9._-]+$' };
const key = { type: 'string', minLength: 1, maxLength: 100 };

const recipient = {
  type: 'object',
  additionalProperties: false,
  required: ['name'],
  properties: { unitId: id, code, name: text(300, 1) },
};

const responseFor = {
  type: 'object',
  additionalProperties: false,
  minProperties: 1,
  properties: { documentId: id, externalId: text(200, 1), organId: code, code: text(60, 1), issuedDate: date },
};

/** Fields a clerk may set, on create and on update. */
const fields = {
  number: nullable(text(11)),
  notation: nullable(text(30)),
  issuedDate: date,
  type: key,
  issuerName: text(300, 1),
  issuerCode: nullable({ ...code, minLength: 0 }),
  subject: text(500, 1),
  signerPosition: nullable(text(200)),
  signerName: nullable(text(200)),
  urgency: key,
  classification: key,
  dueDate: nullable(date),
  recipients: { type: 'array', maxItems: 500, items: recipient },
  status: { enum: ['active', 'revoked', 'replaced'] },
  externalId: nullable(text(200, 1)),
  responseFor: { type: 'array', maxItems: 50, items: responseFor },
  attachmentIds: { type: 'array', maxItems: 50, uniqueItems: true, items: id },
};

export const createSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['issuedDate', 'type', 'issuerName', 'subject'],
  properties: { ...fields, unitId: id },
};

export const updateSchema = {
  type: 'object',
  additionalProperties: false,
  required: ['version'],
  properties: { ...fields, version: { type: 'integer', minimum: 1 } },
};

export interface DocumentInput {
  number?: string | null;
  notation?: string | null;
  issuedDate?: string;
  type?: string;
  issuerName?: string;
  issuerCode?: string | null;
  subject?: string;
  signerPosition?: string | null;
  signerName?: string | null;
  urgency?: string;
  classification?: string;
  dueDate?: string | null;
  recipients?: { unitId?: number; code?: string; name: string }[];
  status?: 'active' | 'revoked' | 'replaced';
  externalId?: string | null;
  responseFor?: Record<string, unknown>[];
  attachmentIds?: number[];
  unitId?: number;
  version?: number;
}

const ajv = createAjv();
const validators = new Map<object, ValidateFunction>();

/** Trim and NFC-normalise every string, so "  " counts as empty and "Kế" is stored one way. */
function normalise(v: unknown): unknown {
  if (typeof v === 'string') return v.normalize('NFC').trim();
  if (Array.isArray(v)) return v.map(normalise);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)]));
  return v;
}

/** The normalised body, or 422 with every problem. */
export function validateBody(schema: object, body: unknown): DocumentInput {
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw invalid([{ path: '', message: 'Nội dung phải là một đối tượng JSON' }]);
  let validate = validators.get(schema);
  if (!validate) validators.set(schema, (validate = ajv.compile(schema)));
  const data = normalise(body);
  if (!validate(data)) throw invalid(details(validate.errors ?? []));
  if (schema === updateSchema && Object.keys(data as object).length < 2) throw invalid([{ path: '', message: 'Không có gì để cập nhật' }]);
  // Empty optional texts mean "none".
  for (const [k, v] of Object.entries(data as Record<string, unknown>)) if (v === '') (data as any)[k] = null;
  return data as DocumentInput;
}

function details(errors: ErrorObject[]): ErrorDetail[] {
  const out = new Map<string, ErrorDetail>();
  for (const e of errors) {
    if (e.keyword === 'anyOf') continue; // a nullable field: the branch's own error says it better
    if (e.keyword === 'type' && (e.params as any).type === 'null') continue;
    const d = detail(e);
    if (!out.has(d.path)) out.set(d.path, d);
  }
  return [...out.values()];
}

function detail(e: ErrorObject): ErrorDetail {
  const p = e.params as Record<string, any>;
  const at = (name: string) => `${e.instancePath}/${escapePointerToken(name)}`;
  switch (e.keyword) {
    case 'required':
      return { path: at(p.missingProperty), message: 'Bắt buộc nhập' };
    case 'additionalProperties':
      return { path: at(p.additionalProperty), message: 'Trường này không được phép' };
    case 'minLength':
      return { path: e.instancePath, message: 'Không được để trống' };
    case 'maxLength':
      return { path: e.instancePath, message: `Tối đa ${p.limit} ký tự` };
    case 'format':
      return { path: e.instancePath, message: p.format === 'date' ? 'Ngày không hợp lệ (định dạng YYYY-MM-DD)' : 'Sai định dạng' };
    case 'pattern':
      return { path: e.instancePath, message: 'Chứa ký tự không được phép' };
    case 'type':
      return { path: e.instancePath, message: `Sai kiểu dữ liệu (cần ${typeName(p.type)})` };
    case 'enum':
      return { path: e.instancePath, message: `Phải là một trong: ${p.allowedValues.join(', ')}` };
    case 'maxItems':
      return { path: e.instancePath, message: `Tối đa ${p.limit} mục` };
    case 'uniqueItems':
      return { path: e.instancePath, message: 'Không được lặp lại' };
    case 'minimum':
    case 'maximum':
      return { path: e.instancePath, message: 'Giá trị không hợp lệ' };
    case 'minProperties':
      return { path: e.instancePath, message: 'Cần ít nhất một thông tin' };
    default:
      return { path: e.instancePath, message: 'Không hợp lệ' };
  }
}

function typeName(t: string): string {
  return ({ string: 'chuỗi', integer: 'số nguyên', number: 'số', array: 'danh sách', object: 'đối tượng' } as Record<string, string>)[t] ?? t;
}
