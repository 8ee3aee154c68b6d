// The sign-in pages of the provider: password, second factor, forced change of an initial password,
// consent for third-party clients. Server-rendered, no script, CSRF-checked.
import Router from '@koa/router';
import type Koa from 'koa';
import type { Provider } from 'oidc-provider';
import type { Services } from '../services.js';
import { HttpError } from '../api/errors.js';
import { toDbTime } from '../db/time.js';
import { checkOtp, checkPassword, mfaEnabled } from '../identity/login.js';
import { changePassword, passwordProblems } from '../identity/password-policy.js';
import { interactionCsrf, issueTicket, readTicket } from './tickets.js';
import { renderChangePassword, renderConsent, renderLogin, renderMfa } from './views.js';

async function form(ctx: Koa.Context): Promise<URLSearchParams> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const c of ctx.req) {
    size += c.length;
    if (size > 16 * 1024) throw new HttpError(413, 'payload_too_large', 'Dữ liệu quá lớn');
    chunks.push(c);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

export function interactionRouter(s: Services, provider: Provider): Router {
  const router = new Router({ prefix: '/oidc/interaction' });
  const key = s.secrets.keySecret;
  const html = (ctx: Koa.Context, body: string, status = 200) => {
    ctx.status = status;
    ctx.type = 'html';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = body;
  };
  const finish = async (ctx: Koa.Context, result: Record<string, unknown>, merge = false) => {
    const to = await provider.interactionResult(ctx.req, ctx.res, result, { mergeWithLastSubmission: merge });
    ctx.status = 303;
    ctx.redirect(to);
  };
  const completeLogin = async (ctx: Koa.Context, user: any, amr: string[]) => {
    await s.knex('users').where({ id: user.id }).update({ last_login_at: toDbTime(s.clock.now()) });
    await s.audit.write({ action: 'login.success', actorId: user.id, actor: user.username, ip: ctx.ip, detail: { via: 'oidc', amr } });
    await s.lockout.clear(user.username);
    await finish(ctx, { login: { accountId: String(user.id), amr, acr: amr.includes('otp') ? 'mfa' : 'pwd' } });
  };
  /** Reads the POSTed form and checks its CSRF token against the interaction. */
  const posted = async (ctx: Koa.Context) => {
    const f = await form(ctx);
    if (f.get('csrf') !== interactionCsrf(key, ctx.params.uid!)) {
      await s.audit.write({ action: 'csrf.rejected', outcome: 'denied', ip: ctx.ip, detail: { path: ctx.path } });
      throw new HttpError(403, 'csrf_failed', 'Phiên biểu mẫu không hợp lệ, vui lòng tải lại trang');
    }
    return f;
  };
  // After the password (and the second factor, if any), users with an initial password must change it.
  const afterFactors = async (ctx: Koa.Context, user: any, amr: string[]) => {
    const uid = ctx.params.uid!;
    if (user.must_change_password && !s.config.demoSeed)
      return html(ctx, renderChangePassword(uid, interactionCsrf(key, uid), issueTicket(key, uid, user.id, `pwd:${amr.join(',')}`, s.clock.now().getTime())));
    return completeLogin(ctx, user, amr);
  };

  router.get('/:uid', async (ctx) => {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const uid = details.uid;
    const client = await provider.Client.find(String(details.params.client_id));
    if (details.prompt.name === 'login') return html(ctx, renderLogin(uid, interactionCsrf(key, uid), { client: client?.clientName }));
    const scopes = String(details.params.scope ?? '').split(' ').filter(Boolean);
    return html(ctx, renderConsent(uid, interactionCsrf(key, uid), client?.clientName ?? String(details.params.client_id), scopes));
  });

  router.post('/:uid/login', async (ctx) => {
    const f = await posted(ctx);
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const uid = details.uid;
    const username = (f.get('username') ?? '').trim();
    let user: any;
    try {
      user = await checkPassword(s, username, f.get('password') ?? '', ctx.ip);
    } catch (err) {
      if (err instanceof HttpError) return html(ctx, renderLogin(uid, interactionCsrf(key, uid), { username, error: err.message }), err.status);
      throw err;
    }
    if (mfaEnabled(user)) return html(ctx, renderMfa(uid, interactionCsrf(key, uid), issueTicket(key, uid, user.id, 'mfa', s.clock.now().getTime())));
    return afterFactors(ctx, user, ['pwd']);
  });

  router.post('/:uid/mfa', async (ctx) => {
    const f = await posted(ctx);
    const uid = ctx.params.uid;
    const userId = readTicket(key, uid, 'mfa', f.get('ticket') ?? '', s.clock.now().getTime());
    const user = userId ? await s.knex('users').where({ id: userId, active: true }).first() : null;
    if (!user) return html(ctx, renderLogin(uid, interactionCsrf(key, uid), { error: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại' }), 401);
    try {
      if ((await s.lockout.lockedFor(user.username)) > 0) throw new HttpError(429, 'account_locked', 'Tài khoản tạm khóa do đăng nhập sai nhiều lần');
      await checkOtp(s, user, f.get('otp') ?? undefined, ctx.ip);
    } catch (err) {
      if (err instanceof HttpError) return html(ctx, renderMfa(uid, interactionCsrf(key, uid), f.get('ticket')!, err.message), err.status);
      throw err;
    }
    return afterFactors(ctx, user, ['pwd', 'otp']);
  });

  router.post('/:uid/password', async (ctx) => {
    const f = await posted(ctx);
    const uid = ctx.params.uid;
    const ticket = f.get('ticket') ?? '';
    const [stage] = ['pwd:pwd', 'pwd:pwd,otp'].filter((st) => readTicket(key, uid, st, ticket, s.clock.now().getTime()));
    const userId = stage ? readTicket(key, uid, stage, ticket, s.clock.now().getTime()) : null;
    const user = userId ? await s.knex('users').where({ id: userId, active: true }).first() : null;
    if (!user || !stage) return html(ctx, renderLogin(uid, interactionCsrf(key, uid), { error: 'Phiên đăng nhập đã hết hạn, vui lòng đăng nhập lại' }), 401);
    const password = f.get('password') ?? '';
    const problems = password !== f.get('confirm') ? ['Hai lần nhập mật khẩu không khớp'] : passwordProblems(password, user.username, mfaEnabled(user));
    if (problems.length) return html(ctx, renderChangePassword(uid, interactionCsrf(key, uid), ticket, problems.join('; ')), 422);
    await changePassword(s, user.id, password, { id: user.id, username: user.username, ip: ctx.ip });
    return completeLogin(ctx, user, stage.slice(4).split(','));
  });

  router.post('/:uid/confirm', async (ctx) => {
    await posted(ctx);
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const { prompt, params, session, grantId } = details;
    if (prompt.name !== 'consent' || !session) throw new HttpError(400, 'bad_interaction', 'Bước xác nhận không hợp lệ');
    const grant = grantId ? await provider.Grant.find(grantId) : new provider.Grant({ accountId: session.accountId, clientId: String(params.client_id) });
    const d = prompt.details as Record<string, any>;
    if (d.missingOIDCScope) grant!.addOIDCScope(d.missingOIDCScope.join(' '));
    if (d.missingOIDCClaims) grant!.addOIDCClaims(d.missingOIDCClaims);
    if (d.missingResourceScopes) for (const [indicator, sc] of Object.entries(d.missingResourceScopes)) grant!.addResourceScope(indicator, (sc as string[]).join(' '));
    const id = await grant!.save();
    await finish(ctx, { consent: grantId ? {} : { grantId: id } }, true);
  });

  router.post('/:uid/abort', async (ctx) => {
    await posted(ctx);
    await finish(ctx, { error: 'access_denied', error_description: 'Người dùng đã hủy đăng nhập' });
  });
  return router;
}
