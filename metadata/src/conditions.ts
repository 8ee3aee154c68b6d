// The condition language of role rules and workflow transitions: CASL's mongo matcher narrowed to what
// the engine can also compile to SQL, plus $startsWith for unit subtrees on materialised paths and the
// compound $and/$or/$nor. The engine's access layer builds abilities with this matcher and resolves
// placeholders with resolvePlaceholders, so what validates here is exactly what runs there.
import { buildMongoQueryMatcher, type ConditionsMatcher, type MongoQuery } from '@casl/ability';
import { isPlainObject } from './objects.js';

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
export const COMPOUND_OPERATORS = ['$and', '$or', '$nor'] as const;

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

/** Placeholders whose value is a list. */
export const LIST_PLACEHOLDERS: readonly PlaceholderName[] = ['user.unitIds', 'user.unitPaths'];

type Args = Parameters<typeof buildMongoQueryMatcher>;
type Context = {
  get(object: unknown, field: string): unknown;
  interpret(node: unknown, object: unknown): boolean;
};

// A list operand may be empty: ${user.unitPaths} of a user without positions matches nothing.
const startsWithInstruction = {
  type: 'field',
  validate(instruction: { name: string }, value: unknown) {
    const ok =
      typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok) throw new Error(`"$${instruction.name}" expects a string or an array of strings`);
  },
};

// No parse: ucast's default compound parser gives CompoundCondition(name without "$", children).
const compoundInstruction = {
  type: 'compound',
  validate(instruction: { name: string }, value: unknown) {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainObject))
      throw new Error(`"$${instruction.name}" expects a non-empty array of condition objects`);
  },
};

// CASL knows more operators than SQL compilation does; refuse those so an ability built with this
// matcher never accepts a rule the engine cannot turn into a query.
const unsupported = (name: string) => ({
  type: 'field',
  validate() {
    throw new Error(`"${name}" is not supported; use one of ${CONDITION_OPERATORS.join(' ')}`);
  },
});

// Like ucast's own field interpreters: a list-valued field matches when any element does.
function startsWith(
  node: { field: string; value: string | string[] },
  object: unknown,
  ctx: Context,
): boolean {
  const actual = ctx.get(object, node.field);
  const prefixes = typeof node.value === 'string' ? [node.value] : node.value;
  const test = (v: unknown) => typeof v === 'string' && prefixes.some((p) => v.startsWith(p));
  return Array.isArray(actual) ? actual.some(test) : test(actual);
}
const or = (node: { value: unknown[] }, object: unknown, ctx: Context) =>
  node.value.some((c) => ctx.interpret(c, object));

const instructions = {
  $startsWith: startsWithInstruction,
  $and: compoundInstruction,
  $or: compoundInstruction,
  $nor: compoundInstruction,
  ...Object.fromEntries(
    ['$all', '$size', '$regex', '$options', '$elemMatch', '$exists'].map((n) => [n, unsupported(n)]),
  ),
} as unknown as NonNullable<Args[0]>;

const interpreters = {
  startsWith,
  or,
  nor: (node: { value: unknown[] }, object: unknown, ctx: Context) => !or(node, object, ctx),
} as unknown as NonNullable<Args[1]>;

/** The conditions matcher for createMongoAbility: `createMongoAbility(rules, { conditionsMatcher })`. */
export const conditionsMatcher: ConditionsMatcher<MongoQuery> = buildMongoQueryMatcher(
  instructions,
  interpreters,
);

/** The placeholder name if `value` is exactly one placeholder such as "${user.id}". */
export function placeholderOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  return /^\$\{([^}]*)\}$/.exec(value)?.[1];
}

export function isPlaceholderName(name: string): name is PlaceholderName {
  return (PLACEHOLDERS as readonly string[]).includes(name);
}
