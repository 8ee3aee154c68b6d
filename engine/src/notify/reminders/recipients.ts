// The parties of a rule's `to` as SQL: (reminder row, user) pairs for the reminders a scan step has just
// recorded — the same meaning as TaskService.recipients (lead = members of the lead unit; leadLeader =
// its leaders; coordinator = leaders of the coordinating units), as one UNION instead of a loop.

export interface RecipientSql {
  sql: string;
  bindings: unknown[];
}

const FROM = 'FROM reminders_sent r JOIN tasks t ON t.id = r.task_id';

/** `which`: the reminders (rows `r` of reminders_sent) to address, e.g. "r.id IN (…)". */
export function recipientUnion(parties: string[], which: { sql: string; bindings: unknown[] }, leaders: string[]): RecipientSql | null {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  const inLeaders = leaders.map(() => '?').join(', ');
  const WHERE = which.sql;
  for (const p of new Set(parties)) {
    if (p === 'handler' || p === 'monitor' || p === 'assigner') {
      parts.push(`SELECT r.id AS rid, t.${p}_id AS uid ${FROM} WHERE ${WHERE} AND t.${p}_id IS NOT NULL`);
      bindings.push(...which.bindings);
    } else if (p === 'lead') {
      parts.push(`SELECT r.id AS rid, p.user_id AS uid ${FROM} JOIN positions p ON p.unit_id = t.lead_unit_id AND p.active = 1 WHERE ${WHERE}`);
      bindings.push(...which.bindings);
    } else if (p === 'leadLeader' && leaders.length) {
      parts.push(`SELECT r.id AS rid, p.user_id AS uid ${FROM} JOIN positions p ON p.unit_id = t.lead_unit_id AND p.active = 1 AND p.role_key IN (${inLeaders}) WHERE ${WHERE}`);
      bindings.push(...leaders, ...which.bindings);
    } else if (p === 'coordinator' && leaders.length) {
      parts.push(
        `SELECT r.id AS rid, p.user_id AS uid ${FROM} JOIN task_parties tp ON tp.task_id = t.id AND tp.party = 'coordinator' ` +
          `JOIN positions p ON p.unit_id = tp.unit_id AND p.active = 1 AND p.role_key IN (${inLeaders}) WHERE ${WHERE}`,
      );
      bindings.push(...leaders, ...which.bindings);
    }
  }
  return parts.length ? { sql: parts.join(' UNION '), bindings } : null;
}

/** The users behind parties of open tasks of a group (for digests): handler, monitor, assigner, lead unit members, leaders. */
export function partyUsers(parties: string[], group: { sql: string; bindings: unknown[] }, leaders: string[]): RecipientSql | null {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  const open = `t.state_category IN ('open', 'waiting') AND ${group.sql}`;
  const inLeaders = leaders.map(() => '?').join(', ');
  for (const p of new Set(parties)) {
    if (p === 'handler' || p === 'monitor' || p === 'assigner') {
      parts.push(`SELECT t.${p}_id AS uid FROM tasks t WHERE ${open} AND t.${p}_id IS NOT NULL`);
      bindings.push(...group.bindings);
    } else if (p === 'lead' || (p === 'leadLeader' && leaders.length)) {
      const role = p === 'leadLeader' ? ` AND p.role_key IN (${inLeaders})` : '';
      parts.push(`SELECT p.user_id AS uid FROM tasks t JOIN positions p ON p.unit_id = t.lead_unit_id AND p.active = 1${role} WHERE ${open}`);
      bindings.push(...(p === 'leadLeader' ? leaders : []), ...group.bindings);
    } else if (p === 'coordinator' && leaders.length) {
      parts.push(
        `SELECT p.user_id AS uid FROM tasks t JOIN task_parties tp ON tp.task_id = t.id AND tp.party = 'coordinator' ` +
          `JOIN positions p ON p.unit_id = tp.unit_id AND p.active = 1 AND p.role_key IN (${inLeaders}) WHERE ${open}`,
      );
      bindings.push(...leaders, ...group.bindings);
    }
  }
  return parts.length ? { sql: parts.join(' UNION '), bindings } : null;
}
