import type { TCalendarUpdate, TCalendarYear, TLightRules, TSettings } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export const CALENDAR_KEY = ['calendar'] as const;
export const SETTINGS_KEY = ['settings'] as const;

/** One year of the working-day calendar: official and local days, and the working-day count. */
export function useCalendarYear(year: number) {
  return useQuery({
    queryKey: [...CALENDAR_KEY, year],
    queryFn: () => api.get<TCalendarYear>(`/calendar/${year}`),
    placeholderData: keepPreviousData,
  });
}

/** Replaces the year's local days (sysAdmin); answers the year as it now stands. */
export const saveLocalDays = (year: number, days: TCalendarUpdate['days']) =>
  api.put<TCalendarYear>(`/calendar/${year}`, { days });

/** The settings in force (sysAdmin): here for the light rules. */
export function useSettings() {
  return useQuery({ queryKey: SETTINGS_KEY, queryFn: () => api.get<TSettings>('/settings') });
}

/** Replaces the light rules (sysAdmin); contradicting thresholds are 422 naming lightRules.<field>. */
export const saveLightRules = (lightRules: TLightRules) => api.put<TSettings>('/settings', { lightRules });
