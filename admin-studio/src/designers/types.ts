import type { ValidationIssue } from '../metadata/types';

/** What every designer gets: the working copy, a way to change it, and the engine's issues about it. */
export interface DesignerProps<T = Record<string, unknown>> {
  body: T;
  onChange(body: T): void;
  issues: ValidationIssue[];
  /** '' = platform default, else the pillar whose override is edited. */
  scope: string;
  docKey: string;
}

/** Issues under a JSON Pointer prefix (e.g. '/states/3'), including the prefix itself. */
export function issuesAt(issues: ValidationIssue[], prefix: string): ValidationIssue[] {
  return issues.filter((i) => i.path === prefix || i.path.startsWith(`${prefix}/`));
}
