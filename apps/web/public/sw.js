/*
 * Duban's service worker: once visited, the Today page (日清) opens with no network.
 * Hand-written, served as /sw.js from the web client's root (scope /), registered in production builds only.
 *
 * - navigations: the kept index.html at once, while the network's is fetched and kept for the next opening (a
 *   township link pays at least a round trip for it, seconds on a weak signal); the network's when none is kept.
 *   A new release thus shows at the next opening; a page of the old one that asks for a file the new one no longer
 *   has reloads itself (main.tsx);
 * - /assets/* (and the icon): hashed file names never change content, so the cache first;
 * - GET /api/v1/me and GET /api/v1/me/today: the network first, the last answer when offline;
 * - nothing else: no other API answer and no write is ever kept. Check-ins made offline wait in IndexedDB
 *   (the page's queue), not here.
 */
const SHELL_CACHE = 'duban-shell-v1';
const ASSET_CACHE = 'duban-assets-v1';
const API_CACHE = 'duban-api-v1';
const CACHES = [SHELL_CACHE, ASSET_CACHE, API_CACHE];
const SHELL_URL = '/index.html';
/** The only API answers kept: who is logged in, and today's list. */
const KEPT_API = new Set(['/api/v1/me', '/api/v1/me/today']);
/** A login or logout changes whose answers those are: the kept ones are dropped. */
const SESSION_CHANGES = new Set(['/api/v1/auth/login', '/api/v1/auth/logout']);
/** On a network that hangs rather than fails, fall back to the cache after this long. */
const NAVIGATION_TIMEOUT_MS = 5000;
const API_TIMEOUT_MS = 8000;

const isKeptApi = (url) => KEPT_API.has(url.pathname) && url.search === '';

/** The icon, kept with the hashed files (it is not hashed, but changes only with a release). */
const ICON_URL = '/favicon.svg';
const isStatic = (url) => url.pathname.startsWith('/assets/') || url.pathname === ICON_URL;
/**
 * The server answers an unknown path with index.html (200, the client's routes): never keep that as a script,
 * or a missing file would stay broken from the cache.
 */
const isKeepableFile = (response) =>
  response.ok && !(response.headers.get('content-type') ?? '').startsWith('text/html');

/** The files index.html names: the hashed entry script, styles and preloaded chunks, and the icon. */
const assetsOf = (html) => [...new Set([ICON_URL, ...(html.match(/\/assets\/[^"'\s)]+/g) ?? [])])];

async function keepShell(response) {
  const html = await response.text();
  const shell = await caches.open(SHELL_CACHE);
  const before = await shell.match(SHELL_URL);
  if (before && (await before.text()) === html) return;
  // A new release: its index.html names new files; the old ones are no longer needed.
  // Kept with the server's own headers (its Content-Security-Policy among them), but for the body's encoding
  // and length: the text kept is decoded.
  const headers = new Headers(response.headers);
  headers.delete('content-encoding');
  headers.delete('content-length');
  await shell.put(SHELL_URL, new Response(html, { status: 200, headers }));
  await caches.delete(ASSET_CACHE);
  const assets = await caches.open(ASSET_CACHE);
  await Promise.all(
    assetsOf(html).map(async (url) => {
      const file = await fetch(url).catch(() => null);
      if (file && isKeepableFile(file)) await assets.put(url, file);
    }),
  );
}

self.addEventListener('install', (event) => {
  event.waitUntil(
    fetch(SHELL_URL)
      .then((response) => (response.ok ? keepShell(response) : undefined))
      .catch(() => undefined)
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    // The browser asks for a navigation while the worker starts, not after (a phone may take 100 ms to start it).
    (self.registration.navigationPreload?.enable() ?? Promise.resolve())
      .catch(() => undefined)
      .then(() => caches.keys())
      .then((names) => Promise.all(names.filter((n) => !CACHES.includes(n)).map((n) => caches.delete(n))))
      .then(() => self.clients.claim()),
  );
});

/** The network's answer, or a rejection once the time is up (the network may still answer later). */
function fetchWithin(request, ms) {
  return within(fetch(request), ms);
}

/** The answer, or a rejection once the time is up. */
function within(answer, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    answer.then(
      (response) => {
        clearTimeout(timer);
        resolve(response);
      },
      (error) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

/** The navigation's answer: the one the browser asked for while this worker started (navigation preload), else a fetch. */
async function fetchNavigation(event) {
  const preloaded = await event.preloadResponse;
  return preloaded ?? fetch(event.request);
}

/** The network's index.html; kept, with a new release's files, once it has arrived. */
async function fetchShell(event) {
  const response = await within(fetchNavigation(event), NAVIGATION_TIMEOUT_MS);
  const type = response.headers.get('content-type') ?? '';
  if (response.ok && type.startsWith('text/html')) event.waitUntil(keepShell(response.clone()));
  return response;
}

async function navigate(event) {
  const cached = await caches.match(SHELL_URL, { cacheName: SHELL_CACHE });
  if (cached) {
    event.waitUntil(fetchShell(event).catch(() => undefined));
    return cached;
  }
  try {
    return await fetchShell(event);
  } catch {
    return Response.error();
  }
}

async function cacheFirst(request) {
  const cache = await caches.open(ASSET_CACHE);
  const cached = await cache.match(request, { ignoreVary: true });
  if (cached) return cached;
  try {
    const response = await fetch(request);
    if (isKeepableFile(response)) await cache.put(request, response.clone());
    return response;
  } catch {
    return Response.error();
  }
}

async function networkFirst(request) {
  const cache = await caches.open(API_CACHE);
  try {
    const response = await fetchWithin(request, API_TIMEOUT_MS);
    if (response.ok) await cache.put(request, response.clone());
    else if (response.status === 401 || response.status === 403) await cache.delete(request);
    return response;
  } catch {
    const cached = await cache.match(request, { ignoreVary: true });
    return cached ?? Response.error();
  }
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (request.method !== 'GET') {
    // Writes pass untouched; a login or logout also drops the kept answers of the previous session.
    if (SESSION_CHANGES.has(url.pathname)) event.waitUntil(caches.delete(API_CACHE));
    return;
  }
  if (url.pathname.startsWith('/api/')) {
    if (isKeptApi(url)) event.respondWith(networkFirst(request));
    return;
  }
  if (request.mode === 'navigate') {
    event.respondWith(navigate(event));
    return;
  }
  if (isStatic(url)) event.respondWith(cacheFirst(request));
});

/** Keeps what a page asks for: the shell, files it loaded, and the kept API answers (nothing else). */
async function keepUrls(urls) {
  const assets = await caches.open(ASSET_CACHE);
  const api = await caches.open(API_CACHE);
  await Promise.all(
    urls.map(async (href) => {
      const url = new URL(href, self.location.origin);
      if (url.origin !== self.location.origin) return;
      if (url.pathname === SHELL_URL) {
        if (await caches.match(SHELL_URL, { cacheName: SHELL_CACHE })) return;
        const response = await fetch(SHELL_URL);
        if (response.ok) await keepShell(response);
      } else if (isStatic(url)) {
        if (await assets.match(url.pathname)) return;
        const response = await fetch(url.pathname);
        if (isKeepableFile(response)) await assets.put(url.pathname, response);
      } else if (isKeptApi(url)) {
        if (await api.match(url.pathname)) return;
        const response = await fetch(url.pathname, { credentials: 'same-origin' });
        if (response.ok) await api.put(url.pathname, response);
      }
    }),
  );
}

self.addEventListener('message', (event) => {
  const data = event.data;
  if (data?.type !== 'cache' || !Array.isArray(data.urls)) return;
  const reply = (ok) => event.ports[0]?.postMessage({ ok });
  event.waitUntil(
    keepUrls(data.urls.filter((u) => typeof u === 'string')).then(
      () => reply(true),
      () => reply(false),
    ),
  );
});
