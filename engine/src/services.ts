// The engine's services, built once per engine instance and handed to route handlers.
import type { Knex } from 'knex';
import type { Logger } from 'pino';
import type { AuditLog } from './audit/log.js';
import type { Clock } from './config/clock.js';
import type { Config } from './config/index.js';
import type { Lockout } from './identity/lockout.js';
import type { TokenStore } from './identity/tokens.js';
import type { AccessService } from './access/service.js';
import type { MetadataRegistry } from './metadata/registry.js';
import type { TaskService } from './tasks/service.js';
import type { WorkingCalendar } from './calendar/workingDays.js';
import type { ReportService } from './reports/service.js';
import type { OidcService } from './oidc/service.js';
import type { OidcSecrets } from './oidc/secrets.js';
import type { JobRunner } from './jobs/types.js';
import type { NotifyService } from './notify/service.js';
import type { PluginHost } from './plugins/host.js';
import type { BackupService } from './backup/service.js';

export interface Services {
  config: Config;
  knex: Knex;
  clock: Clock;
  log: Logger;
  audit: AuditLog;
  tokens: TokenStore;
  lockout: Lockout;
  metadata: MetadataRegistry;
  access: AccessService;
  calendar: WorkingCalendar;
  tasks: TaskService;
  reports: ReportService;
  secrets: OidcSecrets;
  oidc: OidcService;
  jobs: JobRunner;
  notify: NotifyService;
  /** Plugins, the outbox, the task event feed and outbound webhooks (engine/src/plugins). */
  plugins: PluginHost;
  /** Backups: sets, verify, restore, retention (engine/src/backup). */
  backup: BackupService;
}
