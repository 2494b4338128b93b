import type { TCockpit, TEscalationStep, TLight } from '@duban/domain';
import { boardPath } from '../lights/board-params.ts';
import { currentYear } from './cockpit-params.ts';

/**
 * Where each figure of the cockpit leads: to the records it counts, on the pages that list them, with the filters
 * those pages read from their address. A unit's cockpit narrows every list to that unit's subtree.
 */
type TCockpitUnit = TCockpit['unit'];

const withQuery = (path: string, entries: Record<string, string | undefined>): string => {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(entries)) if (value) params.set(key, value);
  const search = params.toString();
  return `${path}${search ? `?${search}` : ''}`;
};

/** The unit to narrow a list to: none for the county (the whole scope). */
const narrowTo = (unit: TCockpitUnit): string | undefined => (unit.isTop ? undefined : unit.id);

export const targetPath = (targetId: string): string => `/targets/${targetId}`;

/** The year's targets (the targets page reads `year`; the current year leaves no trace). */
export const targetsPath = (year: number): string =>
  withQuery('/targets', { year: year === currentYear() ? undefined : String(year) });

/** The light board's units of a category (below the cockpit's unit). */
export const categoryPath = (unit: TCockpitUnit, category: string): string =>
  boardPath({ by: 'unit', unitId: narrowTo(unit), category });

/** The light board grouped by tag. */
export const tagBoardPath = (): string => boardPath({ by: 'tag' });

/**
 * The tasks a count of the cockpit counts, by the one rule of every count: each task and sub-task once, under the unit
 * that leads it — so the list takes sub-tasks too, and narrows by lead unit.
 */
const countedTasks = (entries: Record<string, string | undefined>): string =>
  withQuery('/tasks', { ...entries, includeSubtasks: 'true' });

/** The tasks carrying a tag led in the cockpit's scope, optionally of one colour. */
export const tagTasksPath = (unit: TCockpitUnit, tag: string, light?: TLight): string =>
  countedTasks({ tag, light, ledBy: narrowTo(unit) });

/** The tasks of one colour led in the cockpit's scope. */
export const lightTasksPath = (unit: TCockpitUnit, light: TLight): string =>
  countedTasks({ light, ledBy: narrowTo(unit) });

/** The tasks of one colour led under the cockpit unit's child units of a category (its own, for its own category). */
export const categoryTasksPath = (unit: TCockpitUnit, category: string, light?: TLight): string =>
  countedTasks({ light, ledBy: unit.id, ledByCategory: category });

/** The tasks of one colour led in a unit's subtree. */
export const unitTasksPath = (unitId: string, light: TLight): string => countedTasks({ light, ledBy: unitId });

/** The tasks of one colour a unit leads itself. */
export const ownTasksPath = (unitId: string, light: TLight): string => countedTasks({ light, leadUnitId: unitId });

/** The supervision desk: open steps (optionally of one rung), or the overdue ones. */
export const escalationsPath = (
  unit: TCockpitUnit,
  view: { isOverdue?: boolean; step?: TEscalationStep } = {},
): string =>
  withQuery('/supervision', {
    tab: view.isOverdue ? 'overdue' : undefined,
    step: view.step,
    unitId: narrowTo(unit),
  });

/** A unit on the light board: its own tasks and the units below it. */
export const unitBoardPath = (unitId: string): string => boardPath({ by: 'unit', unitId });

export const taskPath = (taskId: string): string => `/tasks/${taskId}`;

export const rollupPath = (rollupId: string): string => `/weekly-rollups/${rollupId}`;
