// Migrations are imported statically (not discovered on disk) so the same list runs from src/ under jest
// and tsx, and from dist/ in production.
import type { Knex } from 'knex';
import * as m001 from './migrations/001_core.js';

const migrations: Record<string, { up(k: Knex): Promise<void>; down(k: Knex): Promise<void> }> = {
  '001_core': m001,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

export async function migrateLatest(knex: Knex): Promise<void> {
  await knex.migrate.latest({ migrationSource: source, tableName: 'knex_migrations' });
}

export async function migrateRollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource: source, tableName: 'knex_migrations' }, true);
}
