// The engine as the city's OpenID Connect provider (oidc-provider 9), mounted at /oidc. State lives in
// the database (adapter.ts), keys are shared and sealed (keys.ts), so any instance serves any step.
import type { Knex } from 'knex';
import { Provider, type Configuration } from 'oidc-provider';
import type { Clock } from '../config/clock.js';
import { loadPrincipal } from '../org/principal.js';
import { adapterFactory } from './adapter.js';
import { API_SCOPES, type ClientRegistry } from './clients.js';
import { signingKeys } from './keys.js';
import type { OidcSecrets } from './secrets.js';
import { renderLogoutConfirm, renderLoggedOut, renderError } from './views.js';

export interface ProviderDeps {
  knex: Knex;
  clock: Clock;
  secrets: OidcSecrets;
  clients: ClientRegistry;
  issuer: string;
  production: boolean;
}

export async function createProvider(d: ProviderDeps): Promise<Provider> {
  const keys = await signingKeys(d.knex, d.secrets.keySecret, d.clock);
  const configuration: Configuration = {
    adapter: adapterFactory(d.knex, d.clock, d.clients),
    jwks: { keys },
    cookies: { keys: d.secrets.cookieKeys, long: { signed: true, httpOnly: true, sameSite: 'lax' }, short: { signed: true, httpOnly: true, sameSite: 'lax' } },
    scopes: ['openid', 'offline_access', 'profile', 'email', ...API_SCOPES],
    claims: { openid: ['sub'], profile: ['name', 'preferred_username', 'pillar'], email: ['email'] },
    async findAccount(_ctx, sub) {
      const p = await loadPrincipal(d.knex, Number(sub));
      if (!p) return undefined;
      return {
        accountId: sub,
        async claims() {
          return { sub, name: p.fullName, preferred_username: p.username, email: p.email ?? undefined, pillar: p.pillar ?? undefined };
        },
      };
    },
    features: {
      devInteractions: { enabled: false },
      clientCredentials: { enabled: true },
      introspection: { enabled: true },
      revocation: { enabled: true },
      rpInitiatedLogout: {
        enabled: true,
        logoutSource: async (ctx, form) => {
          ctx.body = renderLogoutConfirm(form);
        },
        postLogoutSuccessSource: async (ctx) => {
          ctx.body = renderLoggedOut();
        },
      },
    },
    pkce: { required: () => true },
    // Refresh tokens rotate on every use; a replayed one is refused (and its grant revoked).
    rotateRefreshToken: true,
    issueRefreshToken: async (_ctx, client, code) => client.grantTypeAllowed('refresh_token') && code.scopes.has('offline_access'),
    ttl: {
      AccessToken: 15 * 60,
      AuthorizationCode: 60,
      ClientCredentials: 10 * 60,
      IdToken: 60 * 60,
      Interaction: 15 * 60,
      Grant: 8 * 3600,
      Session: 8 * 3600,
      RefreshToken: 8 * 3600,
    },
    interactions: { url: (_ctx, interaction) => `/oidc/interaction/${interaction.uid}` },
    // First-party clients (the platform's apps) need no consent screen; the others ask once.
    async loadExistingGrant(ctx) {
      const grantId = ctx.oidc.result?.consent?.grantId || ctx.oidc.session!.grantIdFor(ctx.oidc.client!.clientId);
      if (grantId) return ctx.oidc.provider.Grant.find(grantId);
      if (await d.clients.isFirstParty(ctx.oidc.client!.clientId)) {
        const grant = new ctx.oidc.provider.Grant({ clientId: ctx.oidc.client!.clientId, accountId: ctx.oidc.session!.accountId! });
        grant.addOIDCScope('openid profile email offline_access');
        await grant.save();
        return grant;
      }
      return undefined;
    },
    // CORS only for the origins of a client's own redirect URIs, never any origin.
    clientBasedCORS(_ctx, origin, client) {
      return (client.redirectUris ?? []).some((u) => {
        try {
          return new URL(u).origin === origin;
        } catch {
          return false;
        }
      });
    },
    async renderError(ctx, out) {
      ctx.type = 'html';
      ctx.body = renderError(out);
    },
  };
  const provider = new Provider(d.issuer, configuration);
  provider.proxy = process.env.TRUST_PROXY === 'true';
  return provider;
}
