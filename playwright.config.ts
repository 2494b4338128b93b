import { defineConfig, devices } from '@playwright/test';

/**
 * Browser tests against a real server: e2e/global-setup.ts starts one on a free port (embedded PostgreSQL in a
 * fresh data directory, or a fresh database on TEST_DATABASE_URL) and hands its address on in E2E_BASE_URL.
 * Build the web client first: npm run build -w @duban/web.
 */
export default defineConfig({
  testDir: './e2e',
  outputDir: './test-results',
  globalSetup: './e2e/global-setup.ts',
  globalTeardown: './e2e/global-teardown.ts',
  // One worker on a 2-core machine; specs that build on each other say so with test.describe.serial.
  workers: 1,
  fullyParallel: false,
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  // No test measures time: the limits only stop a stuck test, and leave room for a slow or shared machine.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list'], ['html', { open: 'never' }]] : [['list']],
  use: {
    ...devices['Desktop Chrome'],
    // The server is started by globalSetup, which sets this before any worker starts.
    baseURL: process.env.E2E_BASE_URL,
    viewport: { width: 1366, height: 860 },
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    // Never let Playwright download a browser: Debian's Chromium, kept off the network.
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
        '--disable-quic',
      ],
    },
  },
  projects: [{ name: 'chromium' }],
});
