import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { RouterProvider } from 'react-router/dom';
import { localeReady } from './app/i18n/index.ts';
import { Providers } from './app/providers.tsx';
import { preloadTodayOnOpen, router } from './app/router.tsx';
import './app/styles.css';
import { registerServiceWorker } from './features/today/service-worker.ts';

/**
 * A page of the previous release (the service worker opens the kept one while it fetches the new) may ask for a file
 * the new release no longer has: it reloads once, and opens as the new release. Not twice within a minute, so a file
 * that is missing for another reason shows its error instead.
 */
window.addEventListener('vite:preloadError', (event) => {
  const key = 'duban.reloadedForRelease';
  try {
    const last = Number(window.sessionStorage.getItem(key) ?? 0);
    if (Date.now() - last < 60_000) return;
    window.sessionStorage.setItem(key, String(Date.now()));
  } catch {
    return;
  }
  event.preventDefault();
  window.location.reload();
});

preloadTodayOnOpen();
const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
// Chinese is in the first load; a browser that chose English before waits for its text (one small file).
void localeReady.then(() =>
  createRoot(container).render(
    <StrictMode>
      <Providers>
        <RouterProvider router={router} />
      </Providers>
    </StrictMode>,
  ),
);

// The service worker keeps the Today page usable offline; only the built app (hashed files) may be kept.
if (import.meta.env.PROD) registerServiceWorker();
