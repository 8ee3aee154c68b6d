// Report parameters from the query string: typed, validated (422 with a pointer per bad parameter) and
// defaulted. Values only ever reach SQL as bindings.
import type { Report, ReportParameter } from '@dondoc/metadata';
import { invalid, type ErrorDetail } from '../api/errors.js';
import { isDay } from '../calendar/days.js';
import type { UnitTree } from './units.js';

export type ParamValue = string | number | Array<string | number> | null;
export type ParamValues = Record<string, ParamValue>;

export interface ParamContext {
  today: string;
  tree: UnitTree;
  /** The viewer's own unit (default of a unit parameter whose default is "viewerUnit"). */
  viewerUnit: number | null;
  pillars: string[];
  taskTypes: string[];
  /** Items of a catalog as the viewer's pillar sees it. */
  catalog(key: string): Array<{ value: string | number; label: string; labelEn?: string }>;
}

const KEY = /^[a-z0-9]+(-[a-z0-9]+)*$/;
const MAX_STRING = 500;

function dateDefault(d: string, today: string): string | undefined {
  const [y, m] = [today.slice(0, 4), Number(today.slice(5, 7))];
  switch (d) {
    case 'today':
      return today;
    case 'startOfMonth':
      return `${today.slice(0, 7)}-01`;
    case 'startOfQuarter':
      return `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    case 'startOfYear':
      return `${y}-01-01`;
  }
  return isDay(d) ? d : undefined;
}

/** The options of an enum parameter: its own, or its catalog's. */
export function enumOptions(p: ReportParameter, ctx: Pick<ParamContext, 'catalog'>) {
  return p.options?.length ? p.options : p.catalog ? ctx.catalog(p.catalog) : [];
}

function one(p: ReportParameter, raw: string, ctx: ParamContext, bad: (m: string) => void): string | number | undefined {
  switch (p.type) {
    case 'date':
      if (!isDay(raw)) return bad('ngày dạng YYYY-MM-DD'), undefined;
      return raw;
    case 'number': {
      const n = Number(raw);
      if (raw.trim() === '' || !Number.isFinite(n)) return bad('phải là số'), undefined;
      return n;
    }
    case 'unit': {
      const id = Number(raw);
      if (!Number.isSafeInteger(id) || id < 1 || !ctx.tree.get(id)) return bad('đơn vị không tồn tại'), undefined;
      return id;
    }
    case 'pillar':
      if (!ctx.pillars.includes(raw)) return bad(`một trong ${ctx.pillars.join(', ')}`), undefined;
      return raw;
    case 'taskType':
      if (!KEY.test(raw) || !ctx.taskTypes.includes(raw)) return bad('loại nhiệm vụ không tồn tại'), undefined;
      return raw;
    case 'enum': {
      const opt = enumOptions(p, ctx).find((o) => String(o.value) === raw);
      if (!opt) return bad('không thuộc danh sách lựa chọn'), undefined;
      return opt.value;
    }
    default:
      if (raw.length > MAX_STRING) return bad(`tối đa ${MAX_STRING} ký tự`), undefined;
      return raw;
  }
}

/**
 * Resolves every parameter of `report` from `query` (a repeated or comma-separated value gives a list,
 * for `in` filters). Empty → the default → null (the filters that use it are skipped).
 */
export function resolveParams(report: Report, query: Record<string, unknown>, ctx: ParamContext): ParamValues {
  const details: ErrorDetail[] = [];
  const out: ParamValues = {};
  const listParams = new Set((report.filters ?? []).filter((f) => (f.op === 'in' || f.op === 'between') && f.param).map((f) => f.param!));
  for (const p of report.parameters ?? []) {
    const bad = (message: string) => details.push({ path: `/${p.key}`, message });
    const given = query[p.key];
    let raws = (Array.isArray(given) ? given : given === undefined ? [] : [given]).map(String).filter((s) => s !== '');
    if (listParams.has(p.key)) raws = raws.flatMap((r) => r.split(',')).map((r) => r.trim()).filter(Boolean);
    if (raws.length > 1 && !listParams.has(p.key)) {
      bad('chỉ nhận một giá trị');
      continue;
    }
    if (raws.length) {
      const values = raws.map((r) => one(p, r, ctx, bad));
      if (values.every((v) => v !== undefined)) out[p.key] = listParams.has(p.key) ? (values as Array<string | number>) : values[0]!;
      continue;
    }
    const def = p.default as unknown;
    let value: ParamValue = null;
    if (p.type === 'unit' && def === 'viewerUnit') value = ctx.viewerUnit;
    else if (p.type === 'date' && typeof def === 'string') value = dateDefault(def, ctx.today) ?? null;
    else if (def !== undefined && def !== null) value = def as ParamValue;
    if (value === null && p.required) bad('bắt buộc');
    out[p.key] = value;
  }
  if (details.length) throw invalid(details, 'Tham số báo cáo không hợp lệ');
  return out;
}
