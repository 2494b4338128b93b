import { DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { chooseOption } from './pages/antd.ts';
import { AuditPage } from './pages/audit-page.ts';
import { findCutContent } from './pages/layout.ts';
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

test('the auditor anchors the chain outside the database, and the check holds the chain against it', async ({
  page,
}) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.login('auditor', DEMO_PASSWORD);
  const audit = new AuditPage(page);
  await expect(audit.rows.first()).toBeVisible();
  await page.getByRole('button', { name: '立即锚定' }).click();
  await expect(page.locator('.ant-message')).toContainText(/已锚定：第 \d+ 条（.+），写入数据目录。/);
  const anchored = Number(((await page.locator('.ant-message').textContent()) ?? '').match(/第 (\d+) 条/)?.[1]);
  await audit.verifyChain();
  await expect(audit.verifyResult).toContainText(/哈希链完整：已校验 \d+ 条记录，未发现篡改。/);
  await expect(audit.verifyResult).toContainText(`的锚点一致（第 ${anchored} 条）`);
  // The anchor is itself in the log, after the head it anchored.
  await audit.filter({ action: 'audit.' });
  await expect.poll(() => audit.actions()).toEqual(['audit.anchor']);
  expect(await findCutContent(page)).toEqual([]);
  await screenshot(page, 'audit-anchor');
});

test('on a phone the audit log keeps time, actor and action, and the entry shows the rest', async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  const login = new LoginPage(page);
  await login.goto();
  await login.login('auditor', DEMO_PASSWORD);
  const audit = new AuditPage(page);
  await expect(audit.rows.first()).toBeVisible();
  await expect(audit.table.getByRole('columnheader', { name: '动作' })).toBeVisible();
  await expect(audit.table.getByRole('columnheader', { name: 'IP 地址' })).toHaveCount(0);
  expect(await findCutContent(page), 'the audit log fits a phone').toEqual([]);
  await audit.rows.first().locator('.ant-table-row-expand-icon').click();
  await expect(page.locator('[data-testid^="audit-detail-"]').first()).toContainText('#');
  await screenshot(page, 'audit-mobile', { isViewportOnly: true });
});
