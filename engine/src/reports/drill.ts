// Drill-down: from one cell of a report to the rows behind it. The request repeats the report's
// parameters and names the cell by its row's dimension values (`d.<key>=<value>`, '' for none, as each
// row's `drill` object gives them) and the column (`measure=<key>`). The rows are those of the report's
// own query (same permission filter and filters) narrowed to the cell, so their count is the cell's.
import type { Knex } from 'knex';
import type { Services } from '../services.js';
import { invalid, type ErrorDetail } from '../api/errors.js';
import { isDay } from '../calendar/days.js';
import { normaliseRow, taskToApi } from '../tasks/rows.js';
import { redactRows } from '../tasks/field-access.js';
import type { Principal } from '../org/principal.js';
import { isoTime, dbDate } from '../db/time.js';
import type { CompileContext, Compiled, DimPlan } from './compile.js';
import { CATEGORY_KEYS } from './compile.js';
import { MEASURES } from './measures/index.js';
import { periodFromKey } from '../calendar/periods.js';
import { anyOf, categoryCaseSql, categoryCondition, dayStart, ident, localDate, nextDayStart, whereFrag, type CategoryKey } from './sql.js';

export interface DrillResult {
  dataset: string;
  items: unknown[];
  total: number;
  limit: number;
  offset: number;
}

const one = (v: unknown): string | undefined => (Array.isArray(v) ? v[v.length - 1] : v === undefined ? undefined : String(v));

function narrow(qb: Knex.QueryBuilder, c: CompileContext, compiled: Compiled, d: DimPlan, raw: string, bad: (m: string) => void): void {
  const dia = c.dialect;
  const ds = compiled.dataset;
  const isNull = raw === '';
  const column = (col: string) => ident(dia, col);
  switch (d.type) {
    case 'unit': {
      const col = column(ds.dimensions.unit!);
      if (isNull) return void qb.whereRaw(`${col} IS NULL`);
      const u = c.tree.get(Number(raw));
      if (d.rollupDepth !== null && d.rollupDepth !== undefined && d.rollupDepth < 0) return; // one row for all units
      if (!u) return bad('đơn vị không tồn tại');
      // A rolled-up row is the unit's subtree; a unit above the roll-up depth is a row of its own.
      if (d.rollupDepth === null || d.rollupDepth === undefined || u.depth < d.rollupDepth) return void qb.whereRaw(`${col} = ?`, [u.id]);
      const pathField = Object.values(ds.fields).find((f) => f.column === ds.dimensions.unit && f.path)?.path;
      if (pathField) return void qb.whereRaw(`${column(pathField)} >= ? AND ${column(pathField)} < ?`, [u.path, `${u.path.slice(0, -1)}0`]);
      const ids = c.tree.subtreeIds(u.id);
      return void qb.whereRaw(`${col} IN (${ids.map(() => '?').join(', ')})`, ids);
    }
    case 'period': {
      const f = d.period!.field;
      const date = f.type === 'timestamp' ? localDate(dia, column(f.column)) : column(f.column);
      if (isNull) return void qb.whereRaw(`${column(f.column)} IS NULL`);
      const p = periodFromKey(raw, d.period!.scheme);
      const kind = { month: 'month', quarter: 'quarter', halfYear: 'half', year: 'year' }[d.period!.length];
      if (!p || p.kind !== kind) return bad('kỳ không hợp lệ');
      if (f.type === 'timestamp') return void qb.whereRaw(`${column(f.column)} >= ? AND ${column(f.column)} < ?`, [dayStart(p.from), nextDayStart(p.to)]);
      return void qb.whereRaw(`${date} >= ? AND ${date} <= ?`, [p.from, p.to]);
    }
    case 'category': {
      if (!(CATEGORY_KEYS as string[]).includes(raw)) return bad('nhóm thống kê không hợp lệ');
      const cat = categoryCaseSql(c.today);
      return void qb.whereRaw(`${cat.sql} = ?`, [...cat.bindings, raw] as Knex.RawBinding[]);
    }
    case 'field': {
      const f = d.field!;
      if (isNull) return void qb.whereRaw(`${column(f.column)} IS NULL`);
      if (f.type === 'timestamp') {
        if (!isDay(raw)) return bad('ngày dạng YYYY-MM-DD');
        return void qb.whereRaw(`${column(f.column)} >= ? AND ${column(f.column)} < ?`, [dayStart(raw), nextDayStart(raw)]);
      }
      if (f.type === 'number' || f.type === 'unit') {
        if (!Number.isFinite(Number(raw))) return bad('phải là số');
        return void qb.whereRaw(`${column(f.column)} = ?`, [Number(raw)]);
      }
      return void qb.whereRaw(`${column(f.column)} = ?`, [raw]);
    }
    default: {
      const col = column(ds.dimensions[d.type as 'pillar']!);
      if (isNull) return void qb.whereRaw(`${col} IS NULL`);
      const numeric = d.type === 'handler' || d.type === 'sourceDocument';
      if (numeric && !Number.isFinite(Number(raw))) return bad('phải là số');
      return void qb.whereRaw(`${col} = ?`, [numeric ? Number(raw) : raw]);
    }
  }
}

/** `principal`: the viewer, whose unreadable form fields are left out of the tasks listed. */
export async function drillRows(s: Services, c: CompileContext, compiled: Compiled, query: Record<string, unknown>, principal: Principal): Promise<DrillResult> {
  const details: ErrorDetail[] = [];
  const qb = compiled.base.clone();
  for (const d of compiled.dims) {
    const raw = one(query[`d.${d.key}`]);
    if (raw === undefined) continue; // not narrowed by this dimension (e.g. a totals cell)
    narrow(qb, c, compiled, d, raw, (message) => details.push({ path: `/d.${d.key}`, message }));
  }
  const measureKey = one(query.measure);
  if (measureKey !== undefined) {
    const m = c.report.measures.find((x) => x.key === measureKey);
    if (!m) details.push({ path: '/measure', message: 'không phải chỉ tiêu của báo cáo' });
    else if (compiled.dataset.taskMeasures) {
      const cats = MEASURES[m.type].drill(m);
      if (cats.length) whereFrag(qb, anyOf(cats.map((x: CategoryKey) => categoryCondition(x, c.today, c.soonUntil))));
    }
  }
  const limit = Number(one(query.limit) ?? 50);
  const offset = Number(one(query.offset) ?? 0);
  if (!Number.isInteger(limit) || limit < 1 || limit > 200) details.push({ path: '/limit', message: 'số nguyên từ 1 đến 200' });
  if (!Number.isInteger(offset) || offset < 0) details.push({ path: '/offset', message: 'số nguyên không âm' });
  if (details.length) throw invalid(details, 'Ô báo cáo không hợp lệ');

  const totalRow = (await qb.clone().clearSelect().count({ n: '*' }).first()) as { n: number | string } | undefined;
  const total = Number(totalRow?.n ?? 0);
  let items: unknown[];
  switch (compiled.dataset.key) {
    case 'tasks': {
      const cat = categoryCaseSql(c.today);
      const rows = await qb
        .select('tasks.*')
        .select(s.knex.raw(`${cat.sql} AS category`, cat.bindings as Knex.RawBinding[]))
        .orderByRaw(`COALESCE(tasks.due_date, '9999-12-31') ASC, tasks.id ASC`)
        .limit(limit)
        .offset(offset);
      items = (await redactRows(s, principal, rows.map(normaliseRow))).map((t, i) => taskToApi(t, { category: (rows[i] as any).category }));
      break;
    }
    case 'events': {
      const rows = await qb
        .select('task_events.id', 'task_events.task_id', 'task_events.at', 'task_events.action', 'task_events.transition', 'task_events.from_state', 'task_events.to_state', 'task_events.actor_id', 'task_events.unit_id', 'tasks.code', 'tasks.title')
        .orderBy([{ column: 'task_events.at', order: 'desc' }, { column: 'task_events.id', order: 'desc' }])
        .limit(limit)
        .offset(offset);
      items = rows.map((r: any) => ({ id: Number(r.id), taskId: Number(r.task_id), taskCode: r.code, taskTitle: r.title, at: isoTime(r.at), action: r.action, transition: r.transition ?? null, fromState: r.from_state ?? null, toState: r.to_state ?? null, actorId: r.actor_id ?? null, unitId: r.unit_id ?? null }));
      break;
    }
    case 'documents': {
      const rows = await qb
        .select('documents.id', 'documents.pillar', 'documents.unit_id', 'documents.number', 'documents.notation', 'documents.issued_date', 'documents.type_key', 'documents.subject', 'documents.urgency', 'documents.status')
        .orderBy([{ column: 'documents.issued_date', order: 'desc' }, { column: 'documents.id', order: 'desc' }])
        .limit(limit)
        .offset(offset);
      items = rows.map((r: any) => ({ id: Number(r.id), pillar: r.pillar, unitId: Number(r.unit_id), number: r.number ?? null, notation: r.notation ?? null, issuedDate: dbDate(r.issued_date), typeKey: r.type_key, subject: r.subject, urgency: r.urgency, status: r.status }));
      break;
    }
    default: {
      // A plugin's dataset: its declared fields, newest first.
      const fields = Object.entries(compiled.dataset.fields);
      const rows = await qb
        .select(fields.map(([name, f]) => `${f.column} as ${name}`))
        .orderBy(compiled.dataset.drillId, 'desc')
        .limit(limit)
        .offset(offset);
      items = rows.map((r: any) =>
        Object.fromEntries(
          fields.map(([name, f]) => {
            const v = r[name];
            if (v === null || v === undefined) return [name, null];
            return [name, f.type === 'number' || f.type === 'unit' ? Number(v) : f.type === 'date' ? dbDate(v) : f.type === 'timestamp' ? isoTime(v) : String(v)];
          }),
        ),
      );
    }
  }
  return { dataset: compiled.dataset.key, items, total, limit, offset };
}
