// Every /api route of the engine, gathered from the capability folders.
import { healthRoutes } from './health.js';
import { identityRoutes } from '../identity/routes.js';
import { metadataRoutes } from '../metadata/routes.js';
import { orgRoutes } from '../org/routes.js';
import { taskRoutes } from '../tasks/routes.js';
import { calendarRoutes } from '../calendar/routes.js';
import { documentRoutes } from '../documents/index.js';
import type { RouteSpec } from './routes.js';

export function allRoutes(): RouteSpec[] {
  return [...healthRoutes, ...identityRoutes, ...metadataRoutes, ...orgRoutes, ...taskRoutes, ...calendarRoutes, ...documentRoutes];
}
