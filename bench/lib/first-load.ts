// The first load on a township network: Debian's Chromium at phone size, reaching the server through a link shaped
// like a township's: 1.6 Mbps each way shared by all connections, 150 ms of round trip, a round trip to open each
// connection. The link is a proxy here rather than DevTools' throttling, which slows the page but not its service
// worker (which fetches files too). Cold: a new browser profile (empty cache); warm: the same profile opening the
// page again.
import http from 'node:http';
import net from 'node:net';
import { type Browser, type BrowserContext, chromium, type Page } from '@playwright/test';

/** The township network of the goal: 1.6 Mbps, 150 ms round trip. */
export const TOWNSHIP_NETWORK = { downloadBps: 1_600_000, uploadBps: 1_600_000, latencyMs: 150 } as const;

export interface TFirstLoadRun {
  /** From navigation to the login form ready to be filled and sent. */
  loginColdMs: number;
  /** From pressing 登录 to the Today page showing its tasks (the files the login page fetched are cached). */
  todayAfterLoginMs: number;
  /** Today opened again in the same browser (a warm cache). */
  todayWarmMs: number;
  /** Up to the usable login page: its scripts and style sheets (compressed), and all bytes down the link. */
  loginBytes: { js: number; css: number; all: number };
  /** The scripts (compressed) the Today page needed, the login page's included. */
  todayJsBytes: number;
  /** Bytes down the link for the warm load. */
  warmBytes: number;
}

/**
 * The scripts and style sheets the pages asked for (whoever answered: the network, the HTTP cache or the service
 * worker), by URL; their size is what the server sends for each, compressed as a browser accepts.
 */
function filesOf(context: BrowserContext): { urls: (type: 'script' | 'stylesheet') => string[]; reset: () => void } {
  let seen = new Map<string, string>();
  context.on('request', (request) => {
    const type = request.resourceType();
    if (type === 'script' || type === 'stylesheet') seen.set(request.url(), type);
  });
  return {
    urls: (type) => [...seen].filter(([, t]) => t === type).map(([url]) => url),
    reset: () => {
      seen = new Map();
    },
  };
}

/**
 * The bytes of these files' bodies as the server sends them to this browser: it asks for brotli only over HTTPS, so
 * over the bench's plain HTTP it gets gzip.
 */
async function compressedBytes(urls: string[], acceptEncoding: string): Promise<number> {
  let sum = 0;
  for (const url of urls) {
    sum += await new Promise<number>((resolve, reject) => {
      http
        .get(url, { headers: { 'accept-encoding': acceptEncoding } }, (res) => {
          let bytes = 0;
          res.on('data', (chunk: Buffer) => {
            bytes += chunk.length;
          });
          res.on('end', () => resolve(bytes));
        })
        .on('error', reject);
    });
  }
  return sum;
}

/** One direction of the link: a queue that sends at its rate, each chunk arriving half a round trip later. */
class Link {
  private freeAt = 0;
  /** Bytes sent so far. */
  bytes = 0;
  constructor(
    private readonly bytesPerMs: number,
    private readonly delayMs: number,
  ) {}

  send(chunk: Buffer, deliver: (chunk: Buffer) => void): void {
    const now = performance.now();
    this.bytes += chunk.length;
    this.freeAt = Math.max(now, this.freeAt) + chunk.length / this.bytesPerMs;
    setTimeout(() => deliver(chunk), this.freeAt + this.delayMs - now);
  }
}

/** A proxy to `target` over a shaped link; answers its own base URL and a way to close it. */
async function shapedLink(
  target: URL,
): Promise<{ baseUrl: string; targetUrl: string; downBytes: () => number; close: () => Promise<void> }> {
  const half = TOWNSHIP_NETWORK.latencyMs / 2;
  const down = new Link(TOWNSHIP_NETWORK.downloadBps / 8 / 1000, half);
  const up = new Link(TOWNSHIP_NETWORK.uploadBps / 8 / 1000, half);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((client) => {
    const upstream = net.connect(Number(target.port), target.hostname);
    sockets.add(client).add(upstream);
    // Opening the connection costs a round trip before the first byte goes up.
    client.pause();
    setTimeout(() => client.resume(), TOWNSHIP_NETWORK.latencyMs);
    client.on('data', (chunk) => up.send(chunk, (c) => upstream.write(c)));
    upstream.on('data', (chunk) => down.send(chunk, (c) => client.write(c)));
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', () => setTimeout(end, TOWNSHIP_NETWORK.latencyMs * 20)).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    targetUrl: target.origin,
    downBytes: () => down.bytes,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

/** FIRST_LOAD_TRACE=1: what the page fetched and painted, when (ms from its start; `sw`: through the worker). */
function timeline(page: Page): Promise<string[]> {
  // Evaluated in the page (the bench is compiled without the DOM's types).
  return page.evaluate(`[
    ...performance.getEntriesByType('navigation'),
    ...performance.getEntriesByType('resource'),
    ...performance.getEntriesByType('paint'),
  ].map((e) => Math.round(e.startTime) + '→' + Math.round(e.responseEnd ?? e.startTime) + ' ' +
    e.name.replace(location.origin, '') + (e.workerStart ? ' sw' : ''))`);
}

/** Waits until the Today page shows its list (its tasks, or the word that there are none). */
async function todayShown(page: Page): Promise<void> {
  await page.getByTestId('today-page').waitFor({ state: 'visible', timeout: 60_000 });
  await page
    .locator('[data-testid="today-task"], [data-testid="today-not-due"], [data-testid="today-page"] .ant-empty')
    .first()
    .waitFor({ state: 'visible', timeout: 60_000 });
}

/** One cold then warm visit: the login page, logging in onto Today, Today again. */
async function visit(
  browser: Browser,
  link: { baseUrl: string; targetUrl: string; downBytes: () => number },
  username: string,
  password: string,
): Promise<TFirstLoadRun> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    isMobile: true,
    hasTouch: true,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
  });
  try {
    const files = filesOf(context);
    const page = await context.newPage();
    let acceptEncoding: Promise<string> = Promise.resolve('');
    page.on('request', (request) => {
      if (request.resourceType() === 'document') {
        acceptEncoding = request.allHeaders().then((h) => h['accept-encoding'] ?? '');
      }
    });
    // The files' sizes are read from the server itself, not through the link.
    const sizeOf = async (urls: string[]) =>
      compressedBytes(
        urls.map((url) => url.replace(link.baseUrl, link.targetUrl)),
        await acceptEncoding,
      );
    let down = link.downBytes();
    let started = performance.now();
    await page.goto(`${link.baseUrl}/login?next=%2Ftoday`, { waitUntil: 'commit' });
    const submit = page.locator('form#login button[type="submit"]');
    await submit.waitFor({ state: 'visible', timeout: 60_000 });
    await page.locator('#login_username').waitFor({ state: 'visible' });
    const loginColdMs = performance.now() - started;
    if (process.env.FIRST_LOAD_TRACE) console.log((await timeline(page)).join('\n'));
    const loginBytes = {
      js: await sizeOf(files.urls('script')),
      css: await sizeOf(files.urls('stylesheet')),
      all: link.downBytes() - down,
    };
    await page.locator('#login_username').fill(username);
    await page.locator('#login_password').fill(password);
    started = performance.now();
    await submit.click();
    await page.waitForURL(/\/today/, { timeout: 60_000 });
    await todayShown(page);
    const todayAfterLoginMs = performance.now() - started;
    const todayJsBytes = await sizeOf(files.urls('script'));
    // Let the service worker finish keeping the files, as a phone left on the page would.
    await page.waitForTimeout(3_000);
    down = link.downBytes();
    started = performance.now();
    await page.goto(`${link.baseUrl}/today`, { waitUntil: 'commit' });
    await todayShown(page);
    const todayWarmMs = performance.now() - started;
    const warmBytes = link.downBytes() - down;
    if (process.env.FIRST_LOAD_TRACE) console.log((await timeline(page)).join('\n'));
    return { loginColdMs, todayAfterLoginMs, todayWarmMs, loginBytes, todayJsBytes, warmBytes };
  } finally {
    await context.close();
  }
}

/** The median of each figure over `runs` visits, each in a new profile. */
export async function measureFirstLoad(
  baseUrl: string,
  username: string,
  password: string,
  runs = 3,
): Promise<TFirstLoadRun & { runs: number }> {
  const browser = await chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: ['--disable-background-networking', '--disable-component-update', '--no-first-run', '--disable-quic'],
  });
  const link = await shapedLink(new URL(baseUrl));
  try {
    const all: TFirstLoadRun[] = [];
    for (let i = 0; i < runs; i++) all.push(await visit(browser, link, username, password));
    const median = (pick: (r: TFirstLoadRun) => number) => {
      const sorted = all.map(pick).sort((a, b) => a - b);
      return Math.round(sorted[Math.floor(sorted.length / 2)] ?? 0);
    };
    return {
      runs,
      loginColdMs: median((r) => r.loginColdMs),
      todayAfterLoginMs: median((r) => r.todayAfterLoginMs),
      todayWarmMs: median((r) => r.todayWarmMs),
      loginBytes: {
        js: median((r) => r.loginBytes.js),
        css: median((r) => r.loginBytes.css),
        all: median((r) => r.loginBytes.all),
      },
      todayJsBytes: median((r) => r.todayJsBytes),
      warmBytes: median((r) => r.warmBytes),
    };
  } finally {
    await browser.close();
    await link.close();
  }
}
