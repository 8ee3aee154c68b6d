// Instance-level checks (this document, this pillar) after the route-level check: denials are logged.
import { subject as caslSubject } from '@casl/ability';
import type Koa from 'koa';
import type { Services } from '../services.js';
import { forbidden } from './errors.js';
import type { AppState } from './state.js';

export async function authorize(
  ctx: Koa.ParameterizedContext<AppState>,
  services: Services,
  action: string,
  subjectType: string,
  fields: Record<string, unknown>,
): Promise<void> {
  const ability = ctx.state.ability!;
  if (ability.can(action, caslSubject(subjectType, { ...fields }) as any)) return;
  const p = ctx.state.principal!;
  await services.audit.write({
    action: 'access.denied',
    outcome: 'denied',
    actorId: p.id,
    actor: p.username,
    subjectType,
    subjectId: JSON.stringify(fields).slice(0, 200),
    pillar: typeof fields.pillar === 'string' ? fields.pillar || null : null,
    ip: ctx.ip,
    detail: { action, method: ctx.method, path: ctx.path },
  });
  throw forbidden();
}
