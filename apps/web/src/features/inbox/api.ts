import type { TInboxItem } from '@duban/domain';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { api } from '../../app/api-client.ts';
import { i18n } from '../../app/i18n/index.ts';

export const INBOX_KEY = ['inbox'] as const;

export interface TInboxPage {
  items: TInboxItem[];
  total: number;
  unread: number;
  page: number;
  pageSize: number;
}

/** A page of the caller's inbox, newest first, with the unread count; refreshed every minute. */
export function useInbox(query: { unread?: 'true'; page: number; pageSize: number }) {
  return useQuery({
    queryKey: [...INBOX_KEY, query],
    queryFn: () => api.get<TInboxPage>('/inbox', { ...query }),
    placeholderData: keepPreviousData,
    refetchInterval: 60_000,
  });
}

export const markRead = (id: number) => api.post<{ marked: number }>(`/inbox/${id}/read`);
export const markAllRead = () => api.post<{ marked: number }>('/inbox/read-all');

/** The name of an inbox item's kind in the UI language; kinds this client does not know read as a notice. */
export function inboxKindLabel(kind: string): string {
  const key = `inbox.kinds.${kind}`;
  return i18n.exists(key) ? String(i18n.t(key as 'inbox.kinds.other')) : i18n.t('inbox.kinds.other');
}
