import type { TBurden } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export const BURDEN_KEY = ['burden'] as const;

/** What the check-in screen asked of each unit in a week, and of each person of a chosen unit. */
export function useBurden(week: string, unitId: string | undefined) {
  return useQuery({
    queryKey: [...BURDEN_KEY, week, unitId ?? null],
    queryFn: () => api.get<TBurden>('/burden', { week, unitId }),
    placeholderData: keepPreviousData,
  });
}
