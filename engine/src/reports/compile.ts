// Report metadata → one knex query, the same for SQLite and MySQL/MariaDB:
//   SELECT <dimension expressions>, <additive measure parts> FROM <dataset>
//   WHERE <the viewer's permission filter> AND <the report's filters> GROUP BY <dimensions>
// Units are grouped by their own id and rolled up to the requested depth afterwards (result.ts), which
// keeps the GROUP BY on an integer column and makes every measure exact after the roll-up.
import type { Knex } from 'knex';
import type { Report, ReportDimension, ReportFilter } from '@dondoc/metadata';
import type { AccessSql } from '../access/sql.js';
import { invalid, type ErrorDetail } from '../api/errors.js';
import { isDay } from '../calendar/days.js';
import type { IndexedField } from '../tasks/indexed.js';
import { DATASETS, FIELD_CATALOGS, type Dataset, type DimensionType, type FieldDef } from './datasets.js';
import { MEASURES } from './measures/index.js';
import { componentSql, usesWorkingDays, type Component, type ComponentContext } from './components.js';
import type { ParamValues } from './params.js';
import { anyOf, categoryCaseSql, categoryCondition, containsPattern, dayStart, frag, ident, localDate, nextDayStart, periodIndex, whereFrag, type CategoryKey, type Dialect, type Frag, type PeriodLength } from './sql.js';
import type { UnitTree } from './units.js';

export const CATEGORY_KEYS: CategoryKey[] = ['doneOnTime', 'doneLate', 'openOnTime', 'openOverdue', 'noDeadline', 'cancelled'];

export interface CompileContext {
  knex: Knex;
  dialect: Dialect;
  report: Report;
  /** The report's dataset (datasetOf). */
  dataset: Dataset;
  params: ParamValues;
  access: AccessSql;
  today: string;
  soonUntil: string;
  todayN: number;
  tree: UnitTree;
  indexed: IndexedField[];
  /** Catalog of a form field (data.<field>), for labels. */
  formFieldCatalog(field: string): string | undefined;
}

export interface ResolvedField extends FieldDef {
  name: string;
  catalog?: string;
}

export interface DimPlan {
  key: string;
  alias: string;
  type: DimensionType;
  def: ReportDimension;
  /** unit: the absolute depth rows roll up to (null: no roll-up; −1: all in one row). */
  rollupDepth?: number | null;
  period?: { length: PeriodLength; scheme: 'calendar' | 'nd09'; field: ResolvedField };
  field?: ResolvedField;
}

export interface Compiled {
  dataset: Dataset;
  dims: DimPlan[];
  components: Component[];
  /** FROM + permission filter + the report's filters: what drill-downs start from. */
  base: Knex.QueryBuilder;
  grouped: Knex.QueryBuilder;
}

const MAX_GROUPS = 200_000;

/** The report's dataset: a built-in one or one an enabled plugin registered (`plugin`); else 422 at /dataset. */
export function datasetOf(report: Report, plugin: (key: string) => Dataset | undefined = () => undefined): Dataset {
  const ds = Object.hasOwn(DATASETS, report.dataset) ? DATASETS[report.dataset as keyof typeof DATASETS] : plugin(report.dataset);
  if (!ds) throw invalid([{ path: '/dataset', message: `Tập dữ liệu "${report.dataset}" không tồn tại (không plugin nào đang bật đăng ký nó)` }], 'Báo cáo không chạy được với cấu hình này');
  return ds;
}

/** A field of the dataset by name: a core field, or data.<field> for an indexed form field. */
export function resolveField(ds: Dataset, name: string, indexed: IndexedField[], formFieldCatalog: (f: string) => string | undefined): ResolvedField | undefined {
  if (name.startsWith('data.')) {
    if (!ds.formFields) return undefined;
    const field = name.slice(5);
    const col = indexed.find((f) => f.field === field);
    if (!col) return undefined;
    return { name, column: `tasks.${col.column}`, type: col.type === 'number' ? 'number' : col.type === 'date' ? 'date' : 'string', catalog: formFieldCatalog(field) };
  }
  const def = Object.hasOwn(ds.fields, name) ? ds.fields[name] : undefined;
  return def && { name, ...def, catalog: FIELD_CATALOGS[def.column] };
}

/** The unit parameter a unit dimension's depth counts from: the one a subtree filter uses, else the first. */
export function baseUnitParam(report: Report): string | undefined {
  const unitParams = new Set((report.parameters ?? []).filter((p) => p.type === 'unit').map((p) => p.key));
  const sub = (report.filters ?? []).find((f) => f.op === 'subtree' && f.param && unitParams.has(f.param));
  return sub?.param ?? [...unitParams][0];
}

function accessWhere(qb: Knex.QueryBuilder, access: AccessSql): Knex.QueryBuilder {
  if (access === true) return qb;
  if (access === false) return qb.whereRaw('1 = 0');
  return qb.whereRaw(access.sql, access.bindings as Knex.RawBinding[]);
}

type Scalar = string | number;

function coerce(field: ResolvedField, v: unknown, bad: (m: string) => void): Scalar | undefined {
  switch (field.type) {
    case 'number':
    case 'unit': {
      const n = typeof v === 'number' ? v : Number(v);
      if (typeof v === 'boolean' || v === '' || !Number.isFinite(n)) return bad('phải là số'), undefined;
      return n;
    }
    case 'date':
    case 'timestamp':
      if (!isDay(v)) return bad('ngày dạng YYYY-MM-DD'), undefined;
      return v;
    default:
      if (typeof v !== 'string' && typeof v !== 'number') return bad('phải là chuỗi'), undefined;
      return String(v);
  }
}

/** Adds one filter; a timestamp compared with a day uses that day's bounds in Hanoi time. */
function applyFilter(qb: Knex.QueryBuilder, c: CompileContext, ds: Dataset, f: ReportFilter, value: unknown, bad: (m: string) => void): void {
  const d = c.dialect;
  if (f.field === 'category' && ds.key === 'tasks') {
    const list = (Array.isArray(value) ? value : [value]).map(String);
    if (!list.every((x) => (CATEGORY_KEYS as string[]).includes(x) || x === 'dueSoon')) return bad(`một trong ${CATEGORY_KEYS.join(', ')}, dueSoon`);
    const conds = list.map((x) => categoryCondition(x as CategoryKey, c.today, c.soonUntil));
    if (f.op === 'eq' || f.op === 'in') whereFrag(qb, conds.length ? anyOf(conds) : frag('1 = 0'));
    else if (f.op === 'ne') whereFrag(qb, { sql: `NOT ${anyOf(conds).sql}`, bindings: anyOf(conds).bindings });
    else bad('nhóm thống kê chỉ lọc được bằng eq, ne, in');
    return;
  }
  const field = resolveField(ds, f.field, c.indexed, c.formFieldCatalog);
  if (!field) return bad(`trường "${f.field}" không có trong tập dữ liệu ${ds.key} (hoặc chưa được đánh chỉ mục)`);
  const col = ident(d, field.column);
  const ts = field.type === 'timestamp';
  const scalar = (v: unknown) => coerce(field, v, bad);
  switch (f.op) {
    case 'eq':
    case 'ne': {
      if (value === null) return void qb.whereRaw(`${col} IS ${f.op === 'eq' ? '' : 'NOT '}NULL`);
      const v = scalar(value);
      if (v === undefined) return;
      if (ts) {
        const inDay = frag(`(${col} >= ? AND ${col} < ?)`, [dayStart(String(v)), nextDayStart(String(v))]);
        return void whereFrag(qb, f.op === 'eq' ? inDay : frag(`(NOT ${inDay.sql} OR ${col} IS NULL)`, inDay.bindings));
      }
      return void (f.op === 'eq' ? qb.whereRaw(`${col} = ?`, [v]) : qb.whereRaw(`(${col} <> ? OR ${col} IS NULL)`, [v]));
    }
    case 'in': {
      const list = (Array.isArray(value) ? value : [value]).map(scalar);
      if (list.some((x) => x === undefined)) return;
      if (!list.length) return void qb.whereRaw('1 = 0');
      if (ts) return void whereFrag(qb, anyOf(list.map((x) => frag(`(${col} >= ? AND ${col} < ?)`, [dayStart(String(x)), nextDayStart(String(x))]))));
      return void qb.whereRaw(`${col} IN (${list.map(() => '?').join(', ')})`, list as Scalar[]);
    }
    case 'lt':
    case 'lte':
    case 'gt':
    case 'gte': {
      const v = scalar(value);
      if (v === undefined) return;
      if (ts) {
        const bound = f.op === 'lt' || f.op === 'gte' ? dayStart(String(v)) : nextDayStart(String(v));
        return void qb.whereRaw(`${col} ${f.op === 'lt' || f.op === 'lte' ? '<' : '>='} ?`, [bound]);
      }
      return void qb.whereRaw(`${col} ${{ lt: '<', lte: '<=', gt: '>', gte: '>=' }[f.op]} ?`, [v]);
    }
    case 'between': {
      const pair = Array.isArray(value) ? value : typeof value === 'string' ? value.split(',') : [];
      if (pair.length !== 2) return bad('cần [từ, đến]');
      const [a, b] = pair.map(scalar);
      if (a === undefined || b === undefined) return;
      if (ts) return void qb.whereRaw(`${col} >= ? AND ${col} < ?`, [dayStart(String(a)), nextDayStart(String(b))]);
      return void qb.whereRaw(`${col} >= ? AND ${col} <= ?`, [a, b]);
    }
    case 'subtree': {
      if (field.type !== 'unit') return bad('subtree chỉ áp dụng cho trường đơn vị');
      const unit = c.tree.get(Number(value));
      if (!unit) return bad('đơn vị không tồn tại');
      // A range on the materialised path ('/1/4/' ≤ p < '/1/40'): an indexed prefix match on both databases.
      if (field.path) return void qb.whereRaw(`${ident(d, field.path)} >= ? AND ${ident(d, field.path)} < ?`, [unit.path, `${unit.path.slice(0, -1)}0`]);
      const ids = c.tree.subtreeIds(unit.id);
      return void qb.whereRaw(`${col} IN (${ids.map(() => '?').join(', ')})`, ids);
    }
    case 'contains': {
      const v = scalar(value);
      if (v === undefined) return;
      return void qb.whereRaw(`${col} LIKE ? ESCAPE '!'`, [containsPattern(String(v))]);
    }
  }
}

/** FROM + permission filter + filters: the rows the report counts. Throws 422 naming what is wrong. */
export function baseQuery(c: CompileContext, details: ErrorDetail[] = []): Knex.QueryBuilder {
  const ds = c.dataset;
  const qb = accessWhere(ds.from(c.knex), c.access);
  (c.report.filters ?? []).forEach((f, i) => {
    const bad = (message: string) => details.push({ path: f.param !== undefined ? `/${f.param}` : `/filters/${i}`, message });
    let value: unknown;
    if (f.param !== undefined) {
      value = c.params[f.param];
      if (value === null || value === undefined || (Array.isArray(value) && !value.length)) return; // skipped when empty
    } else value = f.value;
    applyFilter(qb, c, ds, f, value, bad);
  });
  return qb;
}

function planDimension(c: CompileContext, ds: Dataset, d: ReportDimension, i: number, bad: (m: string) => void): { plan: DimPlan; expr: Frag } | undefined {
  const plan: DimPlan = { key: d.key, alias: `d${i}`, type: d.type, def: d };
  const dia = c.dialect;
  switch (d.type) {
    case 'category':
      if (!ds.dimensions.category) return bad(`không áp dụng cho tập dữ liệu ${ds.key}`), undefined;
      return { plan, expr: categoryCaseSql(c.today) };
    case 'period': {
      const field = resolveField(ds, d.field ?? ds.periodField, c.indexed, c.formFieldCatalog);
      if (!field || (field.type !== 'date' && field.type !== 'timestamp')) return bad('kỳ báo cáo cần một trường ngày'), undefined;
      const date = field.type === 'timestamp' ? localDate(dia, ident(dia, field.column)) : ident(dia, field.column);
      plan.period = { length: d.period ?? 'month', scheme: d.calendar ?? 'nd09', field };
      return { plan, expr: frag(periodIndex(dia, date, plan.period.length, plan.period.scheme)) };
    }
    case 'field': {
      const field = d.field ? resolveField(ds, d.field, c.indexed, c.formFieldCatalog) : undefined;
      if (!field) return bad(`trường "${d.field}" không có trong tập dữ liệu ${ds.key} (hoặc chưa được đánh chỉ mục)`), undefined;
      plan.field = field;
      if (field.type === 'timestamp') return { plan, expr: frag(localDate(dia, ident(dia, field.column))) };
      return { plan, expr: frag(groupable(dia, ident(dia, field.column), field.type === 'number' || field.type === 'unit')) };
    }
    default: {
      const column = ds.dimensions[d.type];
      if (!column) return bad(`không áp dụng cho tập dữ liệu ${ds.key}`), undefined;
      if (d.type === 'unit') {
        const baseParam = baseUnitParam(c.report);
        const base = baseParam !== undefined ? c.tree.get(Number(c.params[baseParam])) : undefined;
        plan.rollupDepth = d.depth === undefined ? null : base ? base.depth + d.depth : d.depth - 1;
      }
      const numeric = d.type === 'unit' || d.type === 'handler' || d.type === 'sourceDocument';
      return { plan, expr: frag(groupable(dia, ident(dia, column), numeric)) };
    }
  }
}

/**
 * A column as a grouping expression the optimizer cannot serve from an index: grouped by a bare indexed
 * column, MariaDB walks that index in order and looks every row up (≈ 3× slower over a million tasks
 * than one table scan and a small temporary table of groups, which is what a report over a whole tree
 * needs). `+ 0` and `CONCAT(…, '')` change neither value nor type.
 */
function groupable(dialect: Dialect, column: string, numeric: boolean): string {
  if (numeric) return `(${column} + 0)`;
  return dialect === 'sqlite' ? `(${column} || '')` : `CONCAT(${column}, '')`;
}

export function compile(c: CompileContext): Compiled {
  const ds = c.dataset;
  const details: ErrorDetail[] = [];
  const base = baseQuery(c, details);
  const dims: DimPlan[] = [];
  const grouped = base.clone();
  c.report.dimensions.forEach((d, i) => {
    const r = planDimension(c, ds, d, i, (message) => details.push({ path: `/dimensions/${i}`, message }));
    if (!r) return;
    dims.push(r.plan);
    grouped.select(c.knex.raw(`${r.expr.sql} AS ${ident(c.dialect, r.plan.alias)}`, r.expr.bindings as Knex.RawBinding[]));
  });
  const components = new Set<Component>();
  c.report.measures.forEach((m, i) => {
    const mod = MEASURES[m.type];
    if (!mod) return void details.push({ path: `/measures/${i}/type`, message: 'loại chỉ tiêu không được hỗ trợ' });
    if (!mod.anyDataset && !ds.taskMeasures) return void details.push({ path: `/measures/${i}/type`, message: `chỉ áp dụng cho tập dữ liệu tasks` });
    for (const comp of mod.components(m)) components.add(comp);
  });
  if (details.length) throw invalid(details, 'Báo cáo không chạy được với cấu hình này');

  const ctx: ComponentContext = { today: c.today, soonUntil: c.soonUntil, todayN: c.todayN };
  for (const comp of components) {
    const f = componentSql(comp, ctx);
    grouped.select(c.knex.raw(`${f.sql} AS ${ident(c.dialect, `c_${comp}`)}`, f.bindings as Knex.RawBinding[]));
  }
  if (usesWorkingDays(components))
    grouped.leftJoin('report_working_days as rwd', 'rwd.day', 'tasks.due_date').leftJoin('report_working_days as rwc', 'rwc.day', 'tasks.completed_on');
  if (dims.length) grouped.groupBy(dims.map((d) => d.alias));
  grouped.limit(MAX_GROUPS + 1);
  return { dataset: ds, dims, components: [...components], base, grouped };
}

export { MAX_GROUPS };
