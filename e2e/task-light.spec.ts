import type { APIRequestContext } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, findUserId, screenshot, test } from './fixtures.ts';
import { LoginPage } from './pages/login-page.ts';
import { TodayPage } from './pages/today-page.ts';

const TITLE = '城关镇口袋公园建设';

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

async function post<T>(api: APIRequestContext, csrfToken: string, url: string, data: object): Promise<T> {
  const res = await api.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `POST ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** A green task of 城关镇 owned by the cadre, with two milestones, assigned and acknowledged. */
async function arrangeTask(): Promise<string> {
  const supervisor = await apiAs('supervisor');
  const units = (await (await supervisor.api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const town = units.items.find((u) => u.name === '城关镇');
  if (!town) throw new Error('no unit 城关镇');
  const list = await post<{ id: string }>(supervisor.api, supervisor.csrfToken, '/api/v1/task-lists', {
    name: '城关镇口袋公园清单',
    year: Number(dayFromToday(0).slice(0, 4)),
  });
  const task = await post<{ id: string }>(supervisor.api, supervisor.csrfToken, `/api/v1/task-lists/${list.id}/tasks`, {
    title: TITLE,
    leadUnitId: town.id,
    ownerId: await findUserId('cadre'),
    startDate: dayFromToday(-10),
    dueDate: dayFromToday(100),
    milestones: [
      { title: '完成设计方案', dueDate: dayFromToday(20), weight: 3 },
      { title: '完成绿化施工', dueDate: dayFromToday(80), weight: 1 },
    ],
  });
  await post(supervisor.api, supervisor.csrfToken, `/api/v1/task-lists/${list.id}/assign`, { taskIds: [task.id] });
  await supervisor.api.dispose();
  const head = await apiAs('head');
  await post(head.api, head.csrfToken, `/api/v1/tasks/${task.id}/acknowledge`, {});
  await head.api.dispose();
  return task.id;
}

test('为什么亮绿灯 follows the task: a check-in to 45 % and a milestone reached show at once', async ({ page }) => {
  const id = await arrangeTask();
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait('cadre', DEMO_PASSWORD);
  await page.goto(`/tasks/${id}`);
  const why = page.getByTestId('task-light-why');
  await expect(page.getByTestId('task-light')).toContainText('为什么亮绿灯');
  await expect(why).toContainText('进度 0%');

  // The check-in keeps the light green (no change of colour is recorded), and the explanation still follows it.
  const today = new TodayPage(page);
  await today.goto();
  await today.fillEntry(TITLE, { progress: 45, done: '完成设计方案初稿' });
  await today.submitButton.click();
  await expect(today.result(TITLE)).toBeVisible();
  await page.goto(`/tasks/${id}`);
  await expect(why).toContainText('进度 45%');
  await expect(why).not.toContainText('进度 0%');
  await screenshot(page, 'task-light-after-check-in');

  // A milestone reached moves the progress by its weight: the explanation shows the task's new figure.
  await page
    .getByTestId('milestone')
    .filter({ hasText: '完成设计方案' })
    .getByRole('button', { name: '标记完成' })
    .click();
  const { api } = await apiAs('cadre');
  await expect(async () => {
    const task = (await (await api.get(`/api/v1/tasks/${id}`)).json()) as { progress: number };
    expect(task.progress).not.toBe(45);
    await expect(why).toContainText(`进度 ${task.progress}%`, { timeout: 1_000 });
  }).toPass();
  await api.dispose();
  await screenshot(page, 'task-light-after-milestone');
});
