// Who is calling: a bearer token (the engine's own, a user's OIDC access token, or an integration's
// client-credentials token) or the web apps' cookie session, which must echo its CSRF token on every
// state-changing request. Requests without credentials continue anonymously; routes decide (default: no).
import crypto from 'node:crypto';
import type Koa from 'koa';
import type { AppState } from '../api/state.js';
import { HttpError, unauthorized } from '../api/errors.js';
import type { Services } from '../services.js';
import { loadPrincipal, type Principal } from '../org/principal.js';
import { createAppAbility } from '../access/ability.js';
import { rulesForScopes } from '../oidc/scopes.js';
import { sha256 } from './tokens.js';
import { SESSION_COOKIE } from './sso.js';

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);
const TOKEN = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,2048})$/;

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && crypto.timingSafeEqual(x, y);
}

/** `loaded`: the principal read with the token (undefined: read it now; null: the user is no longer active). */
async function asUser(s: Services, ctx: Koa.ParameterizedContext<AppState>, userId: number, extra: Partial<AppState> = {}, loaded?: Principal | null) {
  const principal = loaded === undefined ? await loadPrincipal(s.knex, userId) : loaded;
  if (!principal) throw unauthorized('Tài khoản không còn hoạt động');
  ctx.state.principal = principal;
  ctx.state.ability = await s.access.abilityFor(principal);
  Object.assign(ctx.state, extra);
}

export function authenticate(s: Services): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const m = TOKEN.exec(header);
      if (!m) throw unauthorized('Mã xác thực không hợp lệ');
      const token = m[1]!;
      const own = await s.tokens.resolveWithPrincipal(token, 'bearer');
      if (own) await asUser(s, ctx, own.userId, { tokenId: own.tokenId, mfa: own.mfa }, own.principal);
      else {
        const user = await s.oidc.accessTokenAccount(token);
        const client = user ? null : await s.oidc.clientCredentials(token);
        if (user) await asUser(s, ctx, Number(user.accountId), { mfa: false, clientId: user.clientId });
        else if (client) {
          // An integration acts as itself, with exactly the rules of its granted scopes.
          const principal: Principal = { id: 0, username: `client:${client.clientId}`, fullName: client.clientId, email: null, pillar: null, mustChangePassword: false, positions: [], clientId: client.clientId, scopes: client.scopes };
          ctx.state.principal = principal;
          ctx.state.ability = createAppAbility(rulesForScopes(client.scopes));
          ctx.state.clientId = client.clientId;
        } else throw unauthorized('Phiên đăng nhập đã hết hạn hoặc đã đăng xuất');
      }
    } else {
      const cookie = ctx.cookies.get(SESSION_COOKIE);
      if (cookie) {
        const session = await s.tokens.resolveWithPrincipal(cookie, 'session');
        if (!session) throw unauthorized('Phiên đăng nhập đã hết hạn hoặc đã đăng xuất');
        if (!SAFE.has(ctx.method)) {
          const sent = ctx.get('x-csrf-token');
          if (!sent || !session.csrfHash || !sameHash(sha256(sent), session.csrfHash)) {
            await s.audit.write({ action: 'csrf.rejected', outcome: 'denied', actorId: session.userId, ip: ctx.ip, detail: { method: ctx.method, path: ctx.path } });
            throw new HttpError(403, 'csrf_failed', 'Thiếu hoặc sai mã chống giả mạo yêu cầu (CSRF)');
          }
        }
        await asUser(s, ctx, session.userId, { tokenId: session.tokenId, mfa: session.mfa, cookieSession: true }, session.principal);
      }
    }
    await next();
  };
}
