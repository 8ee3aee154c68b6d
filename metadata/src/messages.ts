/**
 * Validation messages by ajv keyword, Vietnamese first with English beside (ajv-i18n has no Vietnamese).
 * The engine answers 422 details in Vietnamese unless the request prefers English (Accept-Language), so
 * every message here has both; `params` are ajv's (limit, format, allowedValues, missingProperty...).
 */
import type { ErrorObject } from 'ajv/dist/2020.js';
import { escapePointerToken } from './issues.js';

export type MessageLanguage = 'vi' | 'en';

type Params = Record<string, unknown>;
type Message = (p: Params) => string;

const list = (v: unknown) =>
  (Array.isArray(v) ? v : [v]).map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(', ');

const TYPE_VI: Record<string, string> = {
  string: 'chuỗi',
  number: 'số',
  integer: 'số nguyên',
  boolean: 'đúng/sai',
  array: 'danh sách',
  object: 'đối tượng',
  null: 'rỗng',
};
const typeVi = (t: unknown) =>
  String(t)
    .split(',')
    .map((x) => TYPE_VI[x] ?? x)
    .join(' hoặc ');

const FORMAT_VI: Record<string, string> = {
  date: 'ngày (YYYY-MM-DD)',
  'date-time': 'thời điểm (ISO 8601)',
  time: 'giờ',
  email: 'địa chỉ thư điện tử',
  uri: 'địa chỉ URI',
  url: 'địa chỉ URL',
  uuid: 'UUID',
  ipv4: 'địa chỉ IPv4',
  ipv6: 'địa chỉ IPv6',
};

/**
 * Names a format in the Vietnamese message ("Phải là <label>"): a field type a plugin registers. The
 * built-in formats keep their labels.
 */
export function defineFormatLabel(format: string, vi: string, en?: string): void {
  if (Object.hasOwn(BUILTIN_FORMAT_VI, format)) return;
  FORMAT_VI[format] = vi;
  if (en) FORMAT_EN[format] = en;
}
const BUILTIN_FORMAT_VI = { ...FORMAT_VI };
const FORMAT_EN: Record<string, string> = {};

export const VALIDATION_MESSAGES: Record<string, { vi: Message; en: Message }> = {
  required: { vi: () => 'Bắt buộc nhập', en: () => 'is required' },
  additionalProperties: { vi: () => 'Trường này không được phép', en: () => 'is not an allowed property' },
  type: { vi: (p) => `Sai kiểu dữ liệu (cần ${typeVi(p.type)})`, en: (p) => `must be of type ${String(p.type).split(',').join(' or ')}` },
  minLength: {
    vi: (p) => (Number(p.limit) <= 1 ? 'Không được để trống' : `Tối thiểu ${String(p.limit)} ký tự`),
    en: (p) => (Number(p.limit) <= 1 ? 'must not be empty' : `must have at least ${String(p.limit)} characters`),
  },
  maxLength: { vi: (p) => `Tối đa ${String(p.limit)} ký tự`, en: (p) => `must have at most ${String(p.limit)} characters` },
  minimum: { vi: (p) => `Phải lớn hơn hoặc bằng ${String(p.limit)}`, en: (p) => `must be >= ${String(p.limit)}` },
  maximum: { vi: (p) => `Phải nhỏ hơn hoặc bằng ${String(p.limit)}`, en: (p) => `must be <= ${String(p.limit)}` },
  exclusiveMinimum: { vi: (p) => `Phải lớn hơn ${String(p.limit)}`, en: (p) => `must be > ${String(p.limit)}` },
  exclusiveMaximum: { vi: (p) => `Phải nhỏ hơn ${String(p.limit)}`, en: (p) => `must be < ${String(p.limit)}` },
  multipleOf: { vi: (p) => `Phải là bội số của ${String(p.multipleOf)}`, en: (p) => `must be a multiple of ${String(p.multipleOf)}` },
  pattern: { vi: () => 'Sai định dạng hoặc chứa ký tự không được phép', en: (p) => `must match pattern "${String(p.pattern)}"` },
  format: {
    vi: (p) => `Phải là ${FORMAT_VI[String(p.format)] ?? `định dạng ${String(p.format)}`}`,
    en: (p) => (Object.hasOwn(FORMAT_EN, String(p.format)) ? `must be ${FORMAT_EN[String(p.format)]}` : `must match format "${String(p.format)}"`),
  },
  enum: { vi: (p) => `Phải là một trong: ${list(p.allowedValues)}`, en: (p) => `must be one of: ${list(p.allowedValues)}` },
  const: { vi: (p) => `Phải là ${list(p.allowedValue)}`, en: (p) => `must be ${list(p.allowedValue)}` },
  minItems: { vi: (p) => `Cần ít nhất ${String(p.limit)} mục`, en: (p) => `must have at least ${String(p.limit)} items` },
  maxItems: { vi: (p) => `Tối đa ${String(p.limit)} mục`, en: (p) => `must have at most ${String(p.limit)} items` },
  uniqueItems: { vi: () => 'Các mục không được trùng nhau', en: () => 'must not have duplicate items' },
  minProperties: { vi: () => 'Cần ít nhất một thông tin', en: (p) => `must have at least ${String(p.limit)} properties` },
  maxProperties: { vi: (p) => `Tối đa ${String(p.limit)} thông tin`, en: (p) => `must have at most ${String(p.limit)} properties` },
  propertyNames: { vi: () => 'Tên trường không hợp lệ', en: () => 'is not a valid name' },
  dependentRequired: {
    vi: (p) => `Khi có "${String(p.property)}" thì phải có ${String(p.deps)}`,
    en: (p) => `must have ${String(p.deps)} when "${String(p.property)}" is present`,
  },
  oneOf: { vi: () => 'Phải khớp đúng một lựa chọn', en: () => 'must match exactly one choice' },
  anyOf: { vi: () => 'Không khớp lựa chọn nào', en: () => 'must match one of the choices' },
  not: { vi: () => 'Giá trị không được phép', en: () => 'is not allowed' },
};

/** The message of one ajv error in a language (ajv's own English text when the keyword is not in the table). */
export function ajvMessage(e: Pick<ErrorObject, 'keyword' | 'params' | 'message'>, language: MessageLanguage): string {
  const m = VALIDATION_MESSAGES[e.keyword];
  if (m) return m[language](e.params as Params);
  return language === 'vi' ? 'Giá trị không hợp lệ' : (e.message ?? `fails ${e.keyword}`);
}

export interface LocalizedIssue {
  /** JSON Pointer of the offending value (or of the missing or extra property). */
  path: string;
  /** Vietnamese. */
  message: string;
  messageEn: string;
}

/** An ajv error as a CONTRACT.md detail under `prefix` (e.g. "/data"), with both languages. */
export function ajvIssue(e: ErrorObject, prefix = ''): LocalizedIssue {
  const p = e.params as Params;
  let path = `${prefix}${e.instancePath}`;
  if (e.keyword === 'required') path += `/${escapePointerToken(String(p.missingProperty))}`;
  if (e.keyword === 'additionalProperties') path += `/${escapePointerToken(String(p.additionalProperty))}`;
  if (e.keyword === 'propertyNames' && p.propertyName !== undefined) path += `/${escapePointerToken(String(p.propertyName))}`;
  return { path, message: ajvMessage(e, 'vi'), messageEn: ajvMessage(e, 'en') };
}
