import { createMongoAbility } from '@casl/ability';
import type { Role, RoleRule } from '../generated/index.js';
import { checkConditions, conditionFields } from '../conditionChecks.js';
import { conditionsMatcher } from '../conditions.js';
import { resolvePlaceholders, SAMPLE_PLACEHOLDER_VALUES } from '../placeholders.js';
import { issueAt, pointer, type Bilingual, type ValidationIssue } from '../issues.js';
import { ACTIONS, SUBJECT_FIELDS, SUBJECTS, type Subject } from '../vocabulary.js';

export async function validateRoleMeaning(body: Role, ctx?: { pillar?: string }): Promise<ValidationIssue[]> {
  const issues = body.rules.flatMap((rule, i) => ruleIssues(rule, i));
  // A pillar's override of a role may grant only within that pillar: its administrators may not write
  // themselves (or anyone) a role that reaches other pillars or platform functions.
  if (ctx?.pillar)
    body.rules.forEach((rule, i) => {
      const why = ruleConfinement(rule);
      if (why)
        issues.push(
          issueAt(pointer('rules', i), {
            vi: `vai trò riêng của một khối ${why.vi}`,
            en: `a role of one pillar ${why.en}`,
          }),
        );
    });
  return issues;
}

// -- confinement: what a pillar may grant ------------------------------------------------------------

/** Reference data every role reads (published metadata, the calendar, report definitions and results). */
const REFERENCE_SUBJECTS = ['Metadata', 'Calendar', 'Report'];
const REFERENCE_ACTIONS = ['read', 'export'];
/** Subjects that carry their pillar, so a `pillar` condition confines a rule on them. */
const PILLAR_SUBJECTS = ['Task', 'Document', 'Unit', 'User', 'Position', 'Metadata', 'Report', 'AuditLog'];
/** Work items a unit- or person-pinned condition confines (the unit is one the granter administers). */
const WORK_SUBJECTS = ['Task', 'Document', 'Unit'];

const listOf = (v: string | string[]) => (Array.isArray(v) ? v : [v]);
const isPlaceholder = (v: unknown) => typeof v === 'string' && /^\$\{(position|user)\.[A-Za-z]+\}$/.test(v);
const isOps = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v);
const pinnedTo = (v: unknown, ok: (x: unknown) => boolean) =>
  ok(v) || (isOps(v) && (ok(v.$eq) || ok(v.$startsWith)));

/**
 * Why a rule reaches beyond the pillar of the position holding it, or null when it does not. A rule is
 * confined when it is a `cannot`, only reads reference data, pins `pillar` to "${position.pillar}" on
 * subjects that have one, or — on tasks, documents and units — pins a top-level field to the position
 * or the person ("${position.unitId}", "${position.unitPath}" as a prefix, "${user.id}", …).
 */
export function ruleConfinement(rule: RoleRule): Bilingual | null {
  if (rule.inverted) return null;
  const actions = listOf(rule.action as string | string[]);
  const subjects = listOf(rule.subject as string | string[]);
  if (
    subjects.every((s) => REFERENCE_SUBJECTS.includes(s)) &&
    actions.every((a) => REFERENCE_ACTIONS.includes(a))
  )
    return null;
  if (subjects.includes('all'))
    return {
      vi: 'không được áp dụng cho mọi đối tượng ("all")',
      en: 'cannot apply to every subject ("all")',
    };
  const c = (rule.conditions ?? {}) as Record<string, unknown>;
  if (
    subjects.every((s) => PILLAR_SUBJECTS.includes(s)) &&
    pinnedTo(c.pillar, (x) => x === '${position.pillar}')
  )
    return null;
  if (
    subjects.every((s) => WORK_SUBJECTS.includes(s)) &&
    Object.entries(c).some(([k, v]) => !k.startsWith('$') && pinnedTo(v, isPlaceholder))
  )
    return null;
  return {
    vi: `phải giới hạn trong khối đó: thêm điều kiện {"pillar": "\${position.pillar}"} (với ${PILLAR_SUBJECTS.join(', ')}), hoặc với ${WORK_SUBJECTS.join(', ')} gắn một trường với chức vụ hoặc người dùng`,
    en: `must stay within it: add the condition {"pillar": "\${position.pillar}"} (on ${PILLAR_SUBJECTS.join(', ')}), or on ${WORK_SUBJECTS.join(', ')} pin a field to the position or the person`,
  };
}

/** Whether every rule of a role stays within the pillar of the position that holds it. */
export function roleIsConfined(body: Pick<Role, 'rules'>): boolean {
  return body.rules.every((r) => ruleConfinement(r) === null);
}

function ruleIssues(rule: RoleRule, i: number): ValidationIssue[] {
  const issues = [
    ...vocabularyIssues(rule.action, ACTIONS, 'action', i),
    ...vocabularyIssues(rule.subject, SUBJECTS, 'subject', i),
  ];
  if (rule.conditions) {
    issues.push(...checkConditions(rule.conditions, ['rules', i, 'conditions']));
    issues.push(...fieldIssues(rule, i));
  }
  if (issues.length === 0) {
    // Last word to CASL itself: build the ability and compile the rule's conditions as the engine will.
    try {
      const conditions = rule.conditions && resolvePlaceholders(rule.conditions, SAMPLE_PLACEHOLDER_VALUES);
      const ability = createMongoAbility([{ ...rule, conditions } as never], { conditionsMatcher });
      for (const r of ability.rules) if (r.conditions) conditionsMatcher(r.conditions as never);
    } catch (e) {
      const why = (e as Error).message;
      issues.push(
        issueAt(pointer('rules', i), {
          vi: `không phải quy tắc CASL hợp lệ: ${why}`,
          en: `is not a valid CASL rule: ${why}`,
        }),
      );
    }
  }
  return issues;
}

function vocabularyIssues(
  value: string | string[],
  known: readonly string[],
  prop: 'action' | 'subject',
  i: number,
) {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((v, j) =>
    known.includes(v)
      ? []
      : [
          issueAt(pointer('rules', i, prop, ...(Array.isArray(value) ? [j] : [])), {
            vi: `${prop === 'action' ? 'thao tác' : 'đối tượng'} "${v}" không được hỗ trợ; chỉ dùng: ${known.join(', ')}`,
            en: `unknown ${prop} "${v}"; known: ${known.join(', ')}`,
          }),
        ],
  );
}

// Conditions are compiled to SQL per subject, so every field must exist on every subject the rule names.
function fieldIssues(rule: RoleRule, i: number): ValidationIssue[] {
  const named = (Array.isArray(rule.subject) ? rule.subject : [rule.subject]) as Subject[];
  const subjects = (named.includes('all') ? SUBJECTS : named).filter(
    (s) => s !== 'all' && Object.hasOwn(SUBJECT_FIELDS, s),
  );
  return conditionFields(rule.conditions ?? {}, ['rules', i, 'conditions']).flatMap(({ field, tokens }) => {
    const lacking = subjects.filter((s) => !SUBJECT_FIELDS[s as Exclude<Subject, 'all'>].includes(field));
    return lacking.length
      ? [
          issueAt(pointer(...tokens), {
            vi: `không phải trường điều kiện của ${lacking.join(', ')}`,
            en: `is not a condition field of ${lacking.join(', ')}`,
          }),
        ]
      : [];
  });
}
