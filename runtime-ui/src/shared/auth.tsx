/**
 * The signed-in user: token in sessionStorage (one tab, gone when the tab closes), user from
 * POST /api/auth/login or, after a reload, GET /api/auth/me.
 */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { api, ApiError, clearToken, getToken, onUnauthorized, setToken } from './api';
import type { LoginResponse, User } from './types';

export type AuthState =
  /** expired: the engine refused the session (401), so the user is told why they are back here. */
  | { status: 'anonymous'; expired: boolean }
  | { status: 'loading' }
  | { status: 'error'; error: unknown; retry: () => void }
  | { status: 'authenticated'; user: User };

interface AuthContextValue {
  state: AuthState;
  signIn(username: string, password: string): Promise<void>;
  signOut(): Promise<void>;
}

const AuthContext = createContext<AuthContextValue | null>(null);

const ME_KEY = ['auth', 'me'] as const;

export function AuthProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [token, setTokenState] = useState<string | null>(getToken);
  const [expired, setExpired] = useState(false);

  useEffect(
    () =>
      onUnauthorized(() => {
        setTokenState(null);
        setExpired(true);
        queryClient.clear();
      }),
    [queryClient],
  );

  const me = useQuery({
    queryKey: ME_KEY,
    queryFn: async ({ signal }) => (await api<{ user: User }>('/api/auth/me', { signal })).user,
    enabled: token !== null,
    staleTime: Infinity,
    retry: false,
  });

  const signIn = useCallback(
    async (username: string, password: string) => {
      const result = await api<LoginResponse>('/api/auth/login', {
        method: 'POST',
        body: { username, password },
        auth: false,
      });
      setToken(result.token);
      queryClient.setQueryData(ME_KEY, result.user);
      setTokenState(result.token);
      setExpired(false);
    },
    [queryClient],
  );

  const signOut = useCallback(async () => {
    try {
      await api<void>('/api/auth/logout', { method: 'POST' });
    } catch {
      // the token is dropped here whatever the engine answered
    }
    clearToken();
    setTokenState(null);
    setExpired(false);
    queryClient.clear();
  }, [queryClient]);

  const { refetch } = me;
  const state = useMemo((): AuthState => {
    if (token === null) return { status: 'anonymous', expired };
    if (me.data) return { status: 'authenticated', user: me.data };
    if (me.isError) {
      if (me.error instanceof ApiError && me.error.status === 401)
        return { status: 'anonymous', expired: true };
      return { status: 'error', error: me.error, retry: () => void refetch() };
    }
    return { status: 'loading' };
  }, [token, expired, me.data, me.isError, me.error, refetch]);

  const value = useMemo(() => ({ state, signIn, signOut }), [state, signIn, signOut]);
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
