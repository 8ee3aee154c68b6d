// Core tables of DESIGN.md that every deployment has: organisation, identity, metadata registry, audit log.
import type { Knex } from 'knex';

/** Materialised unit paths ("/1/4/9/") are compared byte-wise so prefix matches are exact and indexable. */
export function pathColumn(knex: Knex, t: Knex.CreateTableBuilder, name: string) {
  if (String(knex.client.config.client).includes('sqlite')) return t.string(name, 255);
  return t.specificType(name, 'VARCHAR(255) CHARACTER SET ascii COLLATE ascii_bin');
}

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('pillars', (t) => {
    t.string('key', 16).primary();
    t.string('name', 200).notNullable();
    t.string('name_en', 200);
    t.string('short_name', 60);
    t.string('code', 16).notNullable();
    t.integer('unit_id').unsigned();
  });

  await knex.schema.createTable('units', (t) => {
    t.increments('id');
    t.string('pillar', 16).notNullable().references('pillars.key');
    t.integer('parent_id').unsigned().references('units.id');
    t.string('code', 32).notNullable().unique(); // mã định danh (QĐ 20/2020/QĐ-TTg)
    t.string('name', 300).notNullable();
    t.string('name_en', 300);
    t.string('kind', 32).notNullable();
    pathColumn(knex, t, 'path').notNullable().index('units_path_idx');
    t.integer('depth').notNullable();
    t.integer('sort_order').notNullable().defaultTo(0);
    t.boolean('active').notNullable().defaultTo(true);
    t.index(['parent_id']);
    t.index(['pillar']);
  });

  await knex.schema.createTable('users', (t) => {
    t.increments('id');
    t.string('username', 100).notNullable().unique();
    t.string('full_name', 200).notNullable();
    t.string('email', 200);
    t.string('pillar', 16).references('pillars.key');
    t.string('password_hash', 255).notNullable();
    t.boolean('must_change_password').notNullable().defaultTo(false);
    t.boolean('active').notNullable().defaultTo(true);
    t.string('mfa_secret', 255);
    t.datetime('last_login_at', { precision: 3 });
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });

  await knex.schema.createTable('positions', (t) => {
    t.increments('id');
    t.integer('user_id').unsigned().notNullable().references('users.id');
    t.integer('unit_id').unsigned().notNullable().references('units.id');
    t.string('role_key', 100).notNullable();
    t.string('title', 200);
    t.boolean('active').notNullable().defaultTo(true);
    t.unique(['user_id', 'unit_id', 'role_key']);
    t.index(['unit_id']);
  });

  await knex.schema.createTable('auth_tokens', (t) => {
    t.increments('id');
    t.string('token_hash', 64).notNullable().unique(); // sha-256 of the bearer token: the token itself is never stored
    t.integer('user_id').unsigned().notNullable().references('users.id');
    t.string('kind', 16).notNullable().defaultTo('bearer');
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.datetime('expires_at', { precision: 3 }).notNullable();
    t.datetime('last_seen_at', { precision: 3 }).notNullable();
    t.datetime('revoked_at', { precision: 3 });
    t.index(['user_id']);
  });

  await knex.schema.createTable('login_failures', (t) => {
    t.increments('id');
    t.string('username', 100).notNullable();
    t.string('ip', 64);
    t.datetime('at', { precision: 3 }).notNullable();
    t.index(['username', 'at']);
  });

  await knex.schema.createTable('metadata_documents', (t) => {
    t.increments('id');
    t.string('kind', 32).notNullable();
    t.string('key', 100).notNullable();
    // '' is the platform default; a pillar key is that pillar's override. (Not NULL, so the unique key holds.)
    t.string('pillar', 16).notNullable().defaultTo('');
    t.integer('version').notNullable(); // 0 = the draft, 1..n = published, immutable
    t.string('status', 16).notNullable();
    t.json('body').notNullable();
    t.string('checksum', 64).notNullable();
    t.integer('author_id').unsigned();
    t.string('author', 100);
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.unique(['kind', 'key', 'pillar', 'version']);
    t.index(['kind', 'status']);
  });

  await knex.schema.createTable('audit_log', (t) => {
    t.bigIncrements('id');
    t.datetime('at', { precision: 3 }).notNullable();
    t.integer('actor_id').unsigned();
    t.string('actor', 100);
    t.string('action', 64).notNullable(); // login.success, login.failure, login.locked, access.denied, metadata.save, …
    t.string('outcome', 16).notNullable().defaultTo('ok');
    t.string('subject_type', 64);
    t.string('subject_id', 200);
    t.string('pillar', 16);
    t.string('ip', 64);
    t.json('detail');
    t.index(['at']);
    t.index(['action', 'at']);
    t.index(['actor_id', 'at']);
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['audit_log', 'metadata_documents', 'login_failures', 'auth_tokens', 'positions', 'users', 'units', 'pillars'])
    await knex.schema.dropTableIfExists(t);
}
