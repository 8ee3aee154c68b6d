// Every /api route of the engine, gathered from the capability folders.
import { healthRoutes } from './health.js';
import { identityRoutes } from '../identity/routes.js';
import { metadataRoutes } from '../metadata/routes.js';
import { orgRoutes } from '../org/routes.js';
import { taskRoutes } from '../tasks/routes.js';
import { calendarRoutes } from '../calendar/routes.js';
import { documentRoutes } from '../documents/index.js';
import { reportRoutes } from '../reports/routes.js';
import { oidcClientRoutes } from '../oidc/routes.js';
import { ssoRoutes } from '../identity/sso.js';
import { auditRoutes } from '../audit/routes.js';
import { notifyRoutes } from '../notify/routes.js';
import { studioRoutes } from '../studio/routes.js';
import { integrationRoutes } from '../plugins/routes.js';
import { webhookRoutes } from '../webhooks/routes.js';
import { openapiRoutes } from './openapi.js';
import { backupRoutes } from '../backup/routes.js';
import type { RouteSpec } from './routes.js';

export function allRoutes(): RouteSpec[] {
  return [...healthRoutes, ...identityRoutes, ...ssoRoutes, ...oidcClientRoutes, ...metadataRoutes, ...orgRoutes, ...taskRoutes, ...calendarRoutes, ...documentRoutes, ...auditRoutes, ...reportRoutes, ...notifyRoutes, ...studioRoutes, ...integrationRoutes, ...webhookRoutes, ...backupRoutes, ...openapiRoutes];
}
