/**
 * The service worker (public/sw.js) lets the Today page open with no network once it has been visited. It is
 * registered in production builds only: in development Vite serves unhashed modules it must not keep.
 */

let registration: Promise<ServiceWorkerRegistration | null> = Promise.resolve(null);

/** Registers /sw.js for the whole site once the page has loaded, and hands it the files this page loaded. */
export function registerServiceWorker(): void {
  // Absent on a page served over plain HTTP (not a secure context): the page then simply needs the network.
  if (!('serviceWorker' in navigator)) return;
  registration = new Promise((resolve) => {
    const register = () => {
      navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' }).then(resolve, () => {
        resolve(null);
      });
    };
    if (document.readyState === 'complete') register();
    else window.addEventListener('load', register, { once: true });
  });
  void cacheForOffline([]);
}

/** The hashed files (scripts, styles) this page has loaded so far: the shell the Today page needs offline. */
function loadedAssets(): string[] {
  return performance
    .getEntriesByType('resource')
    .map((entry) => new URL(entry.name, location.href))
    .filter((url) => url.origin === location.origin && url.pathname.startsWith('/assets/'))
    .map((url) => url.pathname);
}

/**
 * Asks the service worker to keep the app shell, every /assets/ file this page loaded, and these API answers
 * (it keeps only the ones it serves offline: the session and today's list). Resolves true once they are kept;
 * false without a service worker.
 */
export async function cacheForOffline(apiUrls: string[]): Promise<boolean> {
  if (!(await registration)) return false;
  const worker = (await navigator.serviceWorker.ready).active;
  if (!worker) return false;
  const urls = [...new Set(['/index.html', ...loadedAssets(), ...apiUrls])];
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    const timer = window.setTimeout(() => resolve(false), 30_000);
    channel.port1.onmessage = (event: MessageEvent<{ ok?: boolean }>) => {
      window.clearTimeout(timer);
      resolve(event.data?.ok === true);
    };
    worker.postMessage({ type: 'cache', urls }, [channel.port2]);
  });
}
