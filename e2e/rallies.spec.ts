import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, resetLocale, screenshot, test } from './fixtures.ts';
import { AppShell } from './pages/app-shell.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';

/** A judge lands where their scoring work will be, and is told what they will do there. */
async function expectJudgePage(page: Page): Promise<void> {
  const rallies = page.getByTestId('rallies-page');
  await expect(rallies.getByRole('heading', { name: '项目拉练比拼' })).toBeVisible();
  await expect(page.getByTestId('rallies-none')).toContainText('目前没有进行中的拉练比拼');
  const steps: [string, string][] = [
    ['open', '到达点位，打开评分页'],
    ['score', '逐项打分'],
    ['lock', '提交后锁定'],
    ['offline', '信号不好也能评'],
  ];
  for (const [step, text] of steps) {
    await expect(page.getByTestId(`rallies-step-${step}`)).toContainText(text);
  }
}

// The judge's language may have been left in English by another spec.
test.beforeEach(() => resetLocale('judge'));

test('a judge lands on the project rallies page, which says what they will do there', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login('judge', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/rallies$/);
  await new AppShell(page).expectNav(['项目拉练', '消息', '我的账号']);
  await expectJudgePage(page);
  expect(await findCutContent(page)).toEqual([]);
  await screenshot(page, 'rallies');
});

test('on a phone too, nothing cut off', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const login = new LoginPage(page);
  await login.goto();
  await login.login('judge', DEMO_PASSWORD);
  await expect(page).toHaveURL(/\/rallies$/);
  await expectJudgePage(page);
  expect(await findCutContent(page)).toEqual([]);
  await screenshot(page, 'rallies-mobile');
});
