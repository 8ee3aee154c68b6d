// What an integration's client-credentials token may do: each API scope is a set of CASL rules. A token
// gets the rules of the scopes it was granted and nothing else.
import type { RoleRule } from '../access/placeholders.js';

export const SCOPE_RULES: Record<string, RoleRule[]> = {
  'tasks:read': [{ action: 'read', subject: 'Task' }],
  'tasks:write': [{ action: ['read', 'create', 'transition', 'update'], subject: 'Task' }],
  'documents:read': [{ action: 'read', subject: 'Document' }],
  'documents:write': [{ action: ['read', 'create', 'update'], subject: 'Document' }],
  'reports:read': [{ action: 'read', subject: 'Report' }],
  'units:read': [{ action: 'read', subject: 'Unit' }],
  'edxml:import': [{ action: ['create', 'update'], subject: 'Document' }],
  // Integrations (engine/src/plugins, engine/src/webhooks, plugins/central-sync).
  'webhooks:manage': [{ action: ['read', 'create', 'update', 'delete'], subject: 'Webhook' }],
  'integrations:read': [{ action: 'read', subject: 'Integration' }],
  'sync:write': [{ action: ['read', 'sync'], subject: 'Integration' }],
};

export function rulesForScopes(scopes: string[]): RoleRule[] {
  return scopes.flatMap((s) => SCOPE_RULES[s] ?? []);
}
