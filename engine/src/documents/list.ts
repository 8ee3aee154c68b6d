// GET /api/documents: filters, sort, offset or cursor (keyset) pagination and an exact total. The
// permission filter is SQL compiled from the caller's rules (access/sql.ts), applied before anything
// else, so the total counts only what the caller may read.
import type { Knex } from 'knex';
import type { AppAbility } from '../access/ability.js';
import { badRequest, type ErrorDetail } from '../api/errors.js';
import { dbDate, toDbTime } from '../db/time.js';
import type { Services } from '../services.js';
import { DOCUMENT_COLUMNS, DOCUMENT_FIELD_MAP, toDocument, type DocumentApi } from './rows.js';

const SORTS = { issuedDate: 'issued_date', createdAt: 'created_at', updatedAt: 'updated_at' } as const;
type SortKey = keyof typeof SORTS;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const MAX_LIMIT = 100;

export interface ListQuery {
  q?: string;
  type?: string[];
  urgency?: string[];
  status?: string[];
  from?: string;
  to?: string;
  unitId?: number;
  /** The `sort` parameter as given ('-issuedDate'); cursors are tied to it. */
  sort: { key: SortKey; desc: boolean; param: string };
  limit: number;
  offset: number;
  cursor?: { value: string; id: number };
}

export interface ListResult {
  items: DocumentApi[];
  total: number;
  limit: number;
  offset: number | null;
  nextCursor: string | null;
}

// -- query string → ListQuery (400 with a pointer per bad parameter) --------------------------------

const list = (v: unknown): string[] | undefined =>
  v === undefined ? undefined : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);

const one = (v: unknown): string | undefined => (Array.isArray(v) ? v[v.length - 1] : (v as string | undefined));

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s); // 2026-02-30 rolls over: refused
}

export function parseListQuery(query: Record<string, unknown>): ListQuery {
  const problems: ErrorDetail[] = [];
  const int = (name: string, min: number, max: number, def: number) => {
    const raw = one(query[name]);
    if (raw === undefined || raw === '') return def;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < min || n > max) problems.push({ path: `/${name}`, message: `Phải là số nguyên từ ${min} đến ${max}` });
    return n;
  };
  const date = (name: string) => {
    const raw = one(query[name]);
    if (raw === undefined || raw === '') return undefined;
    if (!validDate(raw)) problems.push({ path: `/${name}`, message: 'Ngày không hợp lệ (định dạng YYYY-MM-DD)' });
    return raw;
  };
  const q = one(query.q)?.trim();
  if (q && q.length > 200) problems.push({ path: '/q', message: 'Tối đa 200 ký tự' });
  const sortRaw = one(query.sort) || '-issuedDate';
  const sortKey = sortRaw.replace(/^-/, '') as SortKey;
  if (!Object.hasOwn(SORTS, sortKey)) problems.push({ path: '/sort', message: `Chỉ sắp xếp theo: ${Object.keys(SORTS).join(', ')} (thêm "-" để giảm dần)` });
  const unitRaw = one(query.unitId);
  const unitId = unitRaw ? int('unitId', 1, Number.MAX_SAFE_INTEGER, 0) : undefined;
  const parsed: ListQuery = {
    q: q || undefined,
    type: list(query.type),
    urgency: list(query.urgency),
    status: list(query.status),
    from: date('from'),
    to: date('to'),
    unitId,
    sort: { key: sortKey, desc: sortRaw.startsWith('-'), param: sortRaw },
    limit: int('limit', 1, MAX_LIMIT, 20),
    offset: int('offset', 0, 1_000_000, 0),
  };
  const cursor = one(query.cursor);
  if (cursor) {
    if (query.offset !== undefined) problems.push({ path: '/cursor', message: 'Không dùng cursor cùng với offset' });
    parsed.cursor = decodeCursor(cursor, sortRaw);
    if (!parsed.cursor) problems.push({ path: '/cursor', message: 'Con trỏ phân trang không hợp lệ hoặc không khớp với cách sắp xếp' });
  }
  if (problems.length) throw badRequest('Tham số truy vấn không hợp lệ', problems);
  return parsed;
}

// -- cursors: opaque, tied to the sort they were made for -----------------------------------------

function encodeCursor(sortRaw: string, value: string, id: number): string {
  return Buffer.from(JSON.stringify([sortRaw, value, id])).toString('base64url');
}

function decodeCursor(raw: string, sortRaw: string): { value: string; id: number } | undefined {
  try {
    const [sort, value, id] = JSON.parse(Buffer.from(raw, 'base64url').toString('utf8'));
    if (sort !== sortRaw || typeof value !== 'string' || value.length > 40 || !Number.isSafeInteger(id)) return undefined;
    return { value, id };
  } catch {
    return undefined;
  }
}

/** The sort column's value of a row, as stored (a date or a DB time string). */
function sortValue(row: any, key: SortKey): string {
  const v = row[SORTS[key]];
  if (key === 'issuedDate') return dbDate(v)!;
  return v instanceof Date ? toDbTime(v) : String(v);
}

// -- the query ---------------------------------------------------------------------------------

/** Escape LIKE wildcards with '!' (means the same in every SQL mode, as in access/sql.ts). */
const like = (s: string) => `%${s.replace(/[!%_]/g, '!$&')}%`;

/** '/1/4/' → ['/1/4/', '/1/40']: the range of every path that starts with the prefix (ASCII paths). */
function prefixRange(p: string): [string, string] {
  return [p, p.slice(0, -1) + String.fromCharCode(p.charCodeAt(p.length - 1) + 1)];
}

// Synchronous on purpose: a knex builder is thenable, so an async function returning one would run it.
function filtered(s: Services, ability: AppAbility, f: ListQuery, unitPath: string | undefined): Knex.QueryBuilder {
  const qb = s.access.filter(s.knex('documents'), ability, 'read', 'Document', DOCUMENT_FIELD_MAP);
  if (f.q) {
    const pattern = like(f.q);
    qb.where((w) =>
      w
        .whereRaw("documents.subject LIKE ? ESCAPE '!'", [pattern])
        .orWhereRaw("documents.number LIKE ? ESCAPE '!'", [pattern])
        .orWhereRaw("documents.notation LIKE ? ESCAPE '!'", [pattern]),
    );
  }
  if (f.type?.length) qb.whereIn('documents.type_key', f.type);
  if (f.urgency?.length) qb.whereIn('documents.urgency', f.urgency);
  if (f.status?.length) qb.whereIn('documents.status', f.status);
  if (f.from) qb.where('documents.issued_date', '>=', f.from);
  if (f.to) qb.where('documents.issued_date', '<=', f.to);
  if (unitPath !== undefined) {
    const [lo, hi] = prefixRange(unitPath);
    qb.where('documents.unit_path', '>=', lo).where('documents.unit_path', '<', hi);
  }
  return qb;
}

/** The path of the `unitId` filter's unit (400 when there is no such unit). */
async function subtreeOf(s: Services, unitId: number | undefined): Promise<string | undefined> {
  if (unitId === undefined) return undefined;
  const unit = await s.knex('units').where({ id: unitId }).first('path');
  if (!unit) throw badRequest('Tham số truy vấn không hợp lệ', [{ path: '/unitId', message: 'Đơn vị không tồn tại' }]);
  return unit.path;
}

export async function listDocuments(s: Services, ability: AppAbility, f: ListQuery): Promise<ListResult> {
  const base = filtered(s, ability, f, await subtreeOf(s, f.unitId));
  const counted = (await base.clone().count({ n: '*' }).first()) as { n: number | string } | undefined;
  const col = `documents.${SORTS[f.sort.key]}`;
  const dir = f.sort.desc ? 'desc' : 'asc';
  const page = base
    .clone()
    .leftJoin('units', 'units.id', 'documents.unit_id')
    .select([
      ...DOCUMENT_COLUMNS,
      s.knex.raw("(SELECT COUNT(*) FROM attachments a WHERE a.owner_type = 'document' AND a.owner_id = documents.id) AS attachment_count"),
    ])
    .orderBy([{ column: col, order: dir }, { column: 'documents.id', order: dir }])
    .limit(f.limit + 1);
  if (f.cursor) {
    const op = f.sort.desc ? '<' : '>';
    const { value, id } = f.cursor;
    page.where((w: Knex.QueryBuilder) => w.where(col, op, value).orWhere((x: Knex.QueryBuilder) => x.where(col, value).where('documents.id', op, id)));
  } else page.offset(f.offset);
  const rows = await page;
  const more = rows.length > f.limit;
  const shown = rows.slice(0, f.limit);
  const last = shown[shown.length - 1];
  return {
    items: shown.map((r: any) => toDocument(r)),
    total: Number(counted?.n ?? 0),
    limit: f.limit,
    offset: f.cursor ? null : f.offset,
    nextCursor: more && last ? encodeCursor(f.sort.param, sortValue(last, f.sort.key), Number(last.id)) : null,
  };
}
