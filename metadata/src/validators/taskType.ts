import type { Catalog, Form, TaskType, Workflow } from '../generated/index.js';
import { codePatternProblems } from '../codePattern.js';
import { missingRef, type MetadataContext } from '../context.js';
import { pointer, type ValidationIssue } from '../issues.js';

const PERIOD_DAYS = { month: 31, quarter: 92, halfYear: 184, year: 366 } as const;
/** The catalog whose values `sources` draws from. */
export const SOURCES_CATALOG = 'nguon-giao';

export async function validateTaskTypeMeaning(
  body: TaskType,
  ctx: MetadataContext,
): Promise<ValidationIssue[]> {
  const issues = [
    ...(await missingRef(ctx, 'form', body.form, ['form'])),
    ...(await missingRef(ctx, 'workflow', body.workflow, ['workflow'])),
    ...(body.reminderPolicy
      ? await missingRef(ctx, 'reminderPolicy', body.reminderPolicy, ['reminderPolicy'])
      : []),
    ...deadlineIssues(body),
    ...codePatternProblems(body.codePattern).map((message) => ({ path: '/codePattern', message })),
  ];
  if (body.codePattern.includes('{TYPE}') && !body.abbreviation)
    issues.push({ path: '/codePattern', message: '{TYPE} needs the abbreviation of the task type' });
  if (body.sources) issues.push(...(await sourceIssues(body.sources, ctx)));
  if (ctx.get && issues.length === 0) issues.push(...(await workflowFieldIssues(body, ctx)));
  return issues;
}

function deadlineIssues({ deadline }: TaskType): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (prop: string, message: string) => issues.push({ path: pointer('deadline', prop), message });
  const periodic = deadline.kind === 'periodic';
  if (deadline.kind === 'workingDays' && deadline.days === undefined)
    add('days', 'is required for a workingDays deadline');
  if (deadline.days !== undefined && (periodic || deadline.kind === 'none'))
    add('days', `does not apply to a ${deadline.kind} deadline`);
  if (periodic && !deadline.period) add('period', 'is required for a periodic deadline');
  for (const prop of ['period', 'calendar', 'dueDayOfPeriod'] as const)
    if (!periodic && deadline[prop] !== undefined) add(prop, 'applies only to a periodic deadline');
  if (
    periodic &&
    deadline.period &&
    deadline.dueDayOfPeriod !== undefined &&
    deadline.dueDayOfPeriod > PERIOD_DAYS[deadline.period]
  )
    add('dueDayOfPeriod', `is beyond the length of a ${deadline.period}`);
  return issues;
}

async function sourceIssues(sources: string[], ctx: MetadataContext): Promise<ValidationIssue[]> {
  if (!(await ctx.exists('catalog', SOURCES_CATALOG)))
    return [{ path: '/sources', message: `catalog "${SOURCES_CATALOG}" does not exist` }];
  const catalog = (await ctx.get?.('catalog', SOURCES_CATALOG)) as Catalog | undefined;
  if (!catalog) return [];
  const values = new Set(catalog.items.map((item) => item.value));
  return sources.flatMap((s, i) =>
    values.has(s)
      ? []
      : [{ path: pointer('sources', i), message: `is not a value of catalog "${SOURCES_CATALOG}"` }],
  );
}

/**
 * Fields a workflow requires or its effects read must exist in the task's form or in a transition's form;
 * only a task type knows both, so the check lives here and points at /workflow.
 */
async function workflowFieldIssues(body: TaskType, ctx: MetadataContext): Promise<ValidationIssue[]> {
  const get = ctx.get!;
  const workflow = (await get('workflow', body.workflow)) as Workflow | undefined;
  const form = (await get('form', body.form)) as Form | undefined;
  if (!workflow || !form) return [];
  const fields = new Set(Object.keys(form.schema.properties));
  for (const t of workflow.transitions) {
    const own = t.form ? ((await get('form', t.form)) as Form | undefined) : undefined;
    for (const f of Object.keys(own?.schema.properties ?? {})) fields.add(f);
  }
  const issues: ValidationIssue[] = [];
  for (const t of workflow.transitions) {
    const used = [
      ...(t.requires?.fields ?? []),
      ...(t.effects ?? []).flatMap((e) => ('field' in e && e.field ? [e.field] : [])),
    ];
    for (const f of new Set(used))
      if (!fields.has(f))
        issues.push({
          path: '/workflow',
          message: `transition "${t.key}" of workflow "${body.workflow}" uses field "${f}", which neither form "${body.form}" nor a transition form defines`,
        });
  }
  return issues;
}
