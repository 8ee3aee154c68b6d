// The condition language of role rules: CASL's mongo matcher plus $startsWith (unit subtrees on
// materialised paths) and $and/$or/$nor, minus the operators sql.ts cannot compile. Stand-in for the
// `conditionsMatcher` of @dondoc/metadata until the two are reconciled; keep the semantics identical.
import { buildMongoQueryMatcher, type ConditionsMatcher, type MongoQuery } from '@casl/ability';

type Args = Parameters<typeof buildMongoQueryMatcher>;
type Context = {
  get(object: unknown, field: string): unknown;
  interpret(node: unknown, object: unknown): boolean;
};

const isPlainObject = (v: unknown) => !!v && (v as object).constructor === Object;

// A list operand may be empty: `${user.unitPaths}` of a user without positions matches nothing.
const startsWith = {
  type: 'field',
  validate(instruction: { name: string }, value: unknown) {
    const ok =
      typeof value === 'string' || (Array.isArray(value) && value.every((v) => typeof v === 'string'));
    if (!ok) throw new Error(`"$${instruction.name}" expects a string or an array of strings`);
  },
};

// No `parse`: ucast's default compound parser yields CompoundCondition(name without "$", children).
const compound = {
  type: 'compound',
  validate(instruction: { name: string }, value: unknown) {
    if (!Array.isArray(value) || value.length === 0 || !value.every(isPlainObject))
      throw new Error(`"$${instruction.name}" expects a non-empty array of condition objects`);
  },
};

const refuse = (name: string) => ({
  type: 'field',
  validate() {
    throw new Error(`"${name}" is not supported in role conditions (it has no SQL translation)`);
  },
});

// Same shape as ucast's own field interpreters: a list-valued field matches when any element does.
function startsWithInterpreter(
  node: { field: string; value: string | string[] },
  object: unknown,
  ctx: Context,
) {
  const actual = ctx.get(object, node.field);
  const prefixes = typeof node.value === 'string' ? [node.value] : node.value;
  const test = (v: unknown) => typeof v === 'string' && prefixes.some((p) => v.startsWith(p));
  return Array.isArray(actual) ? actual.some(test) : test(actual);
}

const or = (node: { value: unknown[] }, object: unknown, ctx: Context) =>
  node.value.some((c) => ctx.interpret(c, object));

const instructions = {
  $startsWith: startsWith,
  $and: compound,
  $or: compound,
  $nor: compound,
  ...Object.fromEntries(
    ['$all', '$size', '$regex', '$options', '$elemMatch', '$exists'].map((n) => [n, refuse(n)]),
  ),
} as unknown as NonNullable<Args[0]>;

const interpreters = {
  startsWith: startsWithInterpreter,
  or,
  nor: (node: { value: unknown[] }, object: unknown, ctx: Context) => !or(node, object, ctx),
} as unknown as NonNullable<Args[1]>;

/** The conditions matcher of every ability the engine builds. */
export const conditionsMatcher: ConditionsMatcher<MongoQuery> = buildMongoQueryMatcher(
  instructions,
  interpreters,
);
