// Backups (issue 10):
// - backup_runs: one row per backup run — scheduled ones keyed by their slot (`full@2026-11-29T15:00Z`),
//   so among several engines exactly one takes a slot, and a slot that never ran is seen as missed;
// - backup_state: the lineage of this database (a new one at every full backup and restore: an
//   incremental follows only the database its previous set was taken of);
// - SQLite only, backup_changes: the changes log the incrementals are made of (backup/sqlite.ts; its
//   triggers are installed by the first full backup, as they depend on the schema of that moment).
// The backup code creates backup_state/backup_changes itself when missing (a CLI backup of a database
// not migrated yet), hence the checks.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('backup_runs', (t) => {
    t.increments('id');
    t.string('slot_key', 100).notNullable().unique();
    t.string('kind', 16).notNullable(); // full | incremental (what was made: a promoted incremental says full)
    t.string('trigger', 16).notNullable(); // schedule | cli | api | manual
    t.string('status', 16).notNullable(); // running | ok | failed | missed
    t.string('set_id', 80);
    t.datetime('scheduled_for', { precision: 3 });
    t.datetime('started_at', { precision: 3 }).notNullable();
    t.datetime('finished_at', { precision: 3 });
    t.string('error', 1000);
    t.index(['status', 'started_at']);
  });
  if (!(await knex.schema.hasTable('backup_state')))
    await knex.schema.createTable('backup_state', (t) => {
      t.string('key', 64).primary();
      t.string('value', 255);
      t.datetime('updated_at', { precision: 3 });
    });
  if (String(knex.client.config.client).includes('sqlite') && !(await knex.schema.hasTable('backup_changes')))
    await knex.raw(
      'CREATE TABLE backup_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, stmt TEXT NOT NULL)',
    );
}

export async function down(knex: Knex): Promise<void> {
  if (String(knex.client.config.client).includes('sqlite')) {
    for (const r of await knex.raw(
      `SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'backup\\_log\\_%' ESCAPE '\\'`,
    ))
      await knex.raw(`DROP TRIGGER IF EXISTS "${r.name}"`);
    await knex.schema.dropTableIfExists('backup_changes');
  }
  await knex.schema.dropTableIfExists('backup_state');
  await knex.schema.dropTableIfExists('backup_runs');
}
