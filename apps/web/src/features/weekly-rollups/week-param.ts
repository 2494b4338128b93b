import { isValidWeek, weekOfInstant } from '@duban/domain';
import { useCallback } from 'react';
import { useSearchParams } from 'react-router';

/** The current ISO week in the organisation's time zone. */
export const currentWeek = (): string => weekOfInstant(new Date());

/** The address of a week's report, for a unit's subtree or, without one, the user's whole scope. */
export function reportPath(week: string, unitId: string | undefined): string {
  return `/weekly-reports/${week}${unitId ? `?unitId=${unitId}` : ''}`;
}

/** The address's `week` (the current week when absent or not a real ISO week), and a way to change it. */
export function useWeekParam(): [string, (week: string) => void] {
  const [params, setParams] = useSearchParams();
  const raw = params.get('week');
  const week = raw && isValidWeek(raw) ? raw : currentWeek();
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
