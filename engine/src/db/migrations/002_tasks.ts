// Tasks, their parties, their append-only hash-chained history, code sequences and stored notifications.
import type { Knex } from 'knex';
import { pathColumn } from './001_core.js';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('tasks', (t) => {
    t.bigIncrements('id');
    t.string('code', 60).notNullable();
    t.string('pillar', 16).notNullable().references('pillars.key');
    // The metadata the task runs under: the scope it was resolved in ('' = platform default) and versions.
    t.string('type_key', 100).notNullable();
    t.string('meta_scope', 16).notNullable().defaultTo('');
    t.integer('type_version').notNullable();
    t.string('form_key', 100).notNullable();
    t.string('form_scope', 16).notNullable().defaultTo('');
    t.integer('form_version').notNullable();
    t.string('workflow_key', 100).notNullable();
    t.string('workflow_scope', 16).notNullable().defaultTo('');
    t.integer('workflow_version').notNullable();
    t.string('state', 64).notNullable();
    t.string('state_category', 16).notNullable(); // open | waiting | done | cancelled (denormalised for lists)
    t.string('title', 500).notNullable();
    t.integer('lead_unit_id').unsigned().notNullable().references('units.id');
    pathColumn(knex, t, 'lead_unit_path').notNullable();
    t.integer('assigner_id').unsigned().notNullable().references('users.id');
    t.integer('assigner_unit_id').unsigned().notNullable().references('units.id');
    t.integer('handler_id').unsigned().references('users.id');
    t.integer('monitor_id').unsigned().references('users.id');
    t.string('deadline_kind', 16).notNullable(); // fixed | workingDays | periodic | none
    t.date('due_date');
    t.date('original_due_date');
    t.string('period_key', 16);
    t.datetime('completed_at', { precision: 3 });
    t.date('completed_on'); // local (Asia/Ho_Chi_Minh) date of completion, compared with due_date
    t.bigInteger('parent_id').unsigned().references('tasks.id');
    t.bigInteger('source_document_id').unsigned();
    t.integer('progress').notNullable().defaultTo(0);
    t.json('data').notNullable();
    t.integer('version').notNullable().defaultTo(1); // optimistic lock
    t.integer('history_seq').notNullable().defaultTo(0);
    t.string('history_hash', 64).notNullable().defaultTo('');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
    t.unique(['pillar', 'code']);
    t.index(['lead_unit_path', 'state_category', 'due_date'], 'tasks_lead_path_idx');
    // Each party column of the permission filter (`leadUnitId`, `handlerId`, `monitorId` OR-ed) leads
    // indexes that also hold the list's state/category filters and sort, so a restricted user's list is
    // an index union of a few hundred entries, not a fetch of every row of their unit (test/bench).
    t.index(['lead_unit_id', 'state_category', 'due_date']);
    t.index(['lead_unit_id', 'state', 'created_at']);
    t.index(['state_category', 'due_date']);
    t.index(['state', 'created_at']); // state filter: the exact count reads the index only
    t.index(['handler_id', 'state', 'created_at']);
    t.index(['assigner_id']);
    t.index(['monitor_id', 'state', 'created_at']);
    t.index(['parent_id']);
    t.index(['source_document_id']);
    t.index(['pillar', 'type_key']);
    t.index(['created_at']);
  });

  await knex.schema.createTable('task_parties', (t) => {
    t.bigIncrements('id');
    t.bigInteger('task_id').unsigned().notNullable().references('tasks.id');
    t.string('party', 16).notNullable(); // lead | coordinator | handler | monitor | assigner
    t.integer('unit_id').unsigned().references('units.id');
    t.integer('user_id').unsigned().references('users.id');
    t.index(['task_id']);
    t.index(['unit_id', 'party']);
    t.index(['user_id', 'party']);
  });

  await knex.schema.createTable('task_events', (t) => {
    t.bigIncrements('id');
    t.bigInteger('task_id').unsigned().notNullable().references('tasks.id');
    t.integer('seq').notNullable(); // 1, 2, 3 … per task
    t.datetime('at', { precision: 3 }).notNullable();
    t.integer('actor_id').unsigned();
    t.integer('position_id').unsigned();
    t.integer('unit_id').unsigned();
    t.string('action', 64).notNullable(); // create | transition | update | attach | system
    t.string('transition', 100);
    t.string('from_state', 64);
    t.string('to_state', 64);
    t.json('changes'); // { field: [before, after] }
    t.text('note');
    t.json('attachments');
    t.string('prev_hash', 64).notNullable();
    t.string('hash', 64).notNullable();
    t.unique(['task_id', 'seq']);
    t.index(['at']);
  });

  await knex.schema.createTable('code_sequences', (t) => {
    t.string('scope', 60).primary(); // e.g. "ubnd:2026"
    t.bigInteger('value').notNullable();
  });

  await knex.schema.createTable('notifications', (t) => {
    t.bigIncrements('id');
    t.integer('user_id').unsigned().notNullable().references('users.id');
    t.bigInteger('task_id').unsigned();
    t.string('kind', 32).notNullable(); // transition | urge | reminder | escalation | digest
    t.string('template', 64);
    t.string('title', 500).notNullable();
    t.text('body');
    t.json('payload');
    t.string('dedupe_key', 200); // a (task, rule, occurrence) reminder is delivered once
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('read_at', { precision: 3 });
    t.index(['user_id', 'created_at']);
    t.unique(['user_id', 'dedupe_key']);
  });

  await knex.schema.createTable('task_indexed_fields', (t) => {
    t.string('field', 100).notNullable();
    t.string('type', 16).notNullable(); // string | number | date
    t.string('column_name', 64).notNullable().unique();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.primary(['field', 'type']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['task_indexed_fields', 'notifications', 'code_sequences', 'task_events', 'task_parties', 'tasks'])
    await knex.schema.dropTableIfExists(t);
}
