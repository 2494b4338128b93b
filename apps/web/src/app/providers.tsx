import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { App, ConfigProvider } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { prefetchTodayOnOpen } from '../features/today/api.ts';
import { ApiError } from './api-client.ts';
import { antdLocaleOf } from './i18n/index.ts';
import { prefetchSession, SessionProvider } from './session.tsx';
import { theme } from './theme.ts';

/** Retry only what may pass on a second try: no answer, or a server error. */
const shouldRetry = (failures: number, error: unknown) =>
  failures < 2 && error instanceof ApiError && (error.status === 0 || error.status >= 500);

const queryClient = new QueryClient({
  defaultOptions: {
    queries: { retry: shouldRetry, refetchOnWindowFocus: false, staleTime: 10_000 },
    mutations: { retry: false },
  },
});
prefetchSession(queryClient);
prefetchTodayOnOpen(queryClient);

/** Everything the pages rely on: data cache, antd in the UI language and theme, message context, session. */
export function Providers({ children }: { children: ReactNode }) {
  const { i18n } = useTranslation();
  return (
    <ConfigProvider locale={antdLocaleOf(i18n.language)} theme={theme} button={{ autoInsertSpace: false }}>
      <App>
        <QueryClientProvider client={queryClient}>
          <SessionProvider>{children}</SessionProvider>
        </QueryClientProvider>
      </App>
    </ConfigProvider>
  );
}
