// The condition language of role rules and workflow transitions: CASL's mongo matcher narrowed to the
// operators the engine can also compile to SQL, plus $startsWith for unit subtrees on materialised paths.
import { buildMongoQueryMatcher, type ConditionsMatcher, type MongoQuery } from '@casl/ability';
import { pointer, type ValidationIssue } from './issues.js';

export const CONDITION_OPERATORS = [
  '$eq',
  '$ne',
  '$in',
  '$nin',
  '$lt',
  '$lte',
  '$gt',
  '$gte',
  '$startsWith',
] as const;
export type ConditionOperator = (typeof CONDITION_OPERATORS)[number];

export const PLACEHOLDERS = [
  'user.id',
  'user.unitIds',
  'user.unitPaths',
  'user.pillar',
  'position.unitId',
  'position.unitPath',
  'position.pillar',
] as const;
export type PlaceholderName = (typeof PLACEHOLDERS)[number];
export type PlaceholderValues = Record<PlaceholderName, unknown>;

/** Placeholders whose value is a list: usable only as the operand of $in, $nin or $startsWith. */
export const LIST_PLACEHOLDERS: readonly PlaceholderName[] = ['user.unitIds', 'user.unitPaths'];

type Matcher = Parameters<typeof buildMongoQueryMatcher>;
type Instructions = NonNullable<Matcher[0]>;
type Interpreters = NonNullable<Matcher[1]>;

const startsWithInstruction = {
  type: 'field',
  validate(instruction: { name: string }, value: unknown) {
    const ok =
      typeof value === 'string' ||
      (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string'));
    if (!ok) throw new Error(`"${instruction.name}" expects a string or a non-empty array of strings`);
  },
};

// $startsWith with a list operand (e.g. ${user.unitPaths}) matches when any prefix does.
const startsWithInterpreter = (
  node: { field: string; value: string | string[] },
  object: unknown,
  context: { get(object: unknown, field: string): unknown },
): boolean => {
  const actual = context.get(object, node.field);
  const prefixes = Array.isArray(node.value) ? node.value : [node.value];
  const test = (v: unknown) => typeof v === 'string' && prefixes.some((p) => v.startsWith(p));
  return Array.isArray(actual) ? actual.some(test) : test(actual);
};

// CASL's matcher knows more operators than SQL compilation does; refuse those so an ability built with
// this matcher never accepts a rule the engine cannot turn into a query.
const unsupported = (name: string) => ({
  type: 'field',
  validate() {
    throw new Error(`"${name}" is not supported; use one of ${CONDITION_OPERATORS.join(' ')}`);
  },
});

const instructions: Instructions = {
  $startsWith: startsWithInstruction,
  ...Object.fromEntries(
    ['$all', '$size', '$regex', '$options', '$elemMatch', '$exists'].map((n) => [n, unsupported(n)]),
  ),
};

/** The conditions matcher for createMongoAbility: `createMongoAbility(rules, { conditionsMatcher })`. */
export const conditionsMatcher: ConditionsMatcher<MongoQuery> = buildMongoQueryMatcher(instructions, {
  startsWith: startsWithInterpreter,
} as Interpreters);

/** The placeholder name if `value` is exactly one placeholder such as "${user.id}". */
export function placeholderOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const m = /^\$\{([^}]*)\}$/.exec(value);
  return m ? m[1] : undefined;
}

export function isPlaceholderName(name: string): name is PlaceholderName {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}

/**
 * Replace every value that is exactly one placeholder by its value (possibly an array). Throws when a
 * placeholder used has no value, so a half-resolved rule never reaches the ability.
 */
export function resolvePlaceholders<T>(conditions: T, values: Partial<PlaceholderValues>): T {
  const walk = (v: unknown): unknown => {
    const name = placeholderOf(v);
    if (name !== undefined) {
      if (!isPlaceholderName(name)) throw new Error(`unknown placeholder \${${name}}`);
      if (values[name] === undefined) throw new Error(`no value for placeholder \${${name}}`);
      return values[name];
    }
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object')
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(conditions) as T;
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

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown) => ['string', 'number', 'boolean'].includes(typeof v) || v === null;

/**
 * Check a conditions object: supported operators, operands of the right shape, known placeholders used
 * whole, then compile it with the matcher. Issues point into the document under `base` (tokens).
 */
export function checkConditions(
  conditions: Record<string, unknown>,
  base: (string | number)[],
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const at = (...t: (string | number)[]) => pointer(...base, ...t);
  for (const [field, value] of Object.entries(conditions)) {
    if (field.startsWith('$')) {
      issues.push({
        path: at(field),
        message: `top-level operator ${field} is not supported; write alternatives as separate rules`,
      });
      continue;
    }
    if (isPlainObject(value)) {
      const ops = Object.keys(value);
      if (ops.length === 0 || !ops.every((op) => op.startsWith('$'))) {
        issues.push({ path: at(field), message: 'must be a value or an object of operators' });
        continue;
      }
      for (const op of ops) issues.push(...checkOperand(op, value[op], [...base, field, op]));
    } else {
      issues.push(...checkOperand('$eq', value, [...base, field]));
    }
  }
  if (issues.length === 0) {
    try {
      conditionsMatcher(resolvePlaceholders(conditions, SAMPLE_PLACEHOLDER_VALUES) as never);
    } catch (e) {
      issues.push({ path: at(), message: `conditions do not compile: ${(e as Error).message}` });
    }
  }
  return issues;
}

function checkOperand(op: string, operand: unknown, tokens: (string | number)[]): ValidationIssue[] {
  const path = pointer(...tokens);
  if (!(CONDITION_OPERATORS as readonly string[]).includes(op))
    return [
      { path, message: `operator ${op} is not supported; use one of ${CONDITION_OPERATORS.join(' ')}` },
    ];
  const name = placeholderOf(operand);
  if (name !== undefined) {
    if (!isPlaceholderName(name)) return [{ path, message: `unknown placeholder \${${name}}` }];
    const list = LIST_PLACEHOLDERS.includes(name);
    const wantsList = op === '$in' || op === '$nin';
    if (list && !wantsList && op !== '$startsWith')
      return [{ path, message: `\${${name}} is a list: use it with $in, $nin or $startsWith` }];
    if (!list && wantsList) return [{ path, message: `${op} needs a list; \${${name}} is a single value` }];
    return [];
  }
  if (op === '$in' || op === '$nin') {
    if (!Array.isArray(operand)) return [{ path, message: `${op} needs an array` }];
    return operand.flatMap((item, i) => checkScalar(item, [...tokens, i]));
  }
  if (op === '$startsWith') {
    if (typeof operand !== 'string') return [{ path, message: '$startsWith needs a string' }];
    return checkScalar(operand, tokens);
  }
  return checkScalar(operand, tokens);
}

function checkScalar(value: unknown, tokens: (string | number)[]): ValidationIssue[] {
  const path = pointer(...tokens);
  if (!isScalar(value)) return [{ path, message: 'must be a string, number, boolean or null' }];
  if (typeof value !== 'string' || !value.includes('${')) return [];
  const name = placeholderOf(value);
  if (name === undefined) return [{ path, message: 'a placeholder must be the whole value' }];
  if (!isPlaceholderName(name)) return [{ path, message: `unknown placeholder \${${name}}` }];
  if (LIST_PLACEHOLDERS.includes(name))
    return [{ path, message: `\${${name}} is a list: use it with $in, $nin or $startsWith` }];
  return [];
}
