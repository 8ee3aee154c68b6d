// The delivery reads the rows it claimed by their claim id: an index, so that stays a lookup when the
// outbox holds a large backlog (a first scan over a million tasks). (006_notify was already applied.)
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => t.index(['claim'], 'notifications_claim_idx'));
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('notifications', (t) => t.dropIndex([], 'notifications_claim_idx'));
}
