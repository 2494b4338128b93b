import type { TInboxItem } from '@duban/domain';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { useReportError } from '../../app/use-report-error.ts';
import { INBOX_KEY, markAllRead, markRead } from './api.ts';

/** Marks one message or all of them read, and refreshes the inbox and the bell. */
export function useInboxActions() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const report = useReportError();
  const queryClient = useQueryClient();
  const refresh = () => queryClient.invalidateQueries({ queryKey: INBOX_KEY });
  const one = useMutation({
    mutationFn: (item: TInboxItem) => markRead(item.id),
    onSuccess: refresh,
    onError: (error) => report(error),
  });
  const all = useMutation({
    mutationFn: markAllRead,
    onSuccess: async () => {
      await refresh();
      void message.success(t('inbox.allRead'));
    },
    onError: (error) => report(error),
  });
  return {
    /** Marks the message read when it is unread (opening it counts as reading it). */
    markOne: (item: TInboxItem) => {
      if (item.readAt === null) one.mutate(item);
    },
    markAll: () => all.mutate(),
    isMarkingAll: all.isPending,
  };
}
