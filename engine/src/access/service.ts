// The engine's entry point to access control: abilities from the published role metadata (cached per
// user and metadata generation) and the SQL permission filter for lists and counts.
import type { Knex } from 'knex';
import type { MetadataRegistry } from '../metadata/registry.js';
import type { Principal } from '../org/principal.js';
import { buildAbility, type AppAbility } from './ability.js';
import { applyAccessFilter, type FieldMap } from './sql.js';

const MAX_CACHED = 5000;

export class AccessService {
  private cache = new Map<string, AppAbility>();
  private cachedGeneration = -1;

  constructor(private metadata: MetadataRegistry) {}

  async abilityFor(principal: Principal): Promise<AppAbility> {
    const snapshot = this.metadata.snapshot;
    await snapshot.ensureFresh();
    if (snapshot.generation !== this.cachedGeneration) {
      this.cache.clear();
      this.cachedGeneration = snapshot.generation;
    }
    const key = `${principal.id}|${principal.positions.map((p) => `${p.unitId}:${p.roleKey}`).join(',')}|${principal.scopes?.join(' ') ?? ''}`;
    let ability = this.cache.get(key);
    if (!ability) {
      ability = buildAbility(principal, (roleKey, pillar) => snapshot.resolve('role', roleKey, pillar)?.body);
      if (this.cache.size >= MAX_CACHED) this.cache.delete(this.cache.keys().next().value!);
      this.cache.set(key, ability);
    }
    return ability;
  }

  filter(qb: Knex.QueryBuilder, ability: AppAbility, action: string, subjectType: string, fields: FieldMap): Knex.QueryBuilder {
    return applyAccessFilter(qb, ability, action, subjectType, fields);
  }

  roleName(roleKey: string, pillar: string | null): string | undefined {
    return this.metadata.snapshot.resolve('role', roleKey, pillar)?.body?.name;
  }
}
