import type { Catalog, Form, ReminderPolicy, Report, Role, TaskType, Workflow } from './generated/index.js';
import type { MetadataContext } from './context.js';
import type { ValidationIssue } from './issues.js';
import type { MetadataKind } from './kinds.js';
import { validateCatalogMeaning } from './validators/catalog.js';
import { validateFormMeaning } from './validators/form.js';
import { validateReminderPolicyMeaning } from './validators/reminderPolicy.js';
import { validateReportMeaning } from './validators/report.js';
import { validateRoleMeaning } from './validators/role.js';
import { validateTaskTypeMeaning } from './validators/taskType.js';
import { validateWorkflowMeaning } from './validators/workflow.js';

/**
 * Check what the JSON Schema cannot: references resolve, keys are unique, a workflow can be walked,
 * role rules compile. Assumes `body` passed validateStructure.
 */
export async function validateMeaning(
  kind: MetadataKind,
  body: unknown,
  ctx: MetadataContext,
): Promise<ValidationIssue[]> {
  switch (kind) {
    case 'taskType':
      return validateTaskTypeMeaning(body as TaskType, ctx);
    case 'form':
      return validateFormMeaning(body as Form, ctx);
    case 'workflow':
      return validateWorkflowMeaning(body as Workflow, ctx);
    case 'role':
      return validateRoleMeaning(body as Role, ctx);
    case 'reminderPolicy':
      return validateReminderPolicyMeaning(body as ReminderPolicy);
    case 'report':
      return validateReportMeaning(body as Report, ctx);
    case 'catalog':
      return validateCatalogMeaning(body as Catalog);
  }
}
