import { DEMO_PASSWORD, expect, test } from './fixtures.ts';
import { chooseOption } from './pages/antd.ts';
import { AuditPage } from './pages/audit-page.ts';
import { LoginPage } from './pages/login-page.ts';

test('the auditor filters by target type and period, and reads an entry', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login('auditor', DEMO_PASSWORD);
  const audit = new AuditPage(page);
  await expect(audit.rows.first()).toBeVisible();

  await chooseOption(page, page.locator('#auditFilters_targetType'), '组织');
  await page.locator('form#auditFilters').getByRole('button', { name: '查询' }).click();
  await expect(page).toHaveURL(/type=organisation/);
  await expect
    .poll(() => audit.actions())
    .toEqual(['system.seedDemoTargets', 'system.seedDemoCheckIns', 'system.seedDemoTasks', 'system.seedDemo']);
  await audit.rows.nth(3).locator('.ant-table-row-expand-icon').click();
  await expect(page.locator('[data-testid^="audit-detail-"]')).toContainText('"county": "示范县"');

  // Today holds the entry; a period that ended yesterday holds nothing.
  const day = (offset: number) => {
    const d = new Date(Date.now() + offset * 86_400_000);
    return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
  };
  await page.goto(`/audit?type=organisation&from=${day(0)}&to=${day(0)}`);
  await expect
    .poll(() => audit.actions())
    .toEqual(['system.seedDemoTargets', 'system.seedDemoCheckIns', 'system.seedDemoTasks', 'system.seedDemo']);
  await page.goto(`/audit?type=organisation&from=${day(-7)}&to=${day(-1)}`);
  await expect(audit.table.locator('.ant-empty')).toBeVisible();
  await expect(audit.rows).toHaveCount(0);
  // The form shows the period of the address.
  await expect(page.locator('#auditFilters_period')).toHaveValue(day(-7));

  // Reset clears every filter.
  await page.locator('form#auditFilters').getByRole('button', { name: '重置' }).click();
  await expect(page).toHaveURL(/\/audit$/);
  await expect(audit.rows.first()).toBeVisible();
});
