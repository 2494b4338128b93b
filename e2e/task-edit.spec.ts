import type { APIRequestContext } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test } from './fixtures.ts';
import { LoginPage } from './pages/login-page.ts';
import { TaskPage } from './pages/task-page.ts';
import { TasksPage } from './pages/tasks-page.ts';

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

const ELEVATORS = '城关镇老旧小区加装电梯';
const ELEVATORS_RENAMED = '城关镇老旧小区加装电梯（一期）';
const MARKET = '城关镇夜市规范提升';

interface TArranged {
  /** A task of 城关镇 with one milestone and no owner: edited, given a milestone and an owner (the cadre). */
  elevatorsId: string;
  /** A task of 城关镇 nobody owns: the cadre sees it but may change nothing. */
  marketId: string;
  names: { cadre: string; leader: string };
}

/** The supervisor makes a list with two tasks led by 城关镇 and assigns it, through the API. */
async function arrangeTasks(): Promise<TArranged> {
  const { api, csrfToken } = await apiAs('supervisor');
  const headers = { 'x-csrf-token': csrfToken };
  const post = async <T>(context: APIRequestContext, url: string, data: object): Promise<T> => {
    const res = await context.post(url, { data, headers });
    expect(res.status(), `POST ${url}`).toBeLessThan(300);
    return (await res.json()) as T;
  };
  const units = (await (await api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const town = units.items.find((u) => u.name === '城关镇');
  if (!town) throw new Error('no unit 城关镇');
  const list = await post<{ id: string }>(api, '/api/v1/task-lists', { name: '2026 年城关镇民生改造清单', year: 2026 });
  const task = (title: string, milestones: object[]) =>
    post<{ id: string }>(api, `/api/v1/task-lists/${list.id}/tasks`, {
      title,
      leadUnitId: town.id,
      startDate: dayFromToday(0),
      dueDate: dayFromToday(60),
      milestones,
    });
  const elevators = await task(ELEVATORS, [{ title: '完成意愿摸底', dueDate: dayFromToday(20) }]);
  const market = await task(MARKET, []);
  await post(api, `/api/v1/task-lists/${list.id}/assign`, {});
  const nameOf = async (username: string) => {
    const res = await api.get('/api/v1/users', { params: { q: username, pageSize: 50 } });
    const body = (await res.json()) as { items: { username: string; displayName: string }[] };
    const user = body.items.find((u) => u.username === username);
    if (!user) throw new Error(`no user ${username}`);
    return user.displayName;
  };
  const names = { cadre: await nameOf('cadre'), leader: await nameOf('leader') };
  await api.dispose();
  return { elevatorsId: elevators.id, marketId: market.id, names };
}

test.describe
  .serial('a task changed after its assignment: fields, roadmap, owner', () => {
    let arranged: TArranged;

    test.beforeAll(async () => {
      arranged = await arrangeTasks();
    });

    test('the supervisor edits the title and the due date; a bad lead leader is refused on its field', async ({
      page,
    }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const task = new TaskPage(page);
      await task.goto(arranged.elevatorsId);
      await expect(task.title).toHaveText(ELEVATORS);

      // The judge works at the county but is no leader: the API names the field, the form shows it there.
      await task.editTask({ title: ELEVATORS_RENAMED, dueDate: dayFromToday(75), leadLeader: 'judge' });
      await expect(task.dialog.locator('#task_title')).toHaveValue(ELEVATORS_RENAMED);
      await task.dialog.getByRole('button', { name: '保存' }).click();
      await expect(task.fieldError('牵头领导')).toHaveText('牵头领导须为县领导');
      await expect(task.title).toHaveText(ELEVATORS);
      await screenshot(page, 'task-edit-error', { isViewportOnly: true });

      await task.chooseLeadLeader('leader');
      await expect(task.fieldError('牵头领导')).toHaveCount(0);
      await task.submitDialog('保存');
      await expect(task.title).toHaveText(ELEVATORS_RENAMED);
      await expect(task.overview).toContainText(`${dayFromToday(0)} ~ ${dayFromToday(75)}`);
      await expect(task.overview).toContainText(arranged.names.leader);
      // Only what changed was sent: the activity names exactly those fields.
      await expect(task.activity.getByTestId('task-event').first()).toHaveText(/修改了：任务名称、牵头领导、截止日期$/);
      await screenshot(page, 'task-edited');
    });

    test('the supervisor adds a milestone to the roadmap', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('supervisor', DEMO_PASSWORD);
      const task = new TaskPage(page);
      await task.goto(arranged.elevatorsId);
      await expect(task.milestones.getByTestId('milestone')).toHaveCount(1);
      await task.addMilestone(
        { title: '完成电梯安装验收', dueDate: dayFromToday(70), weight: 3, deliverable: '特种设备验收报告' },
        () => screenshot(page, 'task-add-milestone', { isViewportOnly: true }),
      );
      await expect(task.milestones.getByTestId('milestone')).toHaveCount(2);
      await expect(task.milestone('完成电梯安装验收')).toContainText('2. 完成电梯安装验收');
      await expect(task.milestone('完成电梯安装验收')).toContainText(`${dayFromToday(70)} · 权重 3`);
      await expect(task.milestone('完成电梯安装验收')).toContainText('特种设备验收报告');
      await screenshot(page, 'task-milestone-added');
    });

    test('the head of 城关镇 sets the cadre as owner, without the right to edit the task', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', DEMO_PASSWORD);
      const task = new TaskPage(page);
      await task.goto(arranged.elevatorsId);
      await expect(task.owner).toHaveText('—');
      await expect(task.editButton).toHaveCount(0);
      await expect(task.addMilestoneButton).toBeVisible();
      await task.assignOwner('cadre', arranged.names.cadre, () =>
        screenshot(page, 'task-assign-owner', { isViewportOnly: true }),
      );
      await expect(task.assignOwnerButton).toHaveText('更换');
      await screenshot(page, 'task-owner-assigned');
    });

    test('the cadre finds no button the API would refuse', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('cadre', DEMO_PASSWORD);
      const task = new TaskPage(page);

      // A task of their unit they do not own: they read it, they change nothing.
      await task.goto(arranged.marketId);
      await expect(task.title).toHaveText(MARKET);
      await expect(task.editButton).toHaveCount(0);
      await expect(task.addMilestoneButton).toHaveCount(0);
      await expect(task.assignOwnerButton).toHaveCount(0);
      await screenshot(page, 'task-cadre-read-only');

      // The task they own: they run its roadmap, but neither edit it nor hand it on.
      await task.goto(arranged.elevatorsId);
      await expect(task.owner).toHaveText(arranged.names.cadre);
      await expect(task.addMilestoneButton).toBeVisible();
      await expect(task.milestone('完成意愿摸底').getByRole('button', { name: '标记完成' })).toBeVisible();
      await expect(task.editButton).toHaveCount(0);
      await expect(task.assignOwnerButton).toHaveCount(0);

      // The API agrees: what has no button is refused.
      const { api, csrfToken, userId } = await apiAs('cadre');
      const headers = { 'x-csrf-token': csrfToken };
      const refused = [
        await api.patch(`/api/v1/tasks/${arranged.marketId}`, { data: { title: '改个名字' }, headers }),
        await api.patch(`/api/v1/tasks/${arranged.marketId}`, { data: { ownerId: userId }, headers }),
        await api.post(`/api/v1/tasks/${arranged.marketId}/milestones`, {
          data: { title: '自拟节点', dueDate: dayFromToday(10) },
          headers,
        }),
        await api.patch(`/api/v1/tasks/${arranged.elevatorsId}`, { data: { dueDate: dayFromToday(80) }, headers }),
        await api.patch(`/api/v1/tasks/${arranged.elevatorsId}`, { data: { ownerId: userId }, headers }),
      ];
      expect(refused.map((r) => r.status())).toEqual([403, 403, 403, 403, 403]);
      await api.dispose();
    });
  });

test('the roadmap keeps the weight’s label beside a filled weight, on a desktop and on a phone', async ({ page }) => {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait('supervisor', DEMO_PASSWORD);
  const tasks = new TasksPage(page);
  await tasks.goto();
  await page.getByTestId('tasks-new').click();
  const form = tasks.dialog;
  await form.getByRole('button', { name: '添加节点' }).click();
  const weight = form.locator('#task_milestones_0_weight');
  const label = form.getByTestId('milestone-weight-label');
  for (const size of [
    { width: 1280, height: 800 },
    { width: 390, height: 844 },
  ]) {
    await page.setViewportSize(size);
    await weight.fill('3');
    await expect(weight).toHaveValue('3');
    await label.scrollIntoViewIfNeeded();
    await expect(label).toHaveText('权重');
    await expect(label).toBeVisible();
    // The label sits on the number's line, before it, and neither covers the other.
    const [labelBox, weightBox] = [await label.boundingBox(), await weight.boundingBox()];
    if (!labelBox || !weightBox) throw new Error('the weight or its label is not drawn');
    expect(labelBox.x + labelBox.width).toBeLessThanOrEqual(weightBox.x + 1);
    expect(Math.abs(labelBox.y + labelBox.height / 2 - (weightBox.y + weightBox.height / 2))).toBeLessThan(4);
    expect(weightBox.width).toBeGreaterThan(20);
    await screenshot(page, `task-form-milestone-weight-${size.width}`, { isViewportOnly: true });
  }
  await form.getByRole('button', { name: '取消' }).click();
  await expect(form).toBeHidden();
});
