import type { TAttachment, TCheckInBatch, TCheckInResult, TToday } from '@duban/domain';
import { type QueryClient, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';

/** Not under ['me']: the session keeps that key across logins, and a list belongs to one person. */
export const TODAY_KEY = ['today'] as const;

/** Asks for today's list now, quietly (nothing when nobody is logged in): the page then finds it there. */
export function prefetchToday(queryClient: QueryClient): void {
  void queryClient.prefetchQuery({
    queryKey: TODAY_KEY,
    queryFn: () => api.get<TToday>('/me/today', undefined, { isSessionCall: true }),
    networkMode: 'offlineFirst',
  });
}

/**
 * Asks for today's list at once, alongside the session, when the page opens on /today (a phone's usual first page):
 * the list is then there when the session is, a round trip sooner.
 */
export function prefetchTodayOnOpen(queryClient: QueryClient): void {
  if (window.location.pathname === '/today') prefetchToday(queryClient);
}

/**
 * What asks for a check-in today. Fetched even when the browser says it is offline: the service worker answers with
 * the last list it kept.
 */
export function useToday() {
  return useQuery({
    queryKey: TODAY_KEY,
    queryFn: () => api.get<TToday>('/me/today'),
    networkMode: 'offlineFirst',
    // The list asked for with the session when the page opened is not asked for again as the page shows it (a
    // township link pays a round trip for each); a check-in marks it stale at once.
    staleTime: 10_000,
  });
}

/** One submit of the Today page (idempotent on its clientId: a retried sync writes nothing twice). */
export const submitCheckIns = (batch: TCheckInBatch) => api.post<TCheckInResult>('/check-ins', batch);

/** Uploads a check-in photo (already resized) to its task; the answer's id goes into the entry's photoIds. */
export const uploadPhoto = (taskId: string, blob: Blob, filename: string) =>
  api.upload<TAttachment>(`/tasks/${taskId}/attachments`, blob, blob.type || 'image/jpeg', {
    photo: 'true',
    filename,
  });
