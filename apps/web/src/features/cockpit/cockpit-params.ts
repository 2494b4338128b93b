import { localDay, zId } from '@duban/domain';
import { useSearchParams } from 'react-router';
import type { TCockpitView } from './api.ts';

/** The current year in the organisation's time zone. */
export const currentYear = (): number => Number(localDay(new Date()).slice(0, 4));

/** The cockpit's view from the address (year, unitId), so a link or a wall display reproduces it. */
export function readCockpitView(params: URLSearchParams): TCockpitView {
  const year = Number(params.get('year'));
  const unitId = params.get('unitId');
  return {
    ...(Number.isInteger(year) && year >= 2000 && year <= 2100 ? { year } : {}),
    ...(unitId && zId.safeParse(unitId).success ? { unitId } : {}),
  };
}

/** The address of the cockpit (or its wall display) for a view; the defaults leave no trace. */
export function cockpitPath(view: TCockpitView, isWall = false): string {
  const params = new URLSearchParams();
  if (view.year && view.year !== currentYear()) params.set('year', String(view.year));
  if (view.unitId) params.set('unitId', view.unitId);
  const search = params.toString();
  return `/cockpit${isWall ? '/wall' : ''}${search ? `?${search}` : ''}`;
}

/** The view in the address and a way to change it (each change a step in the history). */
export function useCockpitView() {
  const [params, setParams] = useSearchParams();
  const view = readCockpitView(params);
  const setView = (next: TCockpitView) => setParams(new URLSearchParams(cockpitPath(next).split('?')[1] ?? ''));
  return { view, setView };
}
