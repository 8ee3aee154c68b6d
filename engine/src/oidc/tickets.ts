// Short-lived, signed proofs that carry a sign-in across the steps of one interaction (password → second
// factor → forced password change) without trusting anything the browser could forge.
import crypto from 'node:crypto';

export function issueTicket(key: Buffer, uid: string, userId: number, stage: string, nowMs: number, ttlMs = 5 * 60_000): string {
  const exp = nowMs + ttlMs;
  const mac = crypto.createHmac('sha256', key).update(`${uid}|${userId}|${stage}|${exp}`).digest('base64url');
  return `${userId}.${exp}.${mac}`;
}

export function readTicket(key: Buffer, uid: string, stage: string, ticket: string, nowMs: number): number | null {
  const [user, exp, mac] = String(ticket).split('.');
  if (!user || !exp || !mac || Number(exp) < nowMs) return null;
  const expected = crypto.createHmac('sha256', key).update(`${uid}|${user}|${stage}|${exp}`).digest('base64url');
  const a = Buffer.from(mac);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b) ? Number(user) : null;
}

/** The CSRF token of an interaction's forms: bound to the interaction, checked on every POST. */
export function interactionCsrf(key: Buffer, uid: string): string {
  return crypto.createHmac('sha256', key).update(`csrf|${uid}`).digest('base64url');
}
