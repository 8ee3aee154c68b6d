// Credentials are hashed with argon2id (OWASP parameters: 19 MiB, t=2, p=1).
import argon2 from 'argon2';

const OPTIONS = { type: argon2.argon2id, memoryCost: 19456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false;
  }
}

// Verifying against this when the user does not exist makes an unknown user cost the same time as a
// wrong password, so the answer does not reveal which accounts exist.
let dummyHash: Promise<string> | undefined;
export function dummyVerify(password: string): Promise<boolean> {
  dummyHash ??= hashPassword('dondoc-timing-equaliser');
  return dummyHash.then((h) => verifyPassword(h, password)).then(() => false);
}
