import { request } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, findUserId, screenshot, test } from './fixtures.ts';
import { confirmPopover, toast } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { ForcedPasswordPage } from './pages/forced-password-page.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { PrivilegedResetsPage } from './pages/privileged-resets-page.ts';
import { UserDetailPage } from './pages/user-detail-page.ts';

/** The account whose logins this spec locks and unlocks. */
const LOCKED = 'zh11-04';

async function loginAs(page: import('@playwright/test').Page, username: string, password = DEMO_PASSWORD) {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait(username, password);
}

test.describe
  .serial('三员分立: an administrator’s password is reset by two people, never by one', () => {
    const halves: string[] = [];
    let auditorId = '';

    test.beforeAll(async () => {
      auditorId = await findUserId('auditor');
    });

    test('sysAdmin finds no ordinary reset on the auditor’s account; secAdmin opens a two-person reset', async ({
      page,
    }) => {
      await loginAs(page, 'admin');
      const detail = new UserDetailPage(page);
      await detail.goto(auditorId);
      await expect(detail.detail).toBeVisible();
      await expect(page.getByRole('button', { name: '重置密码', exact: true })).toHaveCount(0);
      await expect(page.getByTestId('privileged-reset-open')).toBeVisible();
      await new AppShell(page).logout('退出登录');

      await loginAs(page, 'secadmin');
      await detail.goto(auditorId);
      await page.getByTestId('privileged-reset-open').click();
      await confirmPopover(page, '双人重置密码');
      const resets = new PrivilegedResetsPage(page);
      halves.push(await resets.takeHalf('first'));
      await screenshot(page, 'privileged-reset-first-half', { isViewportOnly: true });
      await resets.closeHalf();
      // The opener sees it waiting for someone else.
      await new AppShell(page).openNav('特权账号重置');
      await expect(resets.row('auditor')).toContainText('等待另一名管理员确认');
      await expect(resets.row('auditor').getByTestId('privileged-reset-confirm')).toHaveCount(0);
    });

    test('sysAdmin confirms it from the resets page and gets the second half', async ({ page }) => {
      await loginAs(page, 'admin');
      await new AppShell(page).openNav('特权账号重置');
      const resets = new PrivilegedResetsPage(page);
      await expect(resets.row('auditor')).toContainText('审计员');
      await expect(resets.row('auditor')).toContainText('（安全管理员）');
      await screenshot(page, 'privileged-resets');
      await resets.row('auditor').getByTestId('privileged-reset-confirm').click();
      await confirmPopover(page, '确认重置');
      halves.push(await resets.takeHalf('second'));
      await screenshot(page, 'privileged-reset-second-half', { isViewportOnly: true });
      await resets.closeHalf();
      await expect(resets.rows).toHaveCount(0);
      await expect(page.getByText('没有待确认的重置')).toBeVisible();
    });

    test('the auditor logs in with the joined halves, must change the password, and finds both steps told', async ({
      page,
    }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.login('auditor', halves[0] ?? '');
      await expect(login.error).toHaveText('用户名或密码错误');
      const joined = `${halves[0]}${halves[1]}`;
      await login.login('auditor', joined);
      const forced = new ForcedPasswordPage(page);
      await expect(forced.heading).toBeVisible();
      await forced.change(joined, DEMO_PASSWORD);
      await expect(page).toHaveURL(/\/audit$/);
      await page.goto('/inbox');
      const told = page.getByTestId('inbox-item').filter({ hasText: '特权账号 auditor 的' });
      await expect(told).toHaveCount(2);
      await told.first().getByRole('link').click();
      await expect(page).toHaveURL(/\/privileged-resets$/);
    });

    test('on a phone the resets page with an open reset fits', async ({ page }) => {
      const { api, csrfToken } = await apiAs('secadmin');
      const opened = await api.post(`/api/v1/users/${auditorId}/privileged-reset`, {
        headers: { 'x-csrf-token': csrfToken },
      });
      expect(opened.status()).toBe(201);
      await page.setViewportSize({ width: 390, height: 844 });
      await loginAs(page, 'admin');
      const resets = new PrivilegedResetsPage(page);
      await resets.goto();
      await expect(resets.row('auditor')).toBeVisible();
      expect(await findCutContent(page), 'nothing cut off at 390 px').toEqual([]);
      await screenshot(page, 'privileged-resets-mobile');
      // Cancelled, so nothing stays open for the tests after this one.
      await resets.row('auditor').getByTestId('privileged-reset-cancel').click();
      await confirmPopover(page, '撤销');
      await expect(toast(page, '重置已撤销')).toBeVisible();
      await expect(resets.rows).toHaveCount(0);
      await api.dispose();
    });
  });

test('secAdmin lifts the lock of an account that failed its logins, and it logs in again', async ({ page }) => {
  // Five wrong passwords lock the account from this address.
  const guesser = await request.newContext({ baseURL: process.env.E2E_BASE_URL });
  const codes: number[] = [];
  for (let i = 0; i < 5; i++) {
    const res = await guesser.post('/api/v1/auth/login', { data: { username: LOCKED, password: 'Wrong-password-1' } });
    codes.push(res.status());
  }
  expect(codes).toEqual([401, 401, 401, 401, 423]);
  await guesser.dispose();
  const login = new LoginPage(page);
  await login.goto();
  await login.login(LOCKED, DEMO_PASSWORD);
  await expect(login.error).toContainText('锁定');
  await loginAs(page, 'secadmin');
  const detail = new UserDetailPage(page);
  await detail.goto(await findUserId(LOCKED));
  await expect(detail.detail).toContainText('已锁定');
  await page.getByTestId('user-unlock').click();
  await confirmPopover(page, '解除锁定');
  await expect(toast(page, '账号已解除锁定')).toBeVisible();
  await expect(detail.detail).not.toContainText('已锁定');
  await expect(page.getByTestId('user-unlock')).toHaveCount(0);
  await new AppShell(page).logout('退出登录');
  await loginAs(page, LOCKED);
});
