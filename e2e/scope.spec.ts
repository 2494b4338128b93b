import { DEMO_PASSWORD, expect, findUserId, screenshot, test } from './fixtures.ts';
import { AppShell } from './pages/app-shell.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { UserDetailPage } from './pages/user-detail-page.ts';
import { UsersPage } from './pages/users-page.ts';

test('a cadre opening the address of a user out of scope sees the not-found page', async ({ page }) => {
  // cadre2 works in 县发展和改革局; cadre in 城关镇 may see only themself.
  const outOfScopeId = await findUserId('cadre2');
  const ownId = await findUserId('cadre');
  const login = new LoginPage(page);
  await login.goto();
  await login.login('cadre', DEMO_PASSWORD);
  await new AppShell(page).expectNav(['今日日清', '任务', '揭榜挂帅', '督查通报', '消息', '我的账号']);

  const detail = new UserDetailPage(page);
  await detail.goto(outOfScopeId);
  const notFound = page.getByTestId('not-found');
  await expect(notFound).toBeVisible();
  await expect(notFound).toContainText('页面不存在');
  await expect(notFound).toContainText('您访问的页面或记录不存在，或不在您的查看范围内。');
  await expect(detail.detail).toHaveCount(0);
  await screenshot(page, 'not-found-user');

  // Their own record opens, with their own grants: the not-found page above is about scope, not a broken page.
  await detail.goto(ownId);
  await expect(detail.field('用户名')).toHaveText('cadre');
  await expect(detail.grantsTable).toContainText('干部');
  await expect(detail.grantsTable).toContainText('仅本单位');
  await expect(notFound).toHaveCount(0);

  // Sections of other roles, unknown addresses and malformed ids all look the same.
  for (const path of ['/units', '/audit', '/rallies', '/users', '/no-such-page', '/users/not-an-id']) {
    await page.goto(path);
    await expect(notFound, path).toBeVisible();
  }
  await notFound.getByRole('button', { name: '返回首页' }).click();
  await expect(page).toHaveURL(/\/today$/);
});

test('a unit head sees the people of their own township only', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login('head', DEMO_PASSWORD);
  const shell = new AppShell(page);
  await shell.expectNav([
    '今日日清',
    '数据驾驶舱',
    '任务',
    '揭榜挂帅',
    '周结',
    '年度目标',
    '亮灯',
    '督查通报',
    '减负看板',
    '人员名录',
    '消息推送',
    '消息',
    '我的账号',
  ]);
  await shell.openNav('人员名录');
  const users = new UsersPage(page);
  await expect(users.table.locator('.ant-table-row').first()).toBeVisible();
  const units = await users.unitColumn();
  expect(units.length).toBeGreaterThan(3);
  expect(units).toContain('城关镇');
  // 城关镇 and the units below it (another spec may have added one): no other township, no department.
  for (const unit of units) expect(unit).toMatch(/^城关镇/);
  // Read-only: no account management here.
  await expect(page.getByRole('button', { name: '新建用户' })).toHaveCount(0);
  await expect(users.table.getByRole('button', { name: '重置密码' })).toHaveCount(0);
});

test('on a 390 px wide phone the layout folds its navigation into a drawer and nothing overflows', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const login = new LoginPage(page);
  await login.goto();
  await screenshot(page, 'login-mobile');
  await login.loginAndWait('admin', DEMO_PASSWORD);
  const users = new UsersPage(page);
  await page.goto('/users');
  await expect(users.table.locator('.ant-table-row').first()).toBeVisible();
  await expect(page.getByTestId('nav')).toHaveCount(0);
  expect(await findCutContent(page), 'nothing cut off on the page').toEqual([]);
  await screenshot(page, 'users-mobile');

  await page.getByRole('button', { name: '菜单' }).click();
  const shell = new AppShell(page);
  await shell.expectNav(['单位管理', '用户管理', '工作日历与亮灯规则', '消息推送', '特权账号重置', '消息', '我的账号']);
  await screenshot(page, 'nav-mobile', { isViewportOnly: true });
  await shell.openNav('单位管理');
  await expect(page.getByTestId('unit-tree')).toBeVisible();
  await expect(page.getByTestId('nav')).toBeHidden();
  expect(await findCutContent(page), 'nothing cut off on the units page').toEqual([]);
  await screenshot(page, 'units-mobile');
});
