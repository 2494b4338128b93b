import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import './app/i18n/index.ts';
import { Providers } from './app/providers.tsx';
import { preloadTodayOnOpen, router } from './app/router.tsx';
import './app/styles.css';
import { registerServiceWorker } from './features/today/service-worker.ts';

preloadTodayOnOpen();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <Providers>
      <RouterProvider router={router} />
    </Providers>
  </StrictMode>,
);

// The service worker keeps the Today page usable offline; only the built app (hashed files) may be kept.
if (import.meta.env.PROD) registerServiceWorker();
