// Self-service: enrol a TOTP second factor, change one's password.
import { defineRoutes } from '../api/routes.js';
import { bodyValidator } from '../api/validate.js';
import { conflict, HttpError, invalid } from '../api/errors.js';
import { seal, unseal } from '../config/seal.js';
import { toDbTime } from '../db/time.js';
import { newTotpSecret, totpUri, verifyTotp } from './mfa.js';
import { verifyPassword } from './passwords.js';
import { changePassword, passwordProblems } from './password-policy.js';

const parseOtp = bodyValidator<{ otp: string }>({ type: 'object', required: ['otp'], additionalProperties: false, properties: { otp: { type: 'string', pattern: '^\\d{6}$' } } });
const parsePassword = bodyValidator<{ currentPassword: string; newPassword: string }>({
  type: 'object',
  required: ['currentPassword', 'newPassword'],
  additionalProperties: false,
  properties: { currentPassword: { type: 'string', maxLength: 1024 }, newPassword: { type: 'string', maxLength: 1024 } },
});

export const mfaRoutes = defineRoutes([
  {
    method: 'post',
    path: '/api/auth/mfa/setup',
    summary: 'Start TOTP enrolment: a new secret and its otpauth:// URI (for a QR code)',
    tags: ['auth'],
    authenticated: true,
    async handler(ctx, s) {
      const p = ctx.state.principal!;
      if (!p.id) throw new HttpError(403, 'forbidden', 'Chỉ dành cho người dùng');
      const user = await s.knex('users').where({ id: p.id }).first();
      if (user.mfa_enabled_at) throw conflict('Xác thực hai lớp đã được bật');
      const secret = newTotpSecret();
      await s.knex('users').where({ id: p.id }).update({ mfa_secret: seal(s.secrets.keySecret, secret), updated_at: toDbTime(s.clock.now()) });
      ctx.body = { secret, otpauthUrl: totpUri(secret, p.username) };
    },
  },
  {
    method: 'post',
    path: '/api/auth/mfa/enable',
    summary: 'Confirm TOTP enrolment with a current code; this session counts as verified',
    tags: ['auth'],
    authenticated: true,
    async handler(ctx, s) {
      const { otp } = parseOtp(ctx.request.body ?? {});
      const p = ctx.state.principal!;
      const user = await s.knex('users').where({ id: p.id }).first();
      if (!user?.mfa_secret) throw conflict('Chưa bắt đầu đăng ký xác thực hai lớp');
      if (!(await verifyTotp(unseal(s.secrets.keySecret, user.mfa_secret), otp, s.clock))) throw invalid([{ path: '/otp', message: 'Mã xác thực không đúng' }]);
      await s.knex.transaction(async (trx) => {
        await trx('users').where({ id: p.id }).update({ mfa_enabled_at: toDbTime(s.clock.now()) });
        await s.audit.write({ action: 'mfa.enable', actorId: p.id, actor: p.username, ip: ctx.ip }, trx);
      });
      if (ctx.state.tokenId) await s.tokens.markMfa(ctx.state.tokenId);
      ctx.body = { mfaEnabled: true };
    },
  },
  {
    method: 'post',
    path: '/api/auth/password',
    summary: 'Change one’s own password (policy checked); ends the user’s other sessions',
    tags: ['auth'],
    authenticated: true,
    async handler(ctx, s) {
      const { currentPassword, newPassword } = parsePassword(ctx.request.body ?? {});
      const p = ctx.state.principal!;
      const user = await s.knex('users').where({ id: p.id }).first();
      if (!user || !(await verifyPassword(user.password_hash, currentPassword))) throw invalid([{ path: '/currentPassword', message: 'Mật khẩu hiện tại không đúng' }]);
      const problems = passwordProblems(newPassword, user.username, !!user.mfa_enabled_at);
      if (problems.length) throw invalid(problems.map((message) => ({ path: '/newPassword', message })));
      await changePassword(s, p.id, newPassword, { id: p.id, username: p.username, ip: ctx.ip });
      ctx.status = 204;
    },
  },
]);
