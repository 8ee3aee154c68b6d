// `users disable-inactive [--days <n>] [--dry-run]`: disables the accounts without a sign-in for n days
// (default INACTIVE_DAYS, 45), each audited; demo accounts in demo mode are exempt (identity/inactive.ts).
import { AuditLog } from '../audit/log.js';
import { systemClock } from '../config/clock.js';
import { connect } from '../db/connect.js';
import { migrateLatest } from '../db/migrate.js';
import { disableInactiveAccounts } from '../identity/inactive.js';
import type { Command } from './commands.js';

const command: Command = {
  name: 'users disable-inactive',
  async run(config, args) {
    const i = args.indexOf('--days');
    const days = i >= 0 ? Number(args[i + 1]) : undefined;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1)) throw new Error('usage: users disable-inactive [--days <n ≥ 1>] [--dry-run]');
    const dryRun = args.includes('--dry-run');
    const knex = connect(config.databaseUrl, config.dataDir);
    try {
      await migrateLatest(knex);
      const r = await disableInactiveAccounts({ knex, clock: systemClock, config, audit: new AuditLog(knex, systemClock) }, { days, actor: 'cli', dryRun });
      for (const u of r.disabled) console.log(`${dryRun ? 'would disable' : 'disabled'} ${u}`);
      console.log(`users disable-inactive: ${r.disabled.length} account(s) ${dryRun ? 'would be ' : ''}disabled (no sign-in since ${r.cutoff.toISOString()}, ${r.days} days)`);
      return 0;
    } finally {
      await knex.destroy();
    }
  },
};
export default command;
