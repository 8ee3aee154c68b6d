// What the role metadata says each seeded account may do, computed here independently of the engine's
// own access code: the role JSON of seeds/metadata/role, the principal's positions read from the
// database, placeholders resolved by this file, and CASL's stock Mongo matcher ($startsWith written as an
// anchored $regex). The authorisation matrix compares the engine's answers with these abilities.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createMongoAbility, subject as caslSubject, type MongoAbility } from '@casl/ability';
import type { Knex } from 'knex';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const seedMeta = (kind: string) => path.join(repoRoot, 'seeds/metadata', kind);

export interface RoleRule {
  action: string | string[];
  subject: string | string[];
  conditions?: Record<string, unknown>;
  inverted?: boolean;
}
export interface RoleDoc {
  name: string;
  leader?: boolean;
  rules: RoleRule[];
}

export function seededRoles(): Map<string, RoleDoc> {
  const out = new Map<string, RoleDoc>();
  for (const f of fs.readdirSync(seedMeta('role')).filter((f) => f.endsWith('.json')))
    out.set(f.replace(/\.json$/, ''), JSON.parse(fs.readFileSync(path.join(seedMeta('role'), f), 'utf8')));
  return out;
}

export function seededWorkflow(key = 'mac-dinh'): { transitions: Array<{ key: string; from: string[]; allow: Array<{ party?: string; role?: string }> }> } {
  return JSON.parse(fs.readFileSync(path.join(seedMeta('workflow'), `${key}.json`), 'utf8'));
}

export interface Pos {
  unitId: number;
  unitPath: string;
  unitCode: string;
  pillar: string;
  roleKey: string;
}
export interface Person {
  id: number;
  username: string;
  pillar: string | null;
  positions: Pos[];
}

/** The account as the database has it (users × active positions × units), in position order. */
export async function loadPerson(knex: Knex, username: string): Promise<Person> {
  const u = await knex('users').where({ username }).first('id', 'username', 'pillar');
  const rows = await knex('positions as p')
    .join('units as un', 'un.id', 'p.unit_id')
    .where({ 'p.user_id': u.id, 'p.active': true })
    .orderBy('p.id')
    .select('p.unit_id', 'un.path', 'un.code', 'un.pillar', 'p.role_key');
  return {
    id: Number(u.id),
    username,
    pillar: u.pillar ?? null,
    positions: rows.map((r: any) => ({ unitId: Number(r.unit_id), unitPath: r.path, unitCode: r.code, pillar: r.pillar, roleKey: r.role_key })),
  };
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function placeholders(person: Person, pos: Pos): Record<string, unknown> {
  return {
    'user.id': person.id,
    'user.pillar': person.pillar,
    'user.unitIds': [...new Set(person.positions.map((p) => p.unitId))],
    'user.unitPaths': [...new Set(person.positions.map((p) => p.unitPath))],
    'position.unitId': pos.unitId,
    'position.unitPath': pos.unitPath,
    'position.pillar': pos.pillar,
  };
}

/** A placeholder string becomes its value; lists inside arrays are spliced in. */
function value(v: unknown, values: Record<string, unknown>): unknown {
  if (Array.isArray(v)) return v.flatMap((x) => ([] as unknown[]).concat(value(x, values)));
  if (typeof v !== 'string') return v;
  const m = /^\$\{([^}]+)\}$/.exec(v);
  if (!m) return v;
  if (!(m[1]! in values)) throw new Error(`the matrix does not know the placeholder ${v}`);
  return values[m[1]!];
}

const isOps = (v: unknown): v is Record<string, unknown> => !!v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((k) => k.startsWith('$'));

function resolveConditions(c: Record<string, unknown>, values: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [field, v] of Object.entries(c)) {
    if (field === '$and' || field === '$or' || field === '$nor') {
      out[field] = (v as Record<string, unknown>[]).map((x) => resolveConditions(x, values));
      continue;
    }
    if (!isOps(v)) {
      const r = value(v, values);
      out[field] = Array.isArray(r) ? { $in: r } : r; // a list placeholder where one value is expected: membership
      continue;
    }
    const ops: Record<string, unknown> = {};
    for (const [op, x] of Object.entries(v)) {
      const r = value(x, values);
      if (op === '$startsWith') ops.$regex = new RegExp(`^(?:${([] as unknown[]).concat(r).map((p) => escapeRe(String(p))).join('|')})`);
      else if ((op === '$eq' || op === '$ne') && Array.isArray(r)) ops[op === '$eq' ? '$in' : '$nin'] = r;
      else ops[op] = r;
    }
    out[field] = ops;
  }
  return out;
}

/** The union of each position's role, resolved against that position (seeded roles have no `cannot`). */
export function abilityOf(person: Person, roles: Map<string, RoleDoc>): MongoAbility {
  const rules = person.positions.flatMap((pos) => {
    const role = roles.get(pos.roleKey);
    if (!role) return [];
    if (role.rules.some((r) => r.inverted)) throw new Error(`role ${pos.roleKey} has inverted rules: the matrix's plain union would not be exact`);
    return role.rules.map((r) => ({ ...r, conditions: r.conditions ? resolveConditions(r.conditions, placeholders(person, pos)) : undefined }));
  });
  return createMongoAbility(rules as never);
}

export const as = (type: string, fields: Record<string, unknown>) => caslSubject(type, { ...fields }) as never;

/** The workflow's own guard (its `allow` list) for a transition, from the task's parties. */
export function workflowAllows(
  allow: Array<{ party?: string; role?: string }>,
  person: Person,
  task: { pillar: string; leadUnitId: number; assignerId: number; handlerId: number | null; monitorId: number | null; coordinatorUnitIds: number[] },
  roles: Map<string, RoleDoc>,
): boolean {
  const rel = new Set<string>();
  for (const p of person.positions) {
    if (p.unitId === task.leadUnitId) {
      rel.add('lead');
      if (roles.get(p.roleKey)?.leader) rel.add('leadLeader');
    }
    if (task.coordinatorUnitIds.includes(p.unitId)) rel.add('coordinator');
  }
  if (task.assignerId === person.id) rel.add('assigner');
  if (task.handlerId === person.id) rel.add('handler');
  if (task.monitorId === person.id) rel.add('monitor');
  return allow.some((a) => (a.party ? rel.has(a.party) : a.role ? person.positions.some((p) => p.roleKey === a.role && p.pillar === task.pillar) : false));
}
