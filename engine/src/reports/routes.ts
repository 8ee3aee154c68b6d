// HTTP API of reports (CONTRACT.md "Reports"): the reports a viewer may run, a report's rows (JSON, CSV,
// XLSX or a print-ready HTML page), the rows behind a cell, and the leaders' dashboard.
import type Koa from 'koa';
import { defineRoutes } from '../api/routes.js';
import { badRequest } from '../api/errors.js';
import type { AppState } from '../api/state.js';
import { toCsv } from './export/csv.js';
import { toXlsx } from './export/xlsx.js';
import { toHtml } from './export/html.js';
import { dashboard } from './dashboard.js';
import type { Viewer } from './service.js';

const KEY = /^[a-zA-Z0-9][a-zA-Z0-9._-]{0,99}$/;
const FORMATS = ['json', 'csv', 'xlsx', 'html'] as const;

const viewer = (ctx: Koa.ParameterizedContext<AppState>): Viewer => ({ principal: ctx.state.principal!, ability: ctx.state.ability!, ip: ctx.ip });

function keyOf(ctx: Koa.ParameterizedContext<AppState>): string {
  const key = (ctx as any).params.key as string;
  if (!KEY.test(key)) throw badRequest('Mã báo cáo không hợp lệ', [{ path: '/key', message: 'chỉ gồm chữ, số, . _ -' }]);
  return key;
}

export const reportRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/reports',
    summary: 'The published reports the caller may run, with their parameters',
    tags: ['reports'],
    action: 'read',
    subject: 'Report',
    async handler(ctx, s) {
      ctx.body = { items: await s.reports.list(viewer(ctx)) };
    },
  },
  {
    method: 'get',
    path: '/api/reports/:key',
    summary: 'Run a report with its parameters as query string → {report, parameters, columns, rows, totals}; ?format=csv|xlsx|html for files (needs export)',
    tags: ['reports'],
    action: 'read',
    subject: 'Report',
    async handler(ctx, s) {
      const key = keyOf(ctx);
      const format = (typeof ctx.query.format === 'string' ? ctx.query.format : 'json') as (typeof FORMATS)[number];
      if (!FORMATS.includes(format)) throw badRequest('Định dạng không hỗ trợ', [{ path: '/format', message: `một trong ${FORMATS.join(', ')}` }]);
      const v = viewer(ctx);
      const action = format === 'json' ? 'read' : 'export';
      const doc = await s.reports.load(v, key, action);
      const result = await s.reports.runDoc(v, doc, ctx.query as Record<string, unknown>);
      if (format === 'json') return void (ctx.body = result);
      const file = `${key}-${result.meta.today}`;
      if (format === 'csv') {
        ctx.type = 'text/csv; charset=utf-8';
        ctx.attachment(`${file}.csv`);
        ctx.body = toCsv(result);
        return;
      }
      const info = await s.reports.describe(v, result, doc.body);
      if (format === 'xlsx') {
        ctx.type = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
        ctx.attachment(`${file}.xlsx`);
        ctx.body = await toXlsx(result, info);
        return;
      }
      ctx.type = 'text/html; charset=utf-8';
      ctx.body = toHtml(result, info);
    },
  },
  {
    method: 'get',
    path: '/api/reports/:key/drill',
    summary: 'The rows behind one cell: the report’s parameters, d.<dimension>=<value> per dimension of the row, measure=<key>; limit, offset',
    tags: ['reports'],
    action: 'read',
    subject: 'Report',
    async handler(ctx, s) {
      ctx.body = await s.reports.drill(viewer(ctx), keyOf(ctx), ctx.query as Record<string, unknown>);
    },
  },
  {
    method: 'get',
    path: '/api/dashboard',
    summary: 'Leaders’ dashboard: counts by statistics category, monthly trend, units with the most overdue tasks (?unit=, ?months=, ?depth=)',
    tags: ['reports'],
    action: 'read',
    subject: 'Report',
    async handler(ctx, s) {
      ctx.body = await dashboard(s.reports, viewer(ctx), ctx.query as Record<string, unknown>);
    },
  },
]);
