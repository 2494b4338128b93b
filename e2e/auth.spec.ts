import { DEMO_PASSWORD, expect, resetLocale, screenshot, test, watchConsole } from './fixtures.ts';
import { AppShell } from './pages/app-shell.ts';
import { AuditPage } from './pages/audit-page.ts';
import { LoginPage } from './pages/login-page.ts';

test('logs in in Chinese and sees the Chinese UI', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/login$/);
  const login = new LoginPage(page);
  await expect(page.getByRole('heading', { name: '督办' })).toBeVisible();
  await expect(page.getByText('督查督办工作平台', { exact: true })).toBeVisible();
  await expect(page.getByText('用户名', { exact: true })).toBeVisible();
  await expect(login.submit).toHaveText('登录');
  await screenshot(page, 'login');

  await login.login('leader', DEMO_PASSWORD);
  const shell = new AppShell(page);
  // A county leader lands on the cockpit, reads the people of the county and their own account, nothing of the admins'.
  await shell.expectNav([
    '数据驾驶舱',
    '任务',
    '揭榜挂帅',
    '周结',
    '年度目标',
    '亮灯',
    '督办台',
    '督查通报',
    '减负看板',
    '人员名录',
    '消息',
    '我的账号',
  ]);
  await expect(page).toHaveURL(/\/cockpit$/);
  await expect(page.getByRole('heading', { name: '数据驾驶舱', exact: true })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByTestId('cockpit-task-lights')).toContainText(/共 \d+ 项任务/);
  await expect(shell.languageSwitch).toContainText('中文');
  await screenshot(page, 'layout-zh');
});

test('switches to English and finds it remembered after logging out and in again', async ({ page, browser }) => {
  // Start from Chinese whatever an earlier run left behind.
  await resetLocale('judge');
  const login = new LoginPage(page);
  await login.goto();
  await login.login('judge', DEMO_PASSWORD);
  const shell = new AppShell(page);
  await shell.expectNav(['项目拉练', '消息', '我的账号']);
  await shell.openNav('我的账号');

  await shell.switchLanguage('English');
  await shell.expectNav(['Project rallies', 'Inbox', 'My account']);
  await expect(page.getByRole('heading', { name: 'My account' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en-US');
  await screenshot(page, 'account-en');

  await shell.logout('Log out');
  await expect(page).toHaveURL(/\/login$/);
  await expect(page.getByText('You have logged out.')).toBeVisible();

  // A fresh browser knows nothing of the choice: the login page is Chinese, and the account brings English back.
  const context = await browser.newContext();
  const fresh = await context.newPage();
  const problems = watchConsole(fresh);
  const freshLogin = new LoginPage(fresh);
  await freshLogin.goto();
  await expect(freshLogin.submit).toHaveText('登录');
  await freshLogin.login('judge', DEMO_PASSWORD);
  const freshShell = new AppShell(fresh);
  await freshShell.expectNav(['Project rallies', 'Inbox', 'My account']);
  await expect(fresh.getByRole('heading', { name: 'Project rallies' })).toBeVisible();
  await freshShell.openNav('My account');
  await expect(fresh.getByTestId('tokens-card').getByText('Personal API tokens')).toBeVisible();
  await expect(freshShell.languageSwitch).toContainText('English');
  await screenshot(fresh, 'layout-en');
  expect(problems).toEqual([]);
  await context.close();
});

test.describe
  .serial('lockout', () => {
    // A demo person of 东关镇 rather than a named demo account, so the other specs can still log in.
    const victim = 'zh02-05';

    test('five wrong passwords lock the account; the sixth attempt is told it is locked', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      for (let attempt = 1; attempt <= 4; attempt++) {
        await login.login(victim, `wrong-password-${attempt}`);
        await expect(login.error).toHaveText('用户名或密码错误');
        await expect(login.password).toHaveValue('');
      }
      await login.login(victim, 'wrong-password-5');
      await expect(login.error).toContainText('账号已被锁定');
      await login.login(victim, 'wrong-password-6');
      await expect(login.error).toContainText(
        /账号已被锁定：连续登录失败次数过多。请于 \d{4}-\d\d-\d\d \d\d:\d\d 后再试/,
      );
      // Even the right password does not open a locked account.
      await login.login(victim, DEMO_PASSWORD);
      await expect(login.error).toContainText('账号已被锁定');
      await expect(page).toHaveURL(/\/login$/);
      await screenshot(page, 'login-locked');
    });

    test('the auditor sees the failed logins and the lockout, and the hash chain is intact', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('auditor', DEMO_PASSWORD);
      const shell = new AppShell(page);
      await shell.expectNav(['审计日志', '特权账号重置', '消息', '我的账号']);
      const audit = new AuditPage(page);
      await expect(audit.rows.first()).toBeVisible();

      await audit.filter({ action: 'auth.', actor: victim });
      await expect(page).toHaveURL(/action=auth\.&actor=zh02-05/);
      // Newest first: two refusals of the locked account, the lockout, five wrong passwords.
      await expect
        .poll(() => audit.actions())
        .toEqual([
          'auth.loginFailed',
          'auth.loginFailed',
          'auth.lockout',
          'auth.loginFailed',
          'auth.loginFailed',
          'auth.loginFailed',
          'auth.loginFailed',
          'auth.loginFailed',
        ]);
      await expect(page.locator('.ant-pagination-total-text')).toHaveText('共 8 条记录');
      const lockoutRow = audit.rows.filter({ hasText: 'auth.lockout' });
      await expect(lockoutRow).toContainText('账号锁定');
      await lockoutRow.locator('.ant-table-row-expand-icon').click();
      const detail = page.locator('[data-testid^="audit-detail-"]');
      await expect(detail).toContainText('"lockedUntil"');
      await expect(detail).toContainText('"attempts": 5');

      await audit.verifyChain();
      await expect(audit.verifyResult).toContainText(/哈希链完整：已校验 \d+ 条记录，未发现篡改。/);
      await screenshot(page, 'audit');
    });
  });
