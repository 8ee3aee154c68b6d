// The registry of CLI commands; each command is a small module.
import type { Config } from '../config/index.js';
import auditVerify from './audit-verify.js';
import auditPrune from './audit-prune.js';
import usersDisableInactive from './users-disable-inactive.js';
import usersCreateAdmin from './users-create-admin.js';
import oidcRotateKeys from './oidc-rotate-keys.js';
import { backupCommands } from './backup.js';

export interface Command {
  name: string;
  summary: string;
  run(config: Config, args: string[]): Promise<number>;
}

export const commands: Command[] = [auditVerify, auditPrune, usersDisableInactive, usersCreateAdmin, oidcRotateKeys, ...backupCommands];
