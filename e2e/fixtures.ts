import path from 'node:path';
import { type APIRequestContext, test as base, expect, type Page, request } from '@playwright/test';

export { expect };

/** The password of every demo account. */
export const DEMO_PASSWORD = 'Duban-demo-2023';

const SCREENSHOTS = path.join(import.meta.dirname, 'screenshots');

/** What the browser complains about on this page: script errors, React and antd warnings. */
export function watchConsole(page: Page): string[] {
  const problems: string[] = [];
  page.on('pageerror', (error) => problems.push(`page error: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error' && message.type() !== 'warning') return;
    const text = message.text();
    // The API's 4xx answers (401 before login, 404 out of scope, 423 locked…) are logged by the browser itself.
    if (text.startsWith('Failed to load resource')) return;
    problems.push(`console ${message.type()}: ${text}`);
  });
  return problems;
}

/** Every test's page fails the test when the browser logs an error or a warning. */
export const test = base.extend({
  page: async ({ page }, use) => {
    const problems = watchConsole(page);
    await use(page);
    expect(problems, 'the browser console stays clean').toEqual([]);
  },
});

/**
 * A screenshot into e2e/screenshots/<name>.png once the page has settled: the full page, or only the viewport
 * for a dialog or drawer (their mask covers the viewport only). Passing toasts are left out.
 */
export async function screenshot(page: Page, name: string, opts: { isViewportOnly?: boolean } = {}): Promise<void> {
  await expect(page.locator('.ant-spin-spinning, .ant-skeleton-active')).toHaveCount(0);
  // A full page from its top: scrolled down, the sticky header and navigation would be drawn mid-page.
  if (!opts.isViewportOnly) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({
    path: path.join(SCREENSHOTS, `${name}.png`),
    fullPage: !opts.isViewportOnly,
    animations: 'disabled',
    style: '.ant-message { display: none !important; }',
  });
}

/** An API client logged in as a user (cookie + CSRF token), for arranging data and checking results. */
export async function apiAs(
  username: string,
  password = DEMO_PASSWORD,
): Promise<{ api: APIRequestContext; csrfToken: string; userId: string }> {
  const api = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const res = await api.post('/api/v1/auth/login', { data: { username, password } });
  expect(res.status(), `API login of ${username}`).toBe(200);
  const body = (await res.json()) as { csrfToken: string; user: { id: string } };
  return { api, csrfToken: body.csrfToken, userId: body.user.id };
}

/** The id of a user found by username, as seen by sysAdmin. */
export async function findUserId(username: string): Promise<string> {
  const { api } = await apiAs('admin');
  const res = await api.get('/api/v1/users', { params: { q: username, pageSize: 50 } });
  const body = (await res.json()) as { items: { id: string; username: string }[] };
  await api.dispose();
  const user = body.items.find((u) => u.username === username);
  if (!user) throw new Error(`no user ${username}`);
  return user.id;
}

/** Sets a demo account's language back (a spec may have left it in another). */
export async function resetLocale(username: string, locale: 'zh-CN' | 'en-US' = 'zh-CN'): Promise<void> {
  const user = await apiAs(username);
  const res = await user.api.patch('/api/v1/me', { data: { locale }, headers: { 'x-csrf-token': user.csrfToken } });
  expect(res.status()).toBe(200);
  await user.api.dispose();
}
