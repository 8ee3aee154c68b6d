// Incremental reminder scans (006_notify was already applied):
// - reminder_scan_state: per (pillar, task type, policy, rule) the day it was last scanned, with the hashes
//   of the rule and of the calendar it was scanned under — a scan then looks only at what became due
//   since (and at tasks changed since), instead of re-checking every overdue task each time;
// - reminders_sent.fanned_at: the reminders are the ledger; their notifications (one per recipient) are
//   written by a separate, idempotent fan-out step that marks what it did;
// - tasks(updated_at): the scan's "changed since" path.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('reminder_scan_state', (t) => {
    t.string('id', 64).primary(); // sha-256 of pillar|type|policy|rule
    t.string('pillar', 16).notNullable();
    t.string('type_key', 100).notNullable();
    t.string('policy_key', 100).notNullable();
    t.string('rule_key', 100).notNullable();
    t.date('day').notNullable();
    t.string('rule_hash', 64).notNullable();
    t.string('calendar_hash', 64).notNullable();
    t.datetime('scanned_at', { precision: 3 }).notNullable();
  });
  await knex.schema.alterTable('reminders_sent', (t) => {
    t.datetime('fanned_at', { precision: 3 });
  });
  // Existing reminders were fanned out with their scan (the former behaviour).
  await knex('reminders_sent').update({ fanned_at: knex.ref('created_at') });
  await knex.schema.alterTable('reminders_sent', (t) => t.index(['fanned_at', 'id'], 'reminders_sent_fanout_idx'));
  await knex.schema.alterTable('tasks', (t) => t.index(['updated_at'], 'tasks_updated_at_idx'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => t.dropIndex([], 'tasks_updated_at_idx'));
  await knex.schema.alterTable('reminders_sent', (t) => t.dropIndex([], 'reminders_sent_fanout_idx'));
  await knex.schema.alterTable('reminders_sent', (t) => t.dropColumn('fanned_at'));
  await knex.schema.dropTableIfExists('reminder_scan_state');
}
