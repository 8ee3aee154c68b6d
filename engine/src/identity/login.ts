// Password login for scripts and the web apps (CONTRACT.md): the same answer for an unknown user as for
// a wrong password; a locked account answers 429 even with the right password.
import type { Services } from '../services.js';
import { HttpError } from '../api/errors.js';
import { toDbTime } from '../db/time.js';
import { dummyVerify, verifyPassword } from './passwords.js';

export class LockedError extends HttpError {
  constructor(readonly retryAfter: number) {
    super(429, 'account_locked', 'Tài khoản tạm khóa do đăng nhập sai nhiều lần, vui lòng thử lại sau');
  }
}

export async function login(s: Services, username: string, password: string, ip: string) {
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
    throw new HttpError(401, 'invalid_credentials', 'Tên đăng nhập hoặc mật khẩu không đúng');
  }
  const issued = await s.knex.transaction(async (trx) => {
    const t = await s.tokens.issue(user.id, trx);
    await trx('users').where({ id: user.id }).update({ last_login_at: toDbTime(s.clock.now()) });
    await s.audit.write({ action: 'login.success', actorId: user.id, actor: username, ip }, trx);
    return t;
  });
  await s.lockout.clear(username);
  return { userId: user.id as number, ...issued };
}
