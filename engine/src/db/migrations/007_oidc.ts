// Single sign-on: OpenID Connect provider state (shared by every instance), signing keys, registered
// clients; MFA and session columns on the identity tables.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('oidc_payloads', (t) => {
    t.string('model', 48).notNullable();
    t.string('id', 255).notNullable();
    t.json('payload').notNullable();
    t.string('grant_id', 255);
    t.string('user_code', 255);
    t.string('uid', 255);
    t.datetime('expires_at', { precision: 3 });
    t.datetime('consumed_at', { precision: 3 });
    t.primary(['model', 'id']);
    t.index(['grant_id']);
    t.index(['uid']);
    t.index(['user_code']);
    t.index(['expires_at']);
  });
  await knex.schema.createTable('oidc_keys', (t) => {
    t.string('kid', 64).primary();
    t.string('alg', 16).notNullable();
    t.text('sealed_jwk').notNullable(); // the private JWK, AES-256-GCM sealed with OIDC_KEY_SECRET
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('retired_at', { precision: 3 }); // kept for verification after a rotation
  });
  await knex.schema.createTable('oidc_clients', (t) => {
    t.string('client_id', 100).primary();
    t.string('name', 200).notNullable();
    t.json('metadata').notNullable(); // oidc-provider client metadata (secret sealed below, never returned)
    t.text('sealed_secret');
    t.boolean('first_party').notNullable().defaultTo(false);
    t.integer('created_by').unsigned();
    t.datetime('created_at', { precision: 3 }).notNullable();
  });
  // Development and demo only: generated secrets shared by the instances of one database. Production
  // takes them from the environment and refuses to start without them.
  await knex.schema.createTable('app_secrets', (t) => {
    t.string('name', 64).primary();
    t.text('value').notNullable();
  });
  await knex.schema.alterTable('users', (t) => {
    t.datetime('mfa_enabled_at', { precision: 3 });
    t.datetime('password_changed_at', { precision: 3 });
  });
  await knex.schema.alterTable('auth_tokens', (t) => {
    t.string('csrf_hash', 64); // cookie sessions only: the CSRF token's hash
    t.boolean('mfa').notNullable().defaultTo(false); // the session was opened with a second factor
    t.string('client_id', 100);
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.alterTable('auth_tokens', (t) => {
    t.dropColumn('csrf_hash');
    t.dropColumn('mfa');
    t.dropColumn('client_id');
  });
  await knex.schema.alterTable('users', (t) => {
    t.dropColumn('mfa_enabled_at');
    t.dropColumn('password_changed_at');
  });
  for (const t of ['app_secrets', 'oidc_clients', 'oidc_keys', 'oidc_payloads']) await knex.schema.dropTableIfExists(t);
}
