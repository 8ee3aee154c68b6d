// Which tasks a reminder policy governs: a task runs under a fixed version of its task type, whose
// `reminderPolicy` names the policy; the policy itself is resolved for the task's pillar at scan time
// (so publishing a policy, or disabling it, takes effect at the next scan). Tasks are grouped by
// (pillar, task type, policy) so each rule is one INSERT … SELECT per group.
import type { Services } from '../../services.js';
import { readJson } from '../../db/json.js';

export interface TaskGroup {
  pillar: string;
  typeKey: string;
  policyKey: string;
  /** Restrict to these (scope, version) pairs of the type; null = every version of it in the pillar's view. */
  versions: Array<[string, number]> | null;
}

export interface GroupSql {
  sql: string;
  bindings: unknown[];
}

export function groupWhere(g: TaskGroup, alias = 't'): GroupSql {
  let sql = `${alias}.pillar = ? AND ${alias}.type_key = ?`;
  const bindings: unknown[] = [g.pillar, g.typeKey];
  if (g.versions) {
    sql += ` AND (${g.versions.map(() => `(${alias}.meta_scope = ? AND ${alias}.type_version = ?)`).join(' OR ')})`;
    for (const [scope, v] of g.versions) bindings.push(scope, v);
  }
  return { sql, bindings };
}

export async function taskGroups(s: Services): Promise<TaskGroup[]> {
  const types = await s.knex('metadata_documents').where({ kind: 'taskType', status: 'published' }).select('key', 'pillar', 'version', 'body');
  const pillars: string[] = await s.knex('pillars').orderBy('key').pluck('key');
  const out: TaskGroup[] = [];
  for (const pillar of pillars) {
    const byType = new Map<string, Array<{ scope: string; version: number; policy: string | null }>>();
    for (const t of types) {
      if (t.pillar !== '' && t.pillar !== pillar) continue;
      const policy = (readJson<any>(t.body)?.reminderPolicy as string | undefined) ?? null;
      if (!byType.has(t.key)) byType.set(t.key, []);
      byType.get(t.key)!.push({ scope: t.pillar, version: Number(t.version), policy });
    }
    for (const [typeKey, versions] of byType) {
      const policies = new Set(versions.map((v) => v.policy));
      for (const policyKey of policies) {
        if (!policyKey) continue;
        out.push({
          pillar,
          typeKey,
          policyKey,
          versions: policies.size === 1 ? null : versions.filter((v) => v.policy === policyKey).map((v) => [v.scope, v.version]),
        });
      }
    }
  }
  return out;
}

/** Role keys marked `leader` as a pillar sees them (for the parties leadLeader and coordinator). */
export function leaderRoles(s: Services, pillar: string): string[] {
  return s.metadata.snapshot.keys('role').filter((k) => s.tasks.isLeaderRole(k, pillar));
}

/** Draft states of every published workflow: a draft is not "awaiting a decision". */
export async function draftStates(s: Services): Promise<string[]> {
  const rows = await s.knex('metadata_documents').where({ kind: 'workflow', status: 'published' }).select('body');
  return [...new Set(rows.map((r) => readJson<any>(r.body)?.draft).filter((d): d is string => typeof d === 'string'))];
}
