// Labels of dimension values (unit names, task type names, state labels, catalog labels, …) in the
// viewer's pillar view of the metadata, fetched once per report run for the distinct values only.
import type { Knex } from 'knex';
import type { MetadataSnapshot } from '../metadata/snapshot.js';
import type { DimPlan } from './compile.js';
import type { UnitTree } from './units.js';
import { periodLabel, periodRange } from './periods.js';

export interface LabelContext {
  knex: Knex;
  tree: UnitTree;
  snapshot: MetadataSnapshot;
  pillar: string | null;
}

export interface Cell {
  value: string | number | null;
  label: string;
  labelEn?: string;
  /** Period cells: the dates the period covers. */
  from?: string;
  to?: string;
}

export const CATEGORY_LABELS: Record<string, [string, string]> = {
  doneOnTime: ['Hoàn thành đúng hạn', 'Completed on time'],
  doneLate: ['Hoàn thành quá hạn', 'Completed late'],
  openOnTime: ['Đang thực hiện trong hạn', 'Open, within deadline'],
  openOverdue: ['Đang thực hiện quá hạn', 'Open, overdue'],
  noDeadline: ['Không thời hạn', 'No deadline'],
  dueSoon: ['Sắp đến hạn', 'Due soon'],
  cancelled: ['Đã trả lại, thu hồi', 'Returned or revoked'],
};
const CATEGORY_ORDER = Object.keys(CATEGORY_LABELS);

/** A value's position when rows are sorted by this dimension. */
export type SortValue = number | string;

const NONE: Record<string, [string, string]> = {
  unit: ['Không xác định', 'Unknown'],
  handler: ['Chưa phân công', 'Unassigned'],
  sourceDocument: ['Không có văn bản', 'No document'],
  period: ['Không có ngày', 'No date'],
  field: ['(Trống)', '(Empty)'],
};

export async function labelCells(dims: DimPlan[], values: Map<string, Set<string | number | null>>, ctx: LabelContext) {
  const out = new Map<string, Map<string | number | null, { cell: Cell; sort: SortValue }>>();
  for (const d of dims) {
    const vals = [...(values.get(d.alias) ?? [])];
    const m = new Map<string | number | null, { cell: Cell; sort: SortValue }>();
    out.set(d.alias, m);
    const set = (v: string | number | null, label: string, sort: SortValue, extra: Partial<Cell> = {}) => m.set(v, { cell: { value: v, label, ...extra }, sort });
    const nonNull = vals.filter((v): v is string | number => v !== null);
    if (vals.includes(null)) {
      const none = d.type === 'period' && d.period?.field.name === 'dueDate' ? ['Không thời hạn', 'No deadline'] : (NONE[d.type] ?? ['(Trống)', '(Empty)']);
      set(null, none[0]!, '\uffff', { labelEn: none[1] });
    }
    switch (d.type) {
      case 'unit':
        for (const v of nonNull) {
          const u = ctx.tree.get(Number(v));
          if (Number(v) === 0) set(v, 'Tất cả đơn vị', -1, { labelEn: 'All units' });
          // A unit above the roll-up depth is a row of its own tasks only (its sub-units have rows of their own).
          else if (u && d.rollupDepth !== null && d.rollupDepth !== undefined && u.depth < d.rollupDepth) set(v, `${u.name} (trực tiếp chủ trì)`, u.order, { labelEn: `${u.nameEn ?? u.name} (as lead unit itself)` });
          else set(v, u?.name ?? `#${v}`, u?.order ?? Number.MAX_SAFE_INTEGER, { labelEn: u?.nameEn ?? u?.name });
        }
        break;
      case 'period':
        for (const v of nonNull) set(v, periodLabel(String(v)), String(v), { labelEn: periodLabel(String(v), true), ...periodRange(String(v), d.period!.scheme) });
        break;
      case 'category':
        for (const v of nonNull) set(v, CATEGORY_LABELS[v]?.[0] ?? String(v), CATEGORY_ORDER.indexOf(String(v)), { labelEn: CATEGORY_LABELS[v]?.[1] });
        break;
      case 'pillar': {
        const rows = nonNull.length ? await ctx.knex('pillars').whereIn('key', nonNull.map(String)).select('key', 'name', 'name_en') : [];
        const order = ['thanhuy', 'hdnd', 'ubnd', 'mttq'];
        for (const v of nonNull) {
          const r = rows.find((x: any) => x.key === v);
          set(v, r?.name ?? String(v), order.includes(String(v)) ? String(order.indexOf(String(v))) : String(v), { labelEn: r?.name_en ?? undefined });
        }
        break;
      }
      case 'taskType':
        for (const v of nonNull) {
          const body = ctx.snapshot.resolve('taskType', String(v), ctx.pillar)?.body;
          set(v, body?.name ?? String(v), (body?.name ?? String(v)).toLocaleLowerCase('vi'), { labelEn: body?.nameEn });
        }
        break;
      case 'state': {
        const labels = new Map<string, { label: string; labelEn?: string; i: number }>();
        for (const key of ctx.snapshot.keys('workflow'))
          (ctx.snapshot.resolve('workflow', key, ctx.pillar)?.body?.states ?? []).forEach((s: any, i: number) => {
            if (!labels.has(s.key)) labels.set(s.key, { label: s.label ?? s.key, labelEn: s.labelEn, i });
          });
        for (const v of nonNull) {
          const l = labels.get(String(v));
          set(v, l?.label ?? String(v), l ? l.i : 999, { labelEn: l?.labelEn });
        }
        break;
      }
      case 'sourceDocument': {
        const rows = nonNull.length ? await ctx.knex('documents').whereIn('id', nonNull.map(Number)).select('id', 'number', 'notation', 'subject', 'issued_date') : [];
        for (const v of nonNull) {
          const r: any = rows.find((x: any) => Number(x.id) === Number(v));
          const code = r ? [r.number, r.notation].filter(Boolean).join('/') : '';
          const subject = r?.subject ? String(r.subject).slice(0, 160) : '';
          const label = r ? [code && `Số ${code}`, subject].filter(Boolean).join(' – ') || `#${v}` : `#${v}`;
          set(v, label, label.toLocaleLowerCase('vi'));
        }
        break;
      }
      case 'handler': {
        const rows = nonNull.length ? await ctx.knex('users').whereIn('id', nonNull.map(Number)).select('id', 'full_name') : [];
        for (const v of nonNull) {
          const name = rows.find((x: any) => Number(x.id) === Number(v))?.full_name ?? `#${v}`;
          set(v, name, String(name).toLocaleLowerCase('vi'));
        }
        break;
      }
      case 'field': {
        const catalog = d.field?.catalog ? (ctx.snapshot.resolve('catalog', d.field.catalog, ctx.pillar)?.body?.items ?? []) : [];
        for (const v of nonNull) {
          const item = catalog.find((x: any) => String(x.value) === String(v));
          const sort: SortValue = d.field?.type === 'number' ? Number(v) : item?.order !== undefined ? Number(item.order) : String(v).toLocaleLowerCase('vi');
          set(v, item?.label ?? String(v), sort, { labelEn: item?.labelEn });
        }
        break;
      }
    }
  }
  return out;
}
