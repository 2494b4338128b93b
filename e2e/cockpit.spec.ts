import type { TCockpit } from '@duban/domain';
import type { CDPSession, Page } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { AppShell } from './pages/app-shell.ts';
import { CockpitPage, CockpitWall } from './pages/cockpit-page.ts';
import { LoginPage } from './pages/login-page.ts';

const TOWN = '城关镇';

/** A figure as the pages show it: thousands separators, up to two decimals. */
const figure = (value: number): string => value.toLocaleString('zh-CN', { maximumFractionDigits: 2 });

/** The cockpit as the API answers it to a user (what the page must show). */
async function cockpitOf(username: string, search = ''): Promise<TCockpit> {
  const { api } = await apiAs(username);
  const res = await api.get(`/api/v1/cockpit${search}`);
  expect(res.status(), await res.text()).toBe(200);
  const body = (await res.json()) as TCockpit;
  await api.dispose();
  return body;
}

async function login(page: Page, username: string): Promise<void> {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait(username, DEMO_PASSWORD);
}

/** The JS heap in use after a full garbage collection. */
async function heapAfterGc(cdp: CDPSession): Promise<number> {
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  return usedSize;
}

test('the leader lands on the cockpit and reads the county’s figures; they lead to their records', async ({ page }) => {
  test.setTimeout(60_000);
  const expected = await cockpitOf('leader');
  expect(expected.unit.isTop).toBe(true);
  await login(page, 'leader');
  await expect(page).toHaveURL(/\/cockpit$/);
  const cockpit = new CockpitPage(page);
  await expect(cockpit.heading).toBeVisible();
  await expect(cockpit.root).toHaveAttribute('data-unit-id', expected.unit.id);
  await expect(page.getByText(`${expected.unit.name} · 数据日期 ${expected.day}`)).toBeVisible();

  // Every target of the year, with its actual as reported.
  expect(expected.targets.length, 'the demo county has targets').toBeGreaterThan(0);
  await expect(cockpit.targetTiles).toHaveCount(expected.targets.length);
  for (const target of expected.targets) {
    await expect(cockpit.target(target.targetId)).toContainText(target.name);
    await expect(cockpit.target(target.targetId)).toHaveAttribute('data-light', target.light);
    await expect(cockpit.actualOf(target.targetId)).toHaveText(target.actual === null ? '—' : figure(target.actual));
  }
  // The open tasks per light, and the escalation ladder's open steps.
  for (const light of ['red', 'yellow', 'green', 'done'] as const) {
    expect(await cockpit.count(`cockpit-lights-${light}`)).toBe(expected.lights[light]);
  }
  expect(await cockpit.count('cockpit-escalations-open')).toBe(expected.escalations.open);
  expect(await cockpit.count('cockpit-escalations-overdue')).toBe(expected.escalations.overdue);
  await expect(cockpit.categories).toHaveCount(expected.byCategory.length);
  await expect(page.getByTestId('cockpit-red-unit')).toHaveCount(expected.mostRed.length);
  await page.mouse.move(0, 0);
  await screenshot(page, 'cockpit');

  // A target leads to its page.
  const first = expected.targets[0];
  if (!first) throw new Error('no target');
  await cockpit.target(first.targetId).click();
  await expect(page).toHaveURL(new RegExp(`/targets/${first.targetId}$`));
  await page.goBack();
  await expect(cockpit.root).toBeVisible();

  // A unit category leads to the light board of the county's units of that category.
  await cockpit.category('township').getByRole('link', { name: '乡镇' }).click();
  await expect(page).toHaveURL(/\/lights\?category=township$/);
  await expect(page.getByTestId('lights-category')).toContainText('乡镇');
  await expect(page.getByTestId('lights-table')).toContainText(TOWN);

  // The overdue answers lead to the supervision desk's overdue view.
  await page.goBack();
  await page.getByTestId('cockpit-escalations-overdue').click();
  await expect(page).toHaveURL(/\/supervision\?tab=overdue$/);
  await expect(page.getByRole('tab', { name: /^逾期未答复/, selected: true })).toBeVisible();
});

test('a unit head sees the cockpit of the unit', async ({ page }) => {
  const expected = await cockpitOf('head');
  expect(expected.unit).toMatchObject({ name: TOWN, isTop: false });
  await login(page, 'head');
  await new AppShell(page).openNav('数据驾驶舱');
  const cockpit = new CockpitPage(page);
  await expect(cockpit.root).toHaveAttribute('data-unit-id', expected.unit.id);
  await expect(page.getByText(`${TOWN} · 数据日期 ${expected.day}`)).toBeVisible();
  // One unit: nothing to pick; the supervision desk is not theirs to open, so its figures are not links.
  await expect(cockpit.unitSelect).toHaveCount(0);
  await expect(page.getByTestId('cockpit-escalations-open')).not.toHaveAttribute('href', /.*/);
  await expect(cockpit.targetTiles).toHaveCount(expected.targets.length);
  for (const target of expected.targets) {
    await expect(cockpit.actualOf(target.targetId)).toHaveText(target.actual === null ? '—' : figure(target.actual));
  }
  await screenshot(page, 'cockpit-unit');
  // The unit's open tasks of a colour lead to the task list narrowed to the unit.
  await page.getByTestId('cockpit-lights-green').click();
  await expect(page).toHaveURL(new RegExp(`/tasks\\?light=green&ledBy=${expected.unit.id}&includeSubtasks=true$`));
});

test('a leader picks a unit; the wall display keeps it and fits 1920×1080 and 1366×768', async ({ page }) => {
  test.setTimeout(60_000);
  await login(page, 'leader');
  const cockpit = new CockpitPage(page);
  await cockpit.goto();
  const town = await cockpitOf('head');
  await cockpit.unitSelect.click();
  await cockpit.unitSelect.locator('input').pressSequentially(TOWN);
  await page.locator(`.ant-select-tree-node-content-wrapper[title="${TOWN}"]`).click();
  await expect(page).toHaveURL(new RegExp(`/cockpit\\?unitId=${town.unit.id}$`));
  await expect(cockpit.root).toHaveAttribute('data-unit-id', town.unit.id);

  await page.setViewportSize({ width: 1920, height: 1080 });
  await cockpit.openWall.click();
  await expect(page).toHaveURL(new RegExp(`/cockpit/wall\\?unitId=${town.unit.id}$`));
  const wall = new CockpitWall(page);
  await expect(wall.body).toBeVisible();
  await expect(page.getByRole('heading', { name: `${TOWN} · 数据驾驶舱` })).toBeVisible();
  expect(await wall.stageBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  expect(await wall.cutContent(), 'nothing on the wall is cut off').toEqual([]);
  await wall.page.getByTestId('wall-exit').click();
  await expect(page).toHaveURL(new RegExp(`/cockpit\\?unitId=${town.unit.id}$`));

  // The county on a 1920×1080 screen, then on a 1366×768 one: the same stage, scaled down, letterboxed.
  const county = await cockpitOf('leader');
  await wall.goto();
  await expect(wall.targets).toHaveCount(Math.min(8, county.targets.length));
  await expect(page.getByRole('heading', { name: `${county.unit.name} · 数据驾驶舱` })).toBeVisible();
  await expect(wall.clock).toContainText(/\d\d:\d\d:\d\d/);
  await expect(wall.updated).toContainText(/数据更新于 \d\d:\d\d:\d\d/);
  expect(await wall.stageBox()).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
  expect(await wall.cutContent(), 'nothing on the wall is cut off').toEqual([]);
  await screenshot(page, 'cockpit-wall-1920', { isViewportOnly: true });

  await page.setViewportSize({ width: 1366, height: 768 });
  await expect(wall.stage).toHaveAttribute('data-scale', String(768 / 1080));
  const box = await wall.stageBox();
  expect(box.height).toBeCloseTo(768, 0);
  expect(box.width).toBeCloseTo((1920 * 768) / 1080, 0);
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.y).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(1366);
  expect(box.y + box.height).toBeLessThanOrEqual(768);
  expect(await wall.cutContent(), 'nothing on the scaled wall is cut off').toEqual([]);
  await screenshot(page, 'cockpit-wall-1366', { isViewportOnly: true });
});

test('the wall display refreshes itself every minute without its memory growing', async ({ page }) => {
  test.setTimeout(120_000);
  await login(page, 'leader');
  await page.clock.install();
  const wall = new CockpitWall(page);
  await wall.goto();
  const cdp = await page.context().newCDPSession(page);

  /** Lets a minute pass and waits for the refetch it brings, and for the figures it answers to show. */
  const refresh = async () => {
    const response = page.waitForResponse((res) => new URL(res.url()).pathname === '/api/v1/cockpit');
    await page.clock.runFor(60_000);
    const body = (await (await response).json()) as TCockpit;
    await expect(wall.updated).toHaveAttribute('data-generated-at', body.generatedAt);
  };

  for (let i = 0; i < 5; i++) await refresh();
  const warm = await heapAfterGc(cdp);
  const warmNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  for (let i = 5; i < 20; i++) await refresh();
  const after = await heapAfterGc(cdp);
  const afterNodes = await page.evaluate(() => document.getElementsByTagName('*').length);
  test
    .info()
    .annotations.push({ type: 'heap', description: `${warm} → ${after} bytes, ${warmNodes} → ${afterNodes} nodes` });
  expect(after, `heap ${warm} → ${after} bytes after 20 refreshes`).toBeLessThanOrEqual(warm * 1.1);
  expect(afterNodes).toBe(warmNodes);

  // Leaving the wall stops its refreshing: the page it returns to does not poll.
  await page.getByTestId('wall-exit').click();
  await expect(new CockpitPage(page).root).toBeVisible();
  let polls = 0;
  page.on('request', (req) => {
    if (new URL(req.url()).pathname === '/api/v1/cockpit') polls += 1;
  });
  await page.clock.runFor(180_000);
  expect(polls).toBe(0);
});
