import type { TCockpit } from '@duban/domain';
import type { Locator, Page } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, resetLocale, screenshot, test } from './fixtures.ts';
import { LoginPage } from './pages/login-page.ts';

/**
 * Every count of tasks on the cockpit, the wall and the light board opens a task list whose total is that count: each
 * count link is clicked and the figure compared with the list's total. The figures are read from the pages, never
 * written down here: they hold whatever the demo's numbers are.
 */

const RULE = '按牵头单位计：每项任务（含子任务）计一次';

/** A figure as the pages show it: thousands separators. */
const figure = (value: number): string => value.toLocaleString('zh-CN');

type TCountLink = { href: string; count: number; text: string };

async function login(page: Page, username: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait(username, DEMO_PASSWORD);
}

/** The links to task lists that carry a count, with the count and the figure shown; each address once. */
async function countLinks(scope: Locator): Promise<TCountLink[]> {
  const links = await scope.locator('a[href^="/tasks?"]').evaluateAll((anchors) =>
    anchors.flatMap((a) => {
      const holder = a.hasAttribute('data-count') ? a : a.querySelector('[data-count], [data-total]');
      if (!holder) return [];
      const raw = holder.getAttribute('data-count') ?? holder.getAttribute('data-total');
      return [{ href: a.getAttribute('href') ?? '', count: Number(raw), text: holder.textContent ?? '' }];
    }),
  );
  const byHref = new Map<string, TCountLink>();
  for (const link of links) {
    const seen = byHref.get(link.href);
    // Two figures leading to one list must agree.
    if (seen) expect(seen.count, `two counts for ${link.href}`).toBe(link.count);
    byHref.set(link.href, link);
  }
  return [...byHref.values()];
}

/**
 * Opens the surface, clicks each count and checks the list it opens: its total, and the filters shown (sub-tasks
 * included). Returns how many counts were walked.
 */
async function walkCounts(page: Page, surface: string, scopeOf: (page: Page) => Locator): Promise<number> {
  await page.goto(surface);
  await expect(
    scopeOf(page).locator('a[href^="/tasks?"] [data-count], a[href^="/tasks?"][data-count]').first(),
  ).toBeVisible();
  const links = await countLinks(scopeOf(page));
  expect(links.length, `${surface} has count links`).toBeGreaterThan(0);
  for (const [i, link] of links.entries()) {
    expect(link.text.replace(/\D+$/, '').trim(), `the figure of ${link.href}`).toContain(figure(link.count));
    if (i > 0) await page.goBack();
    await expect(page).toHaveURL(surface);
    await scopeOf(page).locator(`a[href="${link.href}"]`).first().click();
    await expect(page).toHaveURL(link.href);
    const table = page.getByTestId('tasks-table');
    if (link.count === 0) {
      await expect(table).toContainText('没有符合条件的任务');
    } else {
      await expect(page.locator('.ant-pagination-total-text'), link.href).toHaveText(`共 ${link.count} 项任务`, {
        timeout: 30_000,
      });
    }
    await expect(page.getByTestId('count-filter-subtasks')).toBeVisible();
  }
  return links.length;
}

async function cockpitOf(username: string): Promise<TCockpit> {
  const { api } = await apiAs(username);
  const res = await api.get('/api/v1/cockpit');
  expect(res.status()).toBe(200);
  const body = (await res.json()) as TCockpit;
  await api.dispose();
  return body;
}

test.describe('every count opens a list of the same tasks', () => {
  test.beforeAll(async () => {
    await resetLocale('leader');
    await resetLocale('head');
  });

  test('the leader’s cockpit: every count, tiles to most red, states the rule', async ({ page }) => {
    test.setTimeout(300_000);
    await login(page, 'leader');
    await page.goto('/cockpit');
    await expect(page.getByTestId('cockpit-task-lights').getByTestId('count-rule')).toHaveText(RULE);
    const walked = await walkCounts(page, '/cockpit', (p) => p.getByTestId('cockpit'));
    // Tiles (4), the categories', tags' and most red units' counts.
    expect(walked).toBeGreaterThan(10);
  });

  test('the leader’s cockpit: each escalation figure opens the supervision desk with as many steps', async ({
    page,
  }) => {
    const county = await cockpitOf('leader');
    await login(page, 'leader');
    const figures = [
      ['cockpit-escalations-open', county.escalations.open],
      ['cockpit-escalations-overdue', county.escalations.overdue],
      ...Object.entries(county.escalations.byStep).map(([step, n]) => [`cockpit-escalations-${step}`, n] as const),
    ] as const;
    expect(county.escalations.open, 'the demo has steps in progress').toBeGreaterThan(0);
    for (const [testId, count] of figures) {
      await page.goto('/cockpit');
      const tile = page.getByTestId(testId);
      await expect(tile.locator('[data-count]')).toHaveAttribute('data-count', String(count));
      await tile.click();
      await expect(page).toHaveURL(/\/supervision/);
      await expect(page.getByTestId('supervision-tabs')).toBeVisible();
      if (count === 0) await expect(page.locator('.ant-table-placeholder')).toBeVisible();
      else await expect(page.locator('.ant-pagination-total-text'), testId).toHaveText(`共 ${count} 条`);
    }
  });

  test('the list a count opens shows why it holds sub-tasks and which unit, and clears them', async ({ page }) => {
    const county = await cockpitOf('leader');
    const unit = county.mostRed[0];
    expect(unit, 'a unit with red tasks').toBeDefined();
    if (!unit) return;
    await login(page, 'leader');
    await page.goto('/cockpit');
    await page
      .locator(`[data-testid="cockpit-red-unit"][data-unit-id="${unit.unitId}"] [data-light-count="red"]`)
      .click();
    await expect(page.getByTestId('count-filter-ledBy')).toHaveText(`${unit.unitName}及下属单位牵头`);
    await expect(page.getByTestId('count-filter-light')).toContainText('红灯');
    await expect(page.getByTestId('count-filter-subtasks')).toHaveText('含子任务');
    await expect(page.getByTestId('task-count-filters')).toContainText(RULE);
    await expect(page.locator('.ant-pagination-total-text')).toHaveText(`共 ${unit.red} 项任务`);
    await screenshot(page, 'counts-list-filters');
    // Cleared, the unit goes; then the sub-tasks.
    await page.getByTestId('count-filter-ledBy').locator('.ant-tag-close-icon').click();
    await expect(page).not.toHaveURL(/ledBy=/);
    await page.getByTestId('count-filter-subtasks').locator('.ant-tag-close-icon').click();
    await expect(page).not.toHaveURL(/includeSubtasks=/);
    await expect(page.getByTestId('task-count-filters')).toHaveCount(0);

    // On a phone the filters wrap, readable, under the search.
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/tasks?ledBy=${unit.unitId}&light=red&includeSubtasks=true`);
    await expect(page.getByTestId('count-filter-ledBy')).toBeVisible();
    await expect(page.getByTestId('task-card').first()).toBeVisible();
    await screenshot(page, 'counts-list-filters-phone');
  });

  test('the head’s cockpit puts the unit’s own red work first, and every count holds', async ({ page }) => {
    test.setTimeout(180_000);
    const expected = await cockpitOf('head');
    await login(page, 'head');
    await page.goto('/cockpit');
    const mostRed = page.getByTestId('cockpit-most-red');
    if (expected.own.red + expected.own.yellow > 0) {
      await expect(mostRed.getByTestId('cockpit-own')).toContainText('本单位牵头');
      await expect(mostRed.getByTestId('cockpit-own').locator('[data-light-count="red"]')).toHaveAttribute(
        'data-count',
        String(expected.own.red),
      );
      await expect(mostRed).not.toContainText('暂无亮红灯的单位');
    }
    await screenshot(page, 'counts-head-cockpit');
    await walkCounts(page, '/cockpit', (p) => p.getByTestId('cockpit'));
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto('/cockpit');
    await expect(page.getByTestId('cockpit-most-red')).toBeVisible();
    await page.getByTestId('cockpit-most-red').scrollIntoViewIfNeeded();
    await screenshot(page, 'counts-head-cockpit-phone');
  });

  test('the wall: every count leads to its tasks', async ({ page }) => {
    test.setTimeout(180_000);
    await login(page, 'leader');
    await page.goto('/cockpit/wall');
    await expect(page.getByTestId('wall-count-rule')).toHaveText(RULE);
    await screenshot(page, 'counts-wall', { isViewportOnly: true });
    await walkCounts(page, '/cockpit/wall', (p) => p.getByTestId('wall-body'));
  });

  test('the light board by unit and by tag: every count leads to its tasks', async ({ page }) => {
    test.setTimeout(480_000);
    await login(page, 'leader');
    await page.goto('/lights');
    await expect(page.getByTestId('count-rule')).toHaveText(RULE);
    await screenshot(page, 'counts-board');
    await walkCounts(page, '/lights', (p) => p.locator('main'));
    await walkCounts(page, '/lights?by=tag', (p) => p.locator('main'));
  });

  test('the head’s light board: its own row and totals lead to its tasks', async ({ page }) => {
    test.setTimeout(180_000);
    await login(page, 'head');
    await walkCounts(page, '/lights', (p) => p.locator('main'));
  });
});
