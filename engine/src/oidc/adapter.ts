// oidc-provider's storage in the database, so any engine instance serves any step of a flow (sessions,
// interactions, codes, tokens, grants). Registered clients come from oidc_clients.
import type { Knex } from 'knex';
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Clock } from '../config/clock.js';
import { readJson, writeJson } from '../db/json.js';
import { fromDbTime, toDbTime } from '../db/time.js';
import type { ClientRegistry } from './clients.js';

const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

export function adapterFactory(knex: Knex, clock: Clock, clients: ClientRegistry) {
  return class DbAdapter implements Adapter {
    constructor(readonly model: string) {}

    async upsert(id: string, payload: AdapterPayload, expiresIn: number): Promise<void> {
      const row = {
        model: this.model,
        id,
        payload: writeJson(payload),
        grant_id: GRANTABLE.has(this.model) ? (payload.grantId ?? null) : null,
        user_code: payload.userCode ?? null,
        uid: payload.uid ?? null,
        expires_at: expiresIn ? toDbTime(new Date(clock.now().getTime() + expiresIn * 1000)) : null,
        consumed_at: null,
      };
      await knex('oidc_payloads').insert(row).onConflict(['model', 'id']).merge(['payload', 'grant_id', 'user_code', 'uid', 'expires_at', 'consumed_at']);
    }

    async findBy(where: Record<string, string>): Promise<AdapterPayload | undefined> {
      const row = await knex('oidc_payloads').where({ model: this.model, ...where }).first();
      if (!row) return undefined;
      const exp = fromDbTime(row.expires_at);
      if (exp && exp.getTime() <= clock.now().getTime()) return undefined;
      const payload = readJson<AdapterPayload>(row.payload);
      return row.consumed_at ? { ...payload, consumed: Math.floor(fromDbTime(row.consumed_at)!.getTime() / 1000) } : payload;
    }

    async find(id: string): Promise<AdapterPayload | undefined> {
      if (this.model === 'Client') return clients.metadata(id);
      return this.findBy({ id });
    }

    findByUserCode(userCode: string) {
      return this.findBy({ user_code: userCode });
    }

    findByUid(uid: string) {
      return this.findBy({ uid });
    }

    async consume(id: string): Promise<void> {
      await knex('oidc_payloads').where({ model: this.model, id }).update({ consumed_at: toDbTime(clock.now()) });
    }

    async destroy(id: string): Promise<void> {
      await knex('oidc_payloads').where({ model: this.model, id }).delete();
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      await knex('oidc_payloads').where({ grant_id: grantId }).delete();
    }
  };
}
