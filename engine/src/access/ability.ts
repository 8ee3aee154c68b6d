// CASL abilities from role metadata: each position's role resolved against that position, combined as
// a union (union.ts), with the engine's matcher. Built once per user and metadata version (AbilityCache).
import { createMongoAbility, detectSubjectType, type MongoAbility } from '@casl/ability';
import { conditionsMatcher } from './matcher.js';
import {
  resolveRules,
  type Principal,
  type PrincipalPosition,
  type RoleBody,
  type RoleRule,
} from './placeholders.js';
import { unionOfRoles } from './union.js';

export type AppAbility = MongoAbility;

/** Role bodies by key, or a lookup that may also consider the position's pillar (overrides). */
export type RoleSource =
  ReadonlyMap<string, RoleBody> | ((roleKey: string, pillar: string) => RoleBody | undefined);

// Rows tagged with `__type` (e.g. straight from a query) or with CASL's subject() helper.
function subjectTypeOf(object: Record<string, unknown>): string {
  return typeof object.__type === 'string' ? object.__type : (detectSubjectType(object) as string);
}

/** An ability over already-resolved rules (also what tests use to state expectations). */
export function createAppAbility(rules: readonly RoleRule[]): AppAbility {
  // Parse every condition now, so a malformed role fails when the ability is built, not mid-request.
  for (const r of rules) if (r.conditions) conditionsMatcher(r.conditions as never);
  return createMongoAbility(rules as never, {
    conditionsMatcher,
    detectSubjectType: subjectTypeOf as never,
  });
}

function roleOf(roles: RoleSource, position: PrincipalPosition): RoleBody | undefined {
  return typeof roles === 'function' ? roles(position.roleKey, position.pillar) : roles.get(position.roleKey);
}

/**
 * The ability of `principal`: the union of the rules of each position's role, each resolved against
 * that position. A position whose role is not published grants nothing (fails closed).
 */
export function buildAbility(principal: Principal, roles: RoleSource): AppAbility {
  const perPosition = principal.positions.map((position) => {
    const role = roleOf(roles, position);
    return role ? resolveRules(role.rules, principal, position) : [];
  });
  return createAppAbility(unionOfRoles(perPosition).rules);
}

/**
 * Abilities keyed by user, metadata version and the user's positions (a new position must not wait for
 * a metadata change). A new version empties the cache; beyond `max` entries the least recently used go.
 */
export class AbilityCache {
  private entries = new Map<string, AppAbility>();
  private version: string | number | undefined;

  constructor(private readonly max = 1000) {}

  get(principal: Principal, rolesVersion: string | number, build: () => AppAbility): AppAbility {
    if (rolesVersion !== this.version) {
      this.entries.clear();
      this.version = rolesVersion;
    }
    // Everything placeholders read is in the key, so a stale ability cannot outlive a changed position.
    const positions = principal.positions.map((p) => `${p.roleKey}@${p.unitId}:${p.unitPath}:${p.pillar}`);
    const key = `${principal.id}|${principal.pillar ?? ''}|${positions.join(',')}`;
    let ability = this.entries.get(key);
    if (ability)
      this.entries.delete(key); // re-inserted below: Map order is recency order
    else ability = build();
    this.entries.set(key, ability);
    if (this.entries.size > this.max) this.entries.delete(this.entries.keys().next().value!);
    return ability;
  }

  get size(): number {
    return this.entries.size;
  }
}
