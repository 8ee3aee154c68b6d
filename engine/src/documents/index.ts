// Directive documents and the attachment store (DESIGN.md, engine/src/documents).
//
// For other capabilities:
// - registerAttachmentOwnerChecker('task' | 'event', checker) makes their attachments downloadable
//   by whoever may read the owner;
// - linkAttachments(trx, ids, { type, id }, userId, '/pointer') links a user's uploads to a new owner
//   inside the owner's transaction.
import { subject } from '@casl/ability';
import { attachmentRoutes } from './attachment-routes.js';
import { registerAttachmentOwnerChecker } from './owners.js';
import { abilityFields } from './rows.js';
import { documentRoutes as documentApi } from './routes.js';
import { findDocument } from './service.js';

registerAttachmentOwnerChecker('document', async (id, caller, s) => {
  const row = await findDocument(s.knex, id);
  return !!row && caller.ability.can('read', subject('Document', abilityFields(row)) as any);
});

export const documentRoutes = [...attachmentRoutes, ...documentApi];

export { attachmentOwnerCheckers, registerAttachmentOwnerChecker, canReadAttachment, OWNER_TYPES, type OwnerType, type AttachmentOwnerChecker, type Caller } from './owners.js';
export { linkAttachments, attachmentsOf, findAttachment, toAttachment, type Attachment } from './attachments.js';
export { findDocument, getDocument } from './service.js';
export { DOCUMENT_FIELD_MAP, abilityFields as documentAbilityFields } from './rows.js';
