import type { APIRequestContext, BrowserContext, Page } from '@playwright/test';
import { apiAs, DEMO_PASSWORD, expect, findUserId, screenshot, test } from './fixtures.ts';
import { confirmPopover } from './pages/antd.ts';
import { AppShell } from './pages/app-shell.ts';
import { findCutContent } from './pages/layout.ts';
import { LoginPage } from './pages/login-page.ts';
import { TodayPage } from './pages/today-page.ts';
import { makePng } from './task-files.ts';

/** A date some days from today, as yyyy-mm-dd in the county's time zone. */
function dayFromToday(days: number): string {
  const d = new Date(Date.now() + days * 86_400_000);
  return new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai' }).format(d);
}

const PHONE = { width: 390, height: 844 };

interface TCheckInRow {
  id: string;
  authorId: string;
  kind: 'progress' | 'note';
  notice: string | null;
  noChange: boolean;
  day: string;
  recordedAt: string;
  receivedAt: string;
  progress: number;
  done: string | null;
  next: string | null;
  blocker: string | null;
  progressReason: string | null;
  milestoneIds: string[];
  photoIds: string[];
}

interface TArrangedTask {
  id: string;
  title: string;
  milestoneIds: string[];
}

async function post<T>(api: APIRequestContext, csrfToken: string, url: string, data: object): Promise<T> {
  const res = await api.post(url, { data, headers: { 'x-csrf-token': csrfToken } });
  expect(res.status(), `POST ${url}: ${await res.text()}`).toBeLessThan(300);
  return (await res.json()) as T;
}

/**
 * A fresh task the cadre reports on, through the API: the supervisor makes a list and a task of 城关镇 owned by the
 * cadre and assigns it; the unit head acknowledges it. Weekly by default, so it is due this week.
 */
async function arrangeTask(
  title: string,
  milestones: { title: string; dueDate: string }[] = [],
  opts: { isOwnerless?: boolean } = {},
): Promise<TArrangedTask> {
  const cadreId = opts.isOwnerless ? undefined : await findUserId('cadre');
  const supervisor = await apiAs('supervisor');
  const units = (await (await supervisor.api.get('/api/v1/units')).json()) as { items: { id: string; name: string }[] };
  const town = units.items.find((u) => u.name === '城关镇');
  if (!town) throw new Error('no unit 城关镇');
  const list = await post<{ id: string }>(supervisor.api, supervisor.csrfToken, '/api/v1/task-lists', {
    name: `日清测试清单：${title}`,
    year: Number(dayFromToday(0).slice(0, 4)),
  });
  const task = await post<{ id: string; milestones: { id: string }[] }>(
    supervisor.api,
    supervisor.csrfToken,
    `/api/v1/task-lists/${list.id}/tasks`,
    {
      title,
      leadUnitId: town.id,
      ownerId: cadreId,
      startDate: dayFromToday(-1),
      dueDate: dayFromToday(60),
      milestones,
    },
  );
  await post(supervisor.api, supervisor.csrfToken, `/api/v1/task-lists/${list.id}/assign`, {});
  await supervisor.api.dispose();
  const head = await apiAs('head');
  await post(head.api, head.csrfToken, `/api/v1/tasks/${task.id}/acknowledge`, {});
  await head.api.dispose();
  return { id: task.id, title, milestoneIds: task.milestones.map((m) => m.id) };
}

/** The task's check-ins, newest first, as the cadre sees them. */
async function checkInsOf(taskId: string, username = 'cadre'): Promise<TCheckInRow[]> {
  const { api } = await apiAs(username);
  const res = await api.get(`/api/v1/tasks/${taskId}/check-ins`);
  expect(res.status()).toBe(200);
  const body = (await res.json()) as { items: TCheckInRow[] };
  await api.dispose();
  return body.items;
}

/** The width and height a JPEG declares in its frame header. */
function jpegSize(bytes: Buffer): { width: number; height: number } {
  expect(bytes.subarray(0, 2).toString('hex'), 'a JPEG').toBe('ffd8');
  let at = 2;
  while (at + 9 < bytes.length) {
    const marker = bytes[at + 1] ?? 0;
    const isFrame = marker >= 0xc0 && marker <= 0xcf && ![0xc4, 0xc8, 0xcc].includes(marker);
    if (isFrame) return { height: bytes.readUInt16BE(at + 5), width: bytes.readUInt16BE(at + 7) };
    at += 2 + bytes.readUInt16BE(at + 2);
  }
  throw new Error('no JPEG frame header');
}

async function loginOnPhone(page: Page): Promise<TodayPage> {
  const login = new LoginPage(page);
  await login.goto();
  await login.loginAndWait('cadre', DEMO_PASSWORD);
  // Today is the cadre's first section: where they land.
  await expect(page).toHaveURL(/\/today$/);
  const today = new TodayPage(page);
  await today.waitLoaded();
  return today;
}

/** A full-page screenshot with the submit bar at the end (sticky, it would be drawn over the middle of the page). */
async function fullShot(page: Page, name: string): Promise<void> {
  const style = await page.addStyleTag({ content: '.duban-today-submit { position: static !important; }' });
  await screenshot(page, name);
  await style.evaluate((element) => (element as Element).remove());
}

/** Cuts the browser off the network (the service worker's too), and opens the page again from its cache. */
async function reloadOffline(page: Page, context: BrowserContext, today: TodayPage): Promise<void> {
  // Once visited, the page and its data are kept for offline use.
  await expect(today.offlineReady).toBeVisible({ timeout: 20_000 });
  await context.setOffline(true);
  const worker = context.serviceWorkers()[0];
  expect(worker, 'a service worker runs').toBeTruthy();
  const workerNet = await worker?.evaluate(() =>
    fetch('/api/v1/health').then(
      () => 'online',
      () => 'offline',
    ),
  );
  expect(workerNet, "the worker's own network is off").toBe('offline');
  const reloaded = await page.reload();
  expect(reloaded?.fromServiceWorker(), 'the page came from the service worker').toBe(true);
  await today.waitLoaded();
  await expect(today.banner).toContainText('当前离线');
}

async function expectNoSidewaysScroll(today: TodayPage): Promise<void> {
  expect(await findCutContent(today.page), 'nothing cut off or running sideways at 390 px').toEqual([]);
}

test.use({ viewport: PHONE, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });

test.describe('the Today page (今日日清) on a phone', () => {
  test('a day with nothing new takes at most three taps, and each due task gets its "no change"', async ({ page }) => {
    const lanes = await arrangeTask('城关镇背街小巷照明补点');
    const drains = await arrangeTask('城关镇雨污管网清淤');
    const today = await loginOnPhone(page);
    await expect(today.card(lanes.title)).toBeVisible();
    await expect(today.card(drains.title).getByTestId('today-task-reason')).toHaveText('本周未填报');
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-due');

    // What the page asks today, as the server sees it.
    const cadre = await apiAs('cadre');
    const listed = (await (await cadre.api.get('/api/v1/me/today')).json()) as {
      tasks: { id: string; dueReason: string | null }[];
    };
    await cadre.api.dispose();
    const dueIds = listed.tasks.filter((t) => t.dueReason !== null).map((t) => t.id);
    expect(dueIds).toEqual(expect.arrayContaining([lanes.id, drains.id]));

    await today.countTaps();
    await today.allNoChange.click();
    await expect(today.submitButton).toHaveText(`提交（${dueIds.length} 项）`);
    await screenshot(page, 'today-all-no-change', { isViewportOnly: true });
    const posted = page.waitForRequest((r) => r.url().endsWith('/api/v1/check-ins') && r.method() === 'POST');
    await today.submitButton.click();
    const body = (await posted).postDataJSON() as {
      clientId: string;
      recordedAt: string;
      openSeconds: number;
      entries: { taskId: string; noChange: boolean }[];
    };
    // The burden meter learns how long the screen was open; every due task is one "no change".
    expect(Number.isInteger(body.openSeconds) && body.openSeconds >= 0).toBe(true);
    expect(body.entries.map((e) => e.taskId).sort()).toEqual([...dueIds].sort());
    expect(body.entries.every((e) => e.noChange)).toBe(true);
    await expect(today.results.getByTestId('today-result')).toHaveCount(dueIds.length);
    await expect(today.result(lanes.title)).toContainText('已记录无变化');
    const taps = await today.taps();
    test.info().annotations.push({ type: 'taps', description: String(taps) });
    expect(taps, 'taps from the loaded page to a successful submit').toBeLessThanOrEqual(3);

    for (const id of dueIds) {
      const [latest] = await checkInsOf(id);
      expect(latest?.noChange, `a "no change" check-in on ${id}`).toBe(true);
      expect(latest?.kind).toBe('progress');
      expect(latest?.day).toBe(dayFromToday(0));
    }
    // Reported: the list was refreshed, and nothing asks any more today.
    await expect(today.allNoChange).toHaveCount(0);
    await expect(today.page.getByTestId('today-nothing-due')).toBeVisible();
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-submitted');
  });

  test('a full entry with a photo: progress, done, next, blocker, a milestone reached', async ({ page }) => {
    const market = await arrangeTask('城关镇农贸市场棚顶改造', [
      { title: '完成棚顶拆除', dueDate: dayFromToday(3) },
      { title: '完成主体施工', dueDate: dayFromToday(40) },
    ]);
    const today = await loginOnPhone(page);
    const card = today.card(market.title);
    await expect(card.getByTestId('today-task-milestone')).toContainText('完成棚顶拆除');
    await today.fillEntry(market.title, {
      progress: 35,
      done: '棚顶拆除完毕，清运建筑垃圾 12 车',
      next: '周一开始钢结构进场',
      blocker: '夜间施工需城管审批',
      milestones: ['完成棚顶拆除'],
      // A large picture: the phone makes it 1600 px on its longer side, as JPEG.
      photo: { name: '棚顶现场.png', mimeType: 'image/png', buffer: makePng(2400, 1200) },
    });
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-entry');
    await today.submitButton.click();
    await expect(today.result(market.title)).toContainText('已更新');
    await expect(today.result(market.title)).toContainText('进度 35%');
    await fullShot(page, 'today-entry-result');

    const [latest] = await checkInsOf(market.id);
    expect(latest).toMatchObject({
      kind: 'progress',
      noChange: false,
      progress: 35,
      done: '棚顶拆除完毕，清运建筑垃圾 12 车',
      next: '周一开始钢结构进场',
      blocker: '夜间施工需城管审批',
      milestoneIds: [market.milestoneIds[0]],
    });
    expect(latest?.photoIds).toHaveLength(1);

    const { api } = await apiAs('cadre');
    const task = (await (await api.get(`/api/v1/tasks/${market.id}`)).json()) as {
      progress: number;
      milestones: { title: string; state: string }[];
    };
    expect(task.progress).toBe(35);
    expect(task.milestones.find((m) => m.title === '完成棚顶拆除')?.state).toBe('done');
    const files = (await (await api.get(`/api/v1/tasks/${market.id}/attachments`)).json()) as {
      items: { id: string; mime: string; url: string; size: number }[];
    };
    const photo = files.items.find((f) => f.id === latest?.photoIds[0]);
    expect(photo?.mime).toBe('image/jpeg');
    const bytes = await (await api.get(photo?.url ?? '')).body();
    expect(jpegSize(bytes)).toEqual({ width: 1600, height: 800 });
    await api.dispose();
  });

  test('a lower progress asks for a reason; a task not due today is reported from the folded group', async ({
    page,
  }) => {
    const plaza = await arrangeTask('城关镇文化广场提升');
    // Reported this week already (40%): the task no longer asks today.
    const cadre = await apiAs('cadre');
    await post(cadre.api, cadre.csrfToken, '/api/v1/check-ins', {
      clientId: crypto.randomUUID(),
      recordedAt: new Date().toISOString(),
      entries: [{ taskId: plaza.id, progress: 40, done: '完成广场地面铺装招标' }],
    });
    await cadre.api.dispose();

    const today = await loginOnPhone(page);
    await expect(today.card(plaza.title)).toBeHidden();
    await today.openNotDue();
    await expect(today.card(plaza.title)).toBeVisible();
    await expect(today.card(plaza.title).getByTestId('today-task-last')).toContainText('完成广场地面铺装招标');
    await today.fillEntry(plaza.title, { progress: 30, done: '复核发现铺装面积计算有误' });
    await today.submitButton.click();
    await expect(today.card(plaza.title)).toContainText('请填写进度下调原因');
    await expectNoSidewaysScroll(today);
    await screenshot(page, 'today-reason-required', { isViewportOnly: true });
    expect(await checkInsOf(plaza.id)).toHaveLength(1);

    await today.fillEntry(plaza.title, { progressReason: '铺装面积重新核算，扣除未开工部分' });
    await today.submitButton.click();
    await expect(today.result(plaza.title)).toContainText('已更新');
    const [latest] = await checkInsOf(plaza.id);
    expect(latest).toMatchObject({ progress: 30, progressReason: '铺装面积重新核算，扣除未开工部分' });
  });

  test('offline: the page opens from the service worker, the check-in waits, then syncs once with its own time', async ({
    page,
    context,
  }) => {
    const bridge = await arrangeTask('城关镇河堤步道修复');
    const today = await loginOnPhone(page);
    // The worker is the built app's /sw.js, for the whole site, and the browser always asks for a fresh copy.
    const script = await page.request.get('/sw.js');
    expect(script.headers()['content-type']).toMatch(/javascript/);
    expect(script.headers()['cache-control']).toMatch(/no-cache|max-age=0/);
    await expect
      .poll(() => page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.scope))
      .toBe(`${new URL(page.url()).origin}/`);
    await reloadOffline(page, context, today);
    await expect(today.card(bridge.title)).toBeVisible();
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-offline');

    await today.fillEntry(bridge.title, { progress: 20, done: '清理步道塌方土石', next: '浇筑护坡基础' });
    const pressedFrom = Date.now();
    await today.submitButton.click();
    const pressedTo = Date.now();
    await expect(today.banner).toContainText('1 条日清待同步');
    await expect(today.card(bridge.title).getByTestId('today-task-queued')).toBeVisible();
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-offline-queued');
    expect(await checkInsOf(bridge.id), 'nothing reached the server while offline').toHaveLength(0);

    // Some time passes before the network returns: the check-in keeps the time it was made. The first sync's
    // answer is lost on the way back (the server has it): the batch stays queued, and the retry sends the same
    // clientId, which the server recognises.
    await page.waitForTimeout(2_500);
    let lost = 0;
    await context.route('**/api/v1/check-ins', async (route) => {
      if (route.request().method() !== 'POST' || lost > 0) return route.fallback();
      lost += 1;
      await route.fetch();
      await route.abort('internetdisconnected');
    });
    await context.setOffline(false);
    await expect.poll(() => lost).toBe(1);
    await expect(today.banner).toContainText('1 条日清待同步');
    expect(await checkInsOf(bridge.id), 'the server took the first attempt').toHaveLength(1);
    await context.unrouteAll();

    await today.syncNow.click();
    await expect(today.banner).toContainText('已同步：1 条日清已保存到服务器');
    await expect(today.result(bridge.title)).toContainText('已更新');
    await expect(today.results).toContainText('服务器此前已收到，未重复记录');
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-synced');

    const stored = await checkInsOf(bridge.id);
    expect(stored, 'exactly one check-in').toHaveLength(1);
    const [only] = stored;
    const recordedAt = Date.parse(only?.recordedAt ?? '');
    expect(recordedAt).toBeGreaterThanOrEqual(pressedFrom - 1000);
    expect(recordedAt).toBeLessThanOrEqual(pressedTo + 1000);
    expect(Date.parse(only?.receivedAt ?? '') - recordedAt, 'received well after it was made').toBeGreaterThan(2_000);
    expect(only).toMatchObject({ progress: 20, done: '清理步道塌方土石', next: '浇筑护坡基础' });
  });

  test('entries on tasks that moved on while offline are kept as notes, and the page says why', async ({
    page,
    context,
  }) => {
    const stalls = await arrangeTask('城关镇临街摊点整治');
    const signs = await arrangeTask('城关镇路名标牌更新');
    const today = await loginOnPhone(page);
    await reloadOffline(page, context, today);
    await today.card(stalls.title).getByTestId('today-no-change').click();
    await today.fillEntry(signs.title, { progress: 50, done: '更换路名标牌 40 块' });
    await today.submitButton.click();
    await expect(today.banner).toContainText('1 条日清待同步');

    // Meanwhile a leader cancels one of the two tasks.
    const leader = await apiAs('leader');
    await post(leader.api, leader.csrfToken, `/api/v1/tasks/${stalls.id}/cancel`, {
      reason: '并入全县市容整治统一推进',
    });
    await leader.api.dispose();

    await context.setOffline(false);
    await expect(today.result(stalls.title)).toContainText('已存为备注');
    await expect(today.result(stalls.title)).toContainText('任务已撤销，本条作为备注保存，不改变进度');
    await expect(today.result(signs.title)).toContainText('已更新');
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-note');
    const [note] = await checkInsOf(stalls.id);
    expect(note).toMatchObject({ kind: 'note', notice: 'taskCancelled', noChange: true });
    const [applied] = await checkInsOf(signs.id);
    expect(applied).toMatchObject({ kind: 'progress', progress: 50 });
  });

  test('a check-in the server refuses stays on the phone, says why, and goes only when the cadre discards it', async ({
    page,
    context,
  }) => {
    const kiosk = await arrangeTask('城关镇便民服务亭建设');
    const today = await loginOnPhone(page);
    await reloadOffline(page, context, today);
    await today.fillEntry(kiosk.title, {
      progress: 10,
      done: '完成服务亭选址',
      photo: { name: '选址.png', mimeType: 'image/png', buffer: makePng() },
    });
    await today.submitButton.click();
    await expect(today.banner).toContainText('1 条日清待同步');

    // Meanwhile the office hands the task to another township: the cadre no longer sees it.
    const supervisor = await apiAs('supervisor');
    const units = (await (await supervisor.api.get('/api/v1/units')).json()) as {
      items: { id: string; name: string }[];
    };
    const east = units.items.find((u) => u.name === '东关镇');
    const res = await supervisor.api.patch(`/api/v1/tasks/${kiosk.id}`, {
      data: { leadUnitId: east?.id, ownerId: null },
      headers: { 'x-csrf-token': supervisor.csrfToken },
    });
    expect(res.status(), await res.text()).toBe(200);
    await supervisor.api.dispose();

    await context.setOffline(false);
    await expect(today.rejected).toContainText('未被接受');
    await expect(today.rejected).toContainText(`“${kiosk.title}”的现场照片：记录不存在或不在您的权限范围内`);
    await expect(today.banner).toHaveCount(0);
    // The list is read again once online: the task has left it.
    await expect(today.card(kiosk.title)).toHaveCount(0);
    await expectNoSidewaysScroll(today);
    await fullShot(page, 'today-rejected');

    // Kept on the phone: still there after a reload, and never sent again by itself.
    await page.reload();
    await expect(today.rejected).toBeVisible();
    await today.rejected.getByRole('button', { name: '修改后重新提交' }).click();
    await expect(today.page.getByText(`“${kiosk.title}”已不在您的清单中`)).toBeVisible();
    await today.rejected.getByRole('button', { name: '放弃' }).click();
    await confirmPopover(page, '放弃');
    await expect(today.rejected).toHaveCount(0);
    await page.reload();
    await today.waitLoaded();
    await expect(today.rejected).toHaveCount(0);
    expect(await checkInsOf(kiosk.id, 'supervisor')).toHaveLength(0);
  });

  test('a session that expired while offline keeps the queue, asks to log in, then syncs', async ({
    page,
    context,
  }) => {
    const wall = await arrangeTask('城关镇老街立面整治');
    const today = await loginOnPhone(page);
    await reloadOffline(page, context, today);
    await today.card(wall.title).getByTestId('today-no-change').click();
    const pressedAt = Date.now();
    await today.submitButton.click();
    await expect(today.banner).toContainText('1 条日清待同步');

    // The session ends while the phone is offline (here: its cookie is gone).
    await context.clearCookies();
    await context.setOffline(false);
    await expect(page).toHaveURL(/\/login\?next=%2Ftoday$/);
    await expect(page.getByText('登录已超时，请重新登录。')).toBeVisible();
    const waiting = await page.evaluate(
      () =>
        new Promise<number>((resolve, reject) => {
          const open = indexedDB.open('duban-offline');
          open.onsuccess = () => {
            const count = open.result.transaction('check-ins').objectStore('check-ins').count();
            count.onsuccess = () => resolve(count.result);
            count.onerror = () => reject(count.error);
          };
          open.onerror = () => reject(open.error);
        }),
    );
    expect(waiting, 'the check-in is still kept on the phone').toBe(1);
    expect(await checkInsOf(wall.id)).toHaveLength(0);

    await new LoginPage(page).loginAndWait('cadre', DEMO_PASSWORD);
    await expect(page).toHaveURL(/\/today$/);
    await expect(today.result(wall.title)).toContainText('已记录无变化');
    const stored = await checkInsOf(wall.id);
    expect(stored).toHaveLength(1);
    expect(stored[0]?.noChange).toBe(true);
    expect(Math.abs(Date.parse(stored[0]?.recordedAt ?? '') - pressedAt)).toBeLessThan(2_000);
  });

  test('the bell opens the inbox page, which fits the phone', async ({ page }) => {
    await loginOnPhone(page);
    await page.getByTestId('inbox-bell').click();
    await expect(page).toHaveURL(/\/inbox$/);
    await expect(page.getByRole('heading', { name: '消息', exact: true })).toBeVisible();
    expect(await findCutContent(page), 'nothing cut off at 390 px').toEqual([]);
    await fullShot(page, 'inbox-bell-mobile');
  });

  test('each card opens its task page', async ({ page }) => {
    const fence = await arrangeTask('城关镇护栏刷新');
    const today = await loginOnPhone(page);
    await today.card(fence.title).getByTestId('today-task-title').click();
    await expect(page).toHaveURL(new RegExp(`/tasks/${fence.id}$`));
    await expect(page.getByTestId('task-title')).toContainText(fence.title);
  });

  test('in English too: the same screen, nothing wider than the phone', async ({ page }) => {
    const yard = await arrangeTask('城关镇停车场划线');
    const today = await loginOnPhone(page);
    const shell = new AppShell(page);
    await shell.switchLanguage('English');
    try {
      await expect(page.getByRole('heading', { name: 'Today' })).toBeVisible();
      await expect(today.allNoChange).toHaveText('No change on all');
      await today.fillEntry(yard.title, { progress: 5, done: '完成划线方案' });
      await expect(today.card(yard.title).getByText('Why progress went down')).toHaveCount(0);
      await expect(today.submitButton).toHaveText('Submit (1)');
      await expectNoSidewaysScroll(today);
      await fullShot(page, 'today-en');
    } finally {
      await shell.switchLanguage('中文');
    }
  });
});

test.describe
  .serial('one person reports per task: the owner, the liaison only without one or when overdue', () => {
    let owned: TArrangedTask;
    let ownerless: TArrangedTask;

    test.beforeAll(async () => {
      owned = await arrangeTask('城关镇公厕提升改造');
      ownerless = await arrangeTask('城关镇路灯节能改造', [], { isOwnerless: true });
    });

    /** What the server asks of a person today. */
    async function askedOf(username: string) {
      const { api } = await apiAs(username);
      const body = (await (await api.get('/api/v1/me/today')).json()) as {
        asked: { entries: number };
        tasks: { id: string; dueReason: string | null; ownerName: string | null; ownerOverdue: boolean }[];
      };
      const me = (await (await api.get('/api/v1/me')).json()) as { user: { displayName: string } };
      await api.dispose();
      return { ...body, name: me.user.displayName };
    }

    test('the cadre is asked for the task they own, and not for the unit’s task without an owner', async ({ page }) => {
      const today = await loginOnPhone(page);
      await expect(today.card(owned.title).getByTestId('today-task-reason')).toHaveText('本周未填报');
      await expect(today.card(ownerless.title)).toHaveCount(0);
      await expect(today.card(owned.title).getByTestId('today-task-owner')).toHaveCount(0);
      await expectNoSidewaysScroll(today);
      await fullShot(page, 'today-one-reporter-cadre');
    });

    test('the liaison is asked for the ownerless task; the owner’s task waits, folded, named as the owner’s', async ({
      page,
    }) => {
      const login = new LoginPage(page);
      await login.goto();
      await login.loginAndWait('liaison', DEMO_PASSWORD);
      const today = new TodayPage(page);
      await today.goto();
      const server = await askedOf('liaison');
      const cadreName = (await askedOf('cadre')).name;
      // Due for the liaison: the ownerless task, with the unit's tag; the owner's task is among those not due.
      await expect(today.card(ownerless.title).getByTestId('today-task-reason')).toHaveText('本周未填报');
      await expect(today.card(ownerless.title)).toContainText('代单位填报');
      await expect(today.card(owned.title)).toBeHidden();
      await today.openNotDue();
      const ownedCard = today.card(owned.title);
      await expect(ownedCard.getByTestId('today-task-owner')).toHaveText(`由责任人${cadreName}填报`);
      await expect(ownedCard.getByTestId('today-task-reason')).toHaveCount(0);
      // The page asks what the server counts for the burden meter, and only where nobody else answers for it.
      const due = server.tasks.filter((t) => t.dueReason !== null);
      expect(due.every((t) => t.ownerName === null || t.ownerOverdue)).toBe(true);
      expect(server.asked.entries).toBe(due.length);
      await expect(page.getByText(`今日需填报 ${due.length} 项`)).toBeVisible();
      // An overdue owner's task, where the demo has one, asks the liaison and says whose report is late.
      for (const t of due.filter((t) => t.ownerOverdue)) {
        await expect(page.locator(`[data-task-id="${t.id}"]`).getByTestId('today-task-owner')).toHaveText(
          `责任人${t.ownerName}逾期未报`,
        );
      }
      await expectNoSidewaysScroll(today);
      await fullShot(page, 'today-one-reporter-liaison');
    });
  });
