// The leaders' dashboard: counts by statistics category, the monthly trend of assigned and completed
// tasks, and the units with the most overdue tasks. Each part is a report definition run through the
// same compiler (so the same permission filter and cache), scoped to the viewer's unit by default.
import crypto from 'node:crypto';
import type { Report, ReportFilter } from '@dondoc/metadata';
import { invalid, type ErrorDetail } from '../api/errors.js';
import { addDays } from '../calendar/days.js';
import { periodFromKey } from '../calendar/periods.js';
import { hanoiDate } from '../db/time.js';
import type { Cell } from './labels.js';
import { periodKey, periodLabel } from './periods.js';
import type { ReportDoc, ReportService, Viewer } from './service.js';

const CATS = ['doneOnTime', 'doneLate', 'openOnTime', 'openOverdue', 'noDeadline', 'dueSoon'] as const;

function doc(key: string, body: Report): ReportDoc {
  return { key: `dashboard.${key}`, pillar: null, version: 0, checksum: crypto.createHash('sha256').update(JSON.stringify(body)).digest('hex'), body };
}

const unitParam = { key: 'unit', label: 'Đơn vị', type: 'unit' as const, default: 'viewerUnit' as any };

/** Tasks the statistics count: not returned or revoked, and out of their draft state. */
function counted(draftStates: string[]): ReportFilter[] {
  return [
    { field: 'stateCategory', op: 'ne', value: 'cancelled' as any },
    ...draftStates.map((s) => ({ field: 'state', op: 'ne' as const, value: s as any })),
    { field: 'leadUnitId', op: 'subtree', param: 'unit' },
  ];
}

function int(q: Record<string, unknown>, name: string, min: number, max: number, def: number, details: ErrorDetail[]): number {
  const raw = q[name];
  if (raw === undefined || raw === '') return def;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < min || n > max) details.push({ path: `/${name}`, message: `số nguyên từ ${min} đến ${max}` });
  return n;
}

export async function dashboard(reports: ReportService, v: Viewer, q: Record<string, unknown>) {
  const details: ErrorDetail[] = [];
  const months = int(q, 'months', 1, 36, 12, details);
  const depth = int(q, 'depth', 0, 5, 1, details);
  if (details.length) throw invalid(details, 'Tham số không hợp lệ');
  const query = q.unit === undefined ? {} : { unit: q.unit };
  const drafts = await reports.draftStates();
  const filters = counted(drafts);
  const today = hanoiDate(reports.now());
  const firstMonth = periodFromKey(periodKey('month', Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - months))!.from;

  const summary = await reports.runDoc(
    v,
    doc('summary', {
      name: 'Tổng hợp theo nhóm thống kê',
      dataset: 'tasks',
      parameters: [unitParam],
      filters,
      dimensions: [],
      measures: [
        { key: 'total', label: 'Tổng số', type: 'count' },
        ...CATS.map((c) => ({ key: c, label: c, type: 'categoryCount' as const, category: c })),
        { key: 'completionRate', label: 'Tỷ lệ hoàn thành', type: 'completionRate' },
        { key: 'onTimeRate', label: 'Tỷ lệ đúng hạn', type: 'onTimeRate' },
      ],
    }),
    query,
  );
  const monthDim = (field: string) => [{ key: 'month', label: 'Tháng', type: 'period' as const, period: 'month' as const, calendar: 'calendar' as const, field }];
  const from = { key: 'from', label: 'Từ ngày', type: 'date' as const, default: firstMonth as any };
  const created = await reports.runDoc(
    v,
    doc('created', {
      name: 'Nhiệm vụ được giao theo tháng',
      dataset: 'tasks',
      parameters: [unitParam, from],
      filters: [...filters, { field: 'createdAt', op: 'gte', param: 'from' }],
      dimensions: monthDim('createdAt'),
      measures: [{ key: 'created', label: 'Được giao', type: 'count' }],
    }),
    query,
  );
  const completed = await reports.runDoc(
    v,
    doc('completed', {
      name: 'Nhiệm vụ hoàn thành theo tháng',
      dataset: 'tasks',
      parameters: [unitParam, from],
      filters: [...filters, { field: 'stateCategory', op: 'eq', value: 'done' as any }, { field: 'completedOn', op: 'gte', param: 'from' }],
      dimensions: monthDim('completedOn'),
      measures: [
        { key: 'completed', label: 'Hoàn thành', type: 'count' },
        { key: 'onTime', label: 'Đúng hạn', type: 'categoryCount', category: 'doneOnTime' },
        { key: 'late', label: 'Quá hạn', type: 'categoryCount', category: 'doneLate' },
      ],
    }),
    query,
  );
  const overdue = await reports.runDoc(
    v,
    doc(`overdue.${depth}`, {
      name: 'Đơn vị có nhiều nhiệm vụ quá hạn',
      dataset: 'tasks',
      parameters: [unitParam],
      filters: [...filters, { field: 'category', op: 'eq', value: 'openOverdue' as any }],
      dimensions: [{ key: 'unit', label: 'Đơn vị', type: 'unit', depth }],
      measures: [
        { key: 'overdue', label: 'Quá hạn', type: 'overdueCount' },
        { key: 'maxDelayDays', label: 'Trễ nhiều nhất (ngày làm việc)', type: 'maxDelayDays' },
      ],
      sort: [
        { key: 'overdue', dir: 'desc' },
        { key: 'maxDelayDays', dir: 'desc' },
      ],
      limit: 10,
    }),
    query,
  );

  const trend: Array<Record<string, unknown>> = [];
  const byMonth = (rows: any[], k: string) => rows.find((r) => (r.month as Cell).value === k);
  for (let i = months - 1; i >= 0; i--) {
    const key = periodKey('month', Number(today.slice(0, 4)) * 12 + Number(today.slice(5, 7)) - 1 - i);
    const p = periodFromKey(key)!;
    const c = byMonth(created.rows, key);
    const d = byMonth(completed.rows, key);
    trend.push({ period: key, label: periodLabel(key), from: p.from, to: p.to < today ? p.to : today, created: c?.created ?? 0, completed: d?.completed ?? 0, completedOnTime: d?.onTime ?? 0, completedLate: d?.late ?? 0 });
  }
  const s = summary.rows[0] ?? {};
  return {
    today,
    unit: summary.meta.unit,
    counts: { total: s.total ?? 0, ...Object.fromEntries(CATS.map((c) => [c, s[c] ?? 0])) },
    completionRate: s.completionRate ?? null,
    onTimeRate: s.onTimeRate ?? null,
    soonUntil: addDays(today, 3),
    trend,
    topOverdueUnits: overdue.rows.map((r) => ({ unitId: (r.unit as Cell).value, name: (r.unit as Cell).label, overdue: r.overdue, maxDelayDays: r.maxDelayDays })),
    cached: summary.meta.cached && created.meta.cached && completed.meta.cached && overdue.meta.cached,
  };
}
