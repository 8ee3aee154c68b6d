// Every route is declared with the action and subject it needs; a route without one must say it is
// public. Authorisation is checked here, before the handler runs: default deny. The same declarations
// feed the OpenAPI document.
import Router from '@koa/router';
import type Koa from 'koa';
import type { Services } from '../services.js';
import { forbidden, HttpError, unauthorized } from './errors.js';
import type { AppState } from './state.js';
import { adminAllowlist } from './admin-allowlist.js';

export type Handler = (ctx: Koa.ParameterizedContext<AppState>, services: Services) => Promise<void>;

export interface RouteSpec {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tags?: string[];
  /** No authentication required (login, health). */
  public?: boolean;
  /** Authenticated, but no ability needed beyond being signed in (e.g. /auth/me, logout). */
  authenticated?: boolean;
  action?: string;
  subject?: string;
  /** Administrative (needs MFA where required); derived from action + subject when absent. */
  admin?: boolean;
  /** JSON Schema of the request body, for the OpenAPI document (`bodyValidator(…).schema`). */
  body?: object;
  /** JSON Schemas of query parameters by name, for the OpenAPI document. */
  query?: Record<string, object>;
  /** JSON Schema of the response body by status (null: no body), for the OpenAPI document. */
  responses?: Record<number, object | null>;
  handler: Handler;
}

/** What a user with an initial password may still do: change it, see who they are, sign out. */
const PASSWORD_CHANGE_ROUTES = new Set(['/api/auth/password', '/api/auth/me', '/api/auth/logout', '/api/auth/mfa/setup', '/api/auth/mfa/enable']);

const ADMIN_ALWAYS = new Set(['AuditLog', 'Client', 'Job', 'Backup']);
const ADMIN_WRITES = new Set(['Metadata', 'Calendar', 'User', 'Position', 'Unit', 'all']);

/** Administrative routes: anything on audit, clients, jobs, backups; writes to configuration and people. */
export function isAdminRoute(r: RouteSpec): boolean {
  if (r.admin !== undefined) return r.admin;
  if (!r.subject) return false;
  return ADMIN_ALWAYS.has(r.subject) || (ADMIN_WRITES.has(r.subject) && r.action !== 'read');
}

export function defineRoutes(routes: RouteSpec[]): RouteSpec[] {
  for (const r of routes)
    if (!r.public && !r.authenticated && !(r.action && r.subject))
      throw new Error(`Route ${r.method.toUpperCase()} ${r.path} declares neither an action and subject nor public access`);
  return routes;
}

export function mountRoutes(router: Router<AppState>, routes: RouteSpec[], services: Services): void {
  const adminGate = adminAllowlist(services); // ADMIN_ALLOWLIST: administrative routes from listed networks only
  for (const r of routes) {
    router[r.method](r.path, async (ctx) => {
      if (!r.public) {
        const principal = ctx.state.principal;
        if (!principal) throw unauthorized();
        if (adminGate && isAdminRoute(r)) await adminGate(ctx, r);
        if (r.action && r.subject && !ctx.state.ability!.can(r.action, r.subject)) {
          await services.audit.write({
            action: 'access.denied',
            outcome: 'denied',
            actorId: principal.id,
            actor: principal.username,
            subjectType: r.subject,
            subjectId: `${r.method.toUpperCase()} ${ctx.path}`,
            ip: ctx.ip,
            detail: { action: r.action },
          });
          throw forbidden();
        }
        if (principal.mustChangePassword && !PASSWORD_CHANGE_ROUTES.has(r.path))
          throw new HttpError(403, 'password_change_required', 'Cần đổi mật khẩu được cấp ban đầu trước khi tiếp tục');
        if (services.config.requireAdminMfa && isAdminRoute(r) && !ctx.state.mfa) {
          await services.audit.write({ action: 'access.denied', outcome: 'denied', actorId: principal.id, actor: principal.username, subjectType: r.subject, subjectId: `${r.method.toUpperCase()} ${ctx.path}`, ip: ctx.ip, detail: { reason: 'mfa_required' } });
          throw new HttpError(403, 'mfa_required', 'Chức năng quản trị yêu cầu đăng nhập với xác thực hai lớp (TOTP)');
        }
      }
      await r.handler(ctx as any, services);
    });
  }
}
