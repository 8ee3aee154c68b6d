// The OIDC capability as the rest of the engine sees it: the provider (built when the engine knows its
// public URL), the client registry, and token lookups for the API.
import type { Provider } from 'oidc-provider';
import { createPublicKey } from 'node:crypto';
import type { ClientRegistry } from './clients.js';

export class OidcService {
  provider: Provider | undefined;
  issuer = '';
  publicUrl = '';
  /** Where this instance listens, for its own back-channel calls (the BFF's code exchange). */
  localUrl = '';
  publicJwks: any[] = [];

  constructor(readonly clients: ClientRegistry) {}

  setKeys(privateJwks: any[]) {
    this.publicJwks = privateJwks.map((k) => ({ ...(createPublicKey({ key: k, format: 'jwk' }).export({ format: 'jwk' }) as object), kid: k.kid, alg: k.alg, use: 'sig' }));
  }

  /** A user's OIDC access token (mobile app, third-party app): the account id, or null. */
  async accessTokenAccount(token: string): Promise<{ accountId: string; scopes: string[]; clientId: string } | null> {
    if (!this.provider) return null;
    const at = await this.provider.AccessToken.find(token);
    if (!at || at.isExpired) return null;
    return { accountId: String(at.accountId), scopes: [...at.scopes], clientId: String(at.clientId) };
  }

  /** An integration's client-credentials token: the client and its granted scopes, or null. */
  async clientCredentials(token: string): Promise<{ clientId: string; scopes: string[] } | null> {
    if (!this.provider) return null;
    const cc = await this.provider.ClientCredentials.find(token);
    if (!cc || cc.isExpired) return null;
    return { clientId: String(cc.clientId), scopes: [...cc.scopes] };
  }
}
