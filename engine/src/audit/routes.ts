// GET /api/audit: the audit log for auditors (subject AuditLog, action read — the platform administrator,
// and a pillar's administrators for the entries of their pillar, through the SQL permission filter).
// Filters: action (comma list, "login.*" for a prefix), actor (user name), actorId, outcome, from/to
// (ISO timestamps, or dates in Asia/Ho_Chi_Minh, `to` inclusive), pillar, subjectType, subjectId, ip.
// Newest first, cursor pagination (opaque, by id) and the exact total of the filtered entries.
import type { Knex } from 'knex';
import { badRequest, type ErrorDetail } from '../api/errors.js';
import { defineRoutes } from '../api/routes.js';
import { readJson } from '../db/json.js';
import { isoTime, toDbTime } from '../db/time.js';
import type { Services } from '../services.js';
import type { AppAbility } from '../access/ability.js';

const MAX_LIMIT = 500;
const OUTCOMES = ['ok', 'denied', 'failed'];
const DATE = /^\d{4}-\d{2}-\d{2}$/;
const ACTION = /^[a-z0-9_.-]{1,64}\*?$/i;

export interface AuditQuery {
  actions: string[];
  actor?: string;
  actorId?: number;
  outcomes: string[];
  from?: Date;
  to?: Date;
  pillar?: string;
  subjectType?: string;
  subjectId?: string;
  ip?: string;
  limit: number;
  cursor?: number;
}

const one = (v: unknown): string | undefined => (Array.isArray(v) ? v[v.length - 1] : (v as string | undefined));
const list = (v: unknown): string[] =>
  v === undefined ? [] : (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);

/** A date (YYYY-MM-DD, a day in Hanoi: UTC+7) or an ISO timestamp; `end` makes a date mean its last instant. */
function instant(raw: string, end: boolean): Date | null {
  if (DATE.test(raw)) {
    const start = new Date(`${raw}T00:00:00+07:00`);
    if (Number.isNaN(start.getTime()) || new Date(start.getTime() + 7 * 3600_000).toISOString().slice(0, 10) !== raw) return null;
    return end ? new Date(start.getTime() + 24 * 3600_000 - 1) : start;
  }
  if (!/^\d{4}-\d{2}-\d{2}T[\d:.]+(Z|[+-]\d{2}:\d{2})$/.test(raw)) return null;
  const d = new Date(raw);
  return Number.isNaN(d.getTime()) ? null : d;
}

export function parseAuditQuery(q: Record<string, unknown>): AuditQuery {
  const problems: ErrorDetail[] = [];
  const text = (name: string, max: number) => {
    const v = one(q[name])?.trim();
    if (v && v.length > max) problems.push({ path: `/${name}`, message: `Tối đa ${max} ký tự` });
    return v || undefined;
  };
  const actions = list(q.action);
  for (const a of actions) if (!ACTION.test(a)) problems.push({ path: '/action', message: `Tên thao tác không hợp lệ: ${a.slice(0, 64)}` });
  const outcomes = list(q.outcome);
  for (const o of outcomes) if (!OUTCOMES.includes(o)) problems.push({ path: '/outcome', message: `Chỉ nhận: ${OUTCOMES.join(', ')}` });
  const time = (name: 'from' | 'to') => {
    const raw = one(q[name]);
    if (!raw) return undefined;
    const d = instant(raw, name === 'to');
    if (!d) problems.push({ path: `/${name}`, message: 'Thời điểm không hợp lệ (YYYY-MM-DD hoặc ISO 8601 có múi giờ)' });
    return d ?? undefined;
  };
  const int = (name: string, min: number, max: number) => {
    const raw = one(q[name]);
    if (raw === undefined || raw === '') return undefined;
    const n = Number(raw);
    if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min || n > max) {
      problems.push({ path: `/${name}`, message: `Phải là số nguyên từ ${min} đến ${max}` });
      return undefined;
    }
    return n;
  };
  let cursor: number | undefined;
  const rawCursor = one(q.cursor);
  if (rawCursor) {
    const id = /^[A-Za-z0-9_-]{1,40}$/.test(rawCursor) ? Number(Buffer.from(rawCursor, 'base64url').toString('utf8').replace(/^a:/, '')) : NaN;
    if (!Number.isSafeInteger(id) || id < 1) problems.push({ path: '/cursor', message: 'Con trỏ phân trang không hợp lệ' });
    else cursor = id;
  }
  const parsed: AuditQuery = {
    actions,
    actor: text('actor', 100),
    actorId: int('actorId', 1, Number.MAX_SAFE_INTEGER),
    outcomes,
    from: time('from'),
    to: time('to'),
    pillar: text('pillar', 16),
    subjectType: text('subjectType', 64),
    subjectId: text('subjectId', 200),
    ip: text('ip', 64),
    limit: int('limit', 1, MAX_LIMIT) ?? 50,
    cursor,
  };
  if (parsed.from && parsed.to && parsed.from > parsed.to) problems.push({ path: '/from', message: 'from phải trước to' });
  if (problems.length) throw badRequest('Tham số truy vấn không hợp lệ', problems);
  return parsed;
}

const encodeCursor = (id: number) => Buffer.from(`a:${id}`).toString('base64url');

/** The filters (permission filter first) on a query of audit_log. */
function filtered(s: Services, ability: AppAbility, f: AuditQuery): Knex.QueryBuilder {
  const qb = s.access.filter(s.knex('audit_log'), ability, 'read', 'AuditLog', { pillar: 'audit_log.pillar', action: 'audit_log.action', outcome: 'audit_log.outcome' });
  if (f.actions.length)
    qb.where((w) => {
      for (const a of f.actions)
        if (a.endsWith('*')) w.orWhereRaw("audit_log.action LIKE ? ESCAPE '!'", [`${a.slice(0, -1).replace(/[!%_]/g, '!$&')}%`]);
        else w.orWhere('action', a);
    });
  if (f.actor) qb.where('actor', f.actor);
  if (f.actorId) qb.where('actor_id', f.actorId);
  if (f.outcomes.length) qb.whereIn('outcome', f.outcomes);
  if (f.from) qb.where('at', '>=', toDbTime(f.from));
  if (f.to) qb.where('at', '<=', toDbTime(f.to));
  if (f.pillar) qb.where('pillar', f.pillar);
  if (f.subjectType) qb.where('subject_type', f.subjectType);
  if (f.subjectId) qb.where('subject_id', f.subjectId);
  if (f.ip) qb.where('ip', f.ip);
  return qb;
}

export function auditToApi(r: any) {
  let detail: unknown;
  try {
    detail = readJson(r.detail);
  } catch {
    detail = r.detail;
  }
  return {
    id: Number(r.id),
    at: isoTime(r.at),
    action: r.action,
    outcome: r.outcome,
    actorId: r.actor_id ?? null,
    actor: r.actor ?? null,
    subjectType: r.subject_type ?? null,
    subjectId: r.subject_id ?? null,
    pillar: r.pillar ?? null,
    ip: r.ip ?? null,
    detail,
  };
}

export async function listAudit(s: Services, ability: AppAbility, f: AuditQuery) {
  const totalRow = await filtered(s, ability, f).count({ n: '*' }).first();
  const page = filtered(s, ability, f);
  if (f.cursor) page.where('id', '<', f.cursor);
  const rows = await page.orderBy('id', 'desc').limit(f.limit + 1).select('*');
  const more = rows.length > f.limit;
  const items = rows.slice(0, f.limit).map(auditToApi);
  return { items, total: Number(totalRow?.n ?? 0), limit: f.limit, nextCursor: more ? encodeCursor(items[items.length - 1]!.id) : null };
}

export const auditRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/audit',
    summary:
      'The audit log, newest first (auditors: platform administrator, pillar administrators for their pillar). Filters: action (comma list, "login.*"), actor, actorId, outcome, from, to, pillar, subjectType, subjectId, ip; limit (≤500), cursor → {items, total, limit, nextCursor}',
    tags: ['audit'],
    action: 'read',
    subject: 'AuditLog',
    async handler(ctx, s) {
      ctx.body = await listAudit(s, ctx.state.ability!, parseAuditQuery(ctx.query));
    },
  },
]);
