// Live preview of a report being designed: the body is validated like a draft, then run under the
// caller's own permissions, never cached.
import type { Report } from '@dondoc/metadata';
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { invalid } from '../api/errors.js';
import { checksumOf } from '../metadata/canonical.js';
import { scopeParam } from './shared.js';

const parse = bodyValidator<{ body: Report; params?: Record<string, string> }>({
  type: 'object',
  additionalProperties: false,
  required: ['body'],
  properties: { body: { type: 'object' }, params: { type: 'object', additionalProperties: { type: 'string' } } },
});

export const reportPreviewRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/studio/reports/preview',
    summary: 'Run an unpublished report body (?pillar= for the references it resolves) with {params} → the same shape as GET /api/reports/{key}',
    tags: ['studio'],
    action: 'update',
    subject: 'Metadata',
    async handler(ctx, s) {
      const pillar = await scopeParam(ctx, s);
      const input = parse(ctx.request.body ?? {});
      const issues = await s.metadata.validate('report', input.body, pillar);
      if (issues.length) throw invalid(issues.map((i) => ({ ...i, path: `/body${i.path}` })), 'Báo cáo chưa hợp lệ');
      const viewer = { principal: ctx.state.principal!, ability: ctx.state.ability!, ip: ctx.ip };
      const doc = { key: 'preview', pillar: pillar || null, version: 0, checksum: checksumOf(input.body), body: input.body };
      ctx.body = await s.reports.runDoc(viewer, doc, input.params ?? {}, { cache: false });
    },
  },
]);
