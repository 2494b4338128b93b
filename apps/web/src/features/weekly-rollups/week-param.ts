import { isValidWeek, lastFullWeek, weekOfInstant } from '@duban/domain';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The current ISO week in the organisation's time zone. */
export const currentWeek = (): string => weekOfInstant(new Date());

/** The address of a week's report, for a unit's subtree or, without one, the user's whole scope. */
export function reportPath(week: string, unitId: string | undefined): string {
  return `/weekly-reports/${week}${unitId ? `?unitId=${unitId}` : ''}`;
}

/** The last week that is over: screens open on it, as the current one is still filling up. */
export const defaultWeek = (): string => lastFullWeek(new Date());

/** The address's `week` (the last full week when absent or not a real ISO week), and a way to change it. */
export function useWeekParam(): [string, (week: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('week');
  const week = raw && isValidWeek(raw) ? raw : defaultWeek();
  const setWeek = useCallback(
    (next: string) =>
      setParams((prev) => {
        const copy = new URLSearchParams(prev);
        copy.set('week', next);
        return copy;
      }),
    [setParams],
  );
  return [week, setWeek];
}
