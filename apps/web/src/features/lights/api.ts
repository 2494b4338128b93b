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

/**
 * The tasks a count of the board counts, optionally of one colour: by the one rule of every count — each task and
 * sub-task once, under the unit that leads it — a unit row's are those led in its subtree, the unit's own row those it
 * leads itself, a tag's or a lead leader's every one of theirs, sub-tasks included.
 */
export function tasksPath(by: TLightGrouping, key: string, light?: TLight, isOwn = false): string {
  const params = new URLSearchParams();
  params.set(by === 'unit' ? (isOwn ? 'leadUnitId' : 'ledBy') : by === 'tag' ? 'tag' : 'leadLeaderId', key);
  if (light) params.set('light', light);
  params.set('includeSubtasks', 'true');
  return `/tasks?${params.toString()}`;
}

/** The tasks the board's totals count: led in the drilled unit's subtree, or under its child units of a category. */
export function totalsTasksPath(unitId: string, light: TLight, category?: string): string {
  const params = new URLSearchParams({ ledBy: unitId, light });
  if (category) params.set('ledByCategory', category);
  params.set('includeSubtasks', 'true');
  return `/tasks?${params.toString()}`;
}
