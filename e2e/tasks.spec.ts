import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { chooseOption, chooseTreeNode, toast } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { InboxBell } from './pages/inbox.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { TaskPage } from './pages/task-page.ts';
import { TasksPage } from './pages/tasks-page.ts';
import { fillTemplate, makePng, readColumn, type TTemplateRow } from './task-files.ts';

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

const LIST = '2026 年城乡建设攻坚清单';
const MAIN_TASK = '城关镇背街小巷提升改造';
const TOWNS = ['东关镇', '西河镇', '南山镇', '北坪镇', '青石镇', '龙潭镇', '白云镇', '红岩乡', '桃花乡', '松林乡'];

/** Twenty task rows for the import; the main one leads from 城关镇 with a co-unit and the cadre as owner. */
function taskRows(): TTemplateRow[] {
  const start = dayFromToday(0);
  const due = dayFromToday(90);
  const main: TTemplateRow = {
    任务名称: MAIN_TASK,
    任务来源: '民生实事',
    标签: '民生实事',
    六个一线: '基层一线',
    优先级: '重要',
    牵头领导: 'leader',
    牵头单位: '城关镇',
    配合单位: '县发展和改革局',
    责任人: 'cadre',
    汇报频次: '每周',
    开始日期: start,
    截止日期: due,
    工作目标: '完成 18 条背街小巷路面、排水和照明改造',
    指标: '改造街巷:18条',
    交付成果: '竣工验收报告',
    承诺: '确保按期完成，群众满意',
    节点: `完成设计@${dayFromToday(20)}；完成施工@${dayFromToday(80)}#3`,
  };
  const others = Array.from({ length: 19 }, (_, i) => ({
    任务名称: `${TOWNS[i % TOWNS.length]}人居环境整治第 ${i + 1} 批`,
    任务来源: '政府工作报告',
    标签: '人居环境',
    六个一线: '振兴一线',
    牵头单位: TOWNS[i % TOWNS.length] ?? '东关镇',
    开始日期: start,
    截止日期: due,
    节点: `完成整治@${dayFromToday(60)}`,
  }));
  return [main, ...others];
}

test.describe
  .serial('a task list from the Excel import to a closed task', () => {
    let taskId = '';

    test('the supervisor imports a workbook with two bad rows, then the corrected one, and assigns the list', async ({
      page,
    }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const tasks = new TasksPage(page);
      await tasks.goto();
      await expect(tasks.table.locator('.ant-table-row').first()).toBeVisible();
      await screenshot(page, 'tasks');

      await tasks.createList(LIST, 2026);
      await expect(page).toHaveURL(/listId=[0-9a-f-]{36}/);
      await expect(tasks.listCounts).toHaveText('0 项任务，0 项草稿');
      // A new task starts in the list in view.
      await page.getByTestId('tasks-new').click();
      const form = page.getByRole('dialog');
      await expect(form.locator('.ant-form-item').filter({ hasText: '所属清单' })).toContainText(LIST);
      await form.getByRole('button', { name: /取\s*消/ }).click();
      await expect(form).toBeHidden();

      await tasks.openImport();
      const template = await tasks.downloadTemplate();
      expect(template.name).toMatch(/\.xlsx$/);

      // Two bad rows: a unit that does not exist (row 6), a due date before the start (row 13).
      const good = taskRows();
      const bad = good.map((row) => ({ ...row }));
      Object.assign(bad[4] ?? {}, { 牵头单位: '不存在的单位' });
      Object.assign(bad[11] ?? {}, { 截止日期: dayFromToday(-10) });
      await tasks.upload('城乡建设攻坚清单.xlsx', await fillTemplate(template.bytes, bad));
      await expect(page.getByText('导入失败：2 行有误，未导入任何任务')).toBeVisible();
      const errorRows = await tasks.importErrors().allInnerTexts();
      expect(errorRows.some((r) => r.startsWith('6') && r.includes('牵头单位'))).toBe(true);
      expect(errorRows.some((r) => r.startsWith('13') && r.includes('截止日期'))).toBe(true);
      await screenshot(page, 'tasks-import-errors', { isViewportOnly: true });

      const marked = await tasks.downloadErrorWorkbook();
      expect(marked.name).toMatch(/\.xlsx$/);
      const notes = await readColumn(marked.bytes, '错误说明');
      expect([...notes.keys()]).toEqual([6, 13]);
      await expect(tasks.listCounts).toHaveText('0 项任务，0 项草稿');

      await tasks.upload('城乡建设攻坚清单（已改正）.xlsx', await fillTemplate(template.bytes, good));
      await expect(tasks.dialog.getByTestId('import-result')).toContainText('已导入 20 项任务');
      await screenshot(page, 'tasks-import-done', { isViewportOnly: true });
      await tasks.closeDialog();
      await expect(tasks.listCounts).toHaveText('20 项任务，20 项草稿');
      await expect(tasks.row(MAIN_TASK)).toContainText('草稿');

      await tasks.assignAll();
      await expect(tasks.dialog).toContainText('已交办 20 项任务');
      await screenshot(page, 'tasks-assign-done', { isViewportOnly: true });
      await tasks.closeDialog();
      await expect(tasks.listCounts).toHaveText('20 项任务，0 项草稿');
      await expect(tasks.row(MAIN_TASK)).toContainText('已交办');
      await screenshot(page, 'tasks-list-assigned');

      // The export takes the filters of the page.
      const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('tasks-export').click()]);
      expect(download.suggestedFilename()).toMatch(/\.xlsx$/);
    });

    test('the supervisor adds a task by hand: charter, indicators and roadmap', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const tasks = new TasksPage(page);
      await tasks.goto();
      await tasks.pickList(LIST);
      await page.getByTestId('tasks-new').click();
      const form = tasks.dialog;
      await form.locator('#task_title').fill('城关镇农贸市场提升改造');
      await chooseOption(page, form.locator('#task_source'), '民生实事');
      await chooseTreeNode(page, form.locator('#task_leadUnitId'), '城关镇');
      await form.locator('#task_dueDate').fill(dayFromToday(120));
      await form.locator('#task_dueDate').press('Enter');
      await form.locator('#task_charter_goal').fill('完成农贸市场主体改造并投入使用');
      await form.getByRole('button', { name: '添加指标' }).click();
      await form.locator('#task_charter_indicators_0_name').fill('改造面积');
      await form.locator('#task_charter_indicators_0_target').fill('3200');
      await form.locator('#task_charter_indicators_0_unit').fill('平方米');
      await form.getByRole('button', { name: '添加节点' }).click();
      await form.locator('#task_milestones_0_title').fill('完成招标');
      await form.locator('#task_milestones_0_dueDate').fill(dayFromToday(30));
      await form.locator('#task_milestones_0_dueDate').press('Enter');
      await screenshot(page, 'tasks-new-task', { isViewportOnly: true });
      await form.getByRole('button', { name: '保存' }).click();
      await expect(toast(page, '任务“城关镇农贸市场提升改造”已创建')).toBeVisible();
      await expect(tasks.listCounts).toHaveText('21 项任务，1 项草稿');
      await tasks.filterState('草稿');
      await expect(tasks.total).toHaveText('共 1 项任务');
      await expect(tasks.row('城关镇农贸市场提升改造')).toContainText('城关镇');
      // The filters live in the address: a reload shows the same list.
      await page.reload();
      await expect(tasks.total).toHaveText('共 1 项任务');
    });

    test('the unit head finds the task in the inbox, acknowledges it and decomposes it', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      const bell = new InboxBell(page);
      await expect.poll(() => bell.unread()).toBeGreaterThan(0);
      await bell.open();
      await expect(bell.item(MAIN_TASK)).toContainText('新交办任务');
      await screenshot(page, 'inbox-bell', { isViewportOnly: true });
      await bell.item(MAIN_TASK).getByRole('link', { name: MAIN_TASK }).click();
      await expect(page).toHaveURL(/\/tasks\/[0-9a-f-]{36}$/);
      taskId = page.url().split('/').pop() ?? '';

      const task = new TaskPage(page);
      await expect(task.title).toHaveText(MAIN_TASK);
      await expect(task.state).toHaveText('已交办');
      await task.acknowledge();
      await expect(task.activity.getByTestId('task-event').first()).toContainText('签收');
      // The first milestone done: work has started.
      await task.markMilestoneDone('完成设计');
      await expect(task.state).toHaveText('推进中');

      await task.page.getByTestId('task-decompose').click();
      await expect(task.dialog.getByText(`分解任务：${MAIN_TASK}`)).toBeVisible();
      await screenshot(page, 'task-decompose', { isViewportOnly: true });
      await task.dialog.getByRole('button', { name: '取消' }).click();
      await task.decompose({ title: '南街片区路面改造', unit: '城关镇（本单位）', owner: 'liaison' });
      await expect(task.subtasks).toContainText('已交办');
      await screenshot(page, 'task-head');

      // Opening the message from the bell marked it read: it is no longer among the unread.
      await new AppShell(page).openNav('消息');
      const messages = page.getByTestId('inbox-list').getByTestId('inbox-item');
      await expect(messages.filter({ hasText: MAIN_TASK }).first()).toContainText('新交办任务');
      await screenshot(page, 'inbox');
      await page.getByTestId('inbox-list').getByText(/^未读/).click();
      await expect(page).toHaveURL(/unread=1/);
      await expect(messages.filter({ hasText: MAIN_TASK })).toHaveCount(0);
    });

    test('the cadre requests closure on a phone with a photo as evidence', async ({ page }) => {
      await page.setViewportSize({ width: 390, height: 844 });
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('cadre', DEMO_PASSWORD);
      // The assignment waits in the inbox; all of it is marked read at once, then the task opens from there.
      const bell = new InboxBell(page);
      await expect.poll(() => bell.unread()).toBeGreaterThan(0);
      // On a phone the bell opens the inbox page itself.
      await bell.bell.click();
      await expect(page).toHaveURL(/\/inbox$/);
      await screenshot(page, 'inbox-mobile');
      await page.getByRole('button', { name: '全部标为已读' }).click();
      await expect(toast(page, '已全部标为已读')).toBeVisible();
      await expect.poll(() => bell.unread()).toBe(0);
      await page.getByTestId('inbox-list').getByRole('link', { name: MAIN_TASK }).first().click();
      const task = new TaskPage(page);
      await expect(task.title).toHaveText(MAIN_TASK);
      expect(page.url()).toContain(taskId);
      await expect(task.state).toHaveText('推进中');
      expect(await findCutContent(page), 'nothing cut off on the task page').toEqual([]);
      await screenshot(page, 'task-cadre-mobile');

      await task.requestClose('18 条背街小巷已全部完工，排水和照明同步改造到位。', {
        name: '南街竣工.png',
        buffer: makePng(),
      });
      await screenshot(page, 'task-request-close-mobile', { isViewportOnly: true });
      await task.submitDialog('申请办结');
      await expect(task.state).toHaveText('待办结');
      await expect(task.closeSummary).toContainText('18 条背街小巷已全部完工');
      await expect(task.attachments.getByTestId('attachment-image')).toHaveCount(1);
      expect(await findCutContent(page), 'horizontal overflow after the request').toEqual([]);
    });

    test('the supervisor returns the closure with a reason, then closes the task', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const task = new TaskPage(page);
      await task.goto(taskId);
      await expect(task.state).toHaveText('待办结');
      await expect(task.attachments.locator('img')).toHaveJSProperty('complete', true);
      await screenshot(page, 'task-close-requested');
      await task.returnWithReason('缺少排水改造的验收记录，请补充后再申请。');
      await expect(task.activity.getByTestId('task-event').first()).toContainText('缺少排水改造的验收记录');

      // The cadre asks again (through the API: the screen was shown above).
      const cadre = await apiAs('cadre');
      const again = await cadre.api.post(`/api/v1/tasks/${taskId}/request-close`, {
        data: { summary: '已补充排水验收记录。', attachmentIds: [] },
        headers: { 'x-csrf-token': cadre.csrfToken },
      });
      expect(again.status()).toBe(200);
      await cadre.api.dispose();

      await page.reload();
      await expect(task.state).toHaveText('待办结');
      await task.close();
      await expect(task.overview.getByTestId('task-progress')).toContainText('100%');
      await screenshot(page, 'task-closed');
    });

    test('a cadre of another township finds the task does not exist for them', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('zh03-05', DEMO_PASSWORD);
      const notFound = page.getByTestId('not-found');
      for (const path of [`/tasks/${taskId}`, '/tasks/not-a-task']) {
        await page.goto(path);
        await expect(notFound, path).toBeVisible();
      }
      await screenshot(page, 'not-found-task');
    });
  });
