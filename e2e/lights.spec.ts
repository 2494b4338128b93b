import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { chooseOption, chooseTreeNode, toast } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';

const COUNTY = '示范县';
const TOWN = '城关镇';
/** A unit put under 城关镇 for the drill-down (the demo county's townships have none), removed afterwards. */
const SUB_UNIT = '城关镇网格化服务中心';
const TAG = '十件大事';
const LIVE_A = '城关镇背街小巷路灯补装';
const LIVE_B = '城关镇农贸市场雨棚改造';
const DRAFT = '城关镇公厕提升（待交办）';
const REASON = '路灯补装进度滞后，请于两个工作日内说明情况并提出整改措施。';

/** The light board (/lights). */
class LightBoard {
  readonly table: Locator;
  readonly trail: Locator;
  readonly grouping: Locator;
  readonly sweep: Locator;
  readonly sweepResult: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('lights-table');
    this.trail = page.getByTestId('lights-trail');
    this.grouping = page.getByTestId('lights-by');
    this.sweep = page.getByTestId('lights-sweep');
    this.sweepResult = page.getByTestId('lights-sweep-result');
  }

  /** A row of the table, by its name. */
  row(name: string): Locator {
    return this.table.locator('.ant-table-row').filter({ has: this.page.getByText(name, { exact: true }) });
  }

  /** The big number of one colour in the summary strip. */
  async total(light: 'red' | 'yellow' | 'green' | 'done'): Promise<number> {
    return Number(
      await this.page.getByTestId(`light-total-${light}`).locator('[data-total]').getAttribute('data-total'),
    );
  }

  /** The coloured counts of a row, by colour. */
  async counts(row: Locator): Promise<Record<string, number>> {
    const cells = row.locator('[data-light-count]');
    const result: Record<string, number> = {};
    for (const cell of await cells.all()) {
      result[(await cell.getAttribute('data-light-count')) ?? ''] = Number(await cell.textContent());
    }
    return result;
  }
}

/** The supervision desk (/supervision). */
class SupervisionDesk {
  readonly table: Locator;
  readonly raise: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.table = page.getByTestId('escalations-table');
    this.raise = page.getByTestId('supervision-raise');
    this.dialog = page.getByRole('dialog');
  }

  tab(name: string): Locator {
    return this.page.getByRole('tab', { name: new RegExp(`^${name}`) });
  }

  rows(title: string): Locator {
    return this.table.locator('.ant-table-row').filter({ has: this.page.getByRole('link', { name: title }) });
  }

  /** Picks a task in the raise dialog's picker by searching its title. */
  async pickTask(title: string): Promise<void> {
    const picker = this.dialog.getByTestId('raise-task-picker');
    await picker.click();
    await picker.locator('input').pressSequentially(title.slice(0, 6));
    const option = this.page
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: title });
    await option.first().click();
    await expect(picker).toContainText(title);
  }
}

/** POSTs as someone and insists on success. */
async function post<T>(api: APIRequestContext, csrfToken: string, url: string, data: object): Promise<T> {
  const res = await api.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `POST ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

/** The id of a unit by name, as the supervisor sees it. */
async function unitIdOf(api: APIRequestContext, name: string): Promise<string> {
  const units = (await (await api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const unit = units.items.find((u) => u.name === name);
  if (!unit) throw new Error(`no unit ${name}`);
  return unit.id;
}

test.describe
  .serial('the light board (亮灯) and the supervision desk (督办台)', () => {
    let subUnitId: string | null = null;
    let townId = '';

    test.beforeAll(async () => {
      // 城关镇 gets a child unit, so the board can drill into it.
      const admin = await apiAs('admin');
      townId = await unitIdOf(admin.api, TOWN);
      const unit = await post<{ id: string }>(admin.api, admin.csrfToken, '/api/v1/units', {
        name: SUB_UNIT,
        category: 'other',
        parentId: townId,
      });
      subUnitId = unit.id;
      await admin.api.dispose();

      // Two live tasks of 城关镇 and one left a draft, for the supervisor to escalate.
      const supervisor = await apiAs('supervisor');
      const list = await post<{ id: string }>(supervisor.api, supervisor.csrfToken, '/api/v1/task-lists', {
        name: '城关镇市政设施补短板清单',
        year: Number(dayFromToday(0).slice(0, 4)),
      });
      const ids: string[] = [];
      for (const title of [LIVE_A, LIVE_B, DRAFT]) {
        const task = await post<{ id: string }>(
          supervisor.api,
          supervisor.csrfToken,
          `/api/v1/task-lists/${list.id}/tasks`,
          { title, leadUnitId: townId, startDate: dayFromToday(-5), dueDate: dayFromToday(40) },
        );
        ids.push(task.id);
      }
      await post(supervisor.api, supervisor.csrfToken, `/api/v1/task-lists/${list.id}/assign`, {
        taskIds: ids.slice(0, 2),
      });
      await supervisor.api.dispose();
    });

    test.afterAll(async () => {
      if (!subUnitId) return;
      const admin = await apiAs('admin');
      await admin.api.delete(`/api/v1/units/${subUnitId}`, { headers: { 'x-csrf-token': admin.csrfToken } });
      await admin.api.dispose();
    });

    test('a leader reads the county’s lights, drills into 城关镇 and back, groups by tag and opens the tasks', async ({
      page,
    }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('leader', DEMO_PASSWORD);
      await new AppShell(page).openNav('亮灯');
      await expect(page).toHaveURL(/\/lights$/);
      const board = new LightBoard(page);
      await expect(board.trail).toHaveText(COUNTY);
      await expect(board.row(TOWN)).toBeVisible();
      // The demo county's tasks are lit: the summary counts them, and each row adds up to it.
      const red = await board.total('red');
      expect(red).toBeGreaterThan(0);
      await expect(page.getByTestId('light-overall')).toContainText('红灯');
      const town = await board.counts(board.row(TOWN));
      expect(town.red ?? 0).toBeGreaterThan(0);
      await screenshot(page, 'lights');

      // Into 城关镇: the breadcrumb grows, its own tasks are one row and its child unit another.
      await board.row(TOWN).getByTestId('lights-drill').click();
      await expect(page).toHaveURL(/\/lights\?unitId=[0-9a-f-]{36}$/);
      await expect(board.trail).toHaveText(`${COUNTY}/${TOWN}`);
      await expect(board.row('本单位牵头')).toBeVisible();
      // A unit without tasks is left out unless asked for.
      await expect(board.row(SUB_UNIT)).toHaveCount(0);
      await page.getByTestId('lights-show-empty').click();
      await expect(board.row(SUB_UNIT)).toBeVisible();
      await expect(board.row(SUB_UNIT)).toContainText('未亮灯');
      expect((await board.counts(board.row('本单位牵头'))).red).toBe(town.red);
      expect(await board.total('red')).toBe(town.red);
      await screenshot(page, 'lights-unit');

      // Back up through the breadcrumb; the browser's back and forward replay the steps.
      await board.trail.getByRole('link', { name: COUNTY }).click();
      await expect(page).toHaveURL(/\/lights$/);
      await expect(board.trail).toHaveText(COUNTY);
      await expect(board.row(TOWN)).toBeVisible();
      expect(await board.total('red')).toBe(red);
      await page.goBack();
      await expect(board.trail).toHaveText(`${COUNTY}/${TOWN}`);
      await page.goForward();
      await expect(board.trail).toHaveText(COUNTY);

      // Only the townships.
      await chooseOption(page, page.getByTestId('lights-category').getByRole('combobox'), '乡镇');
      await expect(page).toHaveURL(/category=township/);
      await expect
        .poll(
          async () => new Set(await board.table.locator('.ant-table-row .ant-tag:not([data-light])').allInnerTexts()),
        )
        .toEqual(new Set(['乡镇']));

      // By tag: 十件大事 and its count, then its tasks.
      await board.grouping.getByText('按标签').click();
      await expect(page).toHaveURL(/by=tag/);
      await expect(board.row(TAG)).toBeVisible();
      expect((await board.counts(board.row(TAG))).red ?? 0).toBeGreaterThan(0);
      await screenshot(page, 'lights-tags');

      await board.grouping.getByText('按牵头领导').click();
      await expect(page).toHaveURL(/by=leader/);
      await expect(board.table.locator('.ant-table-row').first()).toBeVisible();

      await board.grouping.getByText('按标签').click();
      await board.row(TAG).getByTestId('lights-view-tasks').click();
      await expect(page).toHaveURL(new RegExp(`/tasks\\?tag=${encodeURIComponent(TAG)}&includeSubtasks=true$`));
      await expect(page.getByRole('heading', { name: '任务', exact: true })).toBeVisible();
      await expect(page.getByTestId('tasks-table').locator('.ant-table-row').first()).toBeVisible();
    });

    test('on a 375 px phone the board fits the screen', async ({ page }) => {
      await page.setViewportSize({ width: 375, height: 812 });
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('leader', DEMO_PASSWORD);
      await page.goto('/lights');
      const board = new LightBoard(page);
      await expect(board.row(TOWN)).toBeVisible();
      await expect(page.getByTestId('light-summary')).toBeVisible();
      expect(await findCutContent(page), 'the board fits a phone').toEqual([]);
      // The first screen, as the phone shows it (the whole county's list runs long).
      await screenshot(page, 'lights-mobile', { isViewportOnly: true });
    });

    test('on a 390 px phone the desk shows every tab, its filters above them', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      await page.goto('/supervision');
      const tabs = page.getByTestId('supervision-tabs');
      for (const name of ['进行中', '逾期未答复', '已答复', '全部', '我的待办']) {
        // A tab's name carries its counts once there are escalations (进行中 4 7).
        await expect(tabs.getByRole('tab', { name: new RegExp(`^${name}( |$)`) }), name).toBeInViewport();
      }
      await expect(page.getByTestId('supervision-step')).toBeInViewport();
      expect(await findCutContent(page), 'the desk fits a phone').toEqual([]);
      await screenshot(page, 'supervision-mobile', { isViewportOnly: true });
    });

    test('the supervisor runs the sweep from the board and urges two tasks from the desk', async ({ page }) => {
      // A whole morning at the desk in one story: sweep, raise, a refused draft, urge again, filters.
      test.slow();
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const shell = new AppShell(page);
      await shell.openNav('亮灯');
      const board = new LightBoard(page);
      await board.sweep.click();
      await expect(board.sweepResult).toContainText(/研判完成：\d+ 盏灯变化，发起 \d+ 项督办措施/);
      await expect(board.sweepResult).toContainText(/共研判 \d+ 项在办任务/);
      await screenshot(page, 'lights-sweep');

      await shell.openNav('督办台');
      await expect(page).toHaveURL(/\/supervision$/);
      const desk = new SupervisionDesk(page);
      await expect(desk.tab('进行中')).toHaveAttribute('aria-selected', 'true');
      // The sweep urged the red tasks: they wait for their answers, oldest first.
      await expect(desk.table.locator('.ant-table-row').first()).toBeVisible();

      await desk.raise.click();
      await expect(desk.dialog).toContainText('发起督办');
      await desk.pickTask(LIVE_A);
      await desk.pickTask(DRAFT);
      await desk.dialog.getByTestId('raise-reason').fill(REASON);
      await screenshot(page, 'supervision-raise', { isViewportOnly: true });
      await desk.dialog.getByRole('button', { name: '发起催办' }).click();
      // A draft cannot be escalated: the field names it, and nothing was raised.
      await expect(desk.dialog.locator('.ant-form-item-explain-error')).toHaveText(
        `「${DRAFT}」为草稿、已办结或已撤销，不能督办`,
      );
      await screenshot(page, 'supervision-raise-error', { isViewportOnly: true });
      await desk.dialog
        .getByTestId('raise-task-picker')
        .locator('.ant-select-selection-item')
        .filter({ hasText: DRAFT })
        .locator('.ant-select-selection-item-remove')
        .click();
      await desk.pickTask(LIVE_B);
      await desk.dialog.getByRole('button', { name: '发起催办' }).click();
      await expect(toast(page, '已对 2 项任务发起催办')).toBeVisible();
      await expect(desk.dialog).toBeHidden();

      // Both wait for an answer among 城关镇's, raised by the supervisor by hand (the sweep's come first: oldest first).
      await chooseTreeNode(page, page.getByTestId('supervision-unit').getByRole('combobox'), TOWN);
      await expect(page).toHaveURL(/unitId=[0-9a-f-]{36}/);
      for (const title of [LIVE_A, LIVE_B]) {
        const row = desk.rows(title);
        await expect(row).toHaveCount(1);
        await expect(row).toContainText('催办');
        await expect(row).toContainText('待答复');
        await expect(row).toContainText(TOWN);
        await expect(row).toContainText('0 天');
        await expect(row).not.toContainText('系统');
      }
      await expect(desk.rows(DRAFT)).toHaveCount(0);
      await desk.rows(LIVE_A).locator('.ant-table-row-expand-icon').click();
      await expect(page.getByTestId('escalation-detail')).toContainText(REASON);
      await screenshot(page, 'supervision');

      // Urge again, from the row.
      await desk.rows(LIVE_B).getByTestId('escalation-urge-again').click();
      await expect(desk.dialog).toContainText(LIVE_B);
      await desk.dialog.getByTestId('raise-reason').fill('请尽快答复。');
      await desk.dialog.getByRole('button', { name: '发起催办' }).click();
      await expect(toast(page, '已对 1 项任务发起催办')).toBeVisible();
      await expect(desk.rows(LIVE_B)).toHaveCount(2);

      // Everything, and the step filter, live in the address.
      await desk.tab('全部').click();
      await expect(page).toHaveURL(/tab=all/);
      await chooseOption(page, page.getByTestId('supervision-step').getByRole('combobox'), '催办');
      await expect(page).toHaveURL(/step=urge/);
      await expect(desk.rows(LIVE_A)).toHaveCount(1);
    });

    test('a leader reads the desk without the supervisors’ actions', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('leader', DEMO_PASSWORD);
      // Every urge of 城关镇, newest first: the supervisor's among them (the ladder's browser test, run earlier on the
      // same server, let days pass and left later steps of its own).
      await page.goto(`/supervision?tab=all&unitId=${townId}&step=urge`);
      const desk = new SupervisionDesk(page);
      await expect(desk.tab('全部')).toHaveAttribute('aria-selected', 'true');
      await expect(page.getByTestId('supervision-unit')).toContainText(TOWN);
      await expect(desk.rows(LIVE_A)).toHaveCount(1);
      await expect(desk.raise).toHaveCount(0);
      await expect(page.getByTestId('escalation-urge-again')).toHaveCount(0);
      await desk.tab('我的待办').click();
      await expect(page).toHaveURL(/tab=mine/);
      await expect(desk.table).toBeVisible();
    });
  });
