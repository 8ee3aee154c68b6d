// Backup settings, from the environment only (CONTRACT.md "Starting": BACKUP_DIR, BACKUP_KEY_FILE; the
// rest are this capability's own, documented in README "Backup").
import path from 'node:path';

export interface BackupConfig {
  /** Where sets are written (BACKUP_DIR; default $DATA_DIR/backups), e.g. a mounted removable disk. */
  dir: string;
  /** A second target every finished set is copied to (BACKUP_COPY_DIR), e.g. the central backup system's mount. */
  copyDir: string | undefined;
  /** The key: BACKUP_KEY_FILE, else BACKUP_KEY (hex or base64 in the environment), else generated under $DATA_DIR/keys/. */
  keyFile: string | undefined;
  keyEnv: string | undefined;
  generatedKeyFile: string;
  /** Attachment store (content-addressed): $DATA_DIR/attachments. */
  attachmentsDir: string;
  /** Work files (decrypted copies during restore/verify) go here; default: the system temp dir. */
  workDir: string | undefined;
  /** Scheduled backups (BACKUP_SCHEDULE=off: none; runs by hand still work; default on, off under NODE_ENV=test unless BACKUP_SCHEDULE=on). */
  schedule: boolean;
  /** Weekly full backup: BACKUP_FULL_AT="sun 22:00" (Asia/Ho_Chi_Minh). */
  fullAt: { weekday: number; minutes: number };
  /** Daily incremental: BACKUP_INCREMENTAL_AT="17:30" (Asia/Ho_Chi_Minh), on BACKUP_INCREMENTAL_DAYS (default every day). */
  incrementalAt: { minutes: number; weekdays: number[] };
  /** How often the scheduler looks whether a backup is due (BACKUP_CHECK_SECONDS, default 60). */
  checkEveryMs: number;
  /** A slot that could not run within this many minutes of its time is "missed" (BACKUP_LATE_MINUTES, default 120). */
  lateMinutes: number;
  /** Retention: keep the newest BACKUP_KEEP_FULLS chains (default 5) and none older than BACKUP_KEEP_DAYS (default 35) — the newest chain always stays. */
  keepFulls: number;
  keepDays: number;
  /** Verify each scheduled set right after writing it (BACKUP_VERIFY_SCHEDULED, default true): restore into scratch, compare checksums. */
  verifyScheduled: boolean;
  /** MySQL/MariaDB: the server where `verify` creates its scratch database (BACKUP_SCRATCH_URL; default the same server). */
  scratchUrl: string | undefined;
}

const DAYS = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];

function clockMinutes(v: string, name: string): number {
  const m = /^(\d{1,2}):(\d{2})$/.exec(v.trim());
  if (!m || Number(m[1]) > 23 || Number(m[2]) > 59) throw new Error(`${name}: expected HH:MM, got "${v}"`);
  return Number(m[1]) * 60 + Number(m[2]);
}

function weekday(v: string, name: string): number {
  const i = DAYS.indexOf(v.trim().slice(0, 3).toLowerCase());
  if (i < 0) throw new Error(`${name}: unknown weekday "${v}" (sun, mon, … sat)`);
  return i;
}

const num = (v: string | undefined, fallback: number) =>
  v !== undefined && v !== '' && Number.isFinite(Number(v)) ? Number(v) : fallback;

export function loadBackupConfig(env: NodeJS.ProcessEnv, dataDir: string, backupDir?: string): BackupConfig {
  const fullAt = (env.BACKUP_FULL_AT || 'sun 22:00').trim().split(/\s+/);
  if (fullAt.length !== 2)
    throw new Error(`BACKUP_FULL_AT: expected "<weekday> HH:MM", got "${env.BACKUP_FULL_AT}"`);
  const incDays = env.BACKUP_INCREMENTAL_DAYS
    ? env.BACKUP_INCREMENTAL_DAYS.split(',').map((d) => weekday(d, 'BACKUP_INCREMENTAL_DAYS'))
    : [0, 1, 2, 3, 4, 5, 6];
  return {
    dir: path.resolve(backupDir || env.BACKUP_DIR || path.join(dataDir, 'backups')),
    copyDir: env.BACKUP_COPY_DIR ? path.resolve(env.BACKUP_COPY_DIR) : undefined,
    keyFile: env.BACKUP_KEY_FILE ? path.resolve(env.BACKUP_KEY_FILE) : undefined,
    keyEnv: env.BACKUP_KEY || undefined,
    generatedKeyFile: path.join(dataDir, 'keys', 'backup.key'),
    attachmentsDir: path.join(dataDir, 'attachments'),
    workDir: env.BACKUP_WORK_DIR ? path.resolve(env.BACKUP_WORK_DIR) : undefined,
    // Off by default under NODE_ENV=test: other suites move their clocks across Sunday nights.
    schedule: env.BACKUP_SCHEDULE ? env.BACKUP_SCHEDULE !== 'off' : env.NODE_ENV !== 'test',
    fullAt: {
      weekday: weekday(fullAt[0]!, 'BACKUP_FULL_AT'),
      minutes: clockMinutes(fullAt[1]!, 'BACKUP_FULL_AT'),
    },
    incrementalAt: {
      minutes: clockMinutes(env.BACKUP_INCREMENTAL_AT || '17:30', 'BACKUP_INCREMENTAL_AT'),
      weekdays: [...new Set(incDays)].sort(),
    },
    checkEveryMs: Math.max(0.05, num(env.BACKUP_CHECK_SECONDS, 60)) * 1000,
    lateMinutes: Math.max(1, num(env.BACKUP_LATE_MINUTES, 120)),
    keepFulls: Math.max(1, Math.floor(num(env.BACKUP_KEEP_FULLS, 5))),
    keepDays: Math.max(1, num(env.BACKUP_KEEP_DAYS, 35)),
    verifyScheduled: env.BACKUP_VERIFY_SCHEDULED !== 'false',
    scratchUrl: env.BACKUP_SCRATCH_URL || undefined,
  };
}

/** The backup settings of an engine's configuration (a Config built by hand may leave them out). */
export function backupConfigOf(config: {
  dataDir: string;
  backupDir?: string;
  backupKeyFile?: string;
  backup?: BackupConfig;
}): BackupConfig {
  if (config.backup) return config.backup;
  const c = loadBackupConfig(process.env, config.dataDir, config.backupDir);
  return config.backupKeyFile ? { ...c, keyFile: path.resolve(config.backupKeyFile) } : c;
}
