// Placeholder resolution of role and transition conditions, per request. The shapes follow what an
// author means: a list where one value is expected is membership ($eq → $in, $ne → $nin), list
// operands ($in, $nin, $startsWith) splice lists in, and a placeholder hidden anywhere else is an error
// rather than a literal string that silently matches nothing.
import { isPlaceholderName, LIST_PLACEHOLDERS, type PlaceholderValues } from './conditions.js';
import { isPlainObject } from './objects.js';

const COMPOUND = ['$and', '$or', '$nor'];

/** The value of a string that is exactly one placeholder; undefined for anything else. */
function placeholder(v: unknown, values: Partial<PlaceholderValues>): { value: unknown } | undefined {
  if (typeof v !== 'string' || !v.includes('${')) return undefined;
  const m = /^\$\{([^}]*)\}$/.exec(v);
  if (!m) throw new Error(`"${v}": a placeholder must be the whole value`);
  if (!isPlaceholderName(m[1])) throw new Error(`unknown placeholder ${v}`);
  if (!Object.hasOwn(values, m[1])) throw new Error(`no value for placeholder ${v}`);
  return { value: values[m[1]] };
}

function literal(v: unknown, values: Partial<PlaceholderValues>): unknown {
  if (placeholder(v, values)) throw new Error(`placeholder ${String(v)} is not allowed here`);
  if (Array.isArray(v)) v.forEach((x) => literal(x, values));
  else if (isPlainObject(v)) Object.values(v).forEach((x) => literal(x, values));
  return v;
}

// Operands that are lists: a list placeholder is spliced in, a single value becomes one element.
function list(operand: unknown, values: Partial<PlaceholderValues>): unknown[] {
  return (Array.isArray(operand) ? operand : [operand]).flatMap((x) => {
    const p = placeholder(x, values);
    return p ? (Array.isArray(p.value) ? p.value : [p.value]) : [literal(x, values)];
  });
}

function resolveOperators(field: string, ops: Record<string, unknown>, values: Partial<PlaceholderValues>) {
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
    else if (op === '$eq') put('$in', p.value);
    else if (op === '$ne') put('$nin', p.value);
    else throw new Error(`"${field}": ${op} cannot take the list ${String(operand)}`);
  }
  return out;
}

/**
 * Resolve the placeholders of one conditions object (recursing into $and/$or/$nor). Throws on an
 * unknown placeholder, one without a value, or one that is not a whole value.
 */
export function resolvePlaceholders(
  conditions: Record<string, unknown>,
  values: Partial<PlaceholderValues>,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(conditions)) {
    if (COMPOUND.includes(key)) {
      if (!Array.isArray(value)) throw new Error(`${key} expects an array`);
      out[key] = value.map((c) => (isPlainObject(c) ? resolvePlaceholders(c, values) : literal(c, values)));
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

/** Values of the right shapes, used to compile conditions during validation. */
export const SAMPLE_PLACEHOLDER_VALUES: PlaceholderValues = {
  'user.id': 1,
  'user.unitIds': [1],
  'user.unitPaths': ['/1/'],
  'user.pillar': 'ubnd',
  'position.unitId': 1,
  'position.unitPath': '/1/',
  'position.pillar': 'ubnd',
};

export const isListPlaceholder = (name: string) => (LIST_PLACEHOLDERS as readonly string[]).includes(name);
