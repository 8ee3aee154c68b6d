// Security baseline: rate-limit counters shared by every engine instance when there is no Redis, the
// installation's id (it keeps the Redis counters of two deployments on one Redis apart), and indexes
// for the auditors' filters on the audit log.
import crypto from 'node:crypto';
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('rate_limits', (t) => {
    t.string('bucket', 200).primary(); // "<rule>:<key>", e.g. "ip:203.0.113.7"
    t.integer('hits').notNullable();
    t.datetime('reset_at', { precision: 3 }).notNullable();
    t.index(['reset_at']);
  });
  await knex.schema.createTable('security_settings', (t) => {
    t.string('name', 64).primary();
    t.string('value', 255).notNullable();
  });
  await knex('security_settings').insert({ name: 'installation_id', value: crypto.randomBytes(9).toString('base64url') });
  await knex.schema.alterTable('audit_log', (t) => {
    t.index(['pillar', 'id'], 'audit_log_pillar_id_idx');
    t.index(['actor', 'id'], 'audit_log_actor_id_idx');
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('audit_log', (t) => {
    t.dropIndex(['pillar', 'id'], 'audit_log_pillar_id_idx');
    t.dropIndex(['actor', 'id'], 'audit_log_actor_id_idx');
  });
  await knex.schema.dropTableIfExists('security_settings');
  await knex.schema.dropTableIfExists('rate_limits');
}
