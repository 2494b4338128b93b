import { nextWeek } from '@duban/domain';
import type { APIRequestContext } from '@playwright/test';
import ExcelJS from 'exceljs';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { toast } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { BulletinPage, BulletinsPage } from './pages/bulletins-page.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';

const DAY = 86_400_000;

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(new Date(Date.now() + days * DAY));
}

const TOWN = '城关镇';
const OLD_RED = '城关镇老旧小区改造提升工程';
const URGED = '城关镇集镇污水管网建设';
const FOREWORD =
  '各乡镇、县直各部门：现将本周全县重点任务推进情况通报如下。请红灯任务牵头单位对照问题逐项整改，限期销号。';
const OUTCOME = '已约谈城关镇分管负责同志，要求两周内完成整改';

async function send<T>(api: APIRequestContext, csrfToken: string, method: 'post' | 'put', url: string, data: object) {
  const res = await api[method](url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

interface TArranged {
  week: string;
  /** The issue as the page names it: "2026 年第 22 期". */
  issue: string;
}

/**
 * Through the API: a 城关镇 task that turned red ten days ago (made on the test clock set back), and one red since
 * today; both urged, the old one answered on time; the new one flagged for an admonition whose outcome is recorded.
 */
async function arrange(): Promise<TArranged> {
  const sup = await apiAs('supervisor');
  const head = await apiAs('head');
  const cadre = await apiAs('cadre');
  const units = (await (await sup.api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const town = units.items.find((u) => u.name === TOWN);
  if (!town) throw new Error(`no unit ${TOWN}`);
  const list = await send<{ id: string }>(sup.api, sup.csrfToken, 'post', '/api/v1/task-lists', {
    name: '城关镇城市更新重点任务清单',
    year: Number(dayFromToday(0).slice(0, 4)),
  });
  const createTask = async (title: string, start: number, due: number) => {
    const task = await send<{ id: string }>(sup.api, sup.csrfToken, 'post', `/api/v1/task-lists/${list.id}/tasks`, {
      title,
      leadUnitId: town.id,
      ownerId: cadre.userId,
      cadence: 'weekly',
      startDate: dayFromToday(start),
      dueDate: dayFromToday(due),
    });
    await send(sup.api, sup.csrfToken, 'post', `/api/v1/task-lists/${list.id}/assign`, { taskIds: [task.id] });
    await send(head.api, head.csrfToken, 'post', `/api/v1/tasks/${task.id}/acknowledge`, {});
    return task.id;
  };
  let oldRed: string;
  try {
    await send(sup.api, sup.csrfToken, 'put', '/api/v1/test/clock', {
      at: new Date(Date.now() - 10 * DAY).toISOString(),
    });
    oldRed = await createTask(OLD_RED, -70, -3);
  } finally {
    await send(sup.api, sup.csrfToken, 'put', '/api/v1/test/clock', { at: null });
  }
  const urged = await createTask(URGED, -60, -2);
  const urges = await send<{ items: { id: string; taskId: string }[] }>(
    sup.api,
    sup.csrfToken,
    'post',
    '/api/v1/escalations',
    { taskIds: [oldRed, urged], step: 'urge', reason: '红灯任务，请说明情况并提出整改措施' },
  );
  const answered = urges.items.find((e) => e.taskId === oldRed);
  await send(head.api, head.csrfToken, 'post', `/api/v1/escalations/${answered?.id}/answer`, {
    situation: '拆迁协议已签订九成',
    plan: '增派工作专班，倒排工期',
    newDueDate: dayFromToday(30),
  });
  const admonition = await send<{ items: { id: string }[] }>(sup.api, sup.csrfToken, 'post', '/api/v1/escalations', {
    taskIds: [urged],
    step: 'admonish',
    reason: '红灯久拖不决',
  });
  await send(sup.api, sup.csrfToken, 'post', `/api/v1/escalations/${admonition.items[0]?.id}/outcome`, {
    outcome: OUTCOME,
  });
  // The API opens on the last full week; the facts above are this week's.
  const lastFull = (await (await sup.api.get('/api/v1/weekly-rollups')).json()) as { week: string };
  const week = nextWeek(lastFull.week);
  for (const { api } of [sup, head, cadre]) await api.dispose();
  const [year, number] = week.split('-W');
  return { week, issue: `${year} 年第 ${Number(number)} 期` };
}

/** The day as the document dates it: "2026 年 5 月 29 日". */
function docDate(): string {
  const [year, month, day] = dayFromToday(0).split('-').map(Number);
  return `${year} 年 ${month} 月 ${day} 日`;
}

test.describe
  .serial('the supervision bulletin (督查通报): generated, approved, published, read, printed', () => {
    let arranged: TArranged;
    let bulletinUrl = '';

    test.beforeAll(async () => {
      arranged = await arrange();
    });

    test('the supervisor generates this week’s bulletin and writes its foreword', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      await new AppShell(page).openNav('督查通报');
      await expect(page).toHaveURL(/\/bulletins$/);
      const list = new BulletinsPage(page);
      // The last full week is picked first; the facts arranged are this week's, one step on.
      await expect(list.generate).toHaveText('生成该周通报');
      await page.getByTestId('week-next').click();
      await expect(list.generate).toHaveText('生成本周通报（本周尚未结束）');
      await expect(list.table).toContainText('暂无督查通报');

      await list.generate.click();
      await expect(toast(page, '已生成通报草稿')).toBeVisible();
      await expect(page).toHaveURL(/\/bulletins\/[0-9a-f-]{36}$/);
      bulletinUrl = new URL(page.url()).pathname;
      const bulletin = new BulletinPage(page);
      await expect(bulletin.state).toHaveText('草稿');
      await expect(bulletin.stamp).toHaveText('草稿');
      await expect(page.getByTestId('bulletin-issue')).toHaveText(arranged.issue);
      await expect(page.getByTestId('bulletin-issuer')).toHaveText('示范县委县政府督查室');
      await expect(bulletin.title).toContainText('全县重点任务推进情况的通报');
      // The delays list the tasks red longest first (the demo's own reds lead), each with its days red and why.
      const delays = page.getByTestId('bulletin-delays-table').locator('.ant-table-row');
      const oldRed = delays.filter({ hasText: OLD_RED });
      await expect(oldRed).toContainText('10 天');
      await expect(oldRed).toContainText('进度落后');
      const daysRed = (await delays.allInnerTexts()).map((row) => Number(/(\d+) 天/.exec(row)?.[1] ?? -1));
      expect(daysRed, 'the longest red first').toEqual([...daysRed].sort((a, b) => b - a));
      await expect(bulletin.section('units')).toContainText(TOWN);
      await expect(bulletin.section('notices')).toContainText(/按时答复 [1-9]\d* 件/);
      await expect(page.getByTestId('bulletin-unanswered')).toContainText(URGED);
      await expect(bulletin.section('admonitions')).toContainText(OUTCOME);
      await expect(bulletin.foreword).toContainText('暂无按语');

      await bulletin.writeForeword(FOREWORD);
      await screenshot(page, 'bulletin-editor', { isViewportOnly: true });
      await bulletin.save();
      await expect(toast(page, '通报已保存')).toBeVisible();
      await expect(bulletin.foreword).toHaveText(FOREWORD);
      await expect(page.getByTestId('bulletin-meta')).toContainText('生成');
      await screenshot(page, 'bulletin-draft');

      await page.getByRole('link', { name: '返回通报列表' }).click();
      await expect(list.row(arranged.issue)).toContainText('草稿');
      await expect(list.row(arranged.issue)).toContainText('未发布');
      await screenshot(page, 'bulletins');
    });

    test('a county leader approves the draft; it then changes no more', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('leader', DEMO_PASSWORD);
      await new AppShell(page).openNav('督查通报');
      const list = new BulletinsPage(page);
      await expect(list.row(arranged.issue)).toContainText('草稿');
      await expect(list.generateCard).toHaveCount(0);
      const bulletin = await list.open(arranged.issue);
      await expect(bulletin.foreword).toHaveText(FOREWORD);
      await expect(bulletin.edit).toHaveCount(0);
      await expect(bulletin.publish).toHaveCount(0);
      await bulletin.confirm(bulletin.approve, '审核通过');
      await expect(toast(page, '已审核通过，待督查室发布')).toBeVisible();
      await expect(bulletin.state).toHaveText('已审核');
      await expect(bulletin.stamp).toHaveText('待发布');
      await expect(bulletin.approve).toHaveCount(0);
      await expect(page.getByTestId('bulletin-meta')).toContainText('审核通过');
    });

    test('the supervisor publishes it', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      await page.goto(bulletinUrl);
      const bulletin = new BulletinPage(page);
      await expect(bulletin.state).toHaveText('已审核');
      await expect(bulletin.edit).toHaveCount(0);
      await expect(bulletin.regenerate).toHaveCount(0);
      await bulletin.confirm(bulletin.publish, '发布');
      await expect(toast(page, '通报已发布，已通知各单位负责人和县领导')).toBeVisible();
      await expect(bulletin.state).toHaveText('已发布');
      await expect(bulletin.stamp).toHaveCount(0);
      await expect(page.getByTestId('bulletin-date')).toHaveText(docDate());
    });

    test('a unit head finds it published in the list and the inbox, and reads it', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      await new AppShell(page).openNav('督查通报');
      const list = new BulletinsPage(page);
      await expect(list.row(arranged.issue)).toContainText('已发布');
      await expect(list.row(arranged.issue)).toContainText(docDate());
      await expect(list.generateCard).toHaveCount(0);
      const bulletin = await list.open(arranged.issue);
      await expect(bulletin.foreword).toHaveText(FOREWORD);
      await expect(bulletin.stamp).toHaveCount(0);
      for (const action of [bulletin.edit, bulletin.regenerate, bulletin.approve, bulletin.publish]) {
        await expect(action).toHaveCount(0);
      }
      await expect(bulletin.print).toBeVisible();
      await expect(bulletin.download).toBeVisible();
      // The county's tasks are named, not linked: a unit head opens only the tasks of the unit.
      await expect(page.getByTestId('bulletin-delays-table')).toContainText(OLD_RED);
      await expect(page.getByTestId('bulletin-delays-table').getByRole('link')).toHaveCount(0);
      await screenshot(page, 'bulletin-published');

      await page.goto('/inbox');
      await expect(page.getByTestId('inbox-item').filter({ hasText: '督查通报' }).first()).toContainText(
        arranged.issue,
      );
    });

    test('it prints on A4 without the application frame', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      await page.goto(bulletinUrl);
      const bulletin = new BulletinPage(page);
      await expect(bulletin.foreword).toHaveText(FOREWORD);
      // An A4 sheet's width at 96 dpi.
      await page.setViewportSize({ width: 794, height: 1123 });
      await page.emulateMedia({ media: 'print' });
      await expect(page.getByTestId('nav')).toBeHidden();
      await expect(page.getByTestId('user-menu')).toBeHidden();
      await expect(bulletin.actions).toBeHidden();
      await expect(page.getByRole('link', { name: '返回通报列表' })).toBeHidden();
      await expect(bulletin.document).toBeVisible();
      await expect(bulletin.title).toBeVisible();
      const inside = '[data-testid="bulletin-document"]';
      expect(await findCutContent(page, { within: inside, boxes: inside }), 'nothing runs out of the bulletin').toEqual(
        [],
      );
      await screenshot(page, 'bulletin-print');
    });

    test('it downloads as a workbook with a sheet per section', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      await page.goto(bulletinUrl);
      const bulletin = new BulletinPage(page);
      await expect(bulletin.document).toBeVisible();
      const file = await bulletin.downloadWorkbook();
      const [year, number] = arranged.week.split('-W');
      expect(file.name).toBe(`督查通报-${year}年第${Number(number)}期.xlsx`);
      await expect(toast(page, '已下载通报 Excel')).toBeVisible();
      const workbook = new ExcelJS.Workbook();
      await workbook.xlsx.load(file.bytes as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((s) => s.name)).toEqual([
        '概况',
        '红灯最久任务',
        '红灯较多单位',
        '催办督办答复',
        '未答复事项',
        '约谈',
      ]);
      const cells = (name: string) => {
        const texts: string[] = [];
        workbook.getWorksheet(name)?.eachRow((row) => {
          row.eachCell((cell) => {
            texts.push(String(cell.value ?? ''));
          });
        });
        return texts;
      };
      expect(cells('概况')).toContain(FOREWORD);
      expect(cells('概况')).toContain('已发布');
      expect(cells('红灯最久任务')).toContain(OLD_RED);
      expect(cells('红灯较多单位')).toContain(TOWN);
      expect(cells('未答复事项')).toContain(URGED);
      expect(cells('约谈')).toContain(OUTCOME);
    });

    test('a week before any work: its bulletin says there is nothing to report', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      await page.goto('/bulletins?week=2024-W10');
      await expect(page.getByTestId('week-label')).toHaveText('2024 年第 10 周');
      await page.getByTestId('bulletin-generate').click();
      await expect(page).toHaveURL(/\/bulletins\/[0-9a-f-]{36}$/);
      await expect(page.getByTestId('bulletin-no-data')).toContainText('没有任务亮灯、办结和督办记录');
      await expect(page.getByTestId('bulletin-document').locator('table')).toHaveCount(0);
      await screenshot(page, 'bulletin-empty-week');
    });
  });
