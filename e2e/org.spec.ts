import { DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { chooseOption, confirmPopover, toast } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { ForcedPasswordPage } from './pages/forced-password-page.ts';
import { LoginPage } from './pages/login-page.ts';
import { UnitsPage } from './pages/units-page.ts';
import { UserDetailPage } from './pages/user-detail-page.ts';
import { UsersPage } from './pages/users-page.ts';

// One story: sysAdmin creates a unit and an account, secAdmin grants a role, the new person logs in.
test.describe
  .serial('organisation and accounts', () => {
    const unitName = '城关镇便民服务中心';
    const subUnitName = '城关镇便民服务中心窗口组';
    const newUser = {
      username: 'e2e.clerk',
      displayName: '测试专员',
      unitName,
      title: '窗口专员',
      password: 'Initial-Pass-2023',
    };
    const newPassword = 'Own-Secret-2024!';

    test('sysAdmin creates a unit, and the server refuses to move it under its own sub-unit', async ({ page }) => {
      await new LoginPage(page).goto();
      await new LoginPage(page).login('admin', DEMO_PASSWORD);
      await new AppShell(page).expectNav([
        '单位管理',
        '用户管理',
        '工作日历与亮灯规则',
        '消息推送',
        '特权账号重置',
        '消息',
        '我的账号',
      ]);
      const units = new UnitsPage(page);
      await expect(units.tree).toBeVisible();
      await expect(units.node('示范县')).toContainText('县');
      await expect(units.node('城关镇')).toContainText('乡镇');

      await units.select('城关镇');
      await units.createChild(unitName, '乡镇');
      await expect(toast(page, '单位已创建')).toBeVisible();
      await expect(units.node(unitName)).toBeVisible();
      await expect(units.detail).toContainText('城关镇'); // its parent
      await units.createChild(subUnitName, '其他');
      await expect(units.node(subUnitName)).toContainText('其他');

      await units.select(unitName);
      await units.moveUnder(subUnitName);
      const parentField = units.dialog.locator('.ant-form-item').filter({ has: page.locator('#moveUnit_parentId') });
      await expect(parentField.locator('.ant-form-item-explain-error')).toHaveText(
        '不能把单位移动到它自身或其下级单位之下',
      );
      await screenshot(page, 'units-invalid-move', { isViewportOnly: true });
      await units.dialog.getByRole('button', { name: '取消' }).click();

      // Deactivate the sub-unit and bring it back.
      await units.select(subUnitName);
      await units.detail.getByRole('button', { name: '停用' }).click();
      await confirmPopover(page, '停用');
      await expect(toast(page, '单位已停用')).toBeVisible();
      await expect(units.node(subUnitName)).toContainText('已停用');
      await units.detail.getByRole('button', { name: '启用' }).click();
      await confirmPopover(page, '启用');
      await expect(toast(page, '单位已启用')).toBeVisible();
      await expect(units.node(subUnitName)).not.toContainText('已停用');

      // Rename it and change its category.
      const renamed = '城关镇政务服务窗口';
      await units.detail.getByRole('button', { name: '编辑' }).click();
      await expect(units.dialog.locator('#unit_name')).toHaveValue(subUnitName);
      await units.dialog.locator('#unit_name').fill(renamed);
      await chooseOption(page, units.dialog.locator('#unit_category'), '园区');
      await units.dialog.getByRole('button', { name: '保存' }).click();
      await expect(toast(page, '单位已更新')).toBeVisible();
      await expect(units.node(renamed)).toContainText('园区');
      await expect(units.node(subUnitName)).toHaveCount(0);

      await units.select(unitName);
      await expect(units.detail.locator('.ant-descriptions')).toContainText('下级单位数1');
      await screenshot(page, 'units');
    });

    test('sysAdmin creates an account with an initial password', async ({ page }) => {
      // Two passes through the form, the detail page and a filtered list: a long walk on a loaded machine.
      test.slow();
      await new LoginPage(page).goto();
      await new LoginPage(page).loginAndWait('admin', DEMO_PASSWORD);
      const users = new UsersPage(page);
      await users.goto();
      await expect(users.total).toHaveText(/共 \d+ 人/);
      await users.createUser({ ...newUser, username: 'x', password: 'short' });
      // The client checks what the API's own schema checks, before sending.
      await expect(users.dialog.getByText('用户名格式不正确')).toBeVisible();
      await expect(users.dialog.getByText('至少 8 位')).toBeVisible();
      await users.dialog.locator('#user_username').fill(newUser.username);
      await users.dialog.locator('#user_password').fill('alllowercase');
      await users.dialog.getByRole('button', { name: '保存' }).click();
      // The password policy is the server's: its refusal lands on the field.
      await expect(users.dialog.getByText('密码强度不足：长度不够或字符类别太少')).toBeVisible();
      await users.dialog.locator('#user_password').fill(newUser.password);
      await users.dialog.getByRole('button', { name: '保存' }).click();

      const detail = new UserDetailPage(page);
      await expect(page).toHaveURL(/\/users\/[0-9a-f-]{36}$/);
      await expect(toast(page, `用户“${newUser.displayName}”已创建`)).toBeVisible();
      await expect(detail.field('用户名')).toHaveText(newUser.username);
      await expect(detail.field('所在单位')).toHaveText(unitName);
      await expect(detail.field('职务')).toHaveText(newUser.title);
      await expect(detail.field('状态')).toContainText('待修改密码');
      await expect(detail.grantsTable).toContainText('尚未授予任何角色');

      // The same username again is refused, on the username field.
      await users.goto();
      await users.createUser(newUser);
      await expect(users.dialog.getByText('该用户名已被使用')).toBeVisible();
      await users.dialog.getByRole('button', { name: '取消' }).click();

      await users.filterUnit(unitName);
      await expect(users.row(newUser.username)).toBeVisible();
      await expect(users.total).toHaveText('共 1 人');
      await screenshot(page, 'users');
    });

    test('secAdmin grants the new account a role', async ({ page }) => {
      await new LoginPage(page).goto();
      await new LoginPage(page).login('secadmin', DEMO_PASSWORD);
      await new AppShell(page).expectNav(['用户管理', '权限分配', '特权账号重置', '消息', '我的账号']);
      const users = new UsersPage(page);
      await users.goto();
      await users.search(newUser.username);
      await expect(users.total).toHaveText('共 1 人');
      // secAdmin reads accounts but does not manage them.
      await expect(page.getByRole('button', { name: '新建用户' })).toHaveCount(0);
      await users.row(newUser.username).getByRole('link', { name: newUser.displayName }).click();

      const detail = new UserDetailPage(page);
      await expect(detail.field('用户名')).toHaveText(newUser.username);
      await detail.grantRole('联络员', unitName);
      await expect(toast(page, '角色已授予')).toBeVisible();
      const row = detail.grantsTable.locator('.ant-table-row');
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('联络员');
      await expect(row).toContainText(unitName);
      await expect(row).toContainText('本单位及下级');

      // A second role on the unit alone, then revoked again.
      await detail.grantRole('干部', unitName, false);
      await expect(row).toHaveCount(2);
      const cadreRow = row.filter({ hasText: '干部' });
      await expect(cadreRow).toContainText('仅本单位');
      await cadreRow.getByRole('button', { name: '撤销' }).click();
      await confirmPopover(page, '撤销');
      await expect(toast(page, '角色已撤销')).toBeVisible();
      await expect(row).toHaveCount(1);
      await expect(row).toContainText('联络员');
      await screenshot(page, 'user-detail');

      // Granting the same role on the same unit again names the field.
      await detail.grants.getByRole('button', { name: '授予角色' }).click();
      await chooseOption(page, detail.dialog.locator('#grant_role'), '联络员');
      await detail.dialog.getByRole('button', { name: '授予角色' }).click();
      await expect(detail.dialog.getByText('该人员在此单位已拥有此角色')).toBeVisible();
      await detail.dialog.getByRole('button', { name: '取消' }).click();

      // The grants page finds the same person and shows the same grant.
      await new AppShell(page).openNav('权限分配');
      const picker = page.getByTestId('grants-user-picker').getByRole('combobox');
      await chooseOption(page, picker, newUser.username, newUser.displayName);
      await expect(page.getByTestId('grants-table')).toContainText('联络员');
      await screenshot(page, 'grants');
    });

    test('the new person must change the password first, then sees the application', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.login(newUser.username, newUser.password);
      const forced = new ForcedPasswordPage(page);
      await expect(forced.heading).toBeVisible();
      await expect(page.getByTestId('nav')).toHaveCount(0);
      await screenshot(page, 'password-change-required');

      // Going elsewhere does not get around it.
      await page.goto('/account');
      await expect(forced.heading).toBeVisible();

      await forced.change('not-my-password', newPassword);
      const currentField = page.locator('.ant-form-item').filter({ has: forced.current });
      await expect(currentField.locator('.ant-form-item-explain-error')).toHaveText('当前密码不正确');
      await forced.change(newUser.password, newPassword);

      const shell = new AppShell(page);
      await shell.expectNav([
        '今日日清',
        '任务',
        '揭榜挂帅',
        '周结',
        '年度目标',
        '亮灯',
        '督查通报',
        '减负看板',
        '消息',
        '我的账号',
      ]);
      await expect(page).toHaveURL(/\/account$/);
      await expect(page.getByRole('heading', { name: '我的账号' })).toBeVisible();
      await expect(page.getByTestId('account-profile')).toContainText(newUser.displayName);
      await expect(page.getByText(`联络员${unitName}本单位及下级`)).toBeVisible();
      await expect(shell.userMenu).toContainText(newUser.displayName);
      await screenshot(page, 'first-login-layout');

      // The new password is the one that works from now on.
      await shell.logout('退出登录');
      await login.login(newUser.username, newUser.password);
      await expect(login.error).toHaveText('用户名或密码错误');
      await login.login(newUser.username, newPassword);
      await shell.expectNav([
        '今日日清',
        '任务',
        '揭榜挂帅',
        '周结',
        '年度目标',
        '亮灯',
        '督查通报',
        '减负看板',
        '消息',
        '我的账号',
      ]);
    });
  });
