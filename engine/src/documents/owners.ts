// Who may download an attachment is decided by its owner: whoever may read the document (or task, or
// task event) may read its files. Each capability registers a checker for its owner type; documents
// registers 'document' (documents/index.ts), tasks will register 'task' and 'event'. An owner type
// without a checker is unreadable (fail closed).
import type { AppAbility } from '../access/ability.js';
import type { Principal } from '../org/principal.js';
import type { Services } from '../services.js';

export const OWNER_TYPES = ['document', 'task', 'event'] as const;
export type OwnerType = (typeof OWNER_TYPES)[number];

export interface Caller {
  principal: Principal;
  ability: AppAbility;
}

/** True when `caller` may read the owner `ownerId` (false also when it does not exist). */
export type AttachmentOwnerChecker = (ownerId: number, caller: Caller, services: Services) => Promise<boolean>;

export const attachmentOwnerCheckers = new Map<OwnerType, AttachmentOwnerChecker>();

export function registerAttachmentOwnerChecker(type: OwnerType, checker: AttachmentOwnerChecker): void {
  attachmentOwnerCheckers.set(type, checker);
}

/** May `caller` read an attachment row? Unlinked uploads are readable by their uploader only. */
export async function canReadAttachment(
  row: { owner_type: string | null; owner_id: number | string | null; created_by: number },
  caller: Caller,
  services: Services,
): Promise<boolean> {
  if (row.owner_type === null) return row.created_by === caller.principal.id;
  const checker = attachmentOwnerCheckers.get(row.owner_type as OwnerType);
  return checker ? checker(Number(row.owner_id), caller, services) : false;
}
