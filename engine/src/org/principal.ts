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

/** The columns of a principal, as `principalFromRows` reads them (users `u`, positions `p`, units `un`). */
export const PRINCIPAL_COLUMNS = ['u.id', 'u.username', 'u.full_name', 'u.email', 'u.pillar as user_pillar', 'u.must_change_password', 'p.id as position_id', 'p.unit_id', 'un.path', 'un.name as unit_name', 'un.pillar', 'p.role_key', 'p.title'];

/** The user's active positions and their units, joined to a query that has the user as `u`. */
export function joinPositions(knex: Knex, qb: Knex.QueryBuilder): Knex.QueryBuilder {
  return qb
    .leftJoin('positions as p', function () {
      this.on('p.user_id', 'u.id').andOn('p.active', knex.raw('?', [true]));
    })
    .leftJoin('units as un', 'un.id', 'p.unit_id')
    .orderBy('p.id');
}

/** The principal of rows selected with PRINCIPAL_COLUMNS (one per active position), or null without a user. */
export function principalFromRows(rows: any[]): Principal | null {
  const user = rows[0];
  if (!user?.id) return null;
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    email: user.email ?? null,
    pillar: user.user_pillar ?? null,
    mustChangePassword: !!user.must_change_password,
    positions: rows
      .filter((r) => r.position_id && r.path)
      .map((r) => ({ id: r.position_id, unitId: r.unit_id, unitPath: r.path, unitName: r.unit_name, pillar: r.pillar, roleKey: r.role_key, title: r.title ?? null })),
  };
}

/** One query: the active user with their active positions and units. */
export async function loadPrincipal(knex: Knex, userId: number): Promise<Principal | null> {
  const rows = await joinPositions(knex, knex('users as u')).where({ 'u.id': userId, 'u.active': true }).select(PRINCIPAL_COLUMNS);
  return principalFromRows(rows);
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
