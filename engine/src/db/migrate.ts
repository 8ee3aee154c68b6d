// Migrations are imported statically (not discovered on disk) so the same list runs from src/ under jest
// and tsx, and from dist/ in production.
import type { Knex } from 'knex';
import * as m001 from './migrations/001_core.js';
import * as m002 from './migrations/002_tasks.js';
import * as m003 from './migrations/003_documents.js';
import * as m004 from './migrations/004_calendar.js';
import * as m005 from './migrations/005_reports.js';
import * as m006 from './migrations/006_notify.js';
import * as m006b from './migrations/006_notify_claim.js';
import * as m006c from './migrations/006_notify_incremental.js';
import * as m007 from './migrations/007_oidc.js';
import * as m008 from './migrations/008_security.js';
import * as m009 from './migrations/009_integrations.js';
import * as m010 from './migrations/010_backup.js';

const migrations: Record<string, { up(k: Knex): Promise<void>; down(k: Knex): Promise<void> }> = {
  '001_core': m001,
  '002_tasks': m002,
  '003_documents': m003,
  '004_calendar': m004,
  '005_reports': m005,
  '006_notify': m006,
  '006_notify_claim': m006b,
  '006_notify_incremental': m006c,
  '007_oidc': m007,
  '008_security': m008,
  '009_integrations': m009,
  '010_backup': m010,
};

const source: Knex.MigrationSource<string> = {
  getMigrations: async () => Object.keys(migrations).sort(),
  getMigrationName: (name) => name,
  getMigration: async (name) => migrations[name]!,
};

/**
 * Several engines may start at once on one database. knex's migration lock refuses rather than waits,
 * so the engines that lose the race wait for the winner and then find nothing left to do.
 */
export async function migrateLatest(knex: Knex, waitMs = 120_000): Promise<void> {
  const deadline = Date.now() + waitMs;
  for (;;) {
    try {
      await knex.migrate.latest({ migrationSource: source, tableName: 'knex_migrations' });
      return;
    } catch (err) {
      // Also: engines starting together race to create knex's own tables; the loser retries.
      const locked = /already locked|Table 'knex_migrations(_lock)?' already exists/i.test(String((err as Error)?.message));
      if (!locked || Date.now() > deadline) throw err;
      await new Promise((r) => setTimeout(r, 250 + Math.random() * 250));
    }
  }
}

export async function migrateRollbackAll(knex: Knex): Promise<void> {
  await knex.migrate.rollback({ migrationSource: source, tableName: 'knex_migrations' }, true);
}
