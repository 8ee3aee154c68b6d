import type { MetadataKind } from './kinds.js';
import { issueAt, pointer, type ValidationIssue } from './issues.js';

/** What meaning checks may ask about other metadata documents (as seen from the document's pillar). */
export interface MetadataContext {
  /** The scope being validated: '' or absent for the platform default, else the pillar whose override it is. */
  pillar?: string;
  exists(kind: MetadataKind, key: string): Promise<boolean>;
  /**
   * Optional: the body of another document. When given, checks that look inside referenced documents run
   * too (a task type's workflow fields against its forms, its sources against the nguon-giao catalog).
   */
  get?(kind: MetadataKind, key: string): Promise<unknown | undefined>;
  /**
   * Optional: what the engine's plugins add, for the checks that name it. `fieldTypes`: the string formats
   * form fields may use besides ajv-formats' (`"format": "<name>"`); `datasets`: report datasets besides the
   * built-in ones. Absent: only the built-ins are known.
   */
  extensions?: { fieldTypes?: readonly string[]; datasets?: readonly string[] };
}

/** A metadata kind as administrators name it in Vietnamese (messages say `biểu mẫu "x" không tồn tại`). */
export const KIND_LABEL_VI: Record<MetadataKind, string> = {
  taskType: 'loại nhiệm vụ',
  form: 'biểu mẫu',
  workflow: 'quy trình',
  role: 'vai trò',
  reminderPolicy: 'chính sách nhắc việc',
  report: 'báo cáo',
  catalog: 'danh mục',
};

/** Report datasets every engine has (engine/src/reports/datasets.ts). */
export const BUILTIN_DATASETS: readonly string[] = ['tasks', 'documents', 'events'];

/** An issue at `tokens` when `key` of `kind` does not exist. */
export async function missingRef(
  ctx: MetadataContext,
  kind: MetadataKind,
  key: string,
  tokens: (string | number)[],
): Promise<ValidationIssue[]> {
  return (await ctx.exists(kind, key))
    ? []
    : [
        issueAt(pointer(...tokens), {
          vi: `${KIND_LABEL_VI[kind]} "${key}" không tồn tại`,
          en: `${kind} "${key}" does not exist`,
        }),
      ];
}

/** Issues for each later occurrence of a repeated key: `items[i][prop]`. */
export function duplicates<T>(
  items: T[],
  keyOf: (item: T) => string,
  tokens: (i: number) => (string | number)[],
) {
  const seen = new Set<string>();
  const issues: ValidationIssue[] = [];
  items.forEach((item, i) => {
    const key = keyOf(item);
    if (seen.has(key))
      issues.push(
        issueAt(pointer(...tokens(i)), {
          vi: `"${key}" bị trùng với một mục trước`,
          en: `"${key}" is used more than once`,
        }),
      );
    seen.add(key);
  });
  return issues;
}
