// OIDC clients: the platform's own web client (built in, derived from the configuration and the key
// secret, so every instance agrees without storing it) and the clients administrators register.
import crypto from 'node:crypto';
import type { Knex } from 'knex';
import type { ClientMetadata } from 'oidc-provider';
import type { Clock } from '../config/clock.js';
import { seal, unseal } from '../config/seal.js';
import { readJson, writeJson } from '../db/json.js';
import { isoTime, toDbTime } from '../db/time.js';

export const WEB_CLIENT_ID = 'dondoc-web';

/** Scopes an integration may hold; each maps to what the API lets its token do (see scopes.ts). */
export const API_SCOPES = ['tasks:read', 'tasks:write', 'documents:read', 'documents:write', 'reports:read', 'edxml:import', 'units:read', 'webhooks:manage', 'integrations:read', 'sync:write'];

export interface RegisterClientInput {
  name: string;
  /** authorization_code (+ refresh_token) for apps; client_credentials for integrations. */
  grantTypes: Array<'authorization_code' | 'refresh_token' | 'client_credentials'>;
  redirectUris?: string[];
  postLogoutRedirectUris?: string[];
  scopes?: string[];
  /** A public client (mobile app, SPA) has no secret and must use PKCE. */
  public?: boolean;
}

export class ClientRegistry {
  constructor(
    private knex: Knex,
    private clock: Clock,
    private secret: Buffer,
    private publicUrl: () => string,
  ) {}

  webClientSecret(): string {
    return crypto.createHmac('sha256', this.secret).update(`client-secret:${WEB_CLIENT_ID}`).digest('base64url');
  }

  webClient(): ClientMetadata {
    return {
      client_id: WEB_CLIENT_ID,
      client_secret: this.webClientSecret(),
      client_name: 'Đôn Đốc (web)',
      redirect_uris: [`${this.publicUrl()}/api/auth/sso/callback`],
      post_logout_redirect_uris: [`${this.publicUrl()}/`, `${this.publicUrl()}/studio/`],
      grant_types: ['authorization_code', 'refresh_token'],
      response_types: ['code'],
      token_endpoint_auth_method: 'client_secret_basic',
      scope: 'openid profile email offline_access',
    };
  }

  async metadata(clientId: string): Promise<ClientMetadata | undefined> {
    if (clientId === WEB_CLIENT_ID) return this.webClient();
    const row = await this.knex('oidc_clients').where({ client_id: clientId }).first();
    if (!row) return undefined;
    const meta = readJson<ClientMetadata>(row.metadata);
    return row.sealed_secret ? { ...meta, client_secret: unseal(this.secret, row.sealed_secret) } : meta;
  }

  async isFirstParty(clientId: string): Promise<boolean> {
    if (clientId === WEB_CLIENT_ID) return true;
    return !!(await this.knex('oidc_clients').where({ client_id: clientId, first_party: true }).first('client_id'));
  }

  /** Registers a client; the secret is returned once and stored only sealed. */
  async register(input: RegisterClientInput, createdBy: number, firstParty = false) {
    const clientId = `${input.name.normalize('NFD').replace(/[^\w]+/g, '-').replace(/^-|-$/g, '').toLowerCase().slice(0, 40) || 'client'}-${crypto.randomBytes(4).toString('hex')}`;
    const secret = input.public ? null : crypto.randomBytes(32).toString('base64url');
    const meta: ClientMetadata = {
      client_id: clientId,
      client_name: input.name,
      grant_types: input.grantTypes,
      response_types: input.grantTypes.includes('authorization_code') ? ['code'] : [],
      redirect_uris: input.redirectUris ?? [],
      post_logout_redirect_uris: input.postLogoutRedirectUris ?? [],
      token_endpoint_auth_method: input.public ? 'none' : 'client_secret_basic',
      scope: ['openid', 'profile', 'email', ...(input.grantTypes.includes('refresh_token') ? ['offline_access'] : []), ...(input.scopes ?? [])].join(' '),
    };
    await this.knex('oidc_clients').insert({
      client_id: clientId,
      name: input.name,
      metadata: writeJson(meta),
      sealed_secret: secret ? seal(this.secret, secret) : null,
      first_party: firstParty,
      created_by: createdBy,
      created_at: toDbTime(this.clock.now()),
    });
    return { clientId, clientSecret: secret, metadata: meta };
  }

  async list() {
    const rows = await this.knex('oidc_clients').orderBy('created_at');
    return rows.map((r) => {
      const m = readJson<ClientMetadata>(r.metadata);
      return { clientId: r.client_id, name: r.name, grantTypes: m.grant_types, redirectUris: m.redirect_uris, scope: m.scope, public: !r.sealed_secret, createdAt: isoTime(r.created_at) };
    });
  }

  async remove(clientId: string): Promise<boolean> {
    const n = await this.knex('oidc_clients').where({ client_id: clientId }).delete();
    if (n) await this.knex('oidc_payloads').whereIn('model', ['AccessToken', 'RefreshToken', 'ClientCredentials', 'Grant']).whereRaw('payload LIKE ?', [`%"clientId":"${clientId.replace(/[%_"]/g, '')}"%`]).delete();
    return n > 0;
  }
}
