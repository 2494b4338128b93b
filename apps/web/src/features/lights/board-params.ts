import { LIGHT_GROUPINGS, type TLightGrouping, UNIT_CATEGORIES, zId } from '@duban/domain';
import { useSearchParams } from 'react-router';
import type { TBoardQuery } from './api.ts';

/** The board's view from the address (by, unitId, category), so back, forward and links reproduce it. */
export function readBoardQuery(params: URLSearchParams): TBoardQuery {
  const by = LIGHT_GROUPINGS.find((g) => g === params.get('by')) ?? 'unit';
  if (by !== 'unit') return { by };
  const unitId = params.get('unitId');
  const category = UNIT_CATEGORIES.find((c) => c === params.get('category'));
  return {
    by,
    ...(unitId && zId.safeParse(unitId).success ? { unitId } : {}),
    ...(category ? { category } : {}),
  };
}

/** The address of a view of the board (the default grouping and the top unit leave no trace). */
export function boardPath(query: TBoardQuery): string {
  const params = new URLSearchParams();
  if (query.by !== 'unit') params.set('by', query.by);
  if (query.unitId) params.set('unitId', query.unitId);
  if (query.category) params.set('category', query.category);
  const search = params.toString();
  return `/lights${search ? `?${search}` : ''}`;
}

/** The board's view and the ways to change it; each change is a step in the history. */
export function useBoardQuery() {
  const [params, setParams] = useSearchParams();
  const query = readBoardQuery(params);
  const go = (next: TBoardQuery) => {
    const path = boardPath(next);
    setParams(new URLSearchParams(path.split('?')[1] ?? ''));
  };
  return {
    query,
    setBy: (by: TLightGrouping) => go({ by }),
    setCategory: (category: string | undefined) => go({ ...query, category }),
  };
}
