// Idempotent seeding at start: pillars, unit trees and default metadata always (a deployment needs them);
// the demo accounts only in demo mode. Several engines may start at once on one database, so the whole
// seed runs in one transaction under a lock.
import type { Knex } from 'knex';
import type { Services } from '../services.js';
import { dialectOf } from '../db/connect.js';
import { seedOrganisation } from './organisation.js';
import { seedDefaultMetadata } from './metadata.js';
import { seedDemoAccounts } from './accounts.js';
import { prefillCalendar } from '../calendar/prefill.js';
import { ensureIndexedColumns } from '../tasks/indexed.js';

async function withSeedLock<T>(knex: Knex, fn: (trx: Knex.Transaction) => Promise<T>): Promise<T> {
  if (dialectOf(knex) !== 'mysql') return knex.transaction(fn); // SQLite: BEGIN already serialises writers
  // MySQL/MariaDB: a named lock on a connection of its own, released only after the seed has committed,
  // so an engine starting at the same moment sees the finished seed rather than racing it.
  const conn = await knex.client.acquireConnection();
  const onConn = (sql: string) => knex.raw(sql).connection(conn);
  try {
    await onConn("SELECT GET_LOCK('dondoc_seed', 120)");
    try {
      return await knex.transaction(fn);
    } finally {
      await onConn("SELECT RELEASE_LOCK('dondoc_seed')");
    }
  } finally {
    await knex.client.releaseConnection(conn);
  }
}

export async function seed(s: Services): Promise<void> {
  const created = await withSeedLock(s.knex, async (trx) => {
    await seedOrganisation(trx);
    await seedDefaultMetadata(trx, s.clock);
    await prefillCalendar(trx, s.clock);
    return s.config.demoSeed ? seedDemoAccounts(trx, s.config, s.clock) : null;
  });
  s.metadata.snapshot.invalidate();
  // Generated columns for the indexed fields of every published form (DDL: outside the transaction).
  await s.metadata.snapshot.ensureFresh();
  for (const key of s.metadata.snapshot.keys('form'))
    for (const pillar of ['', ...(await s.knex('pillars').pluck('key'))]) {
      const doc = s.metadata.snapshot.exact('form', key, pillar);
      if (doc) await ensureIndexedColumns(s.knex, doc.body, s.clock.now());
    }
  if (created?.generatedPassword)
    console.log(
      `\nDemo accounts created (admin, <pillar>.admin|leader|staff). Password: ${created.generatedPassword}\n` +
        `It is also in ${created.credentialsFile} (mode 0600). Set SEED_PASSWORD to choose it.\n`,
    );
}
