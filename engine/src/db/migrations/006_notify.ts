// Reminders, delivery and periodic series (issue 5):
// - notifications become the delivery outbox: delivered_at, channels, attempts, last_error (+ the lease
//   and retry columns a multi-instance delivery needs);
// - reminders_sent: one row per (task, rule, occurrence) — the unique key that makes a reminder fire once;
// - per-user notification preferences; single-use tickets for the Server-Sent Events stream;
// - task_series: one instance per (series, period) of a periodic task type;
// - an index for the set-based reminder scan.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => {
    t.string('channels', 200); // JSON array of the channels the row is meant for; null = the user's own
    t.string('delivered_channels', 200); // JSON array of the channels that went out (a retry skips them)
    t.datetime('delivered_at', { precision: 3 });
    t.integer('attempts').notNullable().defaultTo(0);
    t.string('last_error', 1000);
    t.datetime('next_attempt_at', { precision: 3 });
    t.datetime('failed_at', { precision: 3 }); // gave up after the last attempt
    t.string('claim', 36); // the delivery run holding the row …
    t.datetime('claimed_until', { precision: 3 }); // … until then (a killed run's rows are taken over after)
    t.boolean('digest_pending').notNullable().defaultTo(false); // e-mail held for the user's digest
  });
  // Notifications stored before there was a delivery (issue 3's workflow effects) stay in the app only:
  // e-mailing weeks-old workflow messages on upgrade would be noise, not "nothing lost".
  await knex('notifications').update({ delivered_at: knex.ref('created_at'), delivered_channels: '["inApp"]' });
  await knex.schema.alterTable('notifications', (t) => {
    t.index(['delivered_at', 'failed_at', 'id'], 'notifications_outbox_idx');
    t.index(['digest_pending', 'user_id'], 'notifications_digest_idx');
  });

  await knex.schema.createTable('reminders_sent', (t) => {
    t.bigIncrements('id');
    t.bigInteger('task_id').unsigned().notNullable();
    t.string('rule_key', 100).notNullable();
    t.string('occurrence', 40).notNullable(); // e.g. the due date, or "2026-03-02#3" for the 3rd overdue reminder
    t.string('policy_key', 100).notNullable();
    t.string('kind', 24).notNullable();
    t.string('scan_id', 36).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['task_id', 'rule_key', 'occurrence'], { indexName: 'reminders_sent_once' });
    t.index(['scan_id', 'rule_key']);
  });

  await knex.schema.createTable('notification_preferences', (t) => {
    t.integer('user_id').unsigned().primary().references('users.id');
    t.string('channels', 200); // JSON array; null = every channel
    t.boolean('digest').notNullable().defaultTo(false); // e-mail reminders as one daily digest
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('notification_stream_tickets', (t) => {
    t.string('ticket_hash', 64).primary(); // sha-256: the ticket itself is never stored
    t.integer('user_id').unsigned().notNullable();
    t.integer('token_id').unsigned().notNullable(); // the bearer session it was issued from
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.datetime('used_at', { precision: 3 });
  });

  await knex.schema.createTable('task_series', (t) => {
    t.bigInteger('series_id').unsigned().notNullable(); // the id of the series' first instance
    t.string('period_key', 16).notNullable();
    t.bigInteger('task_id').unsigned().notNullable().unique();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.primary(['series_id', 'period_key']);
  });

  await knex.schema.alterTable('tasks', (t) => {
    t.index(['pillar', 'type_key', 'state_category', 'due_date'], 'tasks_reminder_scan_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('tasks', (t) => t.dropIndex([], 'tasks_reminder_scan_idx'));
  for (const t of ['task_series', 'notification_stream_tickets', 'notification_preferences', 'reminders_sent']) await knex.schema.dropTableIfExists(t);
  await knex.schema.alterTable('notifications', (t) => {
    t.dropIndex([], 'notifications_outbox_idx');
    t.dropIndex([], 'notifications_digest_idx');
  });
  await knex.schema.alterTable('notifications', (t) => {
    for (const c of ['channels', 'delivered_channels', 'delivered_at', 'attempts', 'last_error', 'next_attempt_at', 'failed_at', 'claim', 'claimed_until', 'digest_pending']) t.dropColumn(c);
  });
}
