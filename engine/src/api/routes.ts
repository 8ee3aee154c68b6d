// Every route is declared with the action and subject it needs; a route without one must say it is
// public. Authorisation is checked here, before the handler runs: default deny. The same declarations
// feed the OpenAPI document.
import Router from '@koa/router';
import type Koa from 'koa';
import type { Services } from '../services.js';
import { forbidden, unauthorized } from './errors.js';
import type { AppState } from './state.js';

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
  handler: Handler;
}

export function defineRoutes(routes: RouteSpec[]): RouteSpec[] {
  for (const r of routes)
    if (!r.public && !r.authenticated && !(r.action && r.subject))
      throw new Error(`Route ${r.method.toUpperCase()} ${r.path} declares neither an action and subject nor public access`);
  return routes;
}

export function mountRoutes(router: Router<AppState>, routes: RouteSpec[], services: Services): void {
  for (const r of routes) {
    router[r.method](r.path, async (ctx) => {
      if (!r.public) {
        const principal = ctx.state.principal;
        if (!principal) throw unauthorized();
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
      }
      await r.handler(ctx as any, services);
    });
  }
}
