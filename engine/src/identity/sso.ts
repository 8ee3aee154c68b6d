// Backend-for-frontend sign-in for the web apps: the engine is the OIDC client of itself (authorization
// code + PKCE, confidential client), and the browser gets an HttpOnly session cookie plus a CSRF token.
// Tokens never reach JavaScript, so an XSS cannot carry a session away; idle timeout and logout are
// enforced server-side on every request.
import crypto from 'node:crypto';
import type Koa from 'koa';
import { createLocalJWKSet, jwtVerify } from 'jose';
import { defineRoutes } from '../api/routes.js';
import { HttpError } from '../api/errors.js';
import type { Services } from '../services.js';
import { WEB_CLIENT_ID } from '../oidc/clients.js';
import { sha256 } from './tokens.js';

const b64url = (b: Buffer) => b.toString('base64url');
export const SESSION_COOKIE = 'dondoc_session';
export const CSRF_COOKIE = 'dondoc_csrf';

/** Only same-site relative paths: an open redirect through returnTo is impossible. */
export function safeReturnTo(v: unknown): string {
  const s = typeof v === 'string' ? v : '/';
  return /^\/(?![/\\])[^\s]*$/.test(s) && !s.includes('\\') ? s : '/';
}

export function setSessionCookies(ctx: Koa.Context, token: string, csrf: string, maxAgeMs: number) {
  const secure = ctx.secure;
  ctx.cookies.set(SESSION_COOKIE, token, { httpOnly: true, sameSite: 'lax', secure, path: '/', maxAge: maxAgeMs, overwrite: true });
  ctx.cookies.set(CSRF_COOKIE, csrf, { httpOnly: false, sameSite: 'strict', secure, path: '/', maxAge: maxAgeMs, overwrite: true });
}

export function clearSessionCookies(ctx: Koa.Context) {
  for (const name of [SESSION_COOKIE, CSRF_COOKIE]) ctx.cookies.set(name, null, { path: '/', overwrite: true });
}

export const ssoRoutes = defineRoutes([
  {
    method: 'get',
    path: '/api/auth/sso/start',
    summary: 'Start signing in to the web apps through the OpenID Connect provider (redirect)',
    tags: ['auth'],
    public: true,
    async handler(ctx, s) {
      const oidc = s.oidc;
      const verifier = b64url(crypto.randomBytes(32));
      const state = b64url(crypto.randomBytes(16));
      const nonce = b64url(crypto.randomBytes(16));
      const returnTo = safeReturnTo(ctx.query.returnTo);
      ctx.cookies.set('dondoc_sso', JSON.stringify({ state, nonce, verifier, returnTo }), { signed: true, httpOnly: true, sameSite: 'lax', secure: ctx.secure, path: '/api/auth/sso', maxAge: 10 * 60_000, overwrite: true });
      const q = new URLSearchParams({
        client_id: WEB_CLIENT_ID,
        response_type: 'code',
        scope: 'openid profile email',
        redirect_uri: oidc.clients.webClient().redirect_uris![0]!,
        state,
        nonce,
        code_challenge: b64url(crypto.createHash('sha256').update(verifier).digest()),
        code_challenge_method: 'S256',
      });
      ctx.redirect(`${oidc.issuer}/auth?${q}`);
    },
  },
  {
    method: 'get',
    path: '/api/auth/sso/callback',
    summary: 'The provider’s redirect back: exchanges the code and opens the cookie session',
    tags: ['auth'],
    public: true,
    async handler(ctx, s) {
      const raw = ctx.cookies.get('dondoc_sso', { signed: true });
      ctx.cookies.set('dondoc_sso', null, { path: '/api/auth/sso', overwrite: true });
      let pending: { state: string; nonce: string; verifier: string; returnTo: string };
      try {
        pending = JSON.parse(raw ?? '');
      } catch {
        throw new HttpError(400, 'sso_state_missing', 'Phiên đăng nhập đã hết hạn, vui lòng thử lại');
      }
      if (typeof ctx.query.error === 'string') return ctx.redirect(`/?sso_error=${encodeURIComponent(ctx.query.error)}`);
      if (ctx.query.state !== pending.state || typeof ctx.query.code !== 'string') throw new HttpError(400, 'sso_state_mismatch', 'Yêu cầu đăng nhập không hợp lệ');
      const web = s.oidc.clients.webClient();
      const res = await fetch(`${s.oidc.localUrl}/oidc/token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${WEB_CLIENT_ID}:${web.client_secret}`).toString('base64')}` },
        body: new URLSearchParams({ grant_type: 'authorization_code', code: ctx.query.code, redirect_uri: web.redirect_uris![0]!, code_verifier: pending.verifier }),
      });
      const tokens = (await res.json()) as { id_token?: string; error?: string };
      if (!res.ok || !tokens.id_token) throw new HttpError(400, 'sso_exchange_failed', 'Không đổi được mã đăng nhập');
      const { payload } = await jwtVerify(tokens.id_token, createLocalJWKSet({ keys: s.oidc.publicJwks }), { issuer: s.oidc.issuer, audience: WEB_CLIENT_ID });
      if (payload.nonce !== pending.nonce) throw new HttpError(400, 'sso_nonce_mismatch', 'Yêu cầu đăng nhập không hợp lệ');
      const userId = Number(payload.sub);
      const mfa = Array.isArray(payload.amr) && payload.amr.includes('otp');
      const csrf = b64url(crypto.randomBytes(24));
      const { token, expiresAt } = await s.tokens.issue(userId, s.knex, { kind: 'session', mfa, csrfHash: sha256(csrf), clientId: WEB_CLIENT_ID });
      await s.audit.write({ action: 'session.start', actorId: userId, ip: ctx.ip, detail: { mfa } });
      setSessionCookies(ctx, token, csrf, expiresAt.getTime() - s.clock.now().getTime());
      ctx.redirect(safeReturnTo(pending.returnTo));
    },
  },
]);

/** The provider's end-session URL, for logging out of the SSO session after the app's own. */
export function endSessionUrl(s: Services, postLogout = '/'): string {
  const q = new URLSearchParams({ client_id: WEB_CLIENT_ID, post_logout_redirect_uri: `${s.oidc.publicUrl}${postLogout}` });
  return `${s.oidc.issuer}/session/end?${q}`;
}
