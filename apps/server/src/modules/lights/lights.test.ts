import { addDays, DEFAULT_LIGHT_RULES, localDay } from '@duban/domain';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { setClock } from '../../platform/clock.ts';
import { loadConfig } from '../../platform/config.ts';
import { openDatabase } from '../../platform/db/client.ts';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';
import { seedDemoWork } from '../org/seed.ts';
import { sweepLights } from './lights.service.ts';

const ctx = useTestApp();
let supervisor: TClient;
let head: TClient;
let cadre: TClient;
let town: string;
let listId: string;
const today = localDay(new Date());

/** A task of 城关镇 owned by cadre, assigned, and acknowledged unless said. */
async function createTask(title: string, dates: { start: number; due: number }, acknowledge = true) {
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
  const assign = await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] });
  expect(assign.statusCode, assign.body).toBe(200);
  if (acknowledge) expect((await head.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(200);
  return id;
}

const history = async (client: TClient, id: string) => {
  const res = await client.request('GET', `/api/v1/tasks/${id}/light-history`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  town = await unitId(ctx, '城关镇');
  await ctx.database.db.transaction((tx) => seedDemoWork(tx));
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '亮灯测试清单', year: 2026 });
  listId = list.json().id;
});

afterEach(() => setClock(null));

describe('lights on the tasks', () => {
  it('lights the demo county as it is seeded, and shows each task’s light in lists', async () => {
    const [row] = await ctx.sql<{ unlit: number; lit: number }>(
      `select count(*) filter (where light is null)::int as unlit, count(*) filter (where light is not null)::int as lit
       from tasks where state in ('assigned', 'acknowledged', 'inProgress', 'closeRequested')`,
    );
    expect(row?.unlit).toBe(0);
    expect(row?.lit).toBeGreaterThan(20);
    const page = (await supervisor.request('GET', '/api/v1/tasks?pageSize=50')).json();
    expect(page.items.some((t: { light: string | null }) => t.light !== null)).toBe(true);
    const reds = (await supervisor.request('GET', '/api/v1/tasks?light=red&includeSubtasks=true')).json();
    for (const t of reds.items) expect(t.light).toBe('red');
  });

  it('explains a red light: the rule, the figures and the thresholds in force', async () => {
    const id = await createTask('逾期未办结的任务', { start: -60, due: -3 });
    const h = await history(cadre, id);
    expect(h.light).toBe('red');
    expect(h.items).toHaveLength(1);
    expect(h.items[0]).toMatchObject({ light: 'red', rules: ['pastDue'], cause: 'assign' });
    expect(h.items[0].thresholds).toEqual(DEFAULT_LIGHT_RULES);
  });

  it('moves the light in the check-in’s own transaction', async () => {
    const id = await createTask('进度落后的任务', { start: -60, due: 60 });
    const before = await history(cadre, id);
    expect(before.light).toBe('red');
    const pace = before.items[0].facts.expectedPace as number;
    expect(before.items[0].rules).toContain('behindPace');
    const res = await cadre.request('POST', '/api/v1/check-ins', {
      clientId: crypto.randomUUID(),
      recordedAt: new Date().toISOString(),
      entries: [{ taskId: id, progress: pace, done: '赶上进度' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = await history(cadre, id);
    expect(after.light).toBe('green');
    expect(after.items[0]).toMatchObject({ light: 'green', previous: 'red', rules: [], cause: 'checkIn' });
    const [task] = await ctx.sql<{ last: string }>('select last_report_on::text as last from tasks where id = $1', [
      id,
    ]);
    expect(task?.last).toBe(today);
  });

  it('explains the light from the task’s present facts after a check-in and a milestone change', async () => {
    const created = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
      title: '进度在变的绿灯任务',
      leadUnitId: town,
      ownerId: await userId(ctx, 'cadre'),
      cadence: 'weekly',
      startDate: addDays(today, -10),
      dueDate: addDays(today, 100),
      milestones: [
        { title: '完成设计', dueDate: addDays(today, 20), weight: 3 },
        { title: '完成施工', dueDate: addDays(today, 80), weight: 1 },
      ],
    });
    expect(created.statusCode, created.body).toBe(201);
    const id = created.json().id as string;
    await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] });
    expect((await head.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(200);
    const before = await history(cadre, id);
    expect(before.current).toMatchObject({ light: 'green', rules: [], facts: { progress: 0, today } });
    expect(before.current.thresholds).toEqual(DEFAULT_LIGHT_RULES);

    const res = await cadre.request('POST', '/api/v1/check-ins', {
      clientId: crypto.randomUUID(),
      recordedAt: new Date().toISOString(),
      entries: [{ taskId: id, progress: 45, done: '完成初步设计' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const afterCheckIn = await history(cadre, id);
    // Still green, so no change was recorded: the last change keeps the figures of its moment…
    expect(afterCheckIn.items).toHaveLength(before.items.length);
    expect(afterCheckIn.items[0].facts.progress).toBe(0);
    // …and the explanation follows the task as it is now.
    expect(afterCheckIn.current).toMatchObject({ light: 'green', facts: { progress: 45 } });

    const [design] = (await cadre.request('GET', `/api/v1/tasks/${id}/milestones`)).json().items as {
      id: string;
      version: number;
    }[];
    const done = await cadre.request(
      'PATCH',
      `/api/v1/tasks/${id}/milestones/${design?.id}`,
      { state: 'done' },
      { 'if-match': `"${design?.version}"` },
    );
    expect(done.statusCode, done.body).toBe(200);
    const task = (await cadre.request('GET', `/api/v1/tasks/${id}`)).json();
    expect(task.progress).not.toBe(45);
    expect((await history(cadre, id)).current.facts.progress).toBe(task.progress);
  });

  it('relights the parent when a sub-task’s check-in carries its progress', async () => {
    const parent = await createTask('有子任务的任务', { start: -60, due: 60 });
    const sub = await head.request('POST', `/api/v1/tasks/${parent}/subtasks`, {
      title: '子任务',
      leadUnitId: town,
      ownerId: await userId(ctx, 'cadre'),
      cadence: 'weekly',
      startDate: addDays(today, -60),
      dueDate: addDays(today, 60),
    });
    expect(sub.statusCode, sub.body).toBe(201);
    const subId = sub.json().id as string;
    expect((await head.request('POST', `/api/v1/tasks/${subId}/acknowledge`)).statusCode).toBe(200);
    expect((await history(cadre, parent)).light).toBe('red');
    const res = await cadre.request('POST', '/api/v1/check-ins', {
      clientId: crypto.randomUUID(),
      recordedAt: new Date().toISOString(),
      entries: [{ taskId: subId, progress: 100, done: '全部完成' }],
    });
    expect(res.statusCode, res.body).toBe(201);
    const after = await history(cadre, parent);
    expect(after.light).toBe('green');
    expect(after.items[0]).toMatchObject({ light: 'green', previous: 'red', cause: 'checkIn' });
  });

  it('turns done on closure and follows a due date moved by an edit', async () => {
    const id = await createTask('办结的任务', { start: -10, due: 100 });
    const moved = await supervisor.request('PATCH', `/api/v1/tasks/${id}`, { dueDate: addDays(today, -1) });
    expect(moved.statusCode, moved.body).toBe(200);
    expect((await history(cadre, id)).items[0]).toMatchObject({ light: 'red', cause: 'update' });
    const ask = await cadre.request('POST', `/api/v1/tasks/${id}/request-close`, { summary: '已完成' });
    expect(ask.statusCode, ask.body).toBe(200);
    const close = await supervisor.request('POST', `/api/v1/tasks/${id}/close`);
    expect(close.statusCode, close.body).toBe(200);
    expect((await history(cadre, id)).light).toBe('done');
  });

  it('gives milestone lights with the history', async () => {
    const id = await createTask('有节点的任务', { start: -10, due: 100 });
    const add = await cadre.request('POST', `/api/v1/tasks/${id}/milestones`, {
      title: '逾期节点',
      dueDate: addDays(today, -2),
    });
    expect(add.statusCode, add.body).toBe(201);
    expect((await history(cadre, id)).milestones).toEqual([{ id: add.json().id, light: 'red' }]);
  });

  it('hides the history of a task out of sight (404) and refuses a malformed id (400)', async () => {
    const id = await createTask('别人的任务', { start: -10, due: 100 });
    const cadre2 = await login(ctx.app, 'cadre2');
    expect((await cadre2.request('GET', `/api/v1/tasks/${id}/light-history`)).statusCode).toBe(404);
    const bad = await cadre.request('GET', '/api/v1/tasks/nope/light-history');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'id']);
  });
});

describe('the morning sweep', () => {
  it('lights for the day, and a second run the same day changes nothing', async () => {
    const id = await createTask('放置的任务', { start: -5, due: 100 });
    setClock(new Date(Date.now() + 40 * 86_400_000));
    const first = await supervisor.request('POST', '/api/v1/lights/sweep');
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().changed).toBeGreaterThan(0);
    expect((await history(cadre, id)).items[0]).toMatchObject({ light: 'red', cause: 'sweep' });
    const audits = await auditCount(ctx);
    const escalations = await ctx.sql('select id from escalations order by id');
    const second = await supervisor.request('POST', '/api/v1/lights/sweep');
    expect(second.json()).toMatchObject({ changed: 0, escalations: 0 });
    expect(await auditCount(ctx)).toBe(audits);
    expect(await ctx.sql('select id from escalations order by id')).toEqual(escalations);
  });

  it('runs once when another process is sweeping: the API answers 409 and writes nothing', async () => {
    // Another server process, mid-sweep: it holds the sweep's lock on its own connection.
    const other = await ctx.database.pool.connect();
    try {
      await other.query('select pg_advisory_lock(hashtext($1))', ['duban:job:lights-sweep']);
      const before = await auditCount(ctx);
      const res = await supervisor.request('POST', '/api/v1/lights/sweep');
      expect([res.statusCode, errorOf(res).code]).toEqual([409, 'CONFLICT']);
      expect(await auditCount(ctx)).toBe(before);
    } finally {
      await other.query('select pg_advisory_unlock(hashtext($1))', ['duban:job:lights-sweep']);
      other.release();
    }
  });

  it('runs twice at once in one transaction each without duplicating a step', async () => {
    setClock(new Date(Date.now() + 50 * 86_400_000));
    await Promise.all([sweepLights(ctx.database.db), sweepLights(ctx.database.db)].map((p) => p.catch(() => null)));
    const [dup] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from (select task_id, step, episode from escalations where episode is not null
       group by 1, 2, 3 having count(*) > 1) d`,
    );
    expect(dup?.n).toBe(0);
  });

  it('runs once when two servers on one database are asked at the same moment', async () => {
    // A second server process: its own app and its own connection pool on the same database.
    const url = (ctx.database.pool.options as { connectionString: string }).connectionString;
    const otherDatabase = openDatabase(url, 3);
    const other = await buildApp({
      config: { ...loadConfig({}), databaseUrl: url },
      database: otherDatabase,
      logger: false,
    });
    try {
      const there = await login(other, 'supervisor');
      await createTask('两台服务器同时研判', { start: -5, due: 100 });
      setClock(new Date(Date.now() + 70 * 86_400_000));
      const [a, b] = await Promise.all([
        supervisor.request('POST', '/api/v1/lights/sweep'),
        there.request('POST', '/api/v1/lights/sweep'),
      ]);
      const ran = [a, b].filter((r) => r.statusCode === 200).map((r) => r.json());
      expect([a, b].every((r) => r.statusCode === 200 || r.statusCode === 409)).toBe(true);
      expect(ran.length).toBeGreaterThan(0);
      // Either one ran and the other was refused, or they ran one after the other and the second found it done.
      const changed = ran.map((r) => r.changed as number).sort((x, y) => y - x);
      expect(changed[0]).toBeGreaterThan(0);
      if (ran.length === 2) expect([changed[1], Math.min(...ran.map((r) => r.escalations as number))]).toEqual([0, 0]);
      const [dup] = await ctx.sql<{ n: number }>(
        `select count(*)::int as n from (select task_id, step, episode from escalations where episode is not null
         group by 1, 2, 3 having count(*) > 1) d`,
      );
      expect(dup?.n).toBe(0);
    } finally {
      await other.close();
      await otherDatabase.close();
    }
  });

  it('gives a closed task still without a light (closed before lights were kept) its light done', async () => {
    const id = await createTask('亮灯前已办结的任务', { start: -40, due: -5 });
    await ctx.sql(`update tasks set state = 'closed', light = null where id = $1`, [id]);
    const res = await supervisor.request('POST', '/api/v1/lights/sweep');
    expect(res.statusCode, res.body).toBe(200);
    const [row] = await ctx.sql<{ light: string | null }>('select light from tasks where id = $1', [id]);
    expect(row?.light).toBe('done');
    expect((await history(cadre, id)).items[0]).toMatchObject({ light: 'done', rules: ['closed'], cause: 'sweep' });
  });

  it('is for supervisors', async () => {
    for (const user of [cadre, head]) expect((await user.request('POST', '/api/v1/lights/sweep')).statusCode).toBe(403);
  });
});

describe('the light board', () => {
  it('counts by unit, with totals that add up, drilling down the tree', async () => {
    const leader = await login(ctx.app, 'leader');
    const board = (await leader.request('GET', '/api/v1/lights')).json();
    expect(board.by).toBe('unit');
    expect(board.rows.length).toBeGreaterThan(5);
    const sum = (key: 'red' | 'yellow' | 'green' | 'done') =>
      board.rows.reduce((s: number, r: { counts: Record<string, number> }) => s + (r.counts[key] ?? 0), 0) +
      board.own[key];
    for (const key of ['red', 'yellow', 'green', 'done'] as const) expect(sum(key)).toBe(board.totals[key]);
    const townRow = board.rows.find((r: { key: string }) => r.key === town);
    expect(townRow).toBeTruthy();
    const drilled = (await leader.request('GET', `/api/v1/lights?unitId=${town}`)).json();
    expect(drilled.unit).toEqual({ id: town, name: '城关镇' });
    expect(drilled.totals).toEqual(townRow.counts);
    expect(drilled.trail.at(-1)).toEqual({ id: town, name: '城关镇' });
    const townships = (await leader.request('GET', '/api/v1/lights?category=township')).json();
    expect(townships.rows.length).toBeGreaterThan(3);
    for (const r of townships.rows) expect(r.category).toBe('township');
  });

  it('groups by tag and by lead leader', async () => {
    const leader = await login(ctx.app, 'leader');
    const tags = (await leader.request('GET', '/api/v1/lights?by=tag')).json();
    expect(tags.rows.length).toBeGreaterThan(0);
    const leaders = (await leader.request('GET', '/api/v1/lights?by=leader')).json();
    expect(leaders.rows.some((r: { name: string }) => r.name.length > 0)).toBe(true);
  });

  it('starts a unit head at their unit, hides the rest (404), refuses cadres (403) and bad input (400)', async () => {
    const board = (await head.request('GET', '/api/v1/lights')).json();
    expect(board.unit.id).toBe(town);
    const county = await unitId(ctx, await countyName());
    expect((await head.request('GET', `/api/v1/lights?unitId=${county}`)).statusCode).toBe(404);
    expect((await cadre.request('GET', '/api/v1/lights')).statusCode).toBe(403);
    const bad = await head.request('GET', '/api/v1/lights?by=colour');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'by']);
  });
});

describe('the kept light counts', () => {
  it('always equal the tasks counted afresh, by unit, tag and lead leader', async () => {
    const kept = await ctx.sql(`select dimension, key, light, n from light_counts where n <> 0 order by 1, 2, 3`);
    const fresh = await ctx.sql(`
      select dimension, key, light, count(*)::int as n from (
        select 'unit' as dimension, lead_unit_id::text as key, light from tasks where light is not null
        union all select 'leader', coalesce(lead_leader_id::text, ''), light from tasks where light is not null
        union all select 'tag', tag, light from tasks, unnest(tags) tag where light is not null
      ) x group by 1, 2, 3 order by 1, 2, 3`);
    expect(fresh.length).toBeGreaterThan(10);
    expect(kept).toEqual(fresh);
  });
});

async function countyName(): Promise<string> {
  const [row] = await ctx.sql<{ name: string }>('select name from units where parent_id is null');
  return row?.name ?? '';
}
