// Directive documents (DOMAIN.md, "Directive documents") and the attachments of documents, tasks and
// task events. Attachment bytes live on disk, content-addressed by sha-256 (documents/blobs.ts).
import type { Knex } from 'knex';
import { pathColumn } from './001_core.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('documents', (t) => {
    t.bigIncrements('id');
    t.string('pillar', 16).notNullable().references('pillars.key');
    t.integer('unit_id').unsigned().notNullable().references('units.id'); // owning unit (the registering clerk's)
    pathColumn(knex, t, 'unit_path').notNullable();
    t.string('number', 11); // số
    t.string('notation', 30); // ký hiệu
    t.date('issued_date').notNullable();
    t.string('type_key', 100).notNullable(); // catalog loai-van-ban
    t.string('issuer_name', 300).notNullable();
    t.string('issuer_code', 32); // mã định danh of the issuing body
    t.string('subject', 500).notNullable(); // trích yếu
    t.string('signer_position', 200);
    t.string('signer_name', 200);
    t.string('urgency', 100).notNullable(); // catalog do-khan
    t.string('classification', 100).notNullable(); // catalog do-mat
    t.date('due_date');
    t.json('recipients').notNullable(); // nơi nhận: [{unitId?|code?, name}]
    t.string('status', 16).notNullable().defaultTo('active'); // active | revoked | replaced
    t.string('external_id', 200).unique(); // edXML DocumentId: the importer de-duplicates on it
    t.json('response_for').notNullable(); // links to earlier documents
    t.integer('created_by').unsigned().notNullable().references('users.id');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.integer('version').notNullable().defaultTo(1); // optimistic lock
    // The list is filtered by permission (pillar, unit, unit subtree) and sorted by issue date.
    t.index(['pillar', 'issued_date'], 'documents_pillar_issued_idx');
    t.index(['unit_id', 'issued_date'], 'documents_unit_issued_idx');
    t.index(['unit_path', 'issued_date'], 'documents_path_issued_idx');
    t.index(['issued_date'], 'documents_issued_idx');
    t.index(['type_key', 'issued_date'], 'documents_type_issued_idx');
    t.index(['status', 'issued_date'], 'documents_status_issued_idx');
    t.index(['created_at'], 'documents_created_idx');
    t.index(['updated_at'], 'documents_updated_idx');
  });

  await knex.schema.createTable('attachments', (t) => {
    t.bigIncrements('id');
    t.specificType('sha256', 'CHAR(64)').notNullable();
    t.bigInteger('size').unsigned().notNullable();
    t.string('content_type', 100).notNullable(); // sniffed from the bytes, never the client's claim
    t.string('name', 255).notNullable(); // original file name, sanitised; never used as a path
    t.string('owner_type', 16); // document | task | event; NULL = uploaded, not linked yet
    t.bigInteger('owner_id').unsigned();
    t.integer('created_by').unsigned().notNullable().references('users.id');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['owner_type', 'owner_id'], 'attachments_owner_idx');
    t.index(['sha256'], 'attachments_sha256_idx');
    t.index(['created_by', 'owner_type'], 'attachments_uploader_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('attachments');
  await knex.schema.dropTableIfExists('documents');
}
