// The signed-in user with their positions (user × unit × role), as access control needs them.
import type { Knex } from 'knex';
import { bindModels } from '../db/models.js';

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
  const { User } = bindModels(knex);
  const user = await User.query()
    .findById(userId)
    .where('users.active', true)
    .withGraphJoined('positions.unit')
    .modifyGraph('positions', (qb) => qb.where('active', true));
  if (!user) return null;
  return {
    id: user.id,
    username: user.username,
    fullName: user.full_name,
    email: user.email ?? null,
    pillar: user.pillar ?? null,
    mustChangePassword: !!user.must_change_password,
    positions: (user.positions ?? [])
      .filter((p) => p.unit)
      .sort((a, b) => a.id - b.id)
      .map((p) => ({
        id: p.id,
        unitId: p.unit_id,
        unitPath: p.unit!.path,
        unitName: p.unit!.name,
        pillar: p.unit!.pillar,
        roleKey: p.role_key,
        title: p.title ?? null,
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
