// The provider's secrets: the key that seals signing keys and client secrets, and the cookie keys.
// Production takes them from OIDC_KEY_SECRET and OIDC_COOKIE_KEYS and refuses to start without them;
// development generates them once per database (so every instance of that database shares them).
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { Config } from '../config/index.js';
import { keyFrom } from '../config/seal.js';

export interface OidcSecrets {
  keySecret: Buffer;
  cookieKeys: string[];
}

async function generated(knex: Knex, name: string, make: () => string): Promise<string> {
  const row = await knex('app_secrets').where({ name }).first('value');
  if (row) return row.value;
  try {
    await knex('app_secrets').insert({ name, value: make() });
  } catch {
    /* another instance generated it first */
  }
  return (await knex('app_secrets').where({ name }).first('value'))!.value;
}

export async function oidcSecrets(knex: Knex, config: Config): Promise<OidcSecrets> {
  if (config.oidcKeySecret && config.oidcCookieKeys)
    return { keySecret: keyFrom(config.oidcKeySecret), cookieKeys: config.oidcCookieKeys.split(',').map((k) => k.trim()).filter(Boolean) };
  if (config.production) throw new Error('NODE_ENV=production needs OIDC_KEY_SECRET (256-bit key) and OIDC_COOKIE_KEYS: refusing a default secret');
  const random = () => crypto.randomBytes(32).toString('base64');
  return {
    keySecret: keyFrom(await generated(knex, 'oidc_key_secret', random)),
    cookieKeys: [await generated(knex, 'oidc_cookie_key', random)],
  };
}
