import type { TCreateUnitRequest, TUnit, TUpdateUnitRequest } from '@duban/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export const UNITS_KEY = ['units'] as const;

/** The whole unit tree, flat (every user may read it). */
export function useUnits() {
  return useQuery({
    queryKey: UNITS_KEY,
    queryFn: async () => (await api.get<{ items: TUnit[] }>('/units')).items,
    staleTime: 60_000,
  });
}

/** Creates a unit under a parent. */
export const createUnit = (body: TCreateUnitRequest) => api.post<TUnit>('/units', body);

/** Renames, re-categorises, moves or (de)activates a unit. */
export const updateUnit = (id: string, body: TUpdateUnitRequest) => api.patch<TUnit>(`/units/${id}`, body);
