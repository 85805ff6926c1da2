import { useQuery, useQueryClient } from '@tanstack/react-query';
import { createContext, type ReactNode, useContext, useEffect } from 'react';
import { ApiError, api, setCsrfToken, UNAUTHORIZED_EVENT } from '../lib/api.ts';
import { todayIn } from '../lib/dates.ts';
import type { MeT } from '../lib/types.ts';

export const ME_KEY = ['me'] as const;

async function fetchMe(): Promise<MeT | null> {
  try {
    return await api.get<MeT>('/auth/me');
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) return null;
    throw error;
  }
}

export function useMeQuery() {
  const client = useQueryClient();
  const query = useQuery({
    queryKey: ME_KEY,
    queryFn: fetchMe,
    retry: false,
    staleTime: Number.POSITIVE_INFINITY,
  });
  useEffect(() => {
    setCsrfToken(query.data?.csrf_token ?? null);
  }, [query.data]);
  useEffect(() => {
    const expired = () => {
      client.setQueryData(ME_KEY, null);
      setCsrfToken(null);
    };
    window.addEventListener(UNAUTHORIZED_EVENT, expired);
    return () => window.removeEventListener(UNAUTHORIZED_EVENT, expired);
  }, [client]);
  return query;
}

export interface Session {
  me: MeT;
  currency: string;
  timeZone: string;
  /** Today in the company's time zone: due dates and aging are calendar days there. */
  today: () => string;
  can: (permission: string) => boolean;
}

const SessionContext = createContext<Session | null>(null);

export function SessionProvider({ me, children }: { me: MeT; children: ReactNode }) {
  const session: Session = {
    me,
    currency: me.tenant.base_currency,
    timeZone: me.tenant.time_zone,
    today: () => todayIn(me.tenant.time_zone),
    can: (permission) => me.permissions.includes(permission),
  };
  return <SessionContext.Provider value={session}>{children}</SessionContext.Provider>;
}

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession outside a logged-in page');
  return session;
}
