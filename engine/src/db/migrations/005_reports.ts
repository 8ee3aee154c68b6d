// Reports (engine/src/reports): a shared result cache and the working-day numbering that turns delays
// into one subtraction in SQL.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  // Results per (report, version, parameters, scope, data version); rows older than the configured
  // staleness are ignored and swept. Shared by every engine instance on the database.
  await knex.schema.createTable('report_cache', (t) => {
    t.specificType('cache_key', 'CHAR(64)').primary(); // sha-256 of the key's parts
    t.string('report_key', 100).notNullable();
    t.datetime('created_at', { precision: 3 }).notNullable();
    t.text('body', 'longtext').notNullable(); // the JSON result
    t.index(['created_at'], 'report_cache_created_idx');
  });
  // n(day) = working days in (1999-12-31, day]; the working days between a and b are n(b) − n(a).
  // Rebuilt from the working calendar whenever calendar_days changes (reports/workingDayNumbers.ts).
  await knex.schema.createTable('report_working_days', (t) => {
    t.date('day').primary();
    t.integer('n').notNullable();
  });
  await knex.schema.createTable('report_state', (t) => {
    t.string('name', 64).primary(); // 'working_days' → checksum of the calendar the numbers came from
    t.string('value', 200).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  for (const t of ['report_state', 'report_working_days', 'report_cache']) await knex.schema.dropTableIfExists(t);
}
