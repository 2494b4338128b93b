import { FRONT_LINES, LIGHTS, TASK_SOURCES, TASK_STATES, UNIT_CATEGORIES, zId, zIsoDate } from '@duban/domain';
import type { TTaskFilters, TTaskListQuery } from './api.ts';

export const DEFAULT_PAGE_SIZE = 20;

const oneOf = <T extends string>(values: readonly T[], raw: string | null): T | undefined =>
  values.find((v) => v === raw);

const idOrNothing = (raw: string | null): string | undefined =>
  zId.safeParse(raw).success ? (raw ?? undefined) : undefined;
const dateOrNothing = (raw: string | null): string | undefined =>
  zIsoDate.safeParse(raw).success ? (raw ?? undefined) : undefined;
const textOrNothing = (raw: string | null, max: number): string | undefined => raw?.trim().slice(0, max) || undefined;

/**
 * Reads the task list's filters and page from the address, so a link reproduces the view. `mine` (我的任务) is on when
 * the address says so, or by default for one whose role sees only their own work.
 */
export function readTaskQuery(params: URLSearchParams, isMineByDefault = false): TTaskListQuery {
  const mine = params.get('mine');
  const positive = (raw: string | null, fallback: number) => {
    const n = Number(raw);
    return Number.isInteger(n) && n > 0 ? n : fallback;
  };
  return {
    listId: idOrNothing(params.get('listId')),
    state: oneOf(TASK_STATES, params.get('state')),
    light: oneOf(LIGHTS, params.get('light')),
    leadLeaderId: idOrNothing(params.get('leadLeaderId')),
    unitId: idOrNothing(params.get('unitId')),
    ledBy: idOrNothing(params.get('ledBy')),
    leadUnitId: idOrNothing(params.get('leadUnitId')),
    ledByCategory: params.get('ledBy') ? oneOf(UNIT_CATEGORIES, params.get('ledByCategory')) : undefined,
    includeSubtasks: oneOf(['true', 'false'] as const, params.get('includeSubtasks')),
    tag: textOrNothing(params.get('tag'), 30),
    frontLine: oneOf(FRONT_LINES, params.get('frontLine')),
    source: oneOf(TASK_SOURCES, params.get('source')),
    dueFrom: dateOrNothing(params.get('dueFrom')),
    dueTo: dateOrNothing(params.get('dueTo')),
    q: textOrNothing(params.get('q'), 100),
    mine: mine === 'true' || (isMineByDefault && mine !== 'false') ? 'true' : undefined,
    page: positive(params.get('page'), 1),
    pageSize: Math.min(positive(params.get('size'), DEFAULT_PAGE_SIZE), 200),
  };
}

/** The filters alone, without the page: what an export takes. */
export function filtersOf(query: TTaskListQuery): TTaskFilters {
  const { page: _page, pageSize: _pageSize, ...filters } = query;
  return filters;
}

/** True when any filter but the list and 我的任务 (which has its own switch) is set. */
export const hasFilters = (query: TTaskListQuery): boolean =>
  Object.entries(filtersOf(query)).some(([key, value]) => key !== 'listId' && key !== 'mine' && value !== undefined);
