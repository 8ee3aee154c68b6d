// Role rules are metadata with placeholders such as "${position.unitPath}"; they are resolved against the
// principal and the position through which the role is held, before CASL sees them.
import { resolvePlaceholders } from '@dondoc/metadata';

export interface PrincipalPosition {
  unitId: number;
  unitPath: string;
  pillar: string;
  roleKey: string;
}

export interface Principal {
  id: number;
  username: string;
  pillar: string | null;
  positions: PrincipalPosition[];
}

/** One CASL raw rule as stored in role metadata. */
export interface RoleRule {
  action: string | string[];
  subject: string | string[];
  conditions?: Record<string, unknown>;
  fields?: string | string[];
  inverted?: boolean;
  reason?: string;
}

export interface RoleBody {
  name: string;
  rules: RoleRule[];
}

export type PlaceholderValues = Record<string, unknown>;

const distinct = <T>(xs: T[]) => [...new Set(xs)];

export function placeholderValues(principal: Principal, position: PrincipalPosition): PlaceholderValues {
  return {
    'user.id': principal.id,
    'user.unitIds': distinct(principal.positions.map((p) => p.unitId)),
    'user.unitPaths': distinct(principal.positions.map((p) => p.unitPath)),
    'user.pillar': principal.pillar,
    'position.unitId': position.unitId,
    'position.unitPath': position.unitPath,
    'position.pillar': position.pillar,
  };
}

/**
 * Resolve the placeholders of one conditions object. The rules (list → membership, list operands
 * spliced, a placeholder anywhere else is an error) live once in @dondoc/metadata beside the validators.
 */
export function resolveConditions(conditions: Record<string, unknown>, values: PlaceholderValues): Record<string, unknown> {
  return resolvePlaceholders(conditions, values as Parameters<typeof resolvePlaceholders>[1]);
}

/** The rules of a role as held through `position` by `principal`. */
export function resolveRules(
  rules: readonly RoleRule[],
  principal: Principal,
  position: PrincipalPosition,
): RoleRule[] {
  const values = placeholderValues(principal, position);
  return rules.map((rule) => {
    try {
      return rule.conditions
        ? { ...rule, conditions: resolveConditions(rule.conditions, values) }
        : { ...rule };
    } catch (e) {
      throw new Error(`role "${position.roleKey}": ${(e as Error).message}`, { cause: e });
    }
  });
}
