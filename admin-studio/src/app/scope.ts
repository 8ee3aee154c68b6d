// Which scope (platform defaults or one pillar's overrides) the administrator works in. A pillar's
// administrator works in their pillar; the platform administrator may choose any.
import { useUser } from '@shared/auth';
import { PILLAR_KEYS, type PillarKey } from '@shared/types';
import { useRoute, useSetQuery } from './router';

export interface ScopeChoice {
  /** '' = platform default */
  scope: string;
  setScope(scope: string): void;
  /** The scopes this user may choose from. */
  scopes: string[];
  platformAdmin: boolean;
}

export function useScope(): ScopeChoice {
  const user = useUser();
  const route = useRoute();
  const setQuery = useSetQuery();
  const platformAdmin = user.pillar === null;
  const scopes: string[] = platformAdmin ? ['', ...PILLAR_KEYS] : [user.pillar as PillarKey];
  const asked = route.query.get('pillar');
  const wanted = asked === 'platform' ? '' : asked;
  const scope = wanted !== null && scopes.includes(wanted) ? wanted : (scopes[0] ?? '');
  return {
    scope,
    scopes,
    platformAdmin,
    setScope: (next) => setQuery({ pillar: next || (platformAdmin ? undefined : 'platform') }),
  };
}
