import {
  addDays,
  bulletinIssue,
  daysBetween,
  isBulletinEmpty,
  lastFullWeek,
  localDay,
  nextWeek,
  previousWeek,
  type TBulletin,
  weekDays,
  weekInstants,
  weekOfInstant,
} from '@duban/domain';
import ExcelJS from 'exceljs';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../platform/clock.ts';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';
import { seedDemoWork } from '../org/seed.ts';
import { BULLETIN_SHEETS } from './bulletins.excel.ts';
import { generateWeeklyBulletin } from './bulletins.jobs.ts';

const ctx = useTestApp();
const DAY = 86_400_000;
const today = localDay(new Date());
const week = weekOfInstant(new Date());
const lastWeek = previousWeek(week);

let supervisor: TClient;
let leader: TClient;
let head: TClient;
let cadre: TClient;
let town: string;
let listId: string;
/** Red for ten days: turned red on the platform's clock set ten days back. */
let oldRed: string;
let redSince: Date;
/** Red since today: urged, unanswered, then flagged for an admonition whose outcome is recorded. */
let urged: string;
/** Red since today: a supervision notice answered after its day. */
let lateAnswered: string;
let bulletinId: string;

const count = async (table: string, where = 'true') =>
  (await ctx.sql<{ n: number }>(`select count(*)::int as n from ${table} where ${where}`))[0]?.n ?? 0;

/** A task of 城关镇 owned by cadre, assigned and acknowledged on the platform's clock. */
async function createTask(title: string, dates: { start: number; due: number }) {
  const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
    title,
    leadUnitId: town,
    ownerId: await userId(ctx, 'cadre'),
    leadLeaderId: await userId(ctx, 'leader'),
    cadence: 'weekly',
    startDate: addDays(today, dates.start),
    dueDate: addDays(today, dates.due),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] })).statusCode).toBe(
    200,
  );
  expect((await head.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(200);
  return id;
}

async function raise(taskIds: string[], step: string) {
  const res = await supervisor.request('POST', '/api/v1/escalations', { taskIds, step, reason: '进度严重滞后' });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as { id: string; taskId: string; answerDueOn: string | null }[];
}

const answer = { situation: '已召开专题会研究', plan: '倒排工期，挂图作战', newDueDate: addDays(today, 30) };

async function generate(client: TClient, body: object) {
  return client.request('POST', '/api/v1/bulletins', body);
}

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  leader = await login(ctx.app, 'leader');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  town = await unitId(ctx, '城关镇');
  await ctx.database.db.transaction((tx) => seedDemoWork(tx));
  // These tests build their own reds and notices on the platform's clock: the demo's past weeks and its first
  // sweep's escalations are set aside, leaving each demo task lit once, now (demo-lights.test covers them).
  await ctx.sql(`delete from escalations`);
  await ctx.sql(`delete from light_history h where exists
    (select 1 from light_history l where l.task_id = h.task_id and l.id > h.id)`);
  await ctx.sql(`update light_history set at = now()`);
  await ctx.sql(`update tasks set light_since = now() where light is not null`);
  listId = (await supervisor.request('POST', '/api/v1/task-lists', { name: '通报测试清单', year: 2026 })).json().id;

  // Ten days ago, 60 days into a task of 67 with nothing done: red for being far behind pace.
  redSince = new Date(Date.now() - 10 * DAY);
  setClock(redSince);
  oldRed = await createTask('老城区棚户区改造', { start: -70, due: -3 });
  setClock(null);
  urged = await createTask('工业园区污水处理厂建设', { start: -60, due: -2 });
  lateAnswered = await createTask('乡村振兴示范点建设', { start: -60, due: -1 });

  // Urge notices: one answered on time, one left unanswered.
  const urges = await raise([oldRed, urged], 'urge');
  const onTime = urges.find((e) => e.taskId === oldRed);
  expect((await head.request('POST', `/api/v1/escalations/${onTime?.id}/answer`, answer)).statusCode).toBe(200);
  // A supervision notice answered after its last day.
  const [notice] = await raise([lateAnswered], 'supervisionNotice');
  await ctx.sql('update escalations set answer_due_on = $1 where id = $2', [addDays(today, -1), notice?.id]);
  expect((await head.request('POST', `/api/v1/escalations/${notice?.id}/answer`, answer)).statusCode).toBe(200);
  // An admonition flagged and its outcome recorded.
  const [admonition] = await raise([urged], 'admonish');
  const outcome = await supervisor.request('POST', `/api/v1/escalations/${admonition?.id}/outcome`, {
    outcome: '已约谈园区管委会主任，限期两周整改',
  });
  expect(outcome.statusCode, outcome.body).toBe(200);
});

afterEach(() => setClock(null));

describe('generating a week’s bulletin from the facts', () => {
  let bulletin: TBulletin;

  it('drafts the figures of the lights and escalations; audited', async () => {
    const audits = await auditCount(ctx);
    const res = await generate(supervisor, { week });
    expect(res.statusCode, res.body).toBe(201);
    bulletin = res.json();
    bulletinId = bulletin.id;
    const { year, number } = bulletinIssue(week);
    expect(bulletin).toMatchObject({
      week,
      state: 'draft',
      title: `关于${year}年第${number}周全县重点任务推进情况的通报`,
      foreword: null,
      generatedBy: { id: supervisor.userId },
      approvedBy: null,
      publishedAt: null,
      can: { edit: true, regenerate: true, approve: false, publish: false },
    });
    const c = bulletin.content;
    expect(c).toMatchObject({ week, ...{ from: weekDays(week).first, to: weekDays(week).last }, countyName: '示范县' });
    expect(await auditCount(ctx)).toBe(audits + 1);

    // In a running week the figures are today's lights: the same as the tasks carry.
    const lights = await ctx.sql<{ light: string; n: number }>(
      'select light, count(*)::int as n from tasks where light is not null group by light',
    );
    const n = (light: string) => lights.find((l) => l.light === light)?.n ?? 0;
    expect(c.totals).toMatchObject({ green: n('green'), yellow: n('yellow'), red: n('red') });
    expect(c.totals.live).toBe(n('green') + n('yellow') + n('red'));
    expect(c.totals.red).toBeGreaterThan(3);
    const closed = await count('tasks', `light = 'done' and light_since >= '${weekInstants(week).from.toISOString()}'`);
    expect(c.totals.closedInWeek).toBe(closed);
  });

  it('names the red tasks longest red first, with why they are red', async () => {
    const c = bulletin.content;
    expect(c.topDelays.length).toBe(Math.min(10, c.totals.red));
    const since = c.topDelays.map((d) => d.redSince);
    expect(since).toEqual([...since].sort());
    const [first] = c.topDelays;
    const history = (await supervisor.request('GET', `/api/v1/tasks/${oldRed}/light-history`)).json();
    const [cadreRow] = await ctx.sql<{ name: string }>(
      "select display_name as name from users where username = 'cadre'",
    );
    expect(first).toMatchObject({
      taskId: oldRed,
      title: '老城区棚户区改造',
      leadUnitId: town,
      leadUnitName: '城关镇',
      ownerName: cadreRow?.name,
      daysRed: 10,
      dueDate: addDays(today, -3),
      progress: 0,
      rules: history.items[0].rules,
    });
    expect(history.items[0].light).toBe('red');
    expect(first?.redSince).toBe(history.items[0].at);
    expect(Math.abs(Date.parse(first?.redSince ?? '') - redSince.getTime())).toBeLessThan(60_000);
  });

  it('ranks the lead units by their reds, with yellows and live tasks', async () => {
    const units = await ctx.sql<{ unitId: string; red: number; yellow: number; total: number }>(
      `select lead_unit_id as "unitId", count(*) filter (where light = 'red')::int as red,
         count(*) filter (where light = 'yellow')::int as yellow,
         count(*) filter (where light in ('green', 'yellow', 'red'))::int as total
       from tasks where light is not null group by lead_unit_id`,
    );
    const { redUnits } = bulletin.content;
    expect(redUnits.length).toBe(Math.min(10, units.filter((u) => u.red > 0).length));
    const reds = redUnits.map((u) => u.red);
    expect(reds).toEqual([...reds].sort((a, b) => b - a));
    expect(reds[0]).toBe(Math.max(...units.map((u) => u.red)));
    for (const row of redUnits) {
      const { unitId: id, red, yellow, total } = units.find((u) => u.unitId === row.unitId) ?? {};
      expect(row).toMatchObject({ unitId: id, red, yellow, total });
    }
    expect(redUnits.find((u) => u.unitId === town)?.unitName).toBe('城关镇');
  });

  it('counts the week’s notices answered on time, late and not at all, and lists the unanswered', async () => {
    const { notices, admonitions } = bulletin.content;
    expect(notices.urge).toEqual({ raised: 2, answeredOnTime: 1, answeredLate: 0, unanswered: 1 });
    expect(notices.supervisionNotice).toEqual({ raised: 1, answeredOnTime: 0, answeredLate: 1, unanswered: 0 });
    expect(notices.total).toEqual({ raised: 3, answeredOnTime: 1, answeredLate: 1, unanswered: 1 });
    expect(notices.unanswered).toHaveLength(1);
    const [open] = await ctx.sql<{ id: string; due: string }>(
      "select id, answer_due_on::text as due from escalations where task_id = $1 and step = 'urge'",
      [urged],
    );
    expect(notices.unanswered[0]).toMatchObject({
      escalationId: open?.id,
      taskId: urged,
      taskTitle: '工业园区污水处理厂建设',
      unitName: '城关镇',
      step: 'urge',
      answerDueOn: open?.due,
      isOverdue: false,
    });
    expect(admonitions.flagged).toBe(1);
    expect(admonitions.flaggedItems[0]).toMatchObject({ taskId: urged, outcome: '已约谈园区管委会主任，限期两周整改' });
    expect(admonitions.outcomes).toBe(1);
    expect(admonitions.outcomeItems[0]?.taskId).toBe(urged);
  });

  it('describes a past week as it ended, from the light history', async () => {
    const res = await generate(supervisor, { week: lastWeek });
    expect(res.statusCode, res.body).toBe(201);
    const c = (res.json() as TBulletin).content;
    expect(c.asOf).toBe(new Date(weekInstants(lastWeek).to.getTime() - 1).toISOString());
    // Only the task lit ten days ago had a light then; the demo county was lit today.
    expect(c.totals).toEqual({ live: 1, green: 0, yellow: 0, red: 1, closedInWeek: 0 });
    expect(c.topDelays.map((d) => [d.taskId, d.daysRed])).toEqual([
      [oldRed, daysBetween(localDay(redSince), weekDays(lastWeek).last)],
    ]);
    expect(c.notices.total.raised).toBe(0);
    expect(res.json().generatedBy).toMatchObject({ id: supervisor.userId });
  });

  it('regenerates a draft with its title and foreword kept, also by the weekly job', async () => {
    const edit = await supervisor.request('PATCH', `/api/v1/bulletins/${bulletinId}`, {
      title: '关于重点任务红灯督办情况的通报',
      foreword: '各乡镇、县直各部门：现将本周重点任务推进情况通报如下。',
    });
    expect(edit.statusCode, edit.body).toBe(200);
    const audits = await auditCount(ctx);
    const again = await generate(supervisor, { week });
    expect(again.statusCode, again.body).toBe(200);
    expect(again.json()).toMatchObject({
      id: bulletinId,
      title: '关于重点任务红灯督办情况的通报',
      foreword: '各乡镇、县直各部门：现将本周重点任务推进情况通报如下。',
      state: 'draft',
    });
    expect(await auditCount(ctx)).toBe(audits + 1);
    const job = await generateWeeklyBulletin(ctx.database.db);
    expect(job).toMatchObject({ week, id: bulletinId, created: false, kept: false });
    const after = (await supervisor.request('GET', `/api/v1/bulletins/${bulletinId}`)).json();
    expect(after.generatedBy).toBeNull();
    expect(after.title).toBe('关于重点任务红灯督办情况的通报');
    expect(await count('bulletins')).toBe(2);
  });

  it('refuses bad input (400/422 naming the field), other roles (403); nothing written', async () => {
    const audits = await auditCount(ctx);
    const future = await generate(supervisor, { week: nextWeek(week) });
    expect([future.statusCode, errorOf(future).field]).toEqual([422, 'week']);
    const bad = await generate(supervisor, { week: '2026-W60' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'week']);
    expect((await generate(supervisor, { week, extra: 1 })).statusCode).toBe(400);
    expect((await generate(leader, { week })).statusCode).toBe(403);
    expect((await generate(head, { week })).statusCode).toBe(403);
    expect((await generate(cadre, { week })).statusCode).toBe(403);
    expect(await auditCount(ctx)).toBe(audits);
    expect(await count('bulletins')).toBe(2);
  });
});

describe('reading, editing, approving and publishing', () => {
  it('shows drafts to supervisors and leaders only: 404 to everyone else', async () => {
    const mine = (await leader.request('GET', '/api/v1/bulletins')).json();
    expect(mine.items.map((b: { week: string }) => b.week)).toEqual([week, lastWeek]);
    expect(mine).toMatchObject({ total: 2, canGenerate: false });
    expect(mine.items[0].can).toEqual({ edit: false, regenerate: false, approve: true, publish: false });
    expect((await supervisor.request('GET', '/api/v1/bulletins')).json().canGenerate).toBe(true);
    for (const client of [cadre, head]) {
      expect((await client.request('GET', '/api/v1/bulletins')).json()).toMatchObject({ items: [], total: 0 });
      expect((await client.request('GET', '/api/v1/bulletins?state=draft')).json().total).toBe(0);
      expect((await client.request('GET', `/api/v1/bulletins/${bulletinId}`)).statusCode).toBe(404);
      expect((await client.request('GET', `/api/v1/bulletins/${bulletinId}.xlsx`)).statusCode).toBe(404);
    }
    const malformed = await supervisor.request('GET', '/api/v1/bulletins/not-an-id');
    expect([malformed.statusCode, errorOf(malformed).field]).toEqual([400, 'id']);
    const unknown = await supervisor.request('GET', `/api/v1/bulletins/${crypto.randomUUID()}`);
    expect(unknown.statusCode).toBe(404);
    const state = await supervisor.request('GET', '/api/v1/bulletins?state=sent');
    expect([state.statusCode, errorOf(state).field]).toEqual([400, 'state']);
  });

  it('lets county supervisors edit a draft’s title and foreword, and nothing else', async () => {
    const audits = await auditCount(ctx);
    const url = `/api/v1/bulletins/${bulletinId}`;
    const empty = await supervisor.request('PATCH', url, { title: '  ' });
    expect([empty.statusCode, errorOf(empty).field]).toEqual([400, 'title']);
    const long = await supervisor.request('PATCH', url, { foreword: '字'.repeat(4001) });
    expect([long.statusCode, errorOf(long).field]).toEqual([400, 'foreword']);
    const typed = await supervisor.request('PATCH', url, { content: { totals: {} } });
    expect(typed.statusCode).toBe(400);
    expect((await leader.request('PATCH', url, { title: '领导改的标题' })).statusCode).toBe(403);
    expect((await cadre.request('PATCH', url, { title: '干部改的标题' })).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(audits);
    const cleared = await supervisor.request('PATCH', url, { foreword: null });
    expect(cleared.statusCode, cleared.body).toBe(200);
    expect(cleared.json().foreword).toBeNull();
    const set = await supervisor.request('PATCH', url, { foreword: '现将有关情况通报如下。' });
    expect(set.json().foreword).toBe('现将有关情况通报如下。');
    expect(await auditCount(ctx)).toBe(audits + 2);
    const unchanged = await supervisor.request('PATCH', url, { foreword: '现将有关情况通报如下。' });
    expect(unchanged.statusCode).toBe(200);
    expect(await auditCount(ctx)).toBe(audits + 2);
  });

  it('is approved by a county leader once, then changes no more (409)', async () => {
    const url = `/api/v1/bulletins/${bulletinId}`;
    const early = await supervisor.request('POST', `${url}/publish`);
    expect([early.statusCode, errorOf(early).field]).toEqual([409, 'state']);
    expect((await supervisor.request('POST', `${url}/approve`)).statusCode).toBe(403);
    expect((await cadre.request('POST', `${url}/approve`)).statusCode).toBe(404);
    const audits = await auditCount(ctx);
    const res = await leader.request('POST', `${url}/approve`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'approved', approvedBy: { id: leader.userId } });
    expect(res.json().approvedAt).not.toBeNull();
    expect(await auditCount(ctx)).toBe(audits + 1);
    for (const refused of [
      await leader.request('POST', `${url}/approve`),
      await supervisor.request('PATCH', url, { title: '审核后再改' }),
      await generate(supervisor, { week }),
    ]) {
      expect([refused.statusCode, errorOf(refused).field]).toEqual([409, 'state']);
    }
    expect(await auditCount(ctx)).toBe(audits + 1);
    expect((await cadre.request('GET', url)).statusCode).toBe(404);
    const sup = (await supervisor.request('GET', url)).json();
    expect(sup.can).toEqual({ edit: false, regenerate: false, approve: false, publish: true });
    // The weekly job leaves an approved bulletin as it is.
    expect(await generateWeeklyBulletin(ctx.database.db)).toMatchObject({ id: bulletinId, kept: true });
    expect((await supervisor.request('GET', url)).json().state).toBe('approved');
  });

  it('is published by a supervisor: to every unit head’s and leader’s inbox, and the county’s robots', async () => {
    const allow = process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
    process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = '1';
    try {
      const channel = await supervisor.request('POST', '/api/v1/notification-channels', {
        name: '全县督查工作群',
        kind: 'wecom',
        unitId: null,
        url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=bulletin',
        events: ['bulletin'],
        enabled: true,
      });
      expect(channel.statusCode, channel.body).toBe(201);
      const url = `/api/v1/bulletins/${bulletinId}/publish`;
      expect((await leader.request('POST', url)).statusCode).toBe(403);
      const audits = await auditCount(ctx);
      const res = await supervisor.request('POST', url);
      expect(res.statusCode, res.body).toBe(200);
      expect(res.json()).toMatchObject({ state: 'published', publishedBy: { id: supervisor.userId } });
      expect(await auditCount(ctx)).toBe(audits + 1);

      const readers = await count(
        `(select distinct g.user_id from role_grants g join users u on u.id = g.user_id
          where g.role in ('unitHead', 'leader') and u.is_active) r`,
      );
      expect(readers).toBeGreaterThan(10);
      expect(await count('inbox_items', "kind = 'bulletin'")).toBe(readers);
      const inbox = (await head.request('GET', '/api/v1/inbox')).json().items;
      expect(inbox[0]).toMatchObject({ kind: 'bulletin', taskId: null, title: '关于重点任务红灯督办情况的通报' });
      expect(await count('inbox_items', `kind = 'bulletin' and user_id = '${cadre.userId}'`)).toBe(0);
      const deliveries = await ctx.sql<{ event: string; message: { title: string; text: string } }>(
        'select event, message from deliveries where channel_id = $1',
        [channel.json().id],
      );
      const { year, number } = bulletinIssue(week);
      expect(deliveries).toHaveLength(1);
      expect(deliveries[0]?.message.title).toBe(`督查通报 ${year}年第${number}期`);
      expect(deliveries[0]?.message.text).toContain('老城区棚户区改造（城关镇，红灯 10 天）');

      const again = await supervisor.request('POST', url);
      expect([again.statusCode, errorOf(again).field]).toEqual([409, 'state']);
    } finally {
      if (allow === undefined) delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
      else process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = allow;
    }
  });

  it('is read by everyone once published, who may do nothing with it', async () => {
    const list = (await cadre.request('GET', '/api/v1/bulletins')).json();
    expect(list.items.map((b: { id: string }) => b.id)).toEqual([bulletinId]);
    const one = await cadre.request('GET', `/api/v1/bulletins/${bulletinId}`);
    expect(one.statusCode).toBe(200);
    expect(one.json().can).toEqual({ edit: false, regenerate: false, approve: false, publish: false });
    expect(one.json().content.topDelays[0].taskId).toBe(oldRed);
  });

  it('is described in the OpenAPI document', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const path of ['', '/{id}', '/{id}.xlsx', '/{id}/approve', '/{id}/publish']) {
      expect(Object.keys(doc.paths)).toContain(`/api/v1/bulletins${path}`);
    }
    expect(Object.keys(doc.paths['/api/v1/bulletins/{id}'])).toEqual(['get', 'patch']);
  });

  it('downloads as a workbook with a sheet per section', async () => {
    const file = await cadre.request('GET', `/api/v1/bulletins/${bulletinId}.xlsx`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    const { year, number } = bulletinIssue(week);
    expect(file.headers['content-disposition']).toContain(encodeURIComponent(`督查通报-${year}年第${number}期.xlsx`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual([...BULLETIN_SHEETS]);
    const overview = workbook.getWorksheet('概况');
    expect(overview?.getRow(2).values).toEqual([undefined, '标题', '关于重点任务红灯督办情况的通报']);
    expect(overview?.getRow(7).getCell(2).value).toBe('已发布');
    const delays = workbook.getWorksheet('红灯最久任务');
    expect(delays?.getRow(1).getCell(2).value).toBe('任务');
    expect(delays?.getRow(2).getCell(2).value).toBe('老城区棚户区改造');
    expect(delays?.getRow(2).getCell(6).value).toBe(10);
    const notices = workbook.getWorksheet('催办督办答复');
    expect(notices?.getRow(4).values).toEqual([undefined, '合计', 3, 1, 1, 1]);
    const unanswered = workbook.getWorksheet('未答复事项');
    expect(unanswered?.rowCount).toBe(2);
    expect(unanswered?.getRow(2).getCell(1).value).toBe('工业园区污水处理厂建设');
    const admonitions = workbook.getWorksheet('约谈');
    expect(admonitions?.rowCount).toBe(3);
    expect(admonitions?.getRow(3).getCell(5).value).toBe('已约谈园区管委会主任，限期两周整改');
  });
});

describe('the week a bulletin is for', () => {
  it('is the last full week unless one is named', async () => {
    // Seven weeks on, no bulletin exists yet for the week before.
    const later = new Date(Date.now() + 49 * DAY);
    setClock(later);
    const res = await generate(supervisor, {});
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().week).toBe(lastFullWeek(later));
    expect(isBulletinEmpty(res.json().content)).toBe(false);
  });

  it('says a week before any work had nothing to report: every figure zero, nothing listed', async () => {
    const res = await generate(supervisor, { week: '2024-W10' });
    expect(res.statusCode, res.body).toBe(201);
    const { content } = res.json();
    expect(content.totals).toEqual({ live: 0, green: 0, yellow: 0, red: 0, closedInWeek: 0 });
    expect([content.topDelays, content.redUnits, content.notices.unanswered]).toEqual([[], [], []]);
    expect(isBulletinEmpty(content)).toBe(true);
  });
});
