import { createContext, useCallback, useContext, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { ApiError, onUnauthenticated } from '../api/client.ts';
import { authApi } from '../api/resources.ts';
import type { User } from '../api/types.ts';
import { storedLocale, useLocale } from './i18n.ts';

export type AuthStatus = 'loading' | 'anonymous' | 'signedIn' | 'error';

export interface AuthState {
  status: AuthStatus;
  user: User | null;
  /** Why the session probe failed when the server could not be reached. */
  error: ApiError | null;
  login: (username: string, password: string) => Promise<User>;
  logout: () => Promise<void>;
  retry: () => void;
}

const AuthContext = createContext<AuthState | null>(null);

export function useAuth(): AuthState {
  const value = useContext(AuthContext);
  if (!value) throw new Error('useAuth outside <AuthProvider>');
  return value;
}

/** The signed-in user; only for components rendered behind the sign-in guard. */
export function useUser(): User {
  const { user } = useAuth();
  if (!user) throw new Error('useUser without a signed-in user');
  return user;
}

export function AuthProvider({ children }: { children: ReactNode }) {
  const { locale, setLocale } = useLocale();
  const [status, setStatus] = useState<AuthStatus>('loading');
  const [user, setUser] = useState<User | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [probe, setProbe] = useState(0);
  const localeRef = useRef(locale);
  localeRef.current = locale;

  const adopt = useCallback(
    (next: User) => {
      // A language chosen on this device wins; otherwise the account's saved preference applies.
      if (storedLocale() === null && next.locale !== localeRef.current) setLocale(next.locale);
      setUser(next);
      setError(null);
      setStatus('signedIn');
    },
    [setLocale],
  );

  useEffect(() => {
    let cancelled = false;
    setStatus('loading');
    authApi
      .me()
      .then(({ user: me }) => {
        if (!cancelled) adopt(me);
      })
      .catch((err: unknown) => {
        if (cancelled) return;
        if (err instanceof ApiError && err.status === 401) {
          setUser(null);
          setStatus('anonymous');
        } else {
          setError(err instanceof ApiError ? err : new ApiError(0, 'network', ''));
          setStatus('error');
        }
      });
    return () => {
      cancelled = true;
    };
  }, [adopt, probe]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setUser(null);
        setStatus('anonymous');
      }),
    [],
  );

  // Tell the server about a language switch so its messages (and later e-mails) follow.
  useEffect(() => {
    if (status !== 'signedIn' || !user || user.locale === locale) return;
    setUser({ ...user, locale });
    authApi.setLocale(locale).catch(() => {
      // The UI already speaks the new language; the server will hear it with the next switch.
    });
  }, [locale, status, user]);

  const login = useCallback(
    async (username: string, password: string) => {
      const { user: me } = await authApi.login(username, password);
      adopt(me);
      return me;
    },
    [adopt],
  );

  const logout = useCallback(async () => {
    try {
      await authApi.logout();
    } finally {
      setUser(null);
      setStatus('anonymous');
    }
  }, []);

  const retry = useCallback(() => setProbe((n) => n + 1), []);

  const value = useMemo<AuthState>(() => ({ status, user, error, login, logout, retry }), [status, user, error, login, logout, retry]);
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}
