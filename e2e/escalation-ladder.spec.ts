import type { APIRequestContext } from '@playwright/test';
import { apiAs, expect, screenshot, test } from './fixtures.ts';
import { AppShell } from './pages/app-shell.ts';
import { LoginPage } from './pages/login-page.ts';

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(
    new Date(Date.now() + days * 86_400_000),
  );
}

const TASK = '城关镇农贸市场提升改造';

async function send<T>(api: APIRequestContext, csrfToken: string, method: 'post' | 'put', url: string, data: object) {
  const res = await api[method](url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `${method.toUpperCase()} ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

test.describe
  .serial('the escalation ladder, with days passing on the test clock', () => {
    let taskId = '';

    test.afterAll(async () => {
      const { api, csrfToken } = await apiAs('supervisor');
      await send(api, csrfToken, 'put', '/api/v1/test/clock', { at: null });
      await api.dispose();
    });

    test('a task goes green → yellow → red, and the red one is urged to the unit head', async ({ page }) => {
      const sup = await apiAs('supervisor');
      const head = await apiAs('head');
      const cadre = await apiAs('cadre');
      const town = (
        (await (await sup.api.get('/api/v1/units')).json()) as {
          items: { id: string; name: string }[];
        }
      ).items.find((u) => u.name === '城关镇');
      expect(town).toBeTruthy();
      const list = await send<{ id: string }>(sup.api, sup.csrfToken, 'post', '/api/v1/task-lists', {
        name: '亮灯督办演示清单',
        year: Number(dayFromToday(0).slice(0, 4)),
      });
      const task = await send<{ id: string }>(sup.api, sup.csrfToken, 'post', `/api/v1/task-lists/${list.id}/tasks`, {
        title: TASK,
        leadUnitId: town?.id,
        ownerId: cadre.userId,
        cadence: 'weekly',
        startDate: dayFromToday(0),
        dueDate: dayFromToday(100),
      });
      taskId = task.id;
      await send(sup.api, sup.csrfToken, 'post', `/api/v1/task-lists/${list.id}/assign`, { taskIds: [taskId] });
      await send(head.api, head.csrfToken, 'post', `/api/v1/tasks/${taskId}/acknowledge`, {});

      const light = async () =>
        ((await (await sup.api.get(`/api/v1/tasks/${taskId}/light-history`)).json()) as { light: string }).light;
      const seen = [await light()];
      // Day by day on the platform's clock, each morning's sweep, until the task is red.
      for (let day = 1; day <= 60 && seen.at(-1) !== 'red'; day++) {
        await send(sup.api, sup.csrfToken, 'put', '/api/v1/test/clock', {
          at: new Date(Date.now() + day * 86_400_000).toISOString(),
        });
        await send(sup.api, sup.csrfToken, 'post', '/api/v1/lights/sweep', {});
        const now = await light();
        if (now !== seen.at(-1)) seen.push(now);
      }
      expect(seen).toEqual(['green', 'yellow', 'red']);

      const inbox = (await (await head.api.get('/api/v1/inbox', { params: { pageSize: 200 } })).json()) as {
        items: { kind: string; taskId: string }[];
      };
      expect(inbox.items.some((i) => i.kind === 'urge' && i.taskId === taskId)).toBe(true);

      await new LoginPage(page).goto();
      await new LoginPage(page).loginAndWait('supervisor', 'Duban-demo-2023');
      await page.goto(`/tasks/${taskId}`);
      await expect(page.getByTestId('task-overview').locator('[data-light="red"]').first()).toBeVisible();
      await expect(page.getByTestId('task-light-why')).toContainText('个报送周期未更新进展');
      await expect(page.getByTestId('light-change')).toHaveCount(3);
      await screenshot(page, 'ladder-task-red');
      for (const api of [sup.api, head.api, cadre.api]) await api.dispose();
    });

    test('the unit head answers the urge notice, and the supervisor sees it answered', async ({ page }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('head', 'Duban-demo-2023');
      // The inbox opens on what needs the head: the urge notice to answer.
      await page.goto('/inbox');
      await expect(page.getByTestId('needs-answer')).toContainText(TASK);
      await screenshot(page, 'ladder-inbox-needs');
      await page.goto(`/tasks/${taskId}`);
      const urge = page.getByTestId('escalation').filter({ hasText: '催办' });
      await expect(urge).toBeVisible();
      await urge.getByTestId('escalation-answer-button').click();
      const dialog = page.getByRole('dialog');
      await dialog.getByLabel('当前情况').fill('市场主体结构已完工，摊位改造因雨季滞后两周');
      await dialog.getByLabel('整改措施').fill('增派两个施工班组，周末连续作业');
      await dialog.getByLabel('承诺完成日期').fill(dayFromToday(30));
      await dialog.getByLabel('承诺完成日期').press('Tab');
      await expect(dialog.getByLabel('承诺完成日期')).toHaveValue(dayFromToday(30));
      await screenshot(page, 'ladder-answer', { isViewportOnly: true });
      await dialog.getByRole('button', { name: '答复' }).click();
      await expect(dialog).toBeHidden();
      await expect(urge.getByTestId('escalation-answer')).toContainText('增派两个施工班组');
      await new AppShell(page).logout('退出登录');

      await login.goto();
      await login.loginAndWait('supervisor', 'Duban-demo-2023');
      await page.goto(`/tasks/${taskId}`);
      const answered = page.getByTestId('escalation').filter({ hasText: '已答复' });
      await expect(answered).toContainText('市场主体结构已完工');
      await screenshot(page, 'ladder-answered');
    });
  });
