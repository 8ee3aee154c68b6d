// Resolves `Authorization: Bearer <token>` to the principal and their ability. Requests without a token
// continue anonymously; routes decide whether that is allowed (default: not).
import type Koa from 'koa';
import type { AppState } from '../api/state.js';
import { unauthorized } from '../api/errors.js';
import type { Services } from '../services.js';
import { loadPrincipal } from '../org/principal.js';

export function authenticate(s: Services): Koa.Middleware<AppState> {
  return async (ctx, next) => {
    const header = ctx.get('authorization');
    if (header) {
      const m = /^Bearer\s+([A-Za-z0-9._~+/=-]{10,512})$/.exec(header);
      if (!m) throw unauthorized('Mã xác thực không hợp lệ');
      const resolved = await s.tokens.resolve(m[1]!);
      if (!resolved) throw unauthorized('Phiên đăng nhập đã hết hạn hoặc đã đăng xuất');
      const principal = await loadPrincipal(s.knex, resolved.userId);
      if (!principal) throw unauthorized('Tài khoản không còn hoạt động');
      ctx.state.principal = principal;
      ctx.state.tokenId = resolved.tokenId;
      ctx.state.ability = await s.access.abilityFor(principal);
    }
    await next();
  };
}
