// Attachment rows: one per upload (the bytes are shared by hash, see blobs.ts). An upload starts
// unlinked and is linked once to its owner (a document, a task, a task event) by the person who
// uploaded it, in the same transaction that writes the owner.
import path from 'node:path';
import type { Knex } from 'knex';
import { invalid, type ErrorDetail } from '../api/errors.js';
import { isoTime, toDbTime } from '../db/time.js';
import type { Services } from '../services.js';
import { BlobStore, type StoredBlob } from './blobs.js';
import type { OwnerType } from './owners.js';

export interface Attachment {
  id: number;
  sha256: string;
  size: number;
  contentType: string;
  name: string;
  ownerType: OwnerType | null;
  ownerId: number | null;
  createdBy: number;
  createdAt: string | null;
  /** Where to download it. */
  url: string;
}

export const ATTACHMENT_COLUMNS = ['id', 'sha256', 'size', 'content_type', 'name', 'owner_type', 'owner_id', 'created_by', 'created_at'];

export function toAttachment(r: any): Attachment {
  return {
    id: Number(r.id),
    sha256: r.sha256,
    size: Number(r.size),
    contentType: r.content_type,
    name: r.name,
    ownerType: r.owner_type ?? null,
    ownerId: r.owner_id === null || r.owner_id === undefined ? null : Number(r.owner_id),
    createdBy: Number(r.created_by),
    createdAt: isoTime(r.created_at),
    url: `/api/attachments/${r.id}`,
  };
}

/** The engine's blob store, under `$DATA_DIR/attachments`. */
export function blobStore(s: Services): BlobStore {
  return new BlobStore(path.join(s.config.dataDir, 'attachments'));
}

/** Record an upload (unlinked) for `userId`. */
export async function recordUpload(knex: Knex, blob: StoredBlob, userId: number, now: Date): Promise<Attachment> {
  const row = {
    sha256: blob.sha256,
    size: blob.size,
    content_type: blob.contentType,
    name: blob.name,
    owner_type: null,
    owner_id: null,
    created_by: userId,
    created_at: toDbTime(now),
  };
  const [id] = await knex('attachments').insert(row);
  return toAttachment({ ...row, id });
}

export async function findAttachment(knex: Knex, id: number): Promise<any | undefined> {
  return knex('attachments').where({ id }).first(ATTACHMENT_COLUMNS);
}

/** The attachments of some owners, oldest first, grouped by owner id. */
export async function attachmentsOf(knex: Knex, ownerType: OwnerType, ownerIds: number[]): Promise<Map<number, Attachment[]>> {
  const byOwner = new Map<number, Attachment[]>(ownerIds.map((id) => [id, []]));
  if (ownerIds.length === 0) return byOwner;
  const rows = await knex('attachments').where({ owner_type: ownerType }).whereIn('owner_id', ownerIds).orderBy('id').select(ATTACHMENT_COLUMNS);
  for (const r of rows) byOwner.get(Number(r.owner_id))?.push(toAttachment(r));
  return byOwner;
}

/**
 * Link uploads to their owner, inside the owner's transaction. Each id must be an upload of `userId`
 * not linked yet (or linked to this very owner already); otherwise 422 pointing at the item
 * (`${pointer}/i`), and the caller's transaction rolls back. The UPDATE's condition makes a concurrent
 * second link of the same upload lose instead of overwriting the first.
 */
export async function linkAttachments(
  trx: Knex,
  ids: readonly number[],
  owner: { type: OwnerType; id: number },
  userId: number,
  pointer = '/attachmentIds',
): Promise<void> {
  if (ids.length === 0) return;
  const linked = await trx('attachments')
    .whereIn('id', ids)
    .whereNull('owner_type')
    .where('created_by', userId)
    .update({ owner_type: owner.type, owner_id: owner.id });
  if (linked === ids.length) return;
  const rows = await trx('attachments').whereIn('id', ids).select('id', 'owner_type', 'owner_id', 'created_by');
  const byId = new Map(rows.map((r: any) => [Number(r.id), r]));
  const details: ErrorDetail[] = [];
  ids.forEach((id, i) => {
    const r = byId.get(id);
    if (!r || Number(r.created_by) !== userId)
      details.push({ path: `${pointer}/${i}`, message: 'Tệp đính kèm không tồn tại hoặc không phải do bạn tải lên' });
    else if (r.owner_type !== owner.type || Number(r.owner_id) !== owner.id)
      details.push({ path: `${pointer}/${i}`, message: 'Tệp đính kèm đã được gắn với hồ sơ khác' });
  });
  // Ids already linked to this same owner (sent again, e.g. by a PATCH) are fine.
  if (details.length === 0) return;
  throw invalid(details, 'Tệp đính kèm không hợp lệ');
}
