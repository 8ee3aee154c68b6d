// The working calendar's exceptions to Monday–Friday (DOMAIN.md "Working days and deadlines"): a day off
// on a weekday (holiday, nghỉ bù) or a make-up working day on a weekend (làm bù). Pre-filled from the
// `date-holidays` library, maintained by administrators.
import type { Knex } from 'knex';

export async function up(knex: Knex): Promise<void> {
  await knex.schema.createTable('calendar_days', (t) => {
    t.date('day').primary(); // 'YYYY-MM-DD'
    t.string('kind', 8).notNullable(); // 'off' | 'work'
    t.string('name', 200).notNullable(); // "Tết Nguyên đán", "Làm bù", …
    t.string('source', 16).notNullable(); // 'date-holidays' (pre-filled, refreshed) | 'admin' (never overwritten)
    t.string('updated_by', 100); // username; null for the pre-fill
    t.datetime('updated_at', { precision: 3 }).notNullable();
  });
}

export async function down(knex: Knex): Promise<void> {
  await knex.schema.dropTableIfExists('calendar_days');
}
