// Integrations (engine/src/plugins, engine/src/webhooks, plugins/edxml, plugins/central-sync): the outbox
// of outbound messages with its delivery log, cursors of the task event feed, webhook subscriptions,
// imports with their rejected messages, the edXML exchange and the links to the central system's records,
// and the idempotency keys of incoming signed requests.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Every message the engine sends to another system: sent once per (channel, key), retried with backoff.
  await knex.schema.createTable('outbox_messages', (t) => {
    t.bigIncrements('id');
    t.string('channel', 40).notNullable(); // webhook | central-sync | edxml-status | …
    t.string('target', 100); // the subscription id, endpoint name, …
    t.string('idem_key', 200).notNullable();
    t.text('payload', 'mediumtext').notNullable();
    t.string('status', 16).notNullable(); // pending | delivered | failed
    t.integer('attempts').notNullable().defaultTo(0);
    t.integer('last_status');
    t.string('last_error', 1000);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.datetime('delivered_at', { precision: 3 });
    t.unique(['channel', 'idem_key'], { indexName: 'outbox_channel_key_uq' });
    t.index(['status', 'updated_at'], 'outbox_status_idx');
    t.index(['channel', 'target', 'id'], 'outbox_target_idx');
  });
  await knex.schema.createTable('outbox_attempts', (t) => {
    t.bigIncrements('id');
    t.bigInteger('message_id').unsigned().notNullable().references('outbox_messages.id');
    t.integer('attempt').notNullable();
    t.datetime('at', { precision: 3 }).notNullable();
    t.integer('status_code');
    t.boolean('ok').notNullable();
    t.string('error', 1000);
    t.string('response', 500);
    t.integer('duration_ms').notNullable();
    t.index(['message_id', 'attempt'], 'outbox_attempts_message_idx');
  });
  // Where each consumer of the task event feed is (task_events.id).
  await knex.schema.createTable('integration_cursors', (t) => {
    t.string('consumer', 100).primary();
    t.bigInteger('last_id').notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
  await knex.schema.createTable('webhook_subscriptions', (t) => {
    t.increments('id');
    t.string('name', 200).notNullable();
    t.string('url', 2000).notNullable();
    t.json('events').notNullable(); // ["task.created", "task.transitioned", …] or ["*"]
    t.string('pillar', 16).references('pillars.key'); // only this pillar's tasks; NULL = all
    t.string('sealed_secret', 500).notNullable(); // AES-256-GCM under the installation's key secret
    t.boolean('active').notNullable().defaultTo(true);
    t.integer('created_by').unsigned().notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
  // Imports (an upload, a drop-folder scan, a poll, a pull): a job with progress, and what it rejected.
  await knex.schema.createTable('integration_imports', (t) => {
    t.bigIncrements('id');
    t.string('plugin', 40).notNullable();
    t.string('source', 16).notNullable(); // upload | folder | poll | pull | webhook
    t.string('name', 500).notNullable();
    t.string('status', 16).notNullable(); // running | done | failed
    t.integer('total').notNullable().defaultTo(0);
    t.integer('processed').notNullable().defaultTo(0);
    t.integer('imported').notNullable().defaultTo(0);
    t.integer('duplicates').notNullable().defaultTo(0);
    t.integer('rejected').notNullable().defaultTo(0);
    t.string('error', 1000);
    t.integer('created_by').unsigned();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('finished_at', { precision: 3 });
    t.index(['plugin', 'id'], 'integration_imports_plugin_idx');
  });
  await knex.schema.createTable('integration_rejections', (t) => {
    t.bigIncrements('id');
    t.bigInteger('import_id').unsigned(); // NULL: rejected outside a recorded import
    t.string('plugin', 40).notNullable();
    t.string('item', 500).notNullable(); // file name, URL, message or record id
    t.string('external_id', 200);
    t.string('reason', 1000).notNullable();
    t.json('details'); // [{path, message}]
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.index(['import_id'], 'integration_rejections_import_idx');
    t.index(['plugin', 'id'], 'integration_rejections_plugin_idx');
  });
  // edXML messages taken in: which document, what business type, from whom (status messages go back to it).
  await knex.schema.createTable('edxml_messages', (t) => {
    t.bigIncrements('id');
    t.bigInteger('document_id').unsigned().notNullable().references('documents.id');
    t.string('external_id', 200).notNullable();
    t.integer('business_type').notNullable(); // 0 new, 1 revoke, 2 update, 3 replace
    t.string('sender_code', 32);
    t.string('sender_name', 300);
    t.string('code_number', 30);
    t.string('code_notation', 60);
    t.string('promulgation_date', 10);
    t.string('sha256', 64).notNullable(); // of the message bytes
    t.bigInteger('import_id').unsigned();
    t.datetime('received_at', { precision: 3 }).notNullable();
    t.index(['document_id'], 'edxml_messages_document_idx');
    t.index(['external_id'], 'edxml_messages_external_idx');
  });
  // Records of the central resolution-tracking system and the local document or task each became.
  await knex.schema.createTable('central_links', (t) => {
    t.bigIncrements('id');
    t.string('kind', 16).notNullable(); // resolution | task
    t.string('central_id', 100).notNullable();
    t.string('local_type', 16).notNullable(); // document | task
    t.bigInteger('local_id').unsigned().notNullable();
    t.string('unit_code', 32);
    t.string('central_version', 100);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['kind', 'central_id'], { indexName: 'central_links_central_uq' });
    t.index(['local_type', 'local_id'], 'central_links_local_idx');
  });
  // Idempotency keys of incoming signed requests (a replay answers as the first did, and does nothing).
  await knex.schema.createTable('idempotency_keys', (t) => {
    t.string('scope', 60).notNullable();
    t.string('idem_key', 200).notNullable();
    t.integer('status').notNullable();
    t.text('response').notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.primary(['scope', 'idem_key']);
    t.index(['created_at'], 'idempotency_keys_created_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const table of [
    'idempotency_keys',
    'central_links',
    'edxml_messages',
    'integration_rejections',
    'integration_imports',
    'webhook_subscriptions',
    'integration_cursors',
    'outbox_attempts',
    'outbox_messages',
  ])
    await knex.schema.dropTableIfExists(table);
}
