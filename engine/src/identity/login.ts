// Password login (CONTRACT.md) and the checks shared with the SSO sign-in page: the same answer for an
// unknown user as for a wrong password; a locked account answers 429 even with the right password; a
// wrong second factor counts as a failed login.
import type { Services } from '../services.js';
import { HttpError } from '../api/errors.js';
import { toDbTime } from '../db/time.js';
import { dummyVerify, verifyPassword } from './passwords.js';
import { verifyTotp } from './mfa.js';
import { unseal } from '../config/seal.js';

export class LockedError extends HttpError {
  constructor(readonly retryAfter: number) {
    super(429, 'account_locked', 'Tài khoản tạm khóa do đăng nhập sai nhiều lần, vui lòng thử lại sau');
  }
}

export const invalidCredentials = () => new HttpError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');

/** The user row behind correct credentials; throws 429 (locked) or 401 (wrong) after recording it. */
export async function checkPassword(s: Services, username: string, password: string, ip: string) {
  const lockedFor = await s.lockout.lockedFor(username);
  if (lockedFor > 0) {
    await s.audit.write({ action: 'login.locked', outcome: 'denied', actor: username, ip });
    throw new LockedError(lockedFor);
  }
  const user = await s.knex('users').where({ username }).first();
  const ok = user && user.active ? await verifyPassword(user.password_hash, password) : await dummyVerify(password);
  if (!ok) {
    await s.lockout.recordFailure(username, ip);
    await s.audit.write({ action: 'login.failure', outcome: 'failed', actor: username, actorId: user?.id ?? null, ip });
    throw invalidCredentials();
  }
  return user;
}

export const mfaEnabled = (user: any) => !!user.mfa_enabled_at && !!user.mfa_secret;

/** Checks the TOTP code of a user with MFA; a wrong code is a failed login (lockout counts it). */
export async function checkOtp(s: Services, user: any, otp: string | undefined, ip: string): Promise<void> {
  const secret = unseal(s.secrets.keySecret, user.mfa_secret);
  if (otp && (await verifyTotp(secret, otp, s.clock))) return;
  await s.lockout.recordFailure(user.username, ip);
  await s.audit.write({ action: 'login.failure', outcome: 'failed', actor: user.username, actorId: user.id, ip, detail: { factor: 'otp' } });
  throw new HttpError(401, otp ? 'invalid_otp' : 'otp_required', otp ? 'Mã xác thực không đúng' : 'Cần mã xác thực hai lớp', [{ path: '/otp', message: otp ? 'không đúng' : 'bắt buộc' }]);
}

export async function login(s: Services, username: string, password: string, ip: string, otp?: string) {
  const user = await checkPassword(s, username, password, ip);
  const mfa = mfaEnabled(user);
  if (mfa) await checkOtp(s, user, otp, ip);
  const issued = await s.knex.transaction(async (trx) => {
    const t = await s.tokens.issue(user.id, trx, { mfa });
    await trx('users').where({ id: user.id }).update({ last_login_at: toDbTime(s.clock.now()) });
    await s.audit.write({ action: 'login.success', actorId: user.id, actor: username, ip, detail: { mfa } }, trx);
    return t;
  });
  await s.lockout.clear(username);
  return { userId: user.id as number, mustChangePassword: !!user.must_change_password, ...issued };
}
