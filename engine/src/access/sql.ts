// The permission filter of lists, counts and reports: the ability's rules for (action, subject type)
// compiled to one SQL condition that selects exactly the rows `ability.can(action, row)` accepts.
//
// How exactness is kept (sql.property.test.ts checks it against CASL on SQLite and MariaDB):
// - rulesToAST gives CASL's own flattening of rule precedence (`can` OR-ed, later `cannot` as AND NOT).
// - NOT is pushed down to the leaves, and every leaf has a positive and a negated form written for
//   ucast's JS semantics, so SQL's three-valued logic never leaks: a NULL is never negated into a match.
// - ucast compares with `a === b ? 0 : a > b ? 1 : -1`, so a NULL field is "less than" 5 and "greater
//   than" -1 (null > -1 is true in JS): comparisons add `OR col IS NULL` exactly when JS would match.
// - Strings compare byte-wise: SQLite's default BINARY collation (so no NOCASE columns); on MySQL and
//   MariaDB the bound string is CAST AS BINARY (case, accents and trailing spaces all count, whatever the
//   column's collation; `= CAST(? AS BINARY)` and `IN (…)` still use the column's index).
// - $startsWith is an indexable prefix match: SQLite `GLOB 'p*'` (case-sensitive, uses the index on a
//   BINARY column, unlike LIKE); MySQL `LIKE 'p%'` in the column's collation (uses the index) AND the
//   same pattern as binary (exact). The LIKE escape is '!', not '\': it means the same in every
//   sql_mode and needs no escaping in SQL strings or in knex's raw `\?` syntax.
// Limits: a value must have its column's type (JS compares strictly, '4' is not 4, SQL would coerce);
// booleans are bound as 1/0, which matches CASL only if subjects carry true/false; strings order by code
// point, which differs from JS's UTF-16 order only between astral and U+E000–U+FFFF characters.
import { rulesToAST } from '@casl/ability/extra';
import type { Knex } from 'knex';
import type { AppAbility } from './ability.js';

/** Condition field → SQL column, possibly qualified ('t.lead_unit_path'). */
export type FieldMap = Record<string, string>;
export type Dialect = 'sqlite' | 'mysql';
/** A compiled condition with `??` identifier and `?` value bindings; true = every row, false = none. */
export type AccessSql = { sql: string; bindings: unknown[] } | boolean;

type Frag = { sql: string; bindings: unknown[] };
type Node = { operator: string; value: unknown; field?: string };
type Scalar = string | number | boolean | null;

// Tagged template joining fragments in order, so SQL text and bindings cannot drift apart.
function q(strings: TemplateStringsArray, ...parts: Frag[]): Frag {
  let sql = strings[0];
  const bindings: unknown[] = [];
  parts.forEach((p, i) => {
    sql += p.sql + strings[i + 1];
    bindings.push(...p.bindings);
  });
  return { sql, bindings };
}
const raw = (sql: string): Frag => ({ sql, bindings: [] });
const joinFrags = (parts: Frag[], sep: string): Frag => ({
  sql: parts.map((p) => p.sql).join(sep),
  bindings: parts.flatMap((p) => p.bindings),
});

function combine(parts: AccessSql[], op: 'AND' | 'OR'): AccessSql {
  const absorbing = op === 'OR'; // true absorbs OR, false absorbs AND
  const kept: Frag[] = [];
  for (const p of parts) {
    if (p === absorbing) return absorbing;
    if (p !== !absorbing) kept.push(p as Frag);
  }
  if (kept.length === 0) return !absorbing;
  return kept.length === 1 ? kept[0] : q`(${joinFrags(kept, ` ${op} `)})`;
}
const all = (parts: AccessSql[]) => combine(parts, 'AND');
const any = (parts: AccessSql[]) => combine(parts, 'OR');

function scalar(v: unknown, op: string): Scalar {
  if (
    v === null ||
    typeof v === 'string' ||
    typeof v === 'boolean' ||
    (typeof v === 'number' && Number.isFinite(v))
  )
    return v;
  throw new Error(
    `cannot compile $${op} ${JSON.stringify(v)} to SQL: values must be strings, numbers, booleans or null`,
  );
}

// ucast's compare(null, x) for a non-null x: JS coerces null to 0 in `>`.
const nullAbove = (x: string | number) => (null as unknown as number) > (x as number);
const COMPARE = { lt: ['<', '>='], lte: ['<=', '>'], gt: ['>', '<='], gte: ['>=', '<'] } as const;

class Compiler {
  constructor(
    private fields: FieldMap,
    private dialect: Dialect,
  ) {}

  private column(field: string | undefined): Frag {
    if (field === undefined || !Object.hasOwn(this.fields, field))
      throw new Error(`access rules test "${String(field)}", which has no column in this query's FieldMap`);
    return { sql: '??', bindings: [this.fields[field]] };
  }

  private value(v: Scalar): Frag {
    if (typeof v === 'boolean') return { sql: '?', bindings: [v ? 1 : 0] }; // stored as 0/1 everywhere
    if (typeof v === 'string' && this.dialect === 'mysql') return { sql: 'CAST(? AS BINARY)', bindings: [v] };
    return { sql: '?', bindings: [v] };
  }

  private prefix(col: Frag, p: string): Frag {
    if (this.dialect === 'sqlite')
      return q`${col} GLOB ${{ sql: '?', bindings: [p.replace(/[*?[]/g, '[$&]') + '*'] }}`;
    const pattern = { sql: '?', bindings: [p.replace(/[!%_]/g, '!$&') + '%'] };
    return q`(${col} LIKE ${pattern} ESCAPE '!' AND ${col} LIKE CAST(${pattern} AS BINARY) ESCAPE '!')`;
  }

  /** `negate` asks for the rows where the node is false (JS semantics), never relying on NULL. */
  compile(node: Node, negate: boolean): AccessSql {
    const op = node.operator;
    const children = () => node.value as Node[];
    switch (op) {
      case 'and':
        return (negate ? any : all)(children().map((c) => this.compile(c, negate)));
      case 'or':
        return (negate ? all : any)(children().map((c) => this.compile(c, negate)));
      case 'nor':
        return (negate ? any : all)(children().map((c) => this.compile(c, !negate)));
      case 'not':
        return this.compile(children()[0], !negate);
    }
    const col = this.column(node.field);
    const isNull = q`${col} IS NULL`;
    const notNull = q`${col} IS NOT NULL`;
    switch (op) {
      case 'eq':
      case 'ne': {
        const v = scalar(node.value, op);
        const neg = negate !== (op === 'ne');
        if (v === null) return neg ? notNull : isNull;
        return neg ? q`(${col} <> ${this.value(v)} OR ${isNull})` : q`${col} = ${this.value(v)}`;
      }
      case 'in':
      case 'nin': {
        const values = (node.value as unknown[]).map((v) => scalar(v, op));
        const neg = negate !== (op === 'nin');
        const listed = values.filter((v) => v !== null).map((v) => this.value(v));
        const hasNull = values.length > listed.length;
        if (!neg)
          return any([listed.length > 0 && q`${col} IN (${joinFrags(listed, ', ')})`, hasNull && isNull]);
        const notIn = listed.length === 0 || q`${col} NOT IN (${joinFrags(listed, ', ')})`;
        return hasNull ? all([notNull, notIn]) : any([notIn, isNull]);
      }
      case 'lt':
      case 'lte':
      case 'gt':
      case 'gte': {
        const v = node.value;
        if (typeof v !== 'string' && !(typeof v === 'number' && Number.isFinite(v)))
          throw new Error(
            `cannot compile $${op} ${JSON.stringify(v)} to SQL: compare with a string or a number`,
          );
        const nullMatches = (op === 'gt' || op === 'gte') === nullAbove(v);
        const cmp = q`${col} ${raw(COMPARE[op][negate ? 1 : 0])} ${this.value(v)}`;
        return nullMatches !== negate ? q`(${cmp} OR ${isNull})` : cmp;
      }
      case 'startsWith': {
        const prefixes = typeof node.value === 'string' ? [node.value] : (node.value as string[]);
        const match = any(prefixes.map((p) => this.prefix(col, p)));
        if (!negate) return match;
        return match === false || any([isNull, q`NOT (${match as Frag})`]);
      }
    }
    throw new Error(`cannot compile the condition operator "${op}" to SQL`);
  }
}

export function dialectOf(qb: Knex.QueryBuilder): Dialect {
  return String(qb.client.config.client).includes('sqlite') ? 'sqlite' : 'mysql';
}

/** The access condition of (action, subjectType) as SQL, for callers that build raw SQL (reports). */
export function accessCondition(
  ability: AppAbility,
  action: string,
  subjectType: string,
  fields: FieldMap,
  dialect: Dialect,
): AccessSql {
  const ast = rulesToAST(ability, action, subjectType) as Node | null;
  return ast ? new Compiler(fields, dialect).compile(ast, false) : false;
}

/**
 * Restrict `qb` to the rows the ability allows: no access → `WHERE 1 = 0`; unconditional → unchanged.
 * The condition is AND-ed to qb's WHERE, so group any OR the caller has (`qb.where(b => …)`) first.
 */
export function applyAccessFilter(
  qb: Knex.QueryBuilder,
  ability: AppAbility,
  action: string,
  subjectType: string,
  fields: FieldMap,
): Knex.QueryBuilder {
  const cond = accessCondition(ability, action, subjectType, fields, dialectOf(qb));
  if (cond === true) return qb;
  if (cond === false) return qb.whereRaw('1 = 0');
  return qb.whereRaw(cond.sql, cond.bindings as Knex.RawBinding[]);
}

/** True when the ability allows every row (an unconditional rule, not cut by any `cannot`). */
export function canSelectAll(ability: AppAbility, action: string, subjectType: string): boolean {
  const always = (n: Node): boolean =>
    n.operator === 'and'
      ? (n.value as Node[]).every(always)
      : n.operator === 'or' && (n.value as Node[]).some(always);
  const ast = rulesToAST(ability, action, subjectType) as Node | null;
  return !!ast && always(ast);
}

/** How many rows of `qb` the ability allows (select and order are dropped). */
export async function accessibleCount(
  qb: Knex.QueryBuilder,
  ability: AppAbility,
  action: string,
  subjectType: string,
  fields: FieldMap,
): Promise<number> {
  const counted = applyAccessFilter(
    qb.clone().clearSelect().clearOrder(),
    ability,
    action,
    subjectType,
    fields,
  );
  const row = (await counted.count({ n: '*' }).first()) as { n: number | string } | undefined;
  return Number(row?.n ?? 0);
}
