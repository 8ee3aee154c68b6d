// Password policy (DOMAIN.md security baseline): at least 12 characters (8 with a second factor), not
// the user name, not one of the ~50,000 most common passwords (the zxcvbn-ts common list).
import { dictionary } from '@zxcvbn-ts/language-common';
import type { Services } from '../services.js';
import { toDbTime } from '../db/time.js';
import { hashPassword } from './passwords.js';

let common: Set<string> | undefined;
function isCommon(password: string): boolean {
  common ??= new Set((dictionary['passwords-common'] as string[]).map((p) => p.toLowerCase()));
  return common.has(password.toLowerCase());
}

export function passwordProblems(password: string, username: string, hasMfa: boolean): string[] {
  const problems: string[] = [];
  const min = hasMfa ? 8 : 12;
  if (password.length < min) problems.push(`Mật khẩu cần ít nhất ${min} ký tự${hasMfa ? '' : ' (hoặc 8 ký tự khi bật xác thực hai lớp)'}`);
  if (password.length > 256) problems.push('Mật khẩu quá dài');
  const u = username.toLowerCase();
  const p = password.toLowerCase();
  if (u && (p === u || p.includes(u) || u.split('.').some((part) => part.length >= 4 && p.includes(part)))) problems.push('Mật khẩu không được chứa tên đăng nhập');
  if (isCommon(password) || isCommon(password.replace(/\d+$/, ''))) problems.push('Mật khẩu quá phổ biến, dễ bị đoán');
  if (/^(.)\1+$/.test(password)) problems.push('Mật khẩu không được là một ký tự lặp lại');
  return problems;
}

/** Sets a new password, ends the user's other sessions and clears the forced-change flag. */
export async function changePassword(s: Services, userId: number, password: string, by: { id: number | null; username: string; ip?: string }): Promise<void> {
  const hash = await hashPassword(password);
  await s.knex.transaction(async (trx) => {
    const now = toDbTime(s.clock.now());
    await trx('users').where({ id: userId }).update({ password_hash: hash, must_change_password: false, password_changed_at: now, updated_at: now });
    await trx('auth_tokens').where({ user_id: userId }).whereNull('revoked_at').update({ revoked_at: now });
    await s.audit.write({ action: 'password.change', actorId: by.id, actor: by.username, subjectType: 'User', subjectId: userId, ip: by.ip }, trx);
  });
}
