import { createMongoAbility } from '@casl/ability';
import type { Role, RoleRule } from '../generated/index.js';
import { checkConditions, conditionFields } from '../conditionChecks.js';
import { conditionsMatcher } from '../conditions.js';
import { resolvePlaceholders, SAMPLE_PLACEHOLDER_VALUES } from '../placeholders.js';
import { pointer, type ValidationIssue } from '../issues.js';
import { ACTIONS, SUBJECT_FIELDS, SUBJECTS, type Subject } from '../vocabulary.js';

export async function validateRoleMeaning(body: Role): Promise<ValidationIssue[]> {
  return body.rules.flatMap((rule, i) => ruleIssues(rule, i));
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
      issues.push({
        path: pointer('rules', i),
        message: `is not a valid CASL rule: ${(e as Error).message}`,
      });
    }
  }
  return issues;
}

function vocabularyIssues(value: string | string[], known: readonly string[], prop: string, i: number) {
  const list = Array.isArray(value) ? value : [value];
  return list.flatMap((v, j) =>
    known.includes(v)
      ? []
      : [
          {
            path: pointer('rules', i, prop, ...(Array.isArray(value) ? [j] : [])),
            message: `unknown ${prop} "${v}"; known: ${known.join(', ')}`,
          },
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
      ? [{ path: pointer(...tokens), message: `is not a condition field of ${lacking.join(', ')}` }]
      : [];
  });
}
