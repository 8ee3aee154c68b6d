// Attachments of tasks (and of their history events) are downloadable by whoever may read the task.
import { subject } from '@casl/ability';
import { registerAttachmentOwnerChecker } from '../documents/index.js';
import { abilityFields, normaliseRow } from './rows.js';

registerAttachmentOwnerChecker('task', async (id, caller, s) => {
  const r = await s.knex('tasks').where({ id }).first();
  return !!r && caller.ability.can('read', subject('Task', abilityFields(normaliseRow(r))) as any);
});
