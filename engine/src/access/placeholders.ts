// Role rules are metadata with placeholders such as "${position.unitPath}"; they are resolved against the
// principal and the position through which the role is held, before CASL sees them.

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

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && (v as object).constructor === Object;

/** The value of a string that is exactly one placeholder; undefined for anything else. */
function placeholder(v: unknown, values: PlaceholderValues): { value: unknown } | undefined {
  if (typeof v !== 'string' || !v.includes('${')) return undefined;
  const m = /^\$\{([^}]*)\}$/.exec(v);
  if (!m) throw new Error(`"${v}": a placeholder must be the whole value`);
  if (!Object.hasOwn(values, m[1])) throw new Error(`unknown placeholder ${v}`);
  return { value: values[m[1]] };
}

/** Literal operands may not hide placeholders anywhere (a typo must not become a literal string). */
function literal(v: unknown, values: PlaceholderValues): unknown {
  if (placeholder(v, values)) throw new Error(`placeholder ${String(v)} is not allowed here`);
  if (Array.isArray(v)) v.forEach((x) => literal(x, values));
  else if (isPlainObject(v)) Object.values(v).forEach((x) => literal(x, values));
  return v;
}

// Operands that are lists: a list placeholder is spliced in, a single value becomes one element.
function list(operand: unknown, values: PlaceholderValues): unknown[] {
  const items = Array.isArray(operand) ? operand : [operand];
  return items.flatMap((x) => {
    const p = placeholder(x, values);
    return p ? (Array.isArray(p.value) ? p.value : [p.value]) : [literal(x, values)];
  });
}

function resolveOperators(field: string, ops: Record<string, unknown>, values: PlaceholderValues) {
  const out: Record<string, unknown> = {};
  const put = (op: string, v: unknown) => {
    if (Object.hasOwn(out, op)) throw new Error(`"${field}": ${op} given twice after resolving placeholders`);
    out[op] = v;
  };
  for (const [op, operand] of Object.entries(ops)) {
    const p = placeholder(operand, values);
    if (op === '$in' || op === '$nin') put(op, list(operand, values));
    else if (op === '$startsWith') put(op, p && !Array.isArray(p.value) ? p.value : list(operand, values));
    else if (!p) put(op, literal(operand, values));
    else if (!Array.isArray(p.value)) put(op, p.value);
    // A list where one value is expected: equality means membership, anything else is an error.
    else if (op === '$eq') put('$in', p.value);
    else if (op === '$ne') put('$nin', p.value);
    else throw new Error(`"${field}": ${op} cannot take the list ${String(operand)}`);
  }
  return out;
}

/** Resolve the placeholders of one conditions object (recursing into $and/$or/$nor). */
export function resolveConditions(
  conditions: Record<string, unknown>,
  values: PlaceholderValues,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(conditions)) {
    if (key === '$and' || key === '$or' || key === '$nor') {
      if (!Array.isArray(value)) throw new Error(`${key} expects an array`);
      out[key] = value.map((c) => (isPlainObject(c) ? resolveConditions(c, values) : literal(c, values)));
      continue;
    }
    const p = placeholder(value, values);
    if (p) out[key] = Array.isArray(p.value) ? { $in: p.value } : p.value;
    else if (isPlainObject(value) && Object.keys(value).some((k) => k.startsWith('$')))
      out[key] = resolveOperators(key, value, values);
    else out[key] = literal(value, values);
  }
  return out;
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
