import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { nextWeek } from '@duban/domain';
import type { APIRequestContext } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { chooseTreeNode, toast } from './pages/antd.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { BurdenPage, WeeklyReportPage, WeeklyRollupsPage } from './pages/weekly-rollups-page.ts';

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

const TOWN = '城关镇';
const TASK = '城关镇老街雨污分流改造';
const MILESTONE = '完成管网勘察';
const DONE = '完成老街北段 320 米管网勘察';
const NEXT = '下周启动南段开挖';
const BLOCKER = '南段两户商铺尚未签订临时占道协议';
const ANNOTATION = '南段占道协议由镇城建办牵头，本周五前协调到位。';

interface TArranged {
  week: string;
  taskId: string;
  cadreName: string;
}

/** POSTs as someone and insists on success. */
async function post<T>(api: APIRequestContext, csrfToken: string, url: string, data: object): Promise<T> {
  const res = await api.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `POST ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/**
 * Through the API: the supervisor gives 城关镇 a task owned by the cadre with one milestone and assigns it, the head
 * acknowledges it, and the cadre opens the check-in screen and checks in (30 %, a line done, next, a blocker, the
 * milestone reached).
 */
async function arrangeWeek(): Promise<TArranged> {
  const supervisor = await apiAs('supervisor');
  const units = (await (await supervisor.api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const town = units.items.find((u) => u.name === TOWN);
  if (!town) throw new Error(`no unit ${TOWN}`);
  const users = (await (
    await supervisor.api.get('/api/v1/users', { params: { q: 'cadre', pageSize: 50 } })
  ).json()) as {
    items: { id: string; username: string; displayName: string }[];
  };
  const cadre = users.items.find((u) => u.username === 'cadre');
  if (!cadre) throw new Error('no user cadre');
  const list = await post<{ id: string }>(supervisor.api, supervisor.csrfToken, '/api/v1/task-lists', {
    name: '城关镇基础设施补短板清单',
    year: Number(dayFromToday(0).slice(0, 4)),
  });
  const task = await post<{ id: string; milestones: { id: string; title: string }[] }>(
    supervisor.api,
    supervisor.csrfToken,
    `/api/v1/task-lists/${list.id}/tasks`,
    {
      title: TASK,
      leadUnitId: town.id,
      ownerId: cadre.id,
      startDate: dayFromToday(0),
      dueDate: dayFromToday(60),
      milestones: [{ title: MILESTONE, dueDate: dayFromToday(20) }],
    },
  );
  await post(supervisor.api, supervisor.csrfToken, `/api/v1/task-lists/${list.id}/assign`, {});
  // The API opens on the last full week; the check-ins below fall in the week after it, the current one.
  const lastFull = (await (await supervisor.api.get('/api/v1/weekly-rollups')).json()) as { week: string };
  const current = { week: nextWeek(lastFull.week) };
  await supervisor.api.dispose();

  const head = await apiAs('head');
  await post(head.api, head.csrfToken, `/api/v1/tasks/${task.id}/acknowledge`, {});
  await head.api.dispose();

  const me = await apiAs('cadre');
  // Opening the check-in screen is what the burden meter counts as asked.
  expect((await me.api.get('/api/v1/me/today')).status()).toBe(200);
  const milestone = task.milestones.find((m) => m.title === MILESTONE);
  await post(me.api, me.csrfToken, '/api/v1/check-ins', {
    clientId: randomUUID(),
    recordedAt: new Date().toISOString(),
    openSeconds: 96,
    entries: [
      {
        taskId: task.id,
        progress: 30,
        done: DONE,
        next: NEXT,
        blocker: BLOCKER,
        milestoneIds: milestone ? [milestone.id] : [],
      },
    ],
  });
  await me.api.dispose();
  return { week: current.week, taskId: task.id, cadreName: cadre.displayName };
}

test.describe
  .serial('the weekly roll-up (周结) from check-ins to the confirmed weekly report', () => {
    let arranged: TArranged;

    test.beforeAll(async () => {
      arranged = await arrangeWeek();
    });

    test('the supervisor generates the week’s roll-ups with the button', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const rollups = new WeeklyRollupsPage(page);
      await page.getByTestId('nav').getByRole('menuitem', { name: '周结' }).click();
      await expect(rollups.table).toBeVisible();
      // The last full week is the default; one step on is the current week, where the check-ins are.
      await expect(rollups.weekLabel).not.toHaveText(
        `${arranged.week.split('-W')[0]} 年第 ${Number(arranged.week.split('-W')[1])} 周`,
      );
      await page.getByTestId('week-next').click();
      const [year, number] = arranged.week.split('-W');
      await expect(rollups.weekLabel).toHaveText(`${year} 年第 ${Number(number)} 周`);
      await expect(page.getByTestId('week-next')).toBeDisabled();
      // The unit filter is offered to the whole county's supervisor.
      await expect(page.getByTestId('rollup-unit-filter')).toBeVisible();

      await rollups.generate.click();
      await expect(toast(page, /已生成 \d+ 份周结/)).toBeVisible();
      await expect(rollups.row(TOWN)).toContainText('待确认');
      await screenshot(page, 'weekly-rollups');

      // One unit of the county: the filter lives in the address too.
      await chooseTreeNode(page, page.getByTestId('rollup-unit-filter').getByRole('combobox'), TOWN);
      await expect(page).toHaveURL(/unitId=[0-9a-f-]{36}/);
      await expect(rollups.table.locator('.ant-table-row')).toHaveCount(1);
      await expect(rollups.row(TOWN)).toBeVisible();

      // The week lives in the address: a step back and forward again.
      await page.getByTestId('week-previous').click();
      await expect(page).toHaveURL(/week=\d{4}-W\d{2}/);
      await expect(rollups.weekLabel).not.toHaveText(`${year} 年第 ${Number(number)} 周`);
      await page.getByTestId('week-next').click();
      await expect(page).toHaveURL(new RegExp(`week=${arranged.week}`));
      await expect(rollups.row(TOWN)).toBeVisible();
    });

    test('the unit head reads 城关镇’s week, confirms it with an annotation and downloads the weekly report', async ({
      page,
    }) => {
      // The whole of a unit head's Friday in one story: list, roll-up, phone, confirmation, report, workbook.
      test.slow();
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      const rollups = new WeeklyRollupsPage(page);
      await page.getByTestId('nav').getByRole('menuitem', { name: '周结' }).click();
      // The list opens on the last full week (the demo's); this week's roll-up is one step on.
      await expect(rollups.table).toBeVisible();
      await page.getByTestId('week-next').click();
      await expect(page).toHaveURL(new RegExp(`week=${arranged.week}`));
      await expect(rollups.row(TOWN)).toContainText('待确认');

      const rollup = await rollups.open(TOWN);
      await expect(rollup.state).toHaveText('待确认');
      const week = rollup.task(TASK);
      await expect(week).toContainText('0% → 30%');
      await expect(week).toContainText('+30');
      await expect(week).toContainText(DONE);
      await expect(week).toContainText(NEXT);
      await expect(week).toContainText(BLOCKER);
      await expect(week).toContainText(`✓ ${MILESTONE}`);
      await expect(rollup.highlights).toContainText(TASK);
      await expect(rollup.blockers).toContainText(BLOCKER);
      await expect(rollup.page.getByTestId('figure-milestonesMet')).not.toHaveText('0');
      await screenshot(page, 'weekly-rollup-draft');

      // Unit heads confirm on phones too: the draft with its confirmation form fits one.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(rollup.tasks.getByTestId('rollup-task').filter({ hasText: TASK })).toContainText(BLOCKER);
      await expect(rollup.confirmCard).toBeVisible();
      expect(await findCutContent(page), 'the draft roll-up fits a phone').toEqual([]);
      await screenshot(page, 'weekly-rollup-mobile-draft');
      await page.setViewportSize({ width: 1366, height: 860 });

      await rollup.confirm(ANNOTATION);
      await expect(toast(page, '周结已确认，已进入周报')).toBeVisible();
      await expect(rollup.state).toHaveText('已确认');
      await expect(rollup.confirmation).toContainText(/于 \d{4}-\d{2}-\d{2} \d{2}:\d{2} 确认/);
      await expect(rollup.confirmation).toContainText(ANNOTATION);
      await expect(rollup.confirmCard).toHaveCount(0);
      await screenshot(page, 'weekly-rollup-confirmed');

      // The task's line leads to the task.
      await rollup.task(TASK).getByRole('link', { name: TASK }).click();
      await expect(page).toHaveURL(new RegExp(`/tasks/${arranged.taskId}$`));
      await page.goBack();

      await page.getByTestId('rollup-open-report').click();
      const report = new WeeklyReportPage(page);
      await expect(report.title).toHaveText(`${TOWN}周报`);
      await expect(report.unit(TOWN)).toContainText(ANNOTATION);
      await expect(report.unit(TOWN)).toContainText(DONE);
      await expect(report.totals).toContainText('1 / 1');
      await screenshot(page, 'weekly-report');

      const file = await report.downloadWorkbook();
      expect(file.name).toBe(`周报-${TOWN}-${arranged.week}.xlsx`);
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
      const units = workbook.getWorksheet('单位周结');
      expect(units, 'the sheet 单位周结').toBeDefined();
      const cells: string[] = [];
      units?.eachRow((row) => {
        row.eachCell((cell) => {
          cells.push(String(cell.value ?? ''));
        });
      });
      expect(cells).toContain(TOWN);
      expect(cells).toContain(ANNOTATION);
      expect(workbook.getWorksheet('任务周结')?.rowCount).toBeGreaterThan(1);
    });

    test('the weekly report prints without the application frame', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      const report = new WeeklyReportPage(page);
      await report.goto(arranged.week);
      await expect(report.unit(TOWN)).toBeVisible();
      // What an A4 sheet leaves inside its 15 mm margins, at 96 dpi.
      await page.setViewportSize({ width: 680, height: 1009 });
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('nav')).toBeHidden();
      await expect(page.getByTestId('user-menu')).toBeHidden();
      await expect(report.download).toBeHidden();
      await expect(report.print).toBeHidden();
      await expect(page.getByTestId('week-picker')).toBeHidden();
      // The masthead names the unit, the week with its dates, and the day it was printed; the screen's title gives way.
      await expect(report.masthead).toBeVisible();
      await expect(report.masthead.locator('h1')).toHaveText(`${TOWN}周报`);
      await expect(report.masthead).toContainText(`单位：${TOWN}`);
      const [year, number] = arranged.week.split('-W');
      await expect(report.masthead).toContainText(`周次：${year} 年第 ${Number(number)} 周（`);
      await expect(report.masthead).toContainText(`打印日期：${dayFromToday(0)}`);
      await expect(report.title).toBeHidden();
      await expect(report.unit(TOWN)).toContainText(BLOCKER);
      // Every column header of the task table reads on one line.
      const headers = report.unit(TOWN).locator('.ant-table-thead th');
      await expect(headers).toHaveCount(6);
      const lines = await headers.evaluateAll((cells) =>
        cells.map((cell) => {
          const range = document.createRange();
          range.selectNodeContents(cell);
          const tops = new Set([...range.getClientRects()].map((r) => Math.round(r.top)));
          return `${cell.textContent}: ${tops.size}`;
        }),
      );
      expect(lines).toEqual(lines.map((line) => line.replace(/\d+$/, '1')));
      // Nothing in the report, its task table included, runs out of it.
      const inside = '[data-testid="weekly-report"]';
      expect(await findCutContent(page, { within: inside, boxes: inside }), 'nothing runs out of the report').toEqual(
        [],
      );
      await screenshot(page, 'weekly-report-print');
      // On paper: A4 portrait, the masthead on the first sheet.
      const pdf = await page.pdf({
        path: path.join(import.meta.dirname, 'screenshots', 'weekly-report-print.pdf'),
        preferCSSPageSize: true,
      });
      expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
      await page.emulateMedia({ media: 'screen' });
      await expect(report.masthead).toBeHidden();
      await expect(report.title).toBeVisible();
    });

    test('the supervisor reads the county’s report, with the units still pending', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const report = new WeeklyReportPage(page);
      await report.goto(arranged.week);
      await expect(report.title).toHaveText('全县周报');
      await expect(report.unit(TOWN)).toContainText(ANNOTATION);
      await expect(report.pending).toBeVisible();
      await expect(report.pending).not.toContainText(TOWN);
    });

    test('the supervisor’s burden meter shows what 城关镇 was asked, and its people by name', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      await page.getByTestId('nav').getByRole('menuitem', { name: '减负看板' }).click();
      const burden = new BurdenPage(page);
      await expect(burden.explanation).toContainText('不衡量任何人的工作表现');
      await expect(burden.unitRow(TOWN)).toBeVisible();
      const town = await burden.figures(burden.units, burden.unitRow(TOWN));
      expect(town['实际填报（条）']).toBeGreaterThan(0);
      expect(town['要求填报（条）']).toBeGreaterThan(0);
      expect(town['页面打开（分钟）']).toBeGreaterThan(0);
      await screenshot(page, 'burden');

      await burden.openUnit(TOWN);
      await expect(burden.personRow(arranged.cadreName)).toBeVisible();
      const cadre = await burden.figures(burden.people, burden.personRow(arranged.cadreName));
      expect(cadre['实际填报（条）']).toBeGreaterThanOrEqual(1);
      expect(cadre['实际填写（项）']).toBeGreaterThanOrEqual(3);
      // People are listed by name, never ranked by what they entered.
      const names = await burden.people.locator('.ant-table-row td:first-child').allInnerTexts();
      expect(names).toEqual([...names].sort(new Intl.Collator('zh-CN').compare));
      await screenshot(page, 'burden-unit');

      // On a phone the table keeps what was asked, what was entered and the time, with nothing to scroll sideways.
      await page.setViewportSize({ width: 390, height: 844 });
      await expect(burden.people.getByRole('columnheader', { name: '实际填报（条）' })).toBeVisible();
      await expect(burden.people.getByRole('columnheader', { name: '要求填写（项）' })).toHaveCount(0);
      expect(await findCutContent(page), 'the burden meter fits a phone').toEqual([]);
      await screenshot(page, 'burden-unit-mobile', { isViewportOnly: true });
    });

    test('the unit head reads the confirmed roll-up on a phone', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      const rollups = new WeeklyRollupsPage(page);
      await rollups.goto(`?week=${arranged.week}`);
      await expect(rollups.row(TOWN)).toContainText('已确认');
      expect(await findCutContent(page), 'the roll-up list fits a phone').toEqual([]);
      await screenshot(page, 'weekly-rollups-mobile');
      const rollup = await rollups.open(TOWN);
      await expect(rollup.state).toHaveText('已确认');
      await expect(rollup.tasks.getByTestId('rollup-task').filter({ hasText: TASK })).toContainText(BLOCKER);
      expect(await findCutContent(page), 'the roll-up fits a phone').toEqual([]);
      await screenshot(page, 'weekly-rollup-mobile');

      const report = new WeeklyReportPage(page);
      await report.goto(arranged.week);
      await expect(report.unit(TOWN)).toBeVisible();
      expect(await findCutContent(page), 'the report fits a phone').toEqual([]);
    });
  });

test('周结 and 减负看板 open on the last full week with its data; a week without data says so', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait('supervisor', DEMO_PASSWORD);
  const rollups = new WeeklyRollupsPage(page);
  await page.goto('/weekly-rollups');
  const { week } = (await (await page.request.get('/api/v1/weekly-rollups')).json()) as { week: string };
  const [year, number] = week.split('-W');
  await expect(rollups.weekLabel).toHaveText(`${year} 年第 ${Number(number)} 周`);
  await expect(page.getByTestId('week-next')).toBeEnabled();
  await expect(rollups.table.locator('.ant-table-row').first()).toBeVisible();
  await screenshot(page, 'weekly-rollups-last-full-week');
  await page.goto('/weekly-rollups?week=2024-W10');
  await expect(page.getByTestId('rollups-empty')).toContainText('2024 年第 10 周没有周结');
  await screenshot(page, 'weekly-rollups-empty-week');

  await page.goto('/burden');
  await expect(page.getByTestId('week-label')).toHaveText(`${year} 年第 ${Number(number)} 周`);
  await expect(page.getByTestId('burden-units').locator('.ant-table-row').first()).toBeVisible();
  await screenshot(page, 'burden-last-full-week');
  await page.goto('/burden?week=2024-W10');
  await expect(page.getByTestId('burden-units-empty')).toContainText('2024 年第 10 周没有数据');
  await screenshot(page, 'burden-empty-week');
});
