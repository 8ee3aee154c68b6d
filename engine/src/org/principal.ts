// The signed-in user with their positions (user × unit × role), as access control needs them.
import type { Knex } from 'knex';

export interface Position {
  id: number;
  unitId: number;
  unitPath: string;
  unitName: string;
  pillar: string;
  roleKey: string;
  title: string | null;
}

export interface Principal {
  id: number;
  username: string;
  fullName: string;
  email: string | null;
  /** The pillar the user belongs to (null: platform level, e.g. the platform administrator). */
  pillar: string | null;
  mustChangePassword: boolean;
  positions: Position[];
  /** Set when the caller is an integration client (OIDC client credentials) rather than a person. */
  clientId?: string;
  scopes?: string[];
}

export async function loadPrincipal(knex: Knex, userId: number): Promise<Principal | null> {
  const user = await knex('users').where({ id: userId, active: true }).first();
  if (!user) return null;
  const rows = await knex('positions as p')
    .join('units as u', 'u.id', 'p.unit_id')
    .where({ 'p.user_id': userId, 'p.active': true })
    .orderBy('p.id')
    .select('p.id', 'p.unit_id', 'u.path', 'u.name', 'u.pillar', 'p.role_key', 'p.title');
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    email: user.email ?? null,
    pillar: user.pillar ?? null,
    mustChangePassword: !!user.must_change_password,
    positions: rows.map((r) => ({
      id: r.id,
      unitId: r.unit_id,
      unitPath: r.path,
      unitName: r.name,
      pillar: r.pillar,
      roleKey: r.role_key,
      title: r.title ?? null,
    })),
  };
}

/** What the API shows of a user (never the hash or MFA secret). */
export function publicUser(p: Principal, roleName: (key: string, pillar: string) => string | undefined) {
  return {
    id: p.id,
    username: p.username,
    fullName: p.fullName,
    email: p.email,
    pillar: p.pillar,
    mustChangePassword: p.mustChangePassword,
    positions: p.positions.map((pos) => ({
      id: pos.id,
      unitId: pos.unitId,
      unitName: pos.unitName,
      unitPath: pos.unitPath,
      pillar: pos.pillar,
      roleKey: pos.roleKey,
      roleName: roleName(pos.roleKey, pos.pillar) ?? pos.roleKey,
      title: pos.title,
    })),
  };
}
