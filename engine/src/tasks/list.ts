// Task lists: filters, sort, keyset (cursor) pagination, exact counts — always under the caller's
// permission filter, compiled to SQL from their role rules.
import type { Services } from '../services.js';
import type { Principal } from '../org/principal.js';
import type { AppAbility } from '../access/ability.js';
import { invalid, type ErrorDetail } from '../api/errors.js';
import { hanoiDate } from '../db/time.js';
import { CATEGORIES, categoryCase, whereCategory, type Category } from './categories.js';
import { indexedFieldsFor } from './indexed.js';
import { normaliseRow, TASK_FIELD_COLUMNS, taskToApi } from './rows.js';
import { redactRows, rolesOf } from './field-access.js';

const SORTS: Record<string, string> = { createdAt: 'tasks.created_at', dueDate: 'tasks.due_date', code: 'tasks.code', progress: 'tasks.progress', updatedAt: 'tasks.updated_at' };
const DATE = /^\d{4}-\d{2}-\d{2}$/;

export interface ListQuery {
  [k: string]: string | string[] | undefined;
}

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v);
const many = (v: string | string[] | undefined) => (v === undefined ? [] : (Array.isArray(v) ? v : v.split(',')).map((x) => x.trim()).filter(Boolean));

function addDays(date: string, n: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** Applies every filter except pagination; returns the query or throws 422 naming the bad parameter. */
export async function filtered(s: Services, principal: Principal, ability: AppAbility, q: ListQuery, opts: { skipCategory?: boolean } = {}) {
  const details: ErrorDetail[] = [];
  // Ids from the query string are checked here: NaN must not reach the driver (MariaDB fails on it).
  const idParam = (name: string, v: string) => {
    if (/^[1-9]\d{0,15}$/.test(v) && Number.isSafeInteger(Number(v))) return Number(v);
    details.push({ path: `/${name}`, message: 'số nguyên dương' });
    return 0;
  };
  const today = hanoiDate(s.clock.now());
  const soonDays = Number(one(q.soonDays) ?? 3);
  const soonUntil = addDays(today, Number.isFinite(soonDays) ? soonDays : 3);
  let qb = s.access.filter(s.knex('tasks'), ability, 'read', 'Task', TASK_FIELD_COLUMNS);

  const states = many(q.state);
  if (states.length) qb = qb.whereIn('tasks.state', states);
  if (!opts.skipCategory) {
    const cats = many(q.category);
    for (const c of cats) if (!CATEGORIES.includes(c as Category)) details.push({ path: '/category', message: `một trong ${CATEGORIES.join(', ')}` });
    if (cats.length && !details.length) qb = qb.where((w) => cats.forEach((c) => w.orWhere((x) => whereCategory(x, c as Category, today, soonUntil))));
  }
  const leadUnit = one(q.leadUnit);
  if (leadUnit) {
    const unitId = idParam('leadUnit', leadUnit);
    const unit = unitId ? await s.knex('units').where({ id: unitId }).first('path') : undefined;
    if (!unit) {
      if (unitId) details.push({ path: '/leadUnit', message: 'đơn vị không tồn tại' });
    }
    // Subtree as a range on the materialised path: an indexed prefix match on both databases.
    else qb = qb.where('tasks.lead_unit_path', '>=', unit.path).where('tasks.lead_unit_path', '<', `${unit.path.slice(0, -1)}0`);
  }
  switch (one(q.party)) {
    case undefined:
      break;
    case 'handler':
      qb = qb.where('tasks.handler_id', principal.id);
      break;
    case 'myUnit':
      qb = qb.whereIn('tasks.lead_unit_id', principal.positions.map((p) => p.unitId));
      break;
    case 'monitor':
      qb = qb.where('tasks.monitor_id', principal.id);
      break;
    case 'assigner':
      qb = qb.where('tasks.assigner_id', principal.id);
      break;
    case 'coordinator':
      qb = qb.whereExists((w) => w.select(s.knex.raw('1')).from('task_parties as tp').whereRaw('tp.task_id = tasks.id').where('tp.party', 'coordinator').whereIn('tp.unit_id', principal.positions.map((p) => p.unitId)));
      break;
    default:
      details.push({ path: '/party', message: 'một trong handler, myUnit, monitor, assigner, coordinator' });
  }
  for (const [param, op] of [['dueFrom', '>='], ['dueTo', '<=']] as const) {
    const v = one(q[param]);
    if (v === undefined) continue;
    if (!DATE.test(v)) details.push({ path: `/${param}`, message: 'ngày dạng YYYY-MM-DD' });
    else qb = qb.where('tasks.due_date', op, v);
  }
  const types = many(q.type);
  if (types.length) qb = qb.whereIn('tasks.type_key', types);
  const doc = one(q.document);
  if (doc) qb = qb.where('tasks.source_document_id', idParam('document', doc));
  const parent = one(q.parent);
  if (parent === 'none') qb = qb.whereNull('tasks.parent_id');
  else if (parent) qb = qb.where('tasks.parent_id', idParam('parent', parent));
  const text = one(q.q)?.trim();
  if (text) {
    // '!' escapes: a backslash inside the SQL string literal ESCAPE '\' is itself an escape on MySQL (syntax error).
    const like = `%${text.replace(/[!%_]/g, (c) => `!${c}`)}%`;
    qb = qb.where((w) => w.whereRaw("tasks.title LIKE ? ESCAPE '!'", [like]).orWhereRaw("tasks.code LIKE ? ESCAPE '!'", [like]));
  }
  const fieldParams = Object.keys(q).filter((k) => k.startsWith('f.'));
  if (fieldParams.length) {
    const indexed = await indexedFieldsFor(s.knex, fieldParams.map((k) => k.slice(2)), s.metadata.snapshot.generation);
    const roles = rolesOf(principal);
    for (const k of fieldParams) {
      const field = k.slice(2);
      const col = indexed.find((f) => f.field === field);
      if (!col) {
        details.push({ path: `/${k}`, message: 'trường này không được đánh chỉ mục để lọc' });
        continue;
      }
      const v = one(q[k])!;
      if (col.type === 'number' && !Number.isFinite(Number(v))) details.push({ path: `/${k}`, message: 'phải là số' });
      else {
        qb = qb.where(`tasks.${col.column}`, col.type === 'number' ? Number(v) : v);
        // Only tasks whose form lets the caller read the field: a hidden value cannot be probed by filtering.
        const hiding = await s.tasks.fieldAccess.formsHiding(field, roles);
        if (hiding.length)
          qb = qb.whereNot((w) => hiding.forEach((f) => w.orWhere({ 'tasks.form_key': f.key, 'tasks.form_scope': f.scope, 'tasks.form_version': f.version })));
      }
    }
  }
  if (details.length) throw invalid(details, 'Tham số lọc không hợp lệ');
  return { qb, today, soonUntil };
}

function encodeCursor(v: unknown, id: number) {
  return Buffer.from(JSON.stringify([v, id])).toString('base64url');
}

export async function listTasks(s: Services, principal: Principal, ability: AppAbility, q: ListQuery) {
  const { qb, today } = await filtered(s, principal, ability, q);
  const limit = Math.min(Math.max(Number(one(q.limit) ?? 20) || 20, 1), 200);
  const sortParam = one(q.sort) ?? '-createdAt';
  const desc = sortParam.startsWith('-');
  const sortKey = sortParam.replace(/^-/, '');
  // own keys only: ?sort=__proto__ (or constructor, toString…) must not reach the SQL as a "column"
  const col = Object.hasOwn(SORTS, sortKey) ? SORTS[sortKey] : undefined;
  if (!col) throw invalid([{ path: '/sort', message: `một trong ${Object.keys(SORTS).join(', ')} (tiền tố - để giảm dần)` }]);
  // Nulls (tasks without a deadline) sort last either way, through a sentinel both databases compare alike.
  const sortExpr = sortKey === 'dueDate' ? `COALESCE(tasks.due_date, '9999-12-31')` : col;
  const totalQ = qb.clone().clearSelect().count({ n: '*' }).first();
  let page = qb.clone().select('tasks.*').select({ category: categoryCase(s.knex, today) });
  const cursor = one(q.cursor);
  if (cursor) {
    let v: string | number, id: number;
    try {
      [v, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString());
    } catch {
      throw invalid([{ path: '/cursor', message: 'không hợp lệ' }]);
    }
    // A cursor is the client's to send back: only a scalar sort value and an integer id are bound.
    if (!(typeof v === 'string' || typeof v === 'number' || v === null) || !Number.isSafeInteger(id)) throw invalid([{ path: '/cursor', message: 'không hợp lệ' }]);
    page = page.whereRaw(`(${sortExpr} ${desc ? '<' : '>'} ? OR (${sortExpr} = ? AND tasks.id ${desc ? '<' : '>'} ?))`, [v, v, id]);
  }
  page = page.orderByRaw(`${sortExpr} ${desc ? 'DESC' : 'ASC'}, tasks.id ${desc ? 'DESC' : 'ASC'}`).limit(limit + 1);
  const [rows, total] = await Promise.all([page, totalQ]);
  const more = rows.length > limit;
  const items = (await redactRows(s, principal, rows.slice(0, limit).map(normaliseRow))).map((t, i) => taskToApi(t, { category: (rows[i] as any).category }));
  const last = rows[Math.min(rows.length, limit) - 1];
  let nextCursor: string | null = null;
  if (more && last) {
    const lastRow = normaliseRow(last);
    const v = sortKey === 'dueDate' ? (lastRow.due_date ?? '9999-12-31') : sortKey === 'createdAt' || sortKey === 'updatedAt' ? (last as any)[col.slice(6)] : (lastRow as any)[col.slice(6)];
    nextCursor = encodeCursor(v instanceof Date ? v.toISOString().replace('T', ' ').replace('Z', '') : v, lastRow.id);
  }
  return { items, total: Number((total as any)?.n ?? 0), nextCursor };
}

/** Counts per statistics category under the same filters (inbox badges). */
export async function categoryCounts(s: Services, principal: Principal, ability: AppAbility, q: ListQuery) {
  const { qb, today, soonUntil } = await filtered(s, principal, ability, q, { skipCategory: true });
  const rows = await qb.clone().select({ category: categoryCase(s.knex, today) }).count({ n: '*' }).groupBy('category');
  const counts: Record<string, number> = Object.fromEntries(CATEGORIES.map((c) => [c, 0]));
  for (const r of rows as any[]) counts[r.category] = Number(r.n);
  counts.dueSoon = Number((await whereCategory(qb.clone(), 'dueSoon', today, soonUntil).count({ n: '*' }).first() as any).n);
  return counts;
}
