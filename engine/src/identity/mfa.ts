// TOTP second factor (RFC 6238) with otplib. Secrets are stored sealed with the platform key.
import { generate, generateSecret, generateURI, verify } from 'otplib';
import type { Clock } from '../config/clock.js';

export function newTotpSecret(): string {
  return generateSecret();
}

export function totpUri(secret: string, username: string): string {
  return generateURI({ issuer: 'Đôn Đốc', label: username, secret });
}

/** Accepts the code of the current 30-second step or of its neighbours (clock drift of phones). */
export async function verifyTotp(secret: string, token: string, clock: Clock): Promise<boolean> {
  if (!/^\d{6}$/.test(token)) return false;
  const r = await verify({ secret, token, epoch: Math.floor(clock.now().getTime() / 1000), epochTolerance: 30 });
  return r.valid;
}

/** For tests and the enrolment check: the code valid now. */
export function totpNow(secret: string, clock: Clock): Promise<string> {
  return generate({ secret, epoch: Math.floor(clock.now().getTime() / 1000) });
}
