// Routes Admin Studio needs beyond the registry's own: people and units, bundles, workflow migration,
// "view as", report previews. Mounted from api/index.ts.
import { bundleRoutes } from './bundles.js';
import { migrationRoutes } from './migrate.js';
import { reportPreviewRoutes } from './report-preview.js';
import { unitRoutes } from './units.js';
import { userRoutes } from './users.js';
import { viewAsRoutes } from './view-as.js';

export const studioRoutes = [...userRoutes, ...unitRoutes, ...bundleRoutes, ...migrationRoutes, ...viewAsRoutes, ...reportPreviewRoutes];
