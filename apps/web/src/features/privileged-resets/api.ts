import type { TPrivilegedReset, TPrivilegedResetHalf } from '@duban/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export const PRIVILEGED_RESETS_KEY = ['privileged-resets'] as const;

/** The open two-person resets of administrator accounts in the caller's scope. */
export function usePrivilegedResets(enabled = true) {
  return useQuery({
    queryKey: PRIVILEGED_RESETS_KEY,
    queryFn: async () => (await api.get<{ items: TPrivilegedReset[] }>('/privileged-resets')).items,
    enabled,
  });
}

/** Opens a two-person reset of an administrator account; answers the first half of the new password. */
export const openPrivilegedReset = (userId: string) =>
  api.post<TPrivilegedResetHalf>(`/users/${userId}/privileged-reset`);

/** Confirms an open reset; answers the second half. */
export const confirmPrivilegedReset = (resetId: string) =>
  api.post<TPrivilegedResetHalf>(`/privileged-resets/${resetId}/confirm`);

/** Cancels an open reset. */
export const cancelPrivilegedReset = (resetId: string) => api.post(`/privileged-resets/${resetId}/cancel`);
