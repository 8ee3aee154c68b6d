import { defineRoutes } from '../api/routes.js';
import { badRequest } from '../api/errors.js';
import { publicUser } from '../org/principal.js';
import { loadPrincipal } from '../org/principal.js';
import { login } from './login.js';
import { mfaRoutes } from './mfa-routes.js';
import { clearSessionCookies, endSessionUrl } from './sso.js';

export const identityRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/auth/login',
    summary: 'Sign in with user name and password; returns a bearer token',
    tags: ['auth'],
    public: true,
    async handler(ctx, s) {
      const { username, password, otp } = (ctx.request.body ?? {}) as Record<string, unknown>;
      if (typeof username !== 'string' || typeof password !== 'string' || !username || username.length > 100 || password.length > 1024)
        throw badRequest('Cần tên đăng nhập và mật khẩu', [
          ...(typeof username === 'string' && username ? [] : [{ path: '/username', message: 'bắt buộc' }]),
          ...(typeof password === 'string' ? [] : [{ path: '/password', message: 'bắt buộc' }]),
        ]);
      const r = await login(s, username, password, ctx.ip, typeof otp === 'string' ? otp : undefined);
      const principal = (await loadPrincipal(s.knex, r.userId))!;
      ctx.body = {
        token: r.token,
        expiresAt: r.expiresAt.toISOString(),
        user: publicUser(principal, (k, p) => s.access.roleName(k, p)),
      };
    },
  },
  {
    method: 'post',
    path: '/api/auth/logout',
    summary: 'Revoke the bearer token of this request',
    tags: ['auth'],
    authenticated: true,
    async handler(ctx, s) {
      if (ctx.state.tokenId) await s.tokens.revoke(ctx.state.tokenId);
      await s.audit.write({ action: 'logout', actorId: ctx.state.principal!.id, actor: ctx.state.principal!.username, ip: ctx.ip });
      if (ctx.state.cookieSession) clearSessionCookies(ctx);
      // The web apps then visit the provider's end-session URL (Location) to close the SSO session too.
      if (ctx.state.cookieSession) ctx.set('Location', endSessionUrl(s));
      ctx.status = 204;
    },
  },
  {
    method: 'get',
    path: '/api/auth/me',
    summary: 'The signed-in user with positions',
    tags: ['auth'],
    authenticated: true,
    async handler(ctx, s) {
      const row = ctx.state.principal!.id ? await s.knex('users').where({ id: ctx.state.principal!.id }).first('mfa_enabled_at') : null;
      ctx.body = {
        user: { ...publicUser(ctx.state.principal!, (k, p) => s.access.roleName(k, p)), mfaEnabled: !!row?.mfa_enabled_at },
        session: { mfa: !!ctx.state.mfa, cookie: !!ctx.state.cookieSession },
      };
    },
  },
  ...mfaRoutes,
]);
