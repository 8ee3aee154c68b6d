// A user holds several positions; what they may do is the union of what each position's role allows.
// Concatenating the rule lists is not that union: CASL lets a `cannot` rule override every lower rule,
// so one role's `cannot` would silently cut another position's grants, and which one wins would depend
// on the order of the positions. So each role's inverted rules are folded into its own `can` rules
// (`can X if c` + later `cannot X if v` → `can X if c and not v`, CASL's own precedence) wherever that
// is exact, leaving a list of independent grants that can be concatenated in any order.
import { conditionsMatcher } from './matcher.js';
import type { RoleRule } from './placeholders.js';

const ANY_ACTION = 'manage';
const ANY_SUBJECT = 'all';
const list = (x: string | string[]) => (Array.isArray(x) ? x : [x]);

/**
 * How inverted rule `v` bears on a `can` rule for one (action, subject): 'full' when it applies to every
 * query the can rule answers, 'none' when to none, 'partial' otherwise (it is narrower than a manage/all
 * wildcard, or limited to fields, so it cannot be expressed as a condition on the rows).
 */
function relation(v: RoleRule, action: string, subject: string): 'full' | 'none' | 'partial' {
  const actions = list(v.action);
  const subjects = list(v.subject);
  const coversAction = actions.includes(ANY_ACTION) || actions.includes(action);
  const coversSubject = subjects.includes(ANY_SUBJECT) || subjects.includes(subject);
  if (coversAction && coversSubject) return v.fields ? 'partial' : 'full';
  const meets = (coversAction || action === ANY_ACTION) && (coversSubject || subject === ANY_SUBJECT);
  return meets ? 'partial' : 'none';
}

// Conditions that always hold ({} and the like) make a `cannot` unconditional, as CASL itself decides
// for checks on a subject type (`can('read', 'Task')`).
function always(conditions: RoleRule['conditions']): boolean {
  if (!conditions) return true;
  const ast = conditionsMatcher(conditions as never).ast as { operator: string; value: unknown };
  return ast.operator === 'and' && Array.isArray(ast.value) && ast.value.length === 0;
}

/** One role's rules with its inverted rules folded into the can rules below them where exact. */
export function foldInverted(rules: readonly RoleRule[]): RoleRule[] {
  if (!rules.some((r) => r.inverted)) return [...rules];
  // One rule per (action, subject) so coverage is all-or-nothing per rule; CASL indexes them the same.
  const atoms = rules.flatMap((r) =>
    r.inverted
      ? [r]
      : list(r.action).flatMap((action) => list(r.subject).map((subject) => ({ ...r, action, subject }))),
  );
  const can = (c: RoleRule) => !c.inverted;
  const foldable = atoms.map(
    (v, j) =>
      !!v.inverted &&
      atoms
        .slice(0, j)
        .filter(can)
        .every((c) => relation(v, c.action as string, c.subject as string) !== 'partial'),
  );
  const out: RoleRule[] = [];
  atoms.forEach((c, i) => {
    if (c.inverted) {
      if (!foldable[i]) out.push(c); // stays inverted: see unionOfRoles
      return;
    }
    const negated: Record<string, unknown>[] = [];
    for (let j = i + 1; j < atoms.length; j++) {
      const v = atoms[j];
      if (!foldable[j] || relation(v, c.action as string, c.subject as string) !== 'full') continue;
      if (always(v.conditions)) return; // an unconditional cannot removes the grant
      negated.push(v.conditions!);
    }
    if (negated.length === 0) out.push(c);
    else {
      const not = { $nor: negated };
      out.push({ ...c, conditions: c.conditions ? { $and: [c.conditions, not] } : not });
    }
  });
  return out;
}

/**
 * The rules of several roles (one list per position, placeholders already resolved) as one CASL rule
 * list meaning "any role allows it". Roles whose inverted rules could not be folded go first (lowest
 * priority), so they can only shadow each other; `exact` is false when that may actually happen, in
 * which case the result errs towards denying.
 */
export function unionOfRoles(roles: readonly (readonly RoleRule[])[]): { rules: RoleRule[]; exact: boolean } {
  const folded = roles.map(foldInverted);
  const residual = folded.filter((rs) => rs.some((r) => r.inverted));
  const plain = folded.filter((rs) => !rs.some((r) => r.inverted));
  let exact = true;
  residual.forEach((later, j) =>
    residual.slice(0, j).forEach((earlier) => {
      for (const v of later.filter((r) => r.inverted))
        for (const c of earlier.filter((r) => !r.inverted))
          for (const a of list(c.action))
            for (const s of list(c.subject)) if (relation(v, a, s) !== 'none') exact = false;
    }),
  );
  return { rules: [...residual.flat(), ...plain.flat()], exact };
}
