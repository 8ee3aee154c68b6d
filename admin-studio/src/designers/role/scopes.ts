// Scope helpers of the role editor: the usual conditions written for the administrator, per subject.
import { SUBJECT_FIELDS } from '../../metadata/vocabulary';

export const SCOPES = ['none', 'ownUnit', 'subtree', 'pillar', 'mine', 'custom'] as const;
export type Scope = (typeof SCOPES)[number];

type Conditions = Record<string, unknown>;

const UNIT_FIELD: Record<string, [string, string]> = {
  Task: ['leadUnitId', 'leadUnitPath'],
  Document: ['unitId', 'unitPath'],
  Unit: ['id', 'path'],
  Position: ['unitId', 'unitPath'],
};
const MINE_FIELD: Record<string, string> = { Task: 'handlerId', User: 'id', AuditLog: 'actorId' };

/** The condition a helper stands for on a subject; undefined when the helper does not apply to it. */
export function conditionsFor(scope: Scope, subject: string): Conditions | undefined {
  const unit = UNIT_FIELD[subject];
  switch (scope) {
    case 'ownUnit':
      return unit ? { [unit[0]]: '${position.unitId}' } : undefined;
    case 'subtree':
      return unit ? { [unit[1]]: { $startsWith: '${position.unitPath}' } } : undefined;
    case 'pillar':
      return subject !== 'all' && (SUBJECT_FIELDS as Record<string, readonly string[]>)[subject]?.includes('pillar') ? { pillar: '${position.pillar}' } : undefined;
    case 'mine':
      return MINE_FIELD[subject] ? { [MINE_FIELD[subject]]: '${user.id}' } : undefined;
    default:
      return undefined;
  }
}

export function scopesFor(subjects: string[]): Scope[] {
  return SCOPES.filter((s) => s === 'none' || s === 'custom' || subjects.every((subject) => conditionsFor(s, subject) !== undefined));
}

/** Which helper wrote these conditions (custom when none did). */
export function detectScope(conditions: Conditions | undefined, subjects: string[]): Scope {
  if (!conditions || !Object.keys(conditions).length) return 'none';
  const text = JSON.stringify(conditions);
  for (const s of ['ownUnit', 'subtree', 'pillar', 'mine'] as const) {
    const c = subjects[0] ? conditionsFor(s, subjects[0]) : undefined;
    if (c && JSON.stringify(c) === text) return s;
  }
  return 'custom';
}
