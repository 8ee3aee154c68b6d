import type { Catalog, Form, TaskType, Workflow } from '../generated/index.js';
import { codePatternIssues } from '../codePattern.js';
import { missingRef, type MetadataContext } from '../context.js';
import { issueAt, pointer, type Bilingual, type ValidationIssue } from '../issues.js';

const PERIOD_DAYS = { month: 31, quarter: 92, halfYear: 184, year: 366 } as const;
const PERIOD_VI = { month: 'tháng', quarter: 'quý', halfYear: 'nửa năm', year: 'năm' } as const;
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
    ...codePatternIssues(body.codePattern).map((text) => issueAt('/codePattern', text)),
  ];
  if (body.codePattern.includes('{TYPE}') && !body.abbreviation)
    issues.push(
      issueAt('/codePattern', {
        vi: '{TYPE} cần có tên viết tắt (abbreviation) của loại nhiệm vụ',
        en: '{TYPE} needs the abbreviation of the task type',
      }),
    );
  if (body.sources) issues.push(...(await sourceIssues(body.sources, ctx)));
  if (ctx.get && issues.length === 0) issues.push(...(await workflowFieldIssues(body, ctx)));
  return issues;
}

function deadlineIssues({ deadline }: TaskType): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const add = (prop: string, text: Bilingual) => issues.push(issueAt(pointer('deadline', prop), text));
  const periodic = deadline.kind === 'periodic';
  if (deadline.kind === 'workingDays' && deadline.days === undefined)
    add('days', {
      vi: 'bắt buộc với hạn tính theo ngày làm việc (workingDays)',
      en: 'is required for a workingDays deadline',
    });
  if (deadline.days !== undefined && (periodic || deadline.kind === 'none'))
    add('days', {
      vi: `không áp dụng cho hạn loại ${deadline.kind}`,
      en: `does not apply to a ${deadline.kind} deadline`,
    });
  if (periodic && !deadline.period)
    add('period', { vi: 'bắt buộc với hạn định kỳ (periodic)', en: 'is required for a periodic deadline' });
  for (const prop of ['period', 'calendar', 'dueDayOfPeriod'] as const)
    if (!periodic && deadline[prop] !== undefined)
      add(prop, { vi: 'chỉ áp dụng cho hạn định kỳ (periodic)', en: 'applies only to a periodic deadline' });
  if (
    periodic &&
    deadline.period &&
    deadline.dueDayOfPeriod !== undefined &&
    deadline.dueDayOfPeriod > PERIOD_DAYS[deadline.period]
  )
    add('dueDayOfPeriod', {
      vi: `vượt quá độ dài của kỳ ${PERIOD_VI[deadline.period]} (tối đa ${PERIOD_DAYS[deadline.period]} ngày)`,
      en: `is beyond the length of a ${deadline.period}`,
    });
  return issues;
}

async function sourceIssues(sources: string[], ctx: MetadataContext): Promise<ValidationIssue[]> {
  if (!(await ctx.exists('catalog', SOURCES_CATALOG)))
    return [
      issueAt('/sources', {
        vi: `danh mục "${SOURCES_CATALOG}" không tồn tại`,
        en: `catalog "${SOURCES_CATALOG}" does not exist`,
      }),
    ];
  const catalog = (await ctx.get?.('catalog', SOURCES_CATALOG)) as Catalog | undefined;
  if (!catalog) return [];
  const values = new Set(catalog.items.map((item) => item.value));
  return sources.flatMap((s, i) =>
    values.has(s)
      ? []
      : [
          issueAt(pointer('sources', i), {
            vi: `không phải giá trị của danh mục "${SOURCES_CATALOG}"`,
            en: `is not a value of catalog "${SOURCES_CATALOG}"`,
          }),
        ],
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
        issues.push(
          issueAt('/workflow', {
            vi: `bước chuyển "${t.key}" của quy trình "${body.workflow}" dùng trường "${f}", nhưng cả biểu mẫu "${body.form}" lẫn biểu mẫu của các bước chuyển đều không có trường này`,
            en: `transition "${t.key}" of workflow "${body.workflow}" uses field "${f}", which neither form "${body.form}" nor a transition form defines`,
          }),
        );
  }
  return issues;
}
