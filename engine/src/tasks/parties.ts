// How the caller stands to a task (DOMAIN.md parties), for workflow guards and recipients.
import type { Principal } from '../org/principal.js';

export type Party = 'lead' | 'leadLeader' | 'coordinator' | 'handler' | 'assigner' | 'monitor';

export interface TaskParties {
  leadUnitId: number;
  assignerId: number;
  handlerId: number | null;
  monitorId: number | null;
  coordinatorUnitIds: number[];
}

/** `isLeader(roleKey, pillar)`: whether a role makes its holder the leader of the position's unit. */
export function relationsOf(p: Principal, t: TaskParties, isLeader: (roleKey: string, pillar: string) => boolean): Set<Party> {
  const out = new Set<Party>();
  for (const pos of p.positions) {
    if (pos.unitId === t.leadUnitId) {
      out.add('lead');
      if (isLeader(pos.roleKey, pos.pillar)) out.add('leadLeader');
    }
    if (t.coordinatorUnitIds.includes(pos.unitId)) out.add('coordinator');
  }
  if (t.assignerId === p.id) out.add('assigner');
  if (t.handlerId === p.id) out.add('handler');
  if (t.monitorId === p.id) out.add('monitor');
  return out;
}

/** Whether any allow entry of a transition matches: a party relation or a role held in the task's pillar. */
export function allowed(allow: Array<{ party?: string; role?: string }>, rel: Set<Party>, p: Principal, pillar: string): boolean {
  return allow.some((a) =>
    a.party ? rel.has(a.party as Party) : a.role ? p.positions.some((pos) => pos.roleKey === a.role && pos.pillar === pillar) : false,
  );
}
