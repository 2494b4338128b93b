import type { TLight, TLightBoard, TLightGrouping, TSweepResult } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isNotFound } from '../../app/api-client.ts';

export const LIGHTS_KEY = ['lights'] as const;

/** What the light board shows: the grouping, and for units the one drilled into and a category of its children. */
export interface TBoardQuery {
  by: TLightGrouping;
  unitId?: string;
  category?: string;
}

/** The light board: counts per colour and the worst light, by unit (drilling down), by tag or by lead leader. */
export function useLightBoard(query: TBoardQuery) {
  return useQuery({
    queryKey: [...LIGHTS_KEY, 'board', query],
    queryFn: () => api.get<TLightBoard>('/lights', { ...query }),
    placeholderData: keepPreviousData,
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** Runs the morning sweep now (supervisors): every live task's light for today, then the escalation ladder. */
export const runSweep = () => api.post<TSweepResult>('/lights/sweep', {});

/** The task list filtered to a board row, optionally to one colour: the drill-down into tasks. */
export function tasksPath(by: TLightGrouping, key: string, light?: TLight): string {
  const params = new URLSearchParams();
  params.set(by === 'unit' ? 'unitId' : by === 'tag' ? 'tag' : 'leadLeaderId', key);
  if (light) params.set('light', light);
  return `/tasks?${params.toString()}`;
}
