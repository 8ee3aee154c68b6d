import type { ReminderPolicy, ReminderRule } from '../generated/index.js';
import { duplicates } from '../context.js';
import { issueAt, pointer, type ValidationIssue } from '../issues.js';

// Which numbers each kind of rule needs, and which it may have.
const NEEDS: Record<ReminderRule['kind'], { required: ('days' | 'every')[]; allowed: ('days' | 'every')[] }> =
  {
    beforeDue: { required: ['days'], allowed: ['days'] },
    onDue: { required: [], allowed: [] },
    overdue: { required: ['every'], allowed: ['every'] },
    escalate: { required: ['days'], allowed: ['days'] },
    awaitingDecision: { required: ['days'], allowed: ['days', 'every'] },
    digest: { required: [], allowed: ['every'] },
  };

export async function validateReminderPolicyMeaning(body: ReminderPolicy): Promise<ValidationIssue[]> {
  const issues = duplicates(
    body.rules,
    (r) => r.key,
    (i) => ['rules', i, 'key'],
  );
  body.rules.forEach((rule, i) => {
    const { required, allowed } = NEEDS[rule.kind];
    for (const prop of required)
      if (rule[prop] === undefined)
        issues.push(
          issueAt(pointer('rules', i, prop), {
            vi: `bắt buộc với quy tắc loại ${rule.kind}`,
            en: `is required for a ${rule.kind} rule`,
          }),
        );
    for (const prop of ['days', 'every'] as const)
      if (rule[prop] !== undefined && !allowed.includes(prop))
        issues.push(
          issueAt(pointer('rules', i, prop), {
            vi: `không áp dụng cho quy tắc loại ${rule.kind}`,
            en: `does not apply to a ${rule.kind} rule`,
          }),
        );
  });
  return issues;
}
