import { DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { confirmPopover, toast } from './pages/antd.ts';
import { ForcedPasswordPage } from './pages/forced-password-page.ts';
import { LoginPage } from './pages/login-page.ts';
import { UsersPage } from './pages/users-page.ts';

test.beforeEach(async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login('admin', DEMO_PASSWORD);
  await expect(page.getByTestId('nav')).toBeVisible();
});

test('the users list pages and filters on the server', async ({ page }) => {
  const users = new UsersPage(page);
  await users.goto();
  const total = Number((await users.total.textContent())?.match(/\d+/)?.[0]);
  expect(total).toBeGreaterThan(500);
  const firstPage = await users.table.locator('.ant-table-row td:nth-child(2)').allInnerTexts();
  expect(firstPage).toHaveLength(20);
  await page.locator('.ant-pagination-item-2').click();
  await expect(page).toHaveURL(/page=2/);
  await expect(users.table.locator('.ant-table-row td:nth-child(2)').first()).not.toHaveText(firstPage[0] ?? '');
  const secondPage = await users.table.locator('.ant-table-row td:nth-child(2)').allInnerTexts();
  expect(secondPage.filter((u) => firstPage.includes(u))).toEqual([]);

  // A unit subtree: 城关镇 and whatever lies below it.
  await users.filterUnit('城关镇');
  await expect(page).toHaveURL(/unitId=[0-9a-f-]{36}/);
  await expect(page).not.toHaveURL(/page=2/);
  await expect(users.total).not.toHaveText(`共 ${total} 人`);
  for (const unit of await users.unitColumn()) expect(unit).toMatch(/^城关镇/);

  // Text search, together with the unit filter.
  await users.search('head');
  await expect(users.total).toHaveText('共 1 人');
  await expect(users.row('head')).toContainText('镇长');
  // The filters live in the address: a reload shows the same list.
  await page.reload();
  await expect(users.total).toHaveText('共 1 人');
  await expect(page.getByTestId('users-search').getByRole('searchbox')).toHaveValue('head');
});

test('sysAdmin edits, deactivates, reactivates an account and resets a locked one', async ({ page }) => {
  const users = new UsersPage(page);
  await users.goto('?q=zh05-05');
  const row = users.row('zh05-05');
  await row.getByRole('button', { name: '编辑' }).click();
  await users.dialog.locator('#user_title').fill('组织委员');
  await users.dialog.locator('#user_phone').fill('abc');
  await users.dialog.getByRole('button', { name: '保存' }).click();
  await expect(users.dialog.getByText('请输入有效的电话号码')).toBeVisible();
  await users.dialog.locator('#user_phone').fill('0917-5551234');
  await users.dialog.getByRole('button', { name: '保存' }).click();
  await expect(toast(page, '用户信息已保存')).toBeVisible();
  await expect(row).toContainText('组织委员');

  await row.getByRole('button', { name: '停用' }).click();
  await confirmPopover(page, '停用');
  await expect(toast(page, '账号已停用')).toBeVisible();
  await expect(row).toContainText('已停用');
  await screenshot(page, 'users-deactivated');
  await row.getByRole('button', { name: '启用' }).click();
  await confirmPopover(page, '启用');
  await expect(row).toContainText('正常');

  // A locked account: 5 wrong passwords through the API, then the reset unlocks it.
  const target = 'zh06-05';
  for (let i = 0; i < 5; i++) {
    await page.request.post('/api/v1/auth/login', { data: { username: target, password: `nope-${i}` } });
  }
  await users.goto(`?q=${target}`);
  const locked = users.row(target);
  await expect(locked).toContainText('已锁定');
  await locked.getByRole('button', { name: '重置密码' }).click();
  await users.dialog.locator('#resetPassword_password').fill('Reset-Pass-2023');
  await users.dialog.getByRole('button', { name: '重置密码' }).click();
  await expect(toast(page, '密码已重置')).toBeVisible();
  await expect(locked).not.toContainText('已锁定');
  await expect(locked).toContainText('待修改密码');

  const context = await page.context().browser()?.newContext();
  if (!context) throw new Error('no browser');
  const other = await context.newPage();
  const login = new LoginPage(other);
  await login.goto();
  await login.login(target, 'Reset-Pass-2023');
  await expect(new ForcedPasswordPage(other).heading).toBeVisible();
  await context.close();
});
