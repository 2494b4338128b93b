import { DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { AccountPage } from './pages/account-page.ts';
import { toast } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';

test('my account: profile and roles, and a personal API token that works until it is revoked', async ({
  page,
  playwright,
}) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login('supervisor', DEMO_PASSWORD);
  const account = new AccountPage(page);
  await new AppShell(page).openNav('我的账号');
  await expect(account.profile).toContainText('supervisor');
  await expect(account.profile).toContainText('县委县政府督查室');
  await expect(page.getByText('督办员示范县本单位及下级')).toBeVisible();
  await expect(account.tokensTable).toContainText('尚未创建令牌');
  await screenshot(page, 'account');

  const secret = await account.createToken('督查数据接口', '只读');
  expect(secret).toMatch(/^dbn_/);
  await expect(page.getByText('请立即复制并妥善保存此令牌。关闭此窗口后将无法再次查看。')).toBeVisible();
  await screenshot(page, 'account-token-created', { isViewportOnly: true });
  await account.dialog.locator('.ant-modal-footer').getByRole('button', { name: '关闭' }).click();
  await expect(page.getByTestId('token-secret')).toHaveCount(0);
  const row = account.tokenRow('督查数据接口');
  await expect(row).toContainText('只读');
  await expect(row).toContainText(secret.slice(0, 10));
  await expect(row).not.toContainText(secret);

  // On a phone the table keeps the name, the access and revoking, with nothing to scroll sideways.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(account.tokensTable.getByRole('columnheader', { name: '最近使用' })).toHaveCount(0);
  await row.scrollIntoViewIfNeeded();
  await expect(row.getByRole('button', { name: '撤销' })).toBeInViewport();
  expect(await findCutContent(page), 'the tokens fit a phone').toEqual([]);
  await screenshot(page, 'account-tokens-mobile', { isViewportOnly: true });
  await page.setViewportSize({ width: 1366, height: 860 });

  // The secret is real: it authenticates as this user, and stops working once revoked.
  const bearer = await playwright.request.newContext({
    baseURL: process.env.E2E_BASE_URL,
    extraHTTPHeaders: { authorization: `Bearer ${secret}` },
  });
  const me = await bearer.get('/api/v1/me');
  expect(me.status()).toBe(200);
  expect(((await me.json()) as { user: { username: string } }).user.username).toBe('supervisor');

  await account.revokeToken('督查数据接口');
  await expect(toast(page, '令牌已撤销')).toBeVisible();
  await expect(account.tokensTable).toContainText('尚未创建令牌');
  expect((await bearer.get('/api/v1/me')).status()).toBe(401);
  await bearer.dispose();
});

test('changing the password in my account: the old one stops working, the new one works', async ({ page }) => {
  const username = 'zh03-04';
  const next = 'Changed-Pass-2024';
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait(username, DEMO_PASSWORD);
  const account = new AccountPage(page);
  await account.goto();

  await account.changePassword(DEMO_PASSWORD, 'short');
  await expect(page.getByText('至少 8 位', { exact: true })).toBeVisible();
  await account.changePassword(DEMO_PASSWORD, 'longbutsimple');
  await expect(page.getByText('密码强度不足：长度不够或字符类别太少')).toBeVisible();
  await account.changePassword(DEMO_PASSWORD, next);
  await expect(toast(page, '密码已修改，其他设备上的登录已失效')).toBeVisible();

  const shell = new AppShell(page);
  await shell.logout('退出登录');
  await login.login(username, DEMO_PASSWORD);
  await expect(login.error).toHaveText('用户名或密码错误');
  await login.login(username, next);
  await shell.expectNav(['今日日清', '任务', '揭榜挂帅', '督查通报', '消息', '我的账号']);
});
