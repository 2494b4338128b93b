import type { TApiToken, TCreateTokenRequest } from '@duban/domain';
import { useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

export const TOKENS_KEY = ['tokens'] as const;

/** A token as created: with its secret, which the API shows this once. */
export type TCreatedToken = TApiToken & { token: string };

/** The caller's own live API tokens. */
export function useTokens() {
  return useQuery({
    queryKey: TOKENS_KEY,
    queryFn: async () => (await api.get<{ items: TApiToken[] }>('/tokens')).items,
  });
}

/** Creates a personal API token. */
export const createToken = (body: TCreateTokenRequest) => api.post<TCreatedToken>('/tokens', body);

/** Revokes one of the caller's tokens. */
export const revokeToken = (id: string) => api.delete(`/tokens/${id}`);

/** Changes the caller's own password; their other sessions end. */
export const changePassword = (currentPassword: string, newPassword: string) =>
  api.post<{ ok: true }>('/auth/password', { currentPassword, newPassword });
