/** Shapes of the engine's answers that both web apps use. */

export type PillarKey = 'thanhuy' | 'hdnd' | 'ubnd' | 'mttq';

export const PILLAR_KEYS: readonly PillarKey[] = ['thanhuy', 'hdnd', 'ubnd', 'mttq'];

export function isPillarKey(value: unknown): value is PillarKey {
  return typeof value === 'string' && (PILLAR_KEYS as readonly string[]).includes(value);
}

export interface Position {
  unitId: number;
  unitName: string;
  roleKey: string;
  roleName: string;
}

export interface User {
  id: number;
  username: string;
  fullName: string;
  /** null for platform-level accounts (the platform administrator). */
  pillar: string | null;
  positions: Position[];
}

export interface LoginResponse {
  token: string;
  user: User;
}

export interface ListResponse<T> {
  items: T[];
}
