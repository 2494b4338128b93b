import type { TGrant, TLocale, TLoginResponse, TMe, TRole } from '@duban/domain';
import { type QueryClient, useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { prefetchToday } from '../features/today/api.ts';
import { ApiError, api, listenForSessionProblems, setCsrfToken } from './api-client.ts';
import { applyLocale } from './i18n/index.ts';
import { mayOpen } from './navigation.tsx';

type TSessionResponse = TMe & { csrfToken: string | null };

/** Why the login page is shown, when it is not the first visit. */
export type TLogoutReason = 'expired' | 'loggedOut' | null;

export interface TSession {
  me: TMe | null;
  isLoading: boolean;
  /** The session could not be read (server unreachable): not the same as logged out. */
  loadError: unknown;
  logoutReason: TLogoutReason;
  hasRole: (...roles: TRole[]) => boolean;
  login: (username: string, password: string) => Promise<TMe>;
  logout: () => Promise<void>;
  refresh: () => Promise<void>;
  changeLocale: (locale: TLocale) => Promise<void>;
}

const ME_KEY = ['me'] as const;
const SessionContext = createContext<TSession | null>(null);

async function loadMe(): Promise<TMe | null> {
  try {
    const { csrfToken, ...me } = await api.get<TSessionResponse>('/me', undefined, { isSessionCall: true });
    setCsrfToken(csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && (error.code === 'UNAUTHENTICATED' || error.code === 'SESSION_EXPIRED')) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Asks who is logged in as the page opens, before React first renders (the session provider finds it on its way). */
export function prefetchSession(queryClient: QueryClient): void {
  void queryClient.prefetchQuery({ queryKey: ME_KEY, queryFn: loadMe, staleTime: Number.POSITIVE_INFINITY });
}

const rolesOf = (grants: TGrant[]): TRole[] => [...new Set(grants.map((g) => g.role))];

/** Holds who is logged in (GET /me on load), logs in and out, and applies the user's language. */
export function SessionProvider({ children }: { children: ReactNode }) {
  const queryClient = useQueryClient();
  const [logoutReason, setLogoutReason] = useState<TLogoutReason>(null);
  const meQuery = useQuery({ queryKey: ME_KEY, queryFn: loadMe, staleTime: Number.POSITIVE_INFINITY, retry: 1 });
  const me = meQuery.data ?? null;

  /** Forgets every cached record but the session itself (whose observer must stay attached to its query). */
  const dropOtherQueries = useCallback(
    () => queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== ME_KEY[0] }),
    [queryClient],
  );

  const endSession = useCallback(
    (reason: TLogoutReason) => {
      setCsrfToken(null);
      setLogoutReason(reason);
      dropOtherQueries();
      queryClient.setQueryData(ME_KEY, null);
    },
    [queryClient, dropOtherQueries],
  );

  useEffect(
    () =>
      listenForSessionProblems((problem) => {
        if (problem === 'PASSWORD_CHANGE_REQUIRED') void queryClient.invalidateQueries({ queryKey: ME_KEY });
        else endSession('expired');
      }),
    [queryClient, endSession],
  );

  const userLocale = me?.user.locale;
  useEffect(() => {
    if (userLocale) void applyLocale(userLocale);
  }, [userLocale]);

  const login = useCallback(
    async (username: string, password: string) => {
      const result = await api.post<TLoginResponse>('/auth/login', { username, password }, { isSessionCall: true });
      setCsrfToken(result.csrfToken);
      dropOtherQueries();
      // The login answer holds what /me would: no second round trip.
      const next: TMe = { user: result.user, grants: result.grants, roles: rolesOf(result.grants), via: 'session' };
      // Those who check in land on Today, or soon go there: its list is asked for while the page's code loads.
      if (mayOpen(next.roles, 'today')) prefetchToday(queryClient);
      await applyLocale(result.user.locale);
      setLogoutReason(null);
      queryClient.setQueryData(ME_KEY, next);
      return next;
    },
    [queryClient, dropOtherQueries],
  );

  const logout = useCallback(async () => {
    try {
      await api.post('/auth/logout', {}, { isSessionCall: true });
    } finally {
      endSession('loggedOut');
    }
  }, [endSession]);

  const refresh = useCallback(async () => {
    await queryClient.invalidateQueries({ queryKey: ME_KEY });
  }, [queryClient]);

  const changeLocale = useCallback(
    async (locale: TLocale) => {
      if (me) {
        await api.patch('/me', { locale });
        const next: TMe = { ...me, user: { ...me.user, locale } };
        queryClient.setQueryData(ME_KEY, next);
      }
      await applyLocale(locale);
    },
    [me, queryClient],
  );

  const value = useMemo<TSession>(
    () => ({
      me,
      isLoading: meQuery.isPending,
      loadError: meQuery.error,
      logoutReason,
      hasRole: (...roles) => Boolean(me?.roles.some((r) => roles.includes(r))),
      login,
      logout,
      refresh,
      changeLocale,
    }),
    [me, meQuery.isPending, meQuery.error, logoutReason, login, logout, refresh, changeLocale],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

/** The session: who is logged in and what they may do. */
export function useSession(): TSession {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside SessionProvider');
  return session;
}
