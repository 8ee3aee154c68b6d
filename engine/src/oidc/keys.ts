// Signing keys: generated at first start, stored sealed (AES-256-GCM) in the database so every instance
// signs and verifies alike, rotated by `npm run cli -- oidc rotate-keys` with the old key kept for
// verification (the JWKS lists it; the newest signs).
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { exportJWK, generateKeyPair } from 'jose';
import type { Clock } from '../config/clock.js';
import { seal, unseal } from '../config/seal.js';
import { toDbTime } from '../db/time.js';

const ALG = 'RS256';

async function newKey(knex: Knex, secret: Buffer, clock: Clock): Promise<void> {
  const { privateKey } = await generateKeyPair(ALG, { extractable: true, modulusLength: 2048 });
  const jwk = await exportJWK(privateKey);
  const kid = crypto.randomBytes(12).toString('base64url');
  await knex('oidc_keys').insert({ kid, alg: ALG, sealed_jwk: seal(secret, JSON.stringify({ ...jwk, kid, alg: ALG, use: 'sig' })), created_at: toDbTime(clock.now()) });
}

/** Private JWKs, newest first (oidc-provider signs with the first key of an algorithm). */
export async function signingKeys(knex: Knex, secret: Buffer, clock: Clock): Promise<any[]> {
  if (!(await knex('oidc_keys').first('kid'))) {
    try {
      await newKey(knex, secret, clock);
    } catch {
      /* generated concurrently by another instance */
    }
  }
  const rows = await knex('oidc_keys').orderBy('created_at', 'desc').orderBy('kid');
  // Two instances starting together may both have generated one: all are valid; the newest signs.
  return rows.map((r) => JSON.parse(unseal(secret, r.sealed_jwk)));
}

/** Adds a new signing key and retires the others (kept for verifying tokens they signed). */
export async function rotateKeys(knex: Knex, secret: Buffer, clock: Clock, keepRetired = 2): Promise<string> {
  await knex('oidc_keys').whereNull('retired_at').update({ retired_at: toDbTime(clock.now()) });
  await newKey(knex, secret, clock);
  const retired = await knex('oidc_keys').whereNotNull('retired_at').orderBy('retired_at', 'desc').select('kid');
  for (const r of retired.slice(keepRetired)) await knex('oidc_keys').where({ kid: r.kid }).delete();
  return (await knex('oidc_keys').whereNull('retired_at').first('kid'))!.kid;
}
