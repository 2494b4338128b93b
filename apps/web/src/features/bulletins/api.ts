import type { TBulletin, TBulletinSummary, TUpdateBulletin } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api, isNotFound, type TPage } from '../../app/api-client.ts';

export const BULLETINS_KEY = ['bulletins'] as const;

/** A page of bulletins, newest week first: drafts too for supervisors and leaders. */
export function useBulletins(page: number, pageSize: number) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'list', page, pageSize],
    queryFn: () => api.get<TPage<TBulletinSummary> & { canGenerate: boolean }>('/bulletins', { page, pageSize }),
    placeholderData: keepPreviousData,
  });
}

/** One bulletin with its figures; a draft is not found for those who read published ones only. */
export function useBulletin(id: string | undefined) {
  return useQuery({
    queryKey: [...BULLETINS_KEY, 'one', id],
    queryFn: () => api.get<TBulletin>(`/bulletins/${id}`),
    enabled: Boolean(id),
    retry: (count, error) => !isNotFound(error) && count < 1,
  });
}

/** Generates the week's draft, or regenerates it from the latest facts (title and foreword kept). */
export const generateBulletin = (week: string) => api.post<TBulletin>('/bulletins', { week });

/** Changes a draft's title or foreword. */
export const updateBulletin = (id: string, body: TUpdateBulletin) => api.patch<TBulletin>(`/bulletins/${id}`, body);

/** A county leader approves a draft. */
export const approveBulletin = (id: string) => api.post<TBulletin>(`/bulletins/${id}/approve`);

/** A supervisor publishes an approved bulletin. */
export const publishBulletin = (id: string) => api.post<TBulletin>(`/bulletins/${id}/publish`);

/** The bulletin as a workbook (a sheet per section). */
export const downloadBulletin = (id: string) => api.download(`/bulletins/${id}.xlsx`);
