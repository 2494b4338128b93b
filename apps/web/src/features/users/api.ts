import type { TCreateUserRequest, TUpdateUserRequest, TUser } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isNotFound, type TPage } from '../../app/api-client.ts';

export const USERS_KEY = ['users'] as const;

export interface TUserListQuery {
  unitId?: string;
  includeSubtree?: 'true' | 'false';
  q?: string;
  isActive?: 'true' | 'false';
  page: number;
  pageSize: number;
}

/** A page of the users the caller may see. */
export function useUserList(query: TUserListQuery) {
  return useQuery({
    queryKey: [...USERS_KEY, 'list', query],
    queryFn: () => api.get<TPage<TUser>>('/users', { ...query }),
    placeholderData: keepPreviousData,
  });
}

/** One user; a user out of the caller's scope is not found. */
export function useUser(id: string | undefined) {
  return useQuery({
    queryKey: [...USERS_KEY, 'one', id],
    queryFn: () => api.get<TUser>(`/users/${id}`),
    enabled: Boolean(id),
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** Creates an account with an initial password (sysAdmin). */
export const createUser = (body: TCreateUserRequest) => api.post<TUser>('/users', body);

/** Edits or (de)activates an account (sysAdmin). */
export const updateUser = (id: string, body: TUpdateUserRequest) => api.patch<TUser>(`/users/${id}`, body);

/** Sets a new password that the user must change at the next login (sysAdmin). */
export const resetPassword = (id: string, password: string) =>
  api.post<TUser>(`/users/${id}/reset-password`, { password });

/** Lifts every login lock of an account (secAdmin). */
export const unlockUser = (id: string) => api.post<TUser>(`/users/${id}/unlock`);
