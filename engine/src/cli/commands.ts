// The registry of CLI commands; each command is a small module, imported only when it runs — so
// `--help` and a light command do not load the whole engine (users create-admin loads every service;
// measured in test/bench/RESULTS.md). Name and summary live here; the module holds the code.
import type { Config } from '../config/index.js';
import { MIN_RETENTION_DAYS } from '../audit/retention.js';

export interface Command {
  name: string;
  run(config: Config, args: string[]): Promise<number>;
}

export interface CommandEntry {
  name: string;
  summary: string;
  load(): Promise<Command>;
}

const backup = (name: string) => async () => {
  const { backupCommands } = await import('./backup.js');
  return backupCommands.find((c) => c.name === name)!;
};

export const commands: CommandEntry[] = [
  { name: 'audit verify', summary: 'verify the hash chain of every task history', load: async () => (await import('./audit-verify.js')).default },
  { name: 'audit prune', summary: `delete audit entries older than --older-than <days> (≥ ${MIN_RETENTION_DAYS})`, load: async () => (await import('./audit-prune.js')).default },
  { name: 'users disable-inactive', summary: 'disable accounts unused for INACTIVE_DAYS (default 45) days', load: async () => (await import('./users-disable-inactive.js')).default },
  { name: 'users create-admin', summary: 'create a platform administrator with a one-time password', load: async () => (await import('./users-create-admin.js')).default },
  { name: 'oidc rotate-keys', summary: 'add a new OIDC signing key; keep the old ones for verification', load: async () => (await import('./oidc-rotate-keys.js')).default },
  {
    name: 'backup full',
    summary: 'a full backup set: database, attachments, keys and metadata (encrypted); --verify: restore it into scratch too',
    load: backup('backup full'),
  },
  { name: 'backup incremental', summary: 'an incremental set since the previous one (a full when none can follow)', load: backup('backup incremental') },
  { name: 'backup list', summary: 'the backup sets of BACKUP_DIR, oldest first (--json: their manifests)', load: backup('backup list') },
  {
    name: 'backup verify',
    summary: 'restore a set (and its chain) into a scratch database and compare the table checksums with its manifest',
    load: backup('backup verify'),
  },
  {
    name: 'backup restore',
    summary:
      'rebuild the database (and attachments) from a set\'s chain: restore <set>|latest [--until "YYYY-MM-DD HH:MM:SS"] [--into <DATABASE_URL>] [--force]',
    load: backup('backup restore'),
  },
];
