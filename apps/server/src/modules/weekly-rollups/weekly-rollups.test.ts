import { addDays, lastFullWeek, localDay, nextWeek, previousWeek, weekOfInstant } from '@duban/domain';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { runExclusive } from '../../platform/jobs/scheduler.ts';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';
import { generateRollups } from './weekly-rollups.service.ts';

const ctx = useTestApp();
let supervisor: TClient;
let head: TClient;
let liaison: TClient;
let cadre: TClient;
/** Unit head of 东关镇. */
let dongHead: TClient;
let town: string;
let taskId: string;
let quietId: string;

const today = localDay(new Date());
const week = weekOfInstant(new Date());

const count = async (table: string) =>
  (await ctx.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n ?? 0;

async function createTask(title: string) {
  const list = (await supervisor.request('GET', '/api/v1/task-lists')).json().items[0];
  const res = await supervisor.request('POST', `/api/v1/task-lists/${list.id}/tasks`, {
    title,
    leadUnitId: town,
    ownerId: await userId(ctx, 'cadre'),
    startDate: addDays(today, -30),
    dueDate: addDays(today, 60),
    milestones: [{ title: '完成方案', dueDate: addDays(today, 30), weight: 1 }],
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  await supervisor.request('POST', `/api/v1/task-lists/${list.id}/assign`, { taskIds: [id] });
  expect((await head.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(200);
  return id;
}

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  liaison = await login(ctx.app, 'liaison');
  cadre = await login(ctx.app, 'cadre');
  dongHead = await login(ctx.app, 'zh02-01');
  town = await unitId(ctx, '城关镇');
  await supervisor.request('POST', '/api/v1/task-lists', { name: '周结测试清单', year: 2026 });
  taskId = await createTask('集贸市场改造');
  quietId = await createTask('本周没有进展的任务');
  const milestones = (await cadre.request('GET', `/api/v1/tasks/${taskId}/milestones`)).json().items;
  const res = await cadre.request('POST', '/api/v1/check-ins', {
    clientId: crypto.randomUUID(),
    recordedAt: new Date().toISOString(),
    entries: [
      {
        taskId,
        progress: 35,
        done: '完成改造方案',
        next: '招标',
        blocker: '用地未落实',
        milestoneIds: [milestones[0].id],
      },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
});

describe('generating the week’s roll-ups', () => {
  it('builds each unit’s roll-up from its tasks’ check-ins and milestones; audited', async () => {
    const audits = await auditCount(ctx);
    const res = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', {});
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ week, kept: 0 });
    expect(res.json().generated).toBeGreaterThan(0);
    expect(await auditCount(ctx)).toBe(audits + 1);
    const list = (await head.request('GET', `/api/v1/weekly-rollups?week=${week}`)).json();
    expect(list.items.map((r: { unitId: string }) => r.unitId)).toEqual([town]);
    const [summary] = list.items;
    expect(summary).toMatchObject({ state: 'draft', canConfirm: true });
    expect(summary.summary).toMatchObject({ tasks: 2, updated: 1, notUpdated: 1, milestonesMet: 1, blockers: 1 });
    expect(summary.summary.highlights[0]).toMatchObject({ taskId, text: '0% → 35%；✓ 完成方案' });
    expect(summary.summary.blockerLines).toEqual([{ taskId, title: '集贸市场改造', text: '用地未落实' }]);
    const full = (await head.request('GET', `/api/v1/weekly-rollups/${summary.id}`)).json();
    const task = full.tasks.find((t: { taskId: string }) => t.taskId === taskId);
    expect(task).toMatchObject({
      progressStart: 0,
      progressEnd: 35,
      checkIns: 1,
      done: ['完成改造方案'],
      next: '招标',
      blockers: ['用地未落实'],
    });
    expect(task.milestonesMet).toEqual([{ title: '完成方案', dueDate: addDays(today, 30), doneOn: today }]);
    const quiet = full.tasks.find((t: { taskId: string }) => t.taskId === quietId);
    expect(quiet).toMatchObject({ progressStart: 0, progressEnd: 0, checkIns: 0, done: [] });
  });

  it('is idempotent, and runs once even when two processes start it together', async () => {
    const before = await ctx.sql('select id, summary, tasks, state from weekly_rollups order by id');
    const again = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', { week });
    expect(again.statusCode).toBe(200);
    const after = await ctx.sql('select id, summary, tasks, state from weekly_rollups order by id');
    expect(after).toEqual(before);
    let release: () => void = () => {};
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const first = runExclusive(ctx.database.pool, 'weekly-rollups-test', () => held);
    await new Promise((r) => setTimeout(r, 50));
    const second = await runExclusive(ctx.database.pool, 'weekly-rollups-test', async () => {});
    release();
    expect([await first, second]).toEqual([true, false]);
    const scheduled = await generateRollups(ctx.database.db, null, {});
    expect(scheduled).toMatchObject({ week, kept: 0 });
  });

  it('generates one unit’s roll-ups, for the supervisor and for that unit’s head', async () => {
    const one = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', { week, unitId: town });
    expect(one.statusCode).toBe(200);
    const counts = one.json() as { week: string; generated: number; kept: number };
    expect(counts.week).toBe(week);
    expect(counts.generated + counts.kept).toBeGreaterThan(0);
    const head = await login(ctx.app, 'head');
    const own = await head.request('POST', '/api/v1/weekly-rollups/generate', { week, unitId: town });
    expect(own.statusCode).toBe(200);
    const [entry] = await ctx.sql<{ after: { unitId: string } }>(
      'select after from audit_log order by id desc limit 1',
    );
    expect(entry?.after.unitId).toBe(town);
  });

  it('refuses bad input (422 naming the field, nothing written), others (403) and units out of scope (404)', async () => {
    const audits = await auditCount(ctx);
    const future = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', { week: nextWeek(week) });
    expect([future.statusCode, errorOf(future).field]).toEqual([422, 'week']);
    const bad = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', { week: '2023-W60' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'week']);
    const extra = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', { weeks: 1 });
    expect(extra.statusCode).toBe(400);
    expect((await cadre.request('POST', '/api/v1/weekly-rollups/generate', {})).statusCode).toBe(403);
    expect((await dongHead.request('POST', '/api/v1/weekly-rollups/generate', { unitId: town })).statusCode).toBe(404);
    expect(await auditCount(ctx)).toBe(audits);
  });
});

describe('confirming and reading', () => {
  let rollupId: string;

  beforeAll(async () => {
    rollupId = (await head.request('GET', `/api/v1/weekly-rollups?week=${week}`)).json().items[0].id;
  });

  it('lists the last full week by default; a week without roll-ups lists none', async () => {
    const byDefault = await head.request('GET', '/api/v1/weekly-rollups');
    expect(byDefault.statusCode, byDefault.body).toBe(200);
    expect(byDefault.json().week).toBe(lastFullWeek(new Date()));
    const empty = await head.request('GET', '/api/v1/weekly-rollups?week=2024-W10');
    expect(empty.json()).toEqual({ week: '2024-W10', items: [] });
  });

  it('hides roll-ups out of scope (404) and from cadres', async () => {
    expect((await dongHead.request('GET', `/api/v1/weekly-rollups/${rollupId}`)).statusCode).toBe(404);
    expect((await dongHead.request('GET', `/api/v1/weekly-rollups?unitId=${town}`)).statusCode).toBe(404);
    expect((await dongHead.request('GET', `/api/v1/weekly-rollups?week=${week}`)).json().items).toEqual([]);
    expect((await cadre.request('GET', '/api/v1/weekly-rollups')).statusCode).toBe(404);
    expect((await dongHead.request('POST', `/api/v1/weekly-rollups/${rollupId}/confirm`, {})).statusCode).toBe(404);
  });

  it('refuses a malformed week or id with 400 naming the field', async () => {
    const week = await head.request('GET', '/api/v1/weekly-rollups?week=2023-W60');
    expect([week.statusCode, errorOf(week).field]).toEqual([400, 'week']);
    const id = await head.request('GET', '/api/v1/weekly-rollups/not-an-id');
    expect([id.statusCode, errorOf(id).field]).toEqual([400, 'id']);
  });

  it('lets only the unit’s head confirm, once, with an annotation; audited', async () => {
    const audits = await auditCount(ctx);
    expect((await liaison.request('POST', `/api/v1/weekly-rollups/${rollupId}/confirm`, {})).statusCode).toBe(403);
    const bad = await head.request('POST', `/api/v1/weekly-rollups/${rollupId}/confirm`, {
      annotation: 'x'.repeat(1001),
    });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'annotation']);
    expect(await auditCount(ctx)).toBe(audits);
    const res = await head.request('POST', `/api/v1/weekly-rollups/${rollupId}/confirm`, {
      annotation: '用地问题已报县自然资源局协调',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      state: 'confirmed',
      annotation: '用地问题已报县自然资源局协调',
      canConfirm: false,
    });
    expect(await auditCount(ctx)).toBe(audits + 1);
    const again = await head.request('POST', `/api/v1/weekly-rollups/${rollupId}/confirm`, {});
    expect([again.statusCode, errorOf(again).field]).toEqual([409, 'state']);
    const regenerated = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', {});
    expect(regenerated.json().kept).toBe(1);
  });

  it('forms the weekly report from the confirmed roll-ups: JSON and a workbook', async () => {
    const res = await supervisor.request('GET', `/api/v1/weekly-reports/${week}`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ week, totals: { units: 1, confirmed: 1, tasks: 2, updated: 1 }, pending: [] });
    expect(res.json().rollups[0].tasks).toHaveLength(2);
    const file = await head.request('GET', `/api/v1/weekly-reports/${week}.xlsx?unitId=${town}`);
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toContain('spreadsheetml');
    expect(file.headers['content-disposition']).toContain(encodeURIComponent(`周报-城关镇-${week}.xlsx`));
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(file.rawPayload as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['单位周结', '任务周结']);
    const units = workbook.getWorksheet('单位周结');
    expect(units?.getRow(2).getCell(1).value).toBe('城关镇');
    expect(units?.getRow(2).getCell(11).value).toBe('用地问题已报县自然资源局协调');
    const tasks = workbook.getWorksheet('任务周结');
    expect(tasks?.rowCount).toBe(3);
    const own = await head.request('GET', `/api/v1/weekly-reports/${week}.xlsx`);
    expect(own.headers['content-disposition']).toContain(encodeURIComponent(`周报-城关镇-${week}.xlsx`));
    const county = await supervisor.request('GET', `/api/v1/weekly-reports/${week}.xlsx`);
    expect(county.headers['content-disposition']).toContain(encodeURIComponent(`周报-全县-${week}.xlsx`));
    const empty = (await supervisor.request('GET', `/api/v1/weekly-reports/${previousWeek(week)}`)).json();
    expect(empty.totals).toMatchObject({ units: 0, confirmed: 0 });
    const bad = await supervisor.request('GET', '/api/v1/weekly-reports/2023-5.xlsx');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([422, 'week']);
    expect((await dongHead.request('GET', `/api/v1/weekly-reports/${week}?unitId=${town}`)).statusCode).toBe(404);
    expect(await count('weekly_rollups')).toBe(1);
  });
});
