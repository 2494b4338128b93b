import type { TCockpit } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export const COCKPIT_KEY = ['cockpit'] as const;

/** Whose cockpit and which year: nothing means the caller's own top unit and the current year. */
export interface TCockpitView {
  year?: number;
  unitId?: string;
}

/** How often the wall display asks for fresh figures. */
export const WALL_REFRESH_MS = 60_000;

/** The cockpit's figures for a unit's scope and a year; the wall display refetches them on its own. */
export function useCockpit(view: TCockpitView, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: [...COCKPIT_KEY, view],
    queryFn: () => api.get<TCockpit>('/cockpit', { year: view.year, unitId: view.unitId }),
    placeholderData: keepPreviousData,
    ...(opts.refetchInterval
      ? { refetchInterval: opts.refetchInterval, refetchIntervalInBackground: true, staleTime: 0 }
      : {}),
  });
}
