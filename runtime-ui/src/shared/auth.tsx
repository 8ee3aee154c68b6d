/**
 * The signed-in user, through the engine's backend-for-frontend cookie session (SSO):
 * - anonymous visitors are sent to /api/auth/sso/start?returnTo=<this page>, which redirects to the
 *   provider's Vietnamese sign-in page and back with an HttpOnly session cookie and a CSRF cookie;
 * - GET /api/auth/me tells who is signed in (401: nobody);
 * - a 401 later on (expiry, the engine's 15-minute idle timeout, a logout elsewhere) does not unmount the
 *   page: the user is asked to sign in again, and forms keep their drafts (drafts.ts) through the round trip;
 * - sign-out revokes the session and then visits the provider's end-session URL (the Location header).
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, clearToken, csrfToken, onUnauthorized } from './api';
import { clearOfflineData } from './offline';
import type { User } from './types';

export type AuthState =
  /** expired: the engine refused the session (401), so the user is told why they are back here. */
  | { status: 'anonymous'; expired: boolean }
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'authenticated'; user: User; session?: SessionInfo };

export interface SessionInfo {
  /** Signed in with a second factor. */
  mfa: boolean;
  /** A cookie session (the web apps), not a bearer token. */
  cookie: boolean;
}

interface AuthContextValue {
  state: AuthState;
  /**
   * While signed in: the engine refused the session (expired, idle, revoked). The page stays as it is
   * (drafts are kept) and a dialog offers to sign in again.
   */
  sessionLost: boolean;
  /** Sends the browser to SSO; back to `returnTo` (default: this page) when done. */
  signIn(returnTo?: string): void;
  signOut(): Promise<void>;
  /** Marks the session as lost (the client-side idle timeout). */
  markSessionLost(): void;
}

const AuthContext = createContext<AuthContextValue | null>(null);

export const ME_KEY = ['auth', 'me'] as const;

interface MeResponse {
  user: User;
  session?: SessionInfo;
}

/** The path (and query) of this page, as the SSO round trip's returnTo. */
export function currentReturnTo(): string {
  const { pathname, search, hash } = window.location;
  const clean = new URLSearchParams(search);
  clean.delete('sso_error');
  const qs = clean.toString();
  return `${pathname}${qs ? `?${qs}` : ''}${hash}`;
}

export function ssoStartUrl(returnTo: string = currentReturnTo()): string {
  return `/api/auth/sso/start?${new URLSearchParams({ returnTo })}`;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [sessionLost, setSessionLost] = useState(false);
  const [expired, setExpired] = useState(false);

  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => api<MeResponse>('/api/auth/me', { signal }),
    staleTime: Infinity,
    retry: false,
  });
  const signedIn = !!me.data;

  useEffect(
    () =>
      onUnauthorized(() => {
        if (signedIn) setSessionLost(true);
      }),
    [signedIn],
  );

  const signIn = useCallback((returnTo?: string) => {
    window.location.assign(ssoStartUrl(returnTo));
  }, []);

  const markSessionLost = useCallback(() => setSessionLost(true), []);

  const signOut = useCallback(async () => {
    let next = '/';
    try {
      const headers: Record<string, string> = { Accept: 'application/json' };
      const csrf = csrfToken();
      if (csrf) headers['X-CSRF-Token'] = csrf;
      const response = await fetch('/api/auth/logout', {
        method: 'POST',
        credentials: 'same-origin',
        headers,
      });
      next = response.headers.get('Location') ?? next;
    } catch {
      // offline: the cookies stay until they expire, the local data goes now
    }
    clearToken();
    await clearOfflineData();
    queryClient.clear();
    setExpired(false);
    window.location.assign(next);
  }, [queryClient]);

  const { refetch } = me;
  const state = useMemo((): AuthState => {
    if (me.data) return { status: 'authenticated', user: me.data.user, session: me.data.session };
    if (me.isError) {
      if (me.error instanceof ApiError && me.error.status === 401) return { status: 'anonymous', expired };
      return { status: 'error', error: me.error, retry: () => void refetch() };
    }
    return { status: 'loading' };
  }, [expired, me.data, me.isError, me.error, refetch]);

  // A lost session that was re-established in another tab (same cookies): carry on.
  useEffect(() => {
    if (!sessionLost) return;
    const onFocus = () => {
      void api<MeResponse>('/api/auth/me', { auth: false }).then(
        (fresh) => {
          if (fresh.user.id === me.data?.user.id) setSessionLost(false);
        },
        () => undefined,
      );
    };
    window.addEventListener('focus', onFocus);
    return () => window.removeEventListener('focus', onFocus);
  }, [sessionLost, me.data]);

  useEffect(() => {
    if (state.status === 'anonymous') setExpired((e) => e || sessionLost);
  }, [state.status, sessionLost]);

  const value = useMemo(
    () => ({ state, sessionLost, signIn, signOut, markSessionLost }),
    [state, sessionLost, signIn, signOut, markSessionLost],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthContextValue {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside AuthProvider');
  return value;
}

/** The signed-in user; only inside the signed-in part of the app. */
export function useUser(): User {
  const { state } = useAuth();
  if (state.status !== 'authenticated') throw new Error('useUser without a signed-in user');
  return state.user;
}
