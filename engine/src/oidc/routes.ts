// Administrators register the OIDC clients of other systems (mobile app, integrations).
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { notFound } from '../api/errors.js';
import { API_SCOPES, type RegisterClientInput } from './clients.js';

const parseClient = bodyValidator<RegisterClientInput>({
  type: 'object',
  required: ['name', 'grantTypes'],
  additionalProperties: false,
  properties: {
    name: { type: 'string', minLength: 1, maxLength: 200 },
    grantTypes: { type: 'array', minItems: 1, uniqueItems: true, items: { enum: ['authorization_code', 'refresh_token', 'client_credentials'] } },
    redirectUris: { type: 'array', maxItems: 20, items: { type: 'string', format: 'uri', pattern: '^https?://' } },
    postLogoutRedirectUris: { type: 'array', maxItems: 20, items: { type: 'string', format: 'uri', pattern: '^https?://' } },
    scopes: { type: 'array', uniqueItems: true, items: { enum: API_SCOPES } },
    public: { type: 'boolean' },
  },
  if: { properties: { grantTypes: { contains: { const: 'authorization_code' } } } },
  then: { required: ['redirectUris'], properties: { redirectUris: { minItems: 1 } } },
});

export const oidcClientRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/oidc/clients',
    summary: 'Registered OIDC clients (without secrets)',
    tags: ['sso'],
    action: 'read',
    subject: 'Client',
    async handler(ctx, s) {
      ctx.body = { items: await s.oidc.clients.list() };
    },
  },
  {
    method: 'post',
    path: '/api/oidc/clients',
    summary: 'Register a client; the secret is in this response only',
    tags: ['sso'],
    action: 'create',
    subject: 'Client',
    async handler(ctx, s) {
      const input = parseClient(ctx.request.body ?? {});
      const p = ctx.state.principal!;
      const r = await s.oidc.clients.register(input, p.id);
      await s.audit.write({ action: 'client.register', actorId: p.id, actor: p.username, subjectType: 'Client', subjectId: r.clientId, ip: ctx.ip, detail: { grantTypes: input.grantTypes, scopes: input.scopes ?? [] } });
      ctx.status = 201;
      ctx.body = { clientId: r.clientId, clientSecret: r.clientSecret, ...r.metadata };
    },
  },
  {
    method: 'delete',
    path: '/api/oidc/clients/:id',
    summary: 'Remove a client and revoke its tokens',
    tags: ['sso'],
    action: 'delete',
    subject: 'Client',
    async handler(ctx, s) {
      if (!(await s.oidc.clients.remove(ctx.params.id))) throw notFound('Không tìm thấy ứng dụng');
      await s.audit.write({ action: 'client.remove', actorId: ctx.state.principal!.id, actor: ctx.state.principal!.username, subjectType: 'Client', subjectId: ctx.params.id, ip: ctx.ip });
      ctx.status = 204;
    },
  },
]);
