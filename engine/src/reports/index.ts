// Reports (DESIGN.md "reports"): report metadata → SQL, scoped to the viewer, with files and a dashboard.
export { ReportService, type ReportResult, type ReportDoc, type Viewer } from './service.js';
export { reportRoutes } from './routes.js';
export { compile, baseQuery } from './compile.js';
