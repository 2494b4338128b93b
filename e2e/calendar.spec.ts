import type { Locator, Page } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { toast } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';

/** /calendar (sysAdmin): the year's months, the local days, the light rules. */
class CalendarPage {
  readonly workingDays: Locator;
  readonly notice: Locator;
  readonly localDays: Locator;
  readonly rules: Locator;

  constructor(readonly page: Page) {
    this.workingDays = page.getByTestId('calendar-working-days').locator('.ant-statistic-content-value');
    this.notice = page.getByTestId('calendar-notice');
    this.localDays = page.getByTestId('local-days-table');
    this.rules = page.getByTestId('light-rules-card');
  }

  async chooseYear(year: number): Promise<void> {
    await this.page
      .getByTestId('calendar-year')
      .getByText(new RegExp(`^${year}( 年)?$`))
      .click();
    await expect(this.page).toHaveURL(new RegExp(`year=${year}`));
    await expect(this.page.getByTestId(`month-${year}-01`)).toBeVisible();
  }

  day(day: string): Locator {
    return this.page.getByTestId(`day-${day}`);
  }

  month(yearMonth: string): Locator {
    return this.page.getByTestId(`month-${yearMonth}`);
  }

  /** Adds a local day through the form; the kind is what the form suggests for that day. */
  async addLocalDay(day: string, name: string): Promise<void> {
    const date = this.page.locator('#localDay_day');
    await date.click();
    await date.fill(day);
    await date.press('Enter');
    await this.page.locator('#localDay_name').fill(name);
    await this.page.getByTestId('local-day-add').click();
  }

  rule(field: string): Locator {
    return this.page.locator(`#lightRules_lightRules_${field}`);
  }

  /** The form item of a threshold, where its error shows. */
  ruleItem(field: string): Locator {
    return this.rules.locator('.ant-form-item').filter({ has: this.rule(field) });
  }

  async saveRules(): Promise<void> {
    await this.page.getByTestId('light-rules-save').click();
  }
}

/** The thresholds before the test, to put back afterwards. */
let storedRules: unknown;

test.beforeAll(async () => {
  const { api } = await apiAs('admin');
  storedRules = ((await (await api.get('/api/v1/settings')).json()) as { lightRules: unknown }).lightRules;
  await api.dispose();
});

test.afterAll(async () => {
  // Leave the shared server as the other specs expect it: no local days in 2024, the thresholds as they were.
  const { api, csrfToken } = await apiAs('admin');
  const headers = { 'x-csrf-token': csrfToken };
  expect((await api.put('/api/v1/calendar/2024', { data: { days: [] }, headers })).status()).toBe(200);
  const restored = await api.put('/api/v1/settings', { data: { lightRules: storedRules }, headers });
  expect(restored.status()).toBe(200);
  await api.dispose();
});

test('sysAdmin reads 2024’s holidays, adds a local day off and changes a light threshold', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait('admin', DEMO_PASSWORD);
  await new AppShell(page).expectNav([
    '单位管理',
    '用户管理',
    '工作日历与亮灯规则',
    '消息推送',
    '特权账号重置',
    '消息',
    '我的账号',
  ]);
  await new AppShell(page).openNav('工作日历与亮灯规则');
  const calendar = new CalendarPage(page);
  await calendar.chooseYear(2024);

  // The State Council's notice: 春节 off 10–17 February, make-up workdays on 4 and 18 February.
  await expect(calendar.notice).toContainText('国办发明电〔2023〕7号');
  await expect(calendar.notice).toContainText('2023-10-25');
  await expect(calendar.workingDays).toHaveText('251');
  await expect(calendar.day('2024-02-10')).toHaveAttribute('data-kind', 'holiday');
  await expect(calendar.day('2024-02-10')).toContainText('休');
  await expect(calendar.day('2024-02-04')).toHaveAttribute('data-kind', 'workday');
  await expect(calendar.day('2024-02-04')).toContainText('班');
  await expect(calendar.month('2024-02')).toContainText('10–17 日 春节');
  await expect(calendar.month('2024-02')).toContainText('4、18 日 春节');
  await expect(calendar.day('2024-04-07')).toContainText('班');
  await expect(calendar.month('2024-10')).toContainText('国庆节');
  await screenshot(page, 'calendar');

  // A local day off on a Friday: the form offers 休 for a working day, the count drops by one.
  await calendar.addLocalDay('2024-11-15', '县庆');
  await expect(toast(page, '工作日历已保存')).toBeVisible();
  await expect(calendar.workingDays).toHaveText('250');
  await expect(calendar.day('2024-11-15')).toHaveAttribute('data-origin', 'local');
  await expect(calendar.day('2024-11-15')).toHaveAttribute('data-kind', 'holiday');
  await expect(calendar.month('2024-11')).toContainText('15 日 县庆');
  await expect(calendar.localDays.locator('.ant-table-row')).toHaveCount(1);
  await expect(calendar.localDays).toContainText('县庆');
  await expect(calendar.localDays).toContainText('休 · 放假');

  // A threshold changed and saved; then a yellow above the red, refused on that field by the server.
  await calendar.rule('yellowBehindPace').fill('20');
  await calendar.saveRules();
  await expect(toast(page, '亮灯规则已保存')).toBeVisible();
  const { api } = await apiAs('admin');
  const settings = (await (await api.get('/api/v1/settings')).json()) as { lightRules: { yellowBehindPace: number } };
  expect(settings.lightRules.yellowBehindPace).toBe(20);
  await api.dispose();

  await calendar.rule('yellowBehindPace').fill('35');
  await calendar.saveRules();
  await expect(calendar.ruleItem('yellowBehindPace').locator('.ant-form-item-explain-error')).toHaveText(
    '须小于红灯的落后进度：先亮黄灯，再亮红灯',
  );
  await expect(calendar.ruleItem('redBehindPace').locator('.ant-form-item-explain-error')).toHaveCount(0);
  await screenshot(page, 'calendar-local-day-and-rules');

  // A year without a published notice says so.
  await calendar.chooseYear(2027);
  await expect(calendar.notice).toContainText('国务院尚未公布该年放假安排：仅按周末计算，可在此录入');
  await expect(calendar.localDays.locator('.ant-table-row')).toHaveCount(0);
  await screenshot(page, 'calendar-2027');

  // On a phone the months stack and nothing runs off the side.
  await page.setViewportSize({ width: 390, height: 844 });
  await calendar.chooseYear(2024);
  await expect(calendar.day('2024-11-15')).toHaveAttribute('data-origin', 'local');
  expect(await findCutContent(page), 'nothing cut off on the calendar page').toEqual([]);
  await screenshot(page, 'calendar-mobile', { isViewportOnly: true });
});
