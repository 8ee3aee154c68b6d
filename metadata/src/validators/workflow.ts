import type { Workflow, WorkflowTransition } from '../generated/index.js';
import { checkConditions, conditionFields } from '../conditionChecks.js';
import { duplicates, missingRef, type MetadataContext } from '../context.js';
import { issueAt, pointer, type Bilingual, type ValidationIssue } from '../issues.js';
import { FINAL_CATEGORIES, SUBJECT_FIELDS } from '../vocabulary.js';

const NO_STATE: Bilingual = {
  vi: 'không phải trạng thái nào của quy trình',
  en: 'names no state of the workflow',
};

export async function validateWorkflowMeaning(
  body: Workflow,
  ctx: MetadataContext,
): Promise<ValidationIssue[]> {
  const stateKeys = new Set(body.states.map((s) => s.key));
  const issues = [
    ...duplicates(
      body.states,
      (s) => s.key,
      (i) => ['states', i, 'key'],
    ),
    ...duplicates(
      body.transitions,
      (t) => t.key,
      (i) => ['transitions', i, 'key'],
    ),
  ];
  if (!stateKeys.has(body.initial)) issues.push(issueAt('/initial', NO_STATE));
  if (body.draft !== undefined && !stateKeys.has(body.draft)) issues.push(issueAt('/draft', NO_STATE));
  for (const [i, t] of body.transitions.entries())
    issues.push(...(await transitionIssues(t, i, stateKeys, ctx)));
  issues.push(...graphIssues(body));
  return issues;
}

async function transitionIssues(
  t: WorkflowTransition,
  i: number,
  stateKeys: Set<string>,
  ctx: MetadataContext,
): Promise<ValidationIssue[]> {
  const issues: ValidationIssue[] = [];
  const add = (text: Bilingual, ...tokens: (string | number)[]) =>
    issues.push(issueAt(pointer('transitions', i, ...tokens), text));
  if (t.from.includes('*') && t.from.length > 1)
    add(
      {
        vi: '"*" đã có nghĩa là mọi trạng thái đang mở hoặc đang chờ; chỉ ghi riêng "*"',
        en: '"*" already means every open or waiting state; list it alone',
      },
      'from',
    );
  t.from.forEach((s, j) => {
    if (s !== '*' && !stateKeys.has(s)) add(NO_STATE, 'from', j);
  });
  if (!stateKeys.has(t.to)) add(NO_STATE, 'to');
  if (t.allow.length === 0)
    add(
      {
        vi: 'cần ít nhất một mục, nếu không thì không ai thực hiện được bước chuyển này',
        en: 'needs at least one entry, or nobody can fire the transition',
      },
      'allow',
    );
  for (const [j, a] of t.allow.entries())
    if ('role' in a)
      issues.push(...(await missingRef(ctx, 'role', a.role, ['transitions', i, 'allow', j, 'role'])));
  if (t.form) issues.push(...(await missingRef(ctx, 'form', t.form, ['transitions', i, 'form'])));
  if (t.condition) {
    issues.push(...checkConditions(t.condition, ['transitions', i, 'condition']));
    // Evaluated on the loaded task: its core fields, or data.<field> for form fields.
    for (const { field, tokens } of conditionFields(t.condition, ['transitions', i, 'condition']))
      if (!SUBJECT_FIELDS.Task.includes(field) && !/^data\.[A-Za-z_]\w*$/.test(field))
        issues.push(
          issueAt(pointer(...tokens), {
            vi: 'không phải trường của nhiệm vụ (trường chung hoặc data.<trường>)',
            en: 'is not a task field (core field or data.<field>)',
          }),
        );
  }
  (t.effects ?? []).forEach((e, j) => {
    if (e.type === 'setProgress' && (e.field === undefined) === (e.value === undefined))
      add(
        {
          vi: 'setProgress cần đúng một trong hai: field hoặc value',
          en: 'setProgress needs exactly one of field and value',
        },
        'effects',
        j,
      );
  });
  return issues;
}

/**
 * Reachability from the initial state (and the draft state, the other way in), a reachable done state,
 * and no open or waiting state without a way out.
 */
function graphIssues(body: Workflow): ValidationIssue[] {
  const categoryOf = new Map(body.states.map((s) => [s.key, s.category]));
  if (!categoryOf.has(body.initial)) return [];
  const isFinal = (key: string) => FINAL_CATEGORIES.includes(categoryOf.get(key) ?? '');
  const sources = (t: WorkflowTransition) =>
    t.from.includes('*') ? body.states.filter((s) => !isFinal(s.key)).map((s) => s.key) : t.from;

  const next = new Map<string, Set<string>>();
  for (const t of body.transitions)
    if (categoryOf.has(t.to))
      for (const from of sources(t)) next.set(from, (next.get(from) ?? new Set()).add(t.to));

  const entries = [body.initial, ...(body.draft && categoryOf.has(body.draft) ? [body.draft] : [])];
  const reached = new Set(entries);
  const queue = [...entries];
  while (queue.length)
    for (const to of next.get(queue.shift()!) ?? [])
      if (!reached.has(to)) {
        reached.add(to);
        queue.push(to);
      }

  const issues: ValidationIssue[] = [];
  body.states.forEach((s, i) => {
    if (!reached.has(s.key))
      issues.push(
        issueAt(pointer('states', i), {
          vi: `trạng thái "${s.key}" không thể đến được từ trạng thái bắt đầu "${body.initial}"${
            body.draft ? ` hoặc trạng thái nháp "${body.draft}"` : ''
          }`,
          en: `state "${s.key}" cannot be reached from the initial state "${body.initial}"${
            body.draft ? ` or the draft state "${body.draft}"` : ''
          }`,
        }),
      );
    else if (!isFinal(s.key) && ![...(next.get(s.key) ?? [])].some((to) => to !== s.key))
      issues.push(
        issueAt(pointer('states', i), {
          vi: `trạng thái "${s.key}" chưa phải trạng thái kết thúc nhưng không có bước chuyển nào đi ra khỏi nó`,
          en: `state "${s.key}" is not final but no transition leads out of it`,
        }),
      );
  });
  if (!body.states.some((s) => s.category === 'done' && reached.has(s.key)))
    issues.push(
      issueAt('/states', {
        vi: 'không trạng thái nào thuộc nhóm hoàn thành (done) đến được từ trạng thái bắt đầu',
        en: 'no state of category done can be reached from the initial state',
      }),
    );
  return issues;
}
