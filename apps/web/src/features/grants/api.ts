import type { TCreateGrantRequest, TGrant } from '@duban/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export const grantsKey = (userId: string) => ['grants', userId] as const;

/** The role grants of a user (secAdmin, sysAdmin, or the user). */
export function useGrants(userId: string, enabled = true) {
  return useQuery({
    queryKey: grantsKey(userId),
    queryFn: async () => (await api.get<{ items: TGrant[] }>(`/users/${userId}/grants`)).items,
    enabled,
  });
}

/** Grants a role on a unit (secAdmin). */
export const createGrant = (userId: string, body: TCreateGrantRequest) =>
  api.post<TGrant>(`/users/${userId}/grants`, body);

/** Revokes a grant (secAdmin). */
export const deleteGrant = (userId: string, grantId: string) => api.delete(`/users/${userId}/grants/${grantId}`);
