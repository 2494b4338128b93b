import {
  type TActual,
  type TActualImportResult,
  type TCreateTarget,
  type TReportActual,
  type TSetAllocations,
  type TTarget,
  type TTargetLightHistory,
  type TTargetList,
  type TUpdateTarget,
  XLSX_MIME,
} from '@duban/domain';
import { keepPreviousData, type QueryClient, useQuery } from '@tanstack/react-query';
import { api, isNotFound } from '../../app/api-client.ts';

export const TARGETS_KEY = ['targets'] as const;

/** The cockpit reads the same figures: its queries are refreshed when an actual or a target changes. */
const COCKPIT_KEY = ['cockpit'] as const;

/** The year's targets the caller sees, and whether the caller may create one. */
export function useTargets(year: number) {
  return useQuery({
    queryKey: [...TARGETS_KEY, 'list', year],
    queryFn: () => api.get<TTargetList>('/targets', { year }),
    placeholderData: keepPreviousData,
  });
}

/** One target with its allocations, the county's months and what the caller may do; out of scope is not found. */
export function useTarget(id: string | undefined) {
  return useQuery({
    queryKey: [...TARGETS_KEY, 'one', id],
    queryFn: () => api.get<TTarget>(`/targets/${id}`),
    enabled: Boolean(id),
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** Every actual on record for a target (the county's and the units'), for the months grid. */
export function useActuals(targetId: string) {
  return useQuery({
    queryKey: [...TARGETS_KEY, 'actuals', targetId],
    queryFn: async () => (await api.get<{ items: TActual[] }>(`/targets/${targetId}/actuals`)).items,
  });
}

/** Why the county's light (no unit) or a unit's light is what it is: its changes, newest first. */
export function useTargetLightHistory(targetId: string, unitId: string | undefined) {
  return useQuery({
    queryKey: [...TARGETS_KEY, 'light-history', targetId, unitId ?? 'county'],
    queryFn: () => api.get<TTargetLightHistory>(`/targets/${targetId}/light-history`, { unitId }),
    placeholderData: keepPreviousData,
  });
}

export const createTarget = (body: TCreateTarget) => api.post<TTarget>('/targets', body);

/** Changes the fields given, and only those; `version` is the target's as loaded: a target changed meanwhile is refused (412). */
export const updateTarget = (id: string, body: TUpdateTarget, version: number) =>
  api.patch<TTarget>(`/targets/${id}`, body, { version });

/** Replaces the target's allocations whole (units left out lose theirs); `version` as for an edit. */
export const setAllocations = (id: string, body: TSetAllocations, version: number) =>
  api.put<TTarget>(`/targets/${id}/allocations`, body, { version });

/** Reports (or corrects) one unit's figure for one month; answers the actual and the target relit. */
export const reportActual = (id: string, body: TReportActual) =>
  api.post<{ actual: TActual; target: TTarget }>(`/targets/${id}/actuals`, body);

/** The year's actuals workbook: one row per target and unit the caller may report, months as columns. */
export const downloadActualsTemplate = (year: number) => api.download('/targets/actuals/template.xlsx', { year });

/** Imports a filled-in actuals workbook: all rows or none (a 422 then lists the bad rows and marks the workbook). */
export const importActuals = (file: File) =>
  api.upload<TActualImportResult>('/targets/actuals/import', file, XLSX_MIME);

/** After a change to a target or its actuals: its page, the year's list and the cockpit read again. */
export async function refreshTargets(queryClient: QueryClient, target?: TTarget): Promise<void> {
  if (target) queryClient.setQueryData([...TARGETS_KEY, 'one', target.id], target);
  await Promise.all([
    queryClient.invalidateQueries({
      queryKey: TARGETS_KEY,
      predicate: (q) => !target || q.queryKey[1] !== 'one' || q.queryKey[2] !== target.id,
    }),
    queryClient.invalidateQueries({ queryKey: COCKPIT_KEY }),
  ]);
}
