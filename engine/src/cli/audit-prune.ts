// `audit prune --older-than <days>`: deletes audit entries older than that many days; refuses anything
// under the 90-day retention (audit/retention.ts). The pruning is itself audited.
import { AuditLog } from '../audit/log.js';
import { MIN_RETENTION_DAYS, pruneAuditLog } from '../audit/retention.js';
import { systemClock } from '../config/clock.js';
import { connect } from '../db/connect.js';
import { migrateLatest } from '../db/migrate.js';
import type { Command } from './commands.js';

const command: Command = {
  name: 'audit prune',
  async run(config, args) {
    const i = args.indexOf('--older-than');
    const raw = i >= 0 ? args[i + 1] : undefined;
    if (raw === undefined || !/^\d+$/.test(raw)) throw new Error(`usage: audit prune --older-than <days ≥ ${MIN_RETENTION_DAYS}>`);
    const days = Number(raw);
    if (days < MIN_RETENTION_DAYS) throw new Error(`refused: audit entries are kept at least ${MIN_RETENTION_DAYS} days (asked ${days})`);
    const knex = connect(config.databaseUrl, config.dataDir);
    try {
      await migrateLatest(knex);
      const r = await pruneAuditLog(knex, systemClock, new AuditLog(knex, systemClock), days);
      console.log(`audit prune: ${r.deleted} entr${r.deleted === 1 ? 'y' : 'ies'} older than ${r.before.toISOString()} deleted`);
      return 0;
    } finally {
      await knex.destroy();
    }
  },
};
export default command;
