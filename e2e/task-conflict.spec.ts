import type { Browser, Page } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, screenshot, test, watchConsole } from './fixtures.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { TaskPage } from './pages/task-page.ts';

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

const CONFLICT_TITLE = '您编辑期间，他人已保存了修改';

/** A task of 城关镇 made and assigned by the supervisor through the API, and the leader's display name. */
async function arrangeTask(title: string): Promise<{ id: string; leaderName: string }> {
  const { api, csrfToken } = await apiAs('supervisor');
  const headers = { 'x-csrf-token': csrfToken };
  const units = (await (await api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const town = units.items.find((u) => u.name === '城关镇');
  if (!town) throw new Error('no unit 城关镇');
  const list = await api.post('/api/v1/task-lists', { data: { name: `并发编辑·${title}`, year: 2026 }, headers });
  const listId = ((await list.json()) as { id: string }).id;
  const task = await api.post(`/api/v1/task-lists/${listId}/tasks`, {
    data: {
      title,
      leadUnitId: town.id,
      startDate: dayFromToday(0),
      dueDate: dayFromToday(60),
      charter: { goal: '完成 20 个小区', pledge: '按期完成' },
    },
    headers,
  });
  expect(task.status()).toBe(201);
  const id = ((await task.json()) as { id: string }).id;
  await api.dispose();
  return { id, leaderName: await leaderName() };
}

/** The county leader's display name, as the supervisor finds it. */
async function leaderName(): Promise<string> {
  const { api } = await apiAs('supervisor');
  const users = await api.get('/api/v1/users', { params: { q: 'leader', pageSize: 50 } });
  const leader = ((await users.json()) as { items: { username: string; displayName: string }[] }).items.find(
    (u) => u.username === 'leader',
  );
  await api.dispose();
  if (!leader) throw new Error('no user leader');
  return leader.displayName;
}

async function openAs(page: Page, username: string, taskId: string): Promise<TaskPage> {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait(username, DEMO_PASSWORD);
  const task = new TaskPage(page);
  await task.goto(taskId);
  return task;
}

/** A second person's browser, its console watched like the first's. */
async function secondSession(browser: Browser, viewport?: { width: number; height: number }) {
  const context = await browser.newContext({ locale: 'zh-CN', timezoneId: 'Asia/Shanghai', viewport });
  const page = await context.newPage();
  return { context, page, problems: watchConsole(page) };
}

test.describe('two people edit the same task', () => {
  test('the later save shows what the other changed, by whom, and reapplies on top of it', async ({
    page,
    browser,
  }) => {
    const TITLE = '城关镇背街小巷改造';
    const arranged = await arrangeTask(TITLE);
    const supervisor = await openAs(page, 'supervisor', arranged.id);
    const other = await secondSession(browser, { width: 1366, height: 860 });
    const leader = await openAs(other.page, 'leader', arranged.id);

    // Both open the edit form on the same version.
    await supervisor.editTask({ dueDate: dayFromToday(45) });
    await leader.editTask({ title: `${TITLE}（二期）` });
    await leader.submitDialog('保存');
    await expect(leader.title).toHaveText(`${TITLE}（二期）`);

    // The supervisor saves second: refused, and told what changed and who changed it.
    await supervisor.dialog.getByRole('button', { name: '保存' }).click();
    const conflict = page.getByRole('dialog', { name: CONFLICT_TITLE });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText(`${arranged.leaderName} 于`);
    const changes = conflict.getByTestId('conflict-changes');
    await expect(changes).toContainText('任务名称');
    await expect(changes).toContainText(TITLE);
    await expect(changes).toContainText(`${TITLE}（二期）`);
    await expect(changes).not.toContainText('截止日期');
    expect(await findCutContent(page, { within: '.ant-modal' }), 'the dialog fits').toEqual([]);
    await screenshot(page, 'task-conflict', { isViewportOnly: true });

    // Reapply: the supervisor's new due date goes on top of the leader's new title.
    await conflict.getByTestId('conflict-reapply').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await expect(supervisor.title).toHaveText(`${TITLE}（二期）`);
    await expect(supervisor.overview).toContainText(`${dayFromToday(0)} ~ ${dayFromToday(45)}`);
    await screenshot(page, 'task-conflict-reapplied');

    // Neither change was lost, and the charter kept every field.
    const { api } = await apiAs('leader');
    const saved = (await (await api.get(`/api/v1/tasks/${arranged.id}`)).json()) as {
      title: string;
      dueDate: string;
      charter: { goal?: string; pledge?: string };
    };
    expect(saved).toMatchObject({ title: `${TITLE}（二期）`, dueDate: dayFromToday(45) });
    expect(saved.charter).toMatchObject({ goal: '完成 20 个小区', pledge: '按期完成' });
    await api.dispose();
    await other.context.close();
    expect(other.problems, 'the second browser’s console stays clean').toEqual([]);
  });

  test('on a phone: the conflict dialog fits, and reload shows the other person’s version', async ({ page }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const TITLE = '城关镇农贸市场提升';
    const arranged = await arrangeTask(TITLE);
    const supervisor = await openAs(page, 'supervisor', arranged.id);
    await supervisor.editTask({ title: `${TITLE}（督查室改）` });

    // Meanwhile the leader changes the charter's goal and the due date through the API.
    const { api, csrfToken } = await apiAs('leader');
    const current = await api.get(`/api/v1/tasks/${arranged.id}`);
    const res = await api.patch(`/api/v1/tasks/${arranged.id}`, {
      data: { charter: { goal: '完成 30 个摊位改造' }, dueDate: dayFromToday(50) },
      headers: { 'x-csrf-token': csrfToken, 'if-match': current.headers().etag ?? '' },
    });
    expect(res.status()).toBe(200);
    await api.dispose();

    await supervisor.dialog.getByRole('button', { name: '保存' }).click();
    const conflict = page.getByRole('dialog', { name: CONFLICT_TITLE });
    await expect(conflict).toBeVisible();
    await expect(conflict).toContainText(arranged.leaderName);
    const changes = conflict.getByTestId('conflict-changes');
    await expect(changes).toContainText('完成 20 个小区');
    await expect(changes).toContainText('完成 30 个摊位改造');
    await expect(changes).toContainText(dayFromToday(50));
    expect(await findCutContent(page), 'the dialog fits a phone').toEqual([]);
    await screenshot(page, 'task-conflict-mobile', { isViewportOnly: true });

    // Reload: the form now holds the leader's version; the supervisor's title is gone from it.
    await conflict.getByTestId('conflict-reload').click();
    await expect(conflict).toBeHidden();
    await expect(supervisor.dialog.locator('#task_title')).toHaveValue(TITLE);
    await expect(supervisor.dialog.locator('#task_charter_goal')).toHaveValue('完成 30 个摊位改造');
  });
});

test.describe('two people edit the same target', () => {
  test('the later save shows the other’s new figure and keeps my note on top of it', async ({ page }) => {
    const NAME = `并发编辑·新增个体工商户 ${Date.now() % 100000}`;
    const { api: supervisorApi, csrfToken: supervisorCsrf } = await apiAs('supervisor');
    const created = await supervisorApi.post('/api/v1/targets', {
      data: { year: 2026, name: NAME, measure: '户', kind: 'count', total: 1000 },
      headers: { 'x-csrf-token': supervisorCsrf },
    });
    expect(created.status()).toBe(201);
    const targetId = ((await created.json()) as { id: string }).id;
    await supervisorApi.dispose();

    const login = new LoginPage(page);
    await login.goto();
    await login.loginAndWait('supervisor', DEMO_PASSWORD);
    await page.goto(`/targets/${targetId}`);
    await expect(page.getByTestId('target-name')).toHaveText(NAME);
    await page.getByTestId('target-edit').click();
    const form = page.getByRole('dialog', { name: `编辑目标：${NAME}` });
    await form.locator('#target_note').fill('含个体工商户');

    // Meanwhile the leader raises the yearly figure.
    const { api, csrfToken } = await apiAs('leader');
    const current = await api.get(`/api/v1/targets/${targetId}`);
    const raised = await api.patch(`/api/v1/targets/${targetId}`, {
      data: { total: 1200 },
      headers: { 'x-csrf-token': csrfToken, 'if-match': current.headers().etag ?? '' },
    });
    expect(raised.status()).toBe(200);

    await form.getByRole('button', { name: '保存' }).click();
    const conflict = page.getByRole('dialog', { name: CONFLICT_TITLE });
    await expect(conflict.getByTestId('conflict-changes')).toContainText('全年目标值');
    await expect(conflict.getByTestId('conflict-changes')).toContainText('1000 户');
    await expect(conflict.getByTestId('conflict-changes')).toContainText('1200 户');
    await expect(conflict.getByTestId('conflict-changes')).not.toContainText('备注');
    await expect(conflict).toContainText(await leaderName());
    // Also waits for the dialog to finish zooming in, so the screenshot shows it.
    expect(await findCutContent(page, { within: '.ant-modal' }), 'the dialog fits').toEqual([]);
    await screenshot(page, 'target-conflict', { isViewportOnly: true });
    await conflict.getByTestId('conflict-reapply').click();
    await expect(page.getByRole('dialog')).toHaveCount(0);

    const saved = (await (await api.get(`/api/v1/targets/${targetId}`)).json()) as { total: number; note: string };
    expect(saved).toMatchObject({ total: 1200, note: '含个体工商户' });
    await api.dispose();
  });
});
