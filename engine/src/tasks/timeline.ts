// The history as a timeline: events with actor, unit and position names, oldest first.
import type { Services } from '../services.js';
import { readJson } from '../db/json.js';
import { isoTime } from '../db/time.js';

async function descendants(s: Services, id: number): Promise<number[]> {
  const out: number[] = [];
  let frontier = [id];
  while (frontier.length) {
    const kids = (await s.knex('tasks').whereIn('parent_id', frontier).pluck('id')).map(Number);
    out.push(...kids);
    frontier = kids;
  }
  return out;
}

export async function taskHistory(s: Services, taskId: number, withSubtasks: boolean) {
  const ids = withSubtasks ? [taskId, ...(await descendants(s, taskId))] : [taskId];
  const rows = await s.knex('task_events as e')
    .join('tasks as t', 't.id', 'e.task_id')
    .leftJoin('users as u', 'u.id', 'e.actor_id')
    .leftJoin('units as un', 'un.id', 'e.unit_id')
    .leftJoin('positions as p', 'p.id', 'e.position_id')
    .whereIn('e.task_id', ids)
    .orderBy([{ column: 'e.at' }, { column: 'e.id' }])
    .select('e.*', 't.code as task_code', 'u.username', 'u.full_name', 'un.name as unit_name', 'p.title as position_title', 'p.role_key');
  return rows.map((r: any) => ({
    id: Number(r.id),
    taskId: Number(r.task_id),
    taskCode: r.task_code,
    seq: r.seq,
    at: isoTime(r.at),
    action: r.action,
    transition: r.transition,
    fromState: r.from_state,
    toState: r.to_state,
    actor: r.actor_id ? { id: r.actor_id, username: r.username, fullName: r.full_name } : null,
    unit: r.unit_id ? { id: r.unit_id, name: r.unit_name } : null,
    position: r.position_id ? { id: r.position_id, title: r.position_title, roleKey: r.role_key } : null,
    changes: readJson(r.changes),
    note: r.note,
    attachments: readJson(r.attachments) ?? [],
  }));
}
