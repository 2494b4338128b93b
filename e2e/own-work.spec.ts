import type { APIRequestContext } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, findUserId, resetLocale, screenshot, test } from './fixtures.ts';
import { LoginPage } from './pages/login-page.ts';

const PHONE = { width: 390, height: 844 };
const DESKTOP = { width: 1440, height: 900 };

function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

async function post<T>(api: APIRequestContext, csrfToken: string, url: string, data: object = {}): Promise<T> {
  const res = await api.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `POST ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/** A task of 城关镇 owned by the cadre, with one milestone, assigned; acknowledged by the head when asked. */
async function arrangeTask(title: string, isAcknowledged: boolean) {
  const supervisor = await apiAs('supervisor');
  const units = (await (await supervisor.api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const town = units.items.find((u) => u.name === '城关镇');
  if (!town) throw new Error('no unit 城关镇');
  const list = await post<{ id: string }>(supervisor.api, supervisor.csrfToken, '/api/v1/task-lists', {
    name: `自己的工作：${title}`,
    year: Number(dayFromToday(0).slice(0, 4)),
  });
  const task = await post<{ id: string; milestones: { id: string; version: number }[] }>(
    supervisor.api,
    supervisor.csrfToken,
    `/api/v1/task-lists/${list.id}/tasks`,
    {
      title,
      leadUnitId: town.id,
      ownerId: await findUserId('cadre'),
      startDate: dayFromToday(-1),
      dueDate: dayFromToday(60),
      milestones: [{ title: `${title}完工`, dueDate: dayFromToday(30) }],
    },
  );
  await post(supervisor.api, supervisor.csrfToken, `/api/v1/task-lists/${list.id}/assign`);
  await supervisor.api.dispose();
  if (isAcknowledged) {
    const head = await apiAs('head');
    await post(head.api, head.csrfToken, `/api/v1/tasks/${task.id}/acknowledge`);
    await head.api.dispose();
  }
  return { id: task.id, milestone: task.milestones[0] as { id: string; version: number } };
}

async function loginAs(page: import('@playwright/test').Page, username: string) {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait(username, DEMO_PASSWORD);
}

test.describe('people find their own work', () => {
  test.beforeAll(async () => {
    for (const user of ['cadre', 'head', 'leader', 'supervisor']) await resetLocale(user);
  });

  test('a cadre’s 任务 opens on 我的任务 with their sub-task, and a search finds it (phone)', async ({ page }) => {
    await page.setViewportSize(PHONE);
    await loginAs(page, 'cadre');
    await page.goto('/tasks');
    await expect(page.getByTestId('tasks-mine').getByText('我的任务')).toBeVisible();
    const cards = page.getByTestId('task-card');
    await expect(cards.filter({ hasText: '背街小巷支管网改造' })).toHaveCount(1);
    await screenshot(page, 'own-work-tasks-mine-phone');
    await page.getByTestId('tasks-mine').getByText('全部任务').click();
    await expect(page).toHaveURL(/mine=false/);
    await page.getByTestId('filter-q').locator('input').fill('背街小巷');
    await page.getByTestId('filter-q').locator('input').press('Enter');
    await expect(cards.filter({ hasText: '背街小巷支管网改造' })).toHaveCount(1);
    await cards.filter({ hasText: '背街小巷支管网改造' }).getByRole('link').click();
    await expect(page.getByTestId('task-title')).toHaveText('背街小巷支管网改造');
  });

  test('a head with tasks to sign for and a roll-up to confirm lands on 待我处理', async ({ page }) => {
    const task = await arrangeTask('城关镇待签收的路网改造', false);
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'head');
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByTestId('inbox-needs-me')).toBeVisible();
    await expect(page.getByTestId('need-task').filter({ hasText: '城关镇待签收的路网改造' })).toHaveCount(1);
    // The demo leaves last week's township roll-ups for their heads to confirm (确认周结): one step away.
    const confirm = page.getByTestId('needs-confirm');
    await expect(confirm).toContainText('待确认的周结');
    await expect(confirm).toContainText('城关镇');
    await screenshot(page, 'own-work-head-lands-on-needs');
    await confirm.getByRole('button', { name: '去确认' }).first().click();
    await expect(page).toHaveURL(/\/weekly-rollups\/[0-9a-f-]{36}$/);
    await expect(page.getByText('城关镇').first()).toBeVisible();
    await page.goBack();
    // Signed for, so the head lands on their first section again in later specs.
    const head = await apiAs('head');
    await post(head.api, head.csrfToken, `/api/v1/tasks/${task.id}/acknowledge`);
    await head.api.dispose();
  });

  test('the due step is the main button: report progress at 0 %, 申请办结 at 100 % (task page and Today)', async ({
    page,
  }) => {
    const task = await arrangeTask('城关镇农贸市场提升', true);
    // A supervisor who handed it out is not offered 签收, nor the owner's steps.
    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'supervisor');
    await page.goto(`/tasks/${task.id}`);
    await expect(page.getByTestId('task-title')).toHaveText('城关镇农贸市场提升');
    await expect(page.getByTestId('task-acknowledge')).toHaveCount(0);
    await page.context().clearCookies();

    await loginAs(page, 'cadre');
    await page.goto(`/tasks/${task.id}`);
    const report = page.getByTestId('task-report-progress');
    await expect(report).toBeVisible();
    await expect(report).toHaveClass(/ant-btn-primary/);
    await expect(page.getByTestId('task-request-close')).not.toHaveClass(/ant-btn-primary/);
    await screenshot(page, 'own-work-task-at-0');
    await report.click();
    await expect(page).toHaveURL(new RegExp(`/today#task-${task.id}$`));
    await expect(page.locator(`[data-task-id="${task.id}"]`)).toBeInViewport();

    const cadre = await apiAs('cadre');
    const done = await cadre.api.patch(`/api/v1/tasks/${task.id}/milestones/${task.milestone.id}`, {
      data: { state: 'done' },
      headers: { 'x-csrf-token': cadre.csrfToken, 'if-match': `"${task.milestone.version}"` },
    });
    expect(done.status(), await done.text()).toBe(200);
    await cadre.api.dispose();

    await page.setViewportSize(PHONE);
    await page.goto('/today');
    const card = page.locator(`[data-task-id="${task.id}"]`);
    await expect(card.getByTestId('today-request-close')).toBeVisible();
    await card.scrollIntoViewIfNeeded();
    await screenshot(page, 'own-work-today-at-100-phone', { isViewportOnly: true });
    await card.getByTestId('today-request-close').click();
    await expect(page.getByRole('dialog')).toBeVisible();
    await expect(page.getByRole('dialog').getByText('申请办结').first()).toBeVisible();
    await page
      .getByRole('dialog')
      .getByRole('button', { name: /取\s*消/ })
      .click();
    await expect(page.getByTestId('task-request-close')).toHaveClass(/ant-btn-primary/);
    await expect(page.getByTestId('task-report-progress')).toHaveCount(0);
  });

  test('an instruction is read and answered from its notice on a phone, and the leader sees the answer', async ({
    page,
  }) => {
    const task = await arrangeTask('城关镇老街立面整治', true);
    const leader = await apiAs('leader');
    await post(leader.api, leader.csrfToken, `/api/v1/tasks/${task.id}/instructions`, {
      body: '要在汛期前完成，每周报一次进度',
    });
    await leader.api.dispose();

    await page.setViewportSize(PHONE);
    await loginAs(page, 'cadre');
    await page.goto('/inbox');
    await page.getByTestId('inbox-item').filter({ hasText: '城关镇老街立面整治' }).getByRole('link').first().click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}#instructions$`));
    const card = page.getByTestId('task-instructions');
    await expect(card).toBeInViewport();
    await expect(card.getByText('要在汛期前完成，每周报一次进度')).toBeVisible();
    // At the top: above the task's overview.
    const [cardBox, overviewBox] = [await card.boundingBox(), await page.getByTestId('task-overview').boundingBox()];
    expect(cardBox?.y ?? 1e9).toBeLessThan(overviewBox?.y ?? 0);
    await card.getByTestId('instruction-mark-read').click();
    await expect(card.getByTestId('instruction-read')).toBeVisible();
    await card.getByTestId('instruction-answer-open').click();
    await card.getByTestId('instruction-answer-send').click();
    await expect(card.getByText('请填写落实情况')).toBeVisible();
    await card.getByTestId('instruction-answer-input').fill('已进场施工，6 月 10 日前完成');
    await card.getByTestId('instruction-answer-send').click();
    await expect(card.getByTestId('instruction-answer')).toContainText('已进场施工，6 月 10 日前完成');
    await screenshot(page, 'own-work-instruction-answered-phone', { isViewportOnly: true });
    await page.context().clearCookies();

    await page.setViewportSize(DESKTOP);
    await loginAs(page, 'leader');
    await page.goto('/inbox');
    const notice = page.getByTestId('inbox-item').filter({ hasText: '已进场施工' });
    await expect(notice).toContainText('批示落实情况回复');
    await notice.getByRole('link').first().click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${task.id}#instructions$`));
    const seen = page.getByTestId('task-instructions');
    await expect(seen.getByTestId('instruction-responses')).toContainText('已阅');
    await expect(seen.getByTestId('instruction-answer')).toContainText('已进场施工，6 月 10 日前完成');
    await expect(seen.getByTestId('instruction-mark-read')).toHaveCount(0);
    await screenshot(page, 'own-work-instruction-leader');
  });
});
