import type { TWeeklyReport, TWeeklyRollup, TWeeklyRollupSummary } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isNotFound } from '../../app/api-client.ts';

export const WEEKLY_ROLLUPS_KEY = ['weekly-rollups'] as const;
export const WEEKLY_REPORTS_KEY = ['weekly-reports'] as const;

/** The week's roll-ups by unit, in unit order: the caller's scope, or a unit's subtree. */
export function useWeeklyRollups(week: string, unitId: string | undefined) {
  return useQuery({
    queryKey: [...WEEKLY_ROLLUPS_KEY, 'list', week, unitId ?? null],
    queryFn: () => api.get<{ week: string; items: TWeeklyRollupSummary[] }>('/weekly-rollups', { week, unitId }),
    placeholderData: keepPreviousData,
  });
}

/** One unit's roll-up with each task's week; out of scope is not found. */
export function useWeeklyRollup(id: string | undefined) {
  return useQuery({
    queryKey: [...WEEKLY_ROLLUPS_KEY, 'one', id],
    queryFn: () => api.get<TWeeklyRollup>(`/weekly-rollups/${id}`),
    enabled: Boolean(id),
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** The weekly report: the week's confirmed roll-ups for the caller's scope or a unit, and the units pending. */
export function useWeeklyReport(week: string | undefined, unitId: string | undefined) {
  return useQuery({
    queryKey: [...WEEKLY_REPORTS_KEY, week, unitId ?? null],
    queryFn: () => api.get<TWeeklyReport>(`/weekly-reports/${week}`, { unitId }),
    enabled: Boolean(week),
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** Generates the week's roll-ups now (supervisors; unit heads for their units): drafts rewritten, confirmed kept. */
export const generateRollups = (body: { week: string; unitId?: string }) =>
  api.post<{ week: string; generated: number; kept: number }>('/weekly-rollups/generate', body);

/** The unit's head confirms a roll-up, with an optional annotation: it then enters the weekly report. */
export const confirmRollup = (id: string, annotation: string | null) =>
  api.post<TWeeklyRollup>(`/weekly-rollups/${id}/confirm`, { annotation });

/** The weekly report as a workbook (a sheet of units, one of tasks). */
export const downloadWeeklyReport = (week: string, unitId: string | undefined) =>
  api.download(`/weekly-reports/${week}.xlsx`, { unitId });
