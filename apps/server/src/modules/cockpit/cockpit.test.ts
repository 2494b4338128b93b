import { addDays, localDay, type TCockpit, weekOfInstant } from '@duban/domain';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { targetAllocations, targets } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import { loadGrants } from '../../platform/auth/actor.ts';
import { errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';
import { configureCockpitKeep, getCockpit } from './cockpit.service.ts';

const ctx = useTestApp();
const today = localDay(new Date());
const year = Number(today.slice(0, 4));
const week = weekOfInstant(new Date());

let supervisor: TClient;
let leader: TClient;
let head: TClient;
let town: string;
let dept: string;
/** 城关镇: past due (red) and on time (green); 县发展和改革局: past due (red). */
let townRed: string;
let townGreen: string;
let deptRed: string;
let targetId: string;
let townAllocation: string;
let deptAllocation: string;

async function createTask(listId: string, input: { title: string; unit: string; owner: string; tags: string[] }) {
  const due = input.title.includes('逾期') ? { start: -60, due: -3 } : { start: 0, due: 200 };
  const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
    title: input.title,
    leadUnitId: input.unit,
    ownerId: await userId(ctx, input.owner),
    tags: input.tags,
    cadence: 'weekly',
    startDate: addDays(today, due.start),
    dueDate: addDays(today, due.due),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  const assign = await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] });
  expect(assign.statusCode, assign.body).toBe(200);
  return id;
}

const cockpitOf = async (client: TClient, query = '') => {
  const res = await client.request('GET', `/api/v1/cockpit${query}`);
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as TCockpit;
};

/** Inserts a step of the ladder as the sweep or a supervisor would have raised it. */
async function insertStep(taskId: string, step: string, state: string, opts: { dueOn?: string; raisedAt?: string }) {
  await ctx.sql(
    `insert into escalations (task_id, step, origin, recipient_ids, state, answer_due_on, raised_at)
     values ($1, $2, 'manual', array[$3]::uuid[], $4, $5, coalesce($6::timestamptz, now()))`,
    [taskId, step, await userId(ctx, 'head'), state, opts.dueOn ?? null, opts.raisedAt ?? null],
  );
}

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  leader = await login(ctx.app, 'leader');
  head = await login(ctx.app, 'head');
  town = await unitId(ctx, '城关镇');
  dept = await unitId(ctx, '县发展和改革局');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '驾驶舱测试清单', year });
  const listId = list.json().id as string;
  townRed = await createTask(listId, { title: '逾期的城关镇任务', unit: town, owner: 'cadre', tags: ['十件大事'] });
  townGreen = await createTask(listId, {
    title: '按期推进的城关镇任务',
    unit: town,
    owner: 'cadre',
    tags: ['十件大事', '民生实事'],
  });
  deptRed = await createTask(listId, { title: '逾期的发改局任务', unit: dept, owner: 'cadre2', tags: ['十件大事'] });

  // A county target with two allocations and their kept pace figures, as the pace rule keeps them.
  const county = await unitId(ctx, '示范县');
  const [target] = await ctx.database.db
    .insert(targets)
    .values({
      year,
      name: '新增市场主体',
      measure: '户',
      kind: 'count',
      direction: 'higher',
      accumulation: 'cumulative',
      total: 1000,
      unitId: county,
      actual: 500,
      lastMonth: 6,
      paceMonth: 10,
      doneShare: 50,
      expectedShare: 83.3,
      behind: 33.3,
      light: 'red',
      createdBy: await userId(ctx, 'supervisor'),
    })
    .returning();
  targetId = target?.id ?? '';
  const paths = await ctx.sql<{ id: string; path: string }>('select id, path from units where id = any($1)', [
    [town, dept],
  ]);
  const pathOf = (id: string) => paths.find((p) => p.id === id)?.path ?? '';
  const [a1, a2] = await ctx.database.db
    .insert(targetAllocations)
    .values([
      {
        targetId,
        unitId: town,
        unitPath: pathOf(town),
        amount: 100,
        actual: 90,
        lastMonth: 6,
        paceMonth: 10,
        doneShare: 90,
        expectedShare: 83.3,
        behind: -6.7,
        light: 'green',
      },
      {
        targetId,
        unitId: dept,
        unitPath: pathOf(dept),
        amount: 200,
        actual: 20,
        lastMonth: 6,
        paceMonth: 10,
        doneShare: 10,
        expectedShare: 83.3,
        behind: 73.3,
        light: 'red',
      },
    ])
    .returning();
  townAllocation = a1?.id ?? '';
  deptAllocation = a2?.id ?? '';
});

describe('the county’s cockpit (leaders and supervisors)', () => {
  it('opens on the county with its targets against pace and the allocations per light', async () => {
    const c = await cockpitOf(leader);
    expect(c).toMatchObject({ year, day: today, unit: { name: '示范县', isTop: true } });
    expect(Date.parse(c.generatedAt)).toBeGreaterThan(Date.now() - 60_000);
    const target = c.targets.find((t) => t.targetId === targetId);
    expect(target).toEqual({
      targetId,
      name: '新增市场主体',
      measure: '户',
      direction: 'higher',
      total: 1000,
      actual: 500,
      paceMonth: 10,
      doneShare: 50,
      expectedShare: 83.3,
      behind: 33.3,
      light: 'red',
      allocationId: null,
      allocationLights: { green: 1, yellow: 0, red: 1 },
    });
    expect(c.targetLights.red).toBeGreaterThanOrEqual(1);
    expect(c.targetLights.green + c.targetLights.yellow + c.targetLights.red).toBe(c.targets.length);
    // Another year has none of them.
    expect((await cockpitOf(leader, `?year=${year - 1}`)).targets.some((t) => t.targetId === targetId)).toBe(false);
  });

  it('keeps the allocations per light as allocations change colour, come and go', async () => {
    const lightsOf = async () =>
      (await cockpitOf(supervisor)).targets.find((t) => t.targetId === targetId)?.allocationLights;
    await ctx.database.db
      .update(targetAllocations)
      .set({ light: 'yellow' })
      .where(eq(targetAllocations.id, townAllocation));
    expect(await lightsOf()).toEqual({ green: 0, yellow: 1, red: 1 });
    await ctx.database.db.delete(targetAllocations).where(eq(targetAllocations.id, deptAllocation));
    expect(await lightsOf()).toEqual({ green: 0, yellow: 1, red: 0 });
    const [row] = await ctx.sql<{ path: string }>('select path from units where id = $1', [dept]);
    const [again] = await ctx.database.db
      .insert(targetAllocations)
      .values({ targetId, unitId: dept, unitPath: row?.path ?? '', amount: 200, light: 'red' })
      .returning();
    deptAllocation = again?.id ?? '';
    await ctx.database.db
      .update(targetAllocations)
      .set({ light: 'green' })
      .where(eq(targetAllocations.id, townAllocation));
    expect(await lightsOf()).toEqual({ green: 1, yellow: 0, red: 1 });
  });

  it('counts the task lights in total, per unit category and per tag, and names the units with most red', async () => {
    const c = await cockpitOf(leader);
    expect(c.lights).toEqual({ green: 1, yellow: 0, red: 2, done: 0 });
    expect(c.byCategory).toEqual([
      { key: 'township', counts: { green: 1, yellow: 0, red: 1, done: 0 }, light: 'red' },
      { key: 'department', counts: { green: 0, yellow: 0, red: 1, done: 0 }, light: 'red' },
    ]);
    expect(c.byTag).toEqual([
      { key: '十件大事', counts: { green: 1, yellow: 0, red: 2, done: 0 }, light: 'red' },
      { key: '民生实事', counts: { green: 1, yellow: 0, red: 0, done: 0 }, light: 'green' },
    ]);
    expect(c.mostRed.map((u) => [u.unitId, u.red, u.yellow]).sort()).toEqual(
      [
        [town, 1, 0],
        [dept, 1, 0],
      ].sort(),
    );
    // The same figures as the tasks themselves hold.
    const rows = await ctx.sql<{ light: string; n: number }>(
      `select light, count(*)::int as n from tasks where light is not null group by light`,
    );
    for (const r of rows) expect(c.lights[r.light as 'red']).toBe(r.n);
  });

  it('counts the steps still waiting on someone, per rung, and the overdue answers', async () => {
    const before = (await cockpitOf(leader)).escalations;
    expect(before).toEqual({ open: 0, overdue: 0, byStep: { remind: 0, urge: 0, supervisionNotice: 0, admonish: 0 } });
    await insertStep(townRed, 'urge', 'open', { dueOn: addDays(today, -1) });
    await insertStep(townRed, 'supervisionNotice', 'answered', { dueOn: addDays(today, -1) });
    await insertStep(townRed, 'remind', 'sent', {});
    await insertStep(townGreen, 'remind', 'sent', { raisedAt: `${addDays(today, -6)}T09:00:00+08:00` });
    // A reminder sent more than seven days ago no longer counts.
    await insertStep(townRed, 'remind', 'sent', { raisedAt: `${addDays(today, -7)}T09:00:00+08:00` });
    await insertStep(deptRed, 'urge', 'open', { dueOn: addDays(today, 1) });
    await insertStep(deptRed, 'urge', 'escalated', { dueOn: addDays(today, -3) });
    await insertStep(deptRed, 'admonish', 'open', {});
    const county = (await cockpitOf(leader)).escalations;
    expect(county).toEqual({ open: 5, overdue: 1, byStep: { remind: 2, urge: 2, supervisionNotice: 0, admonish: 1 } });
    const own = (await cockpitOf(head)).escalations;
    expect(own).toEqual({ open: 3, overdue: 1, byStep: { remind: 2, urge: 1, supervisionNotice: 0, admonish: 0 } });
    // An answer takes the notice off; the same number as the supervision desk's open list.
    await ctx.sql(`update escalations set state = 'answered' where task_id = $1 and step = 'urge'`, [townRed]);
    const after = (await cockpitOf(leader)).escalations;
    expect(after).toMatchObject({ open: 4, overdue: 0, byStep: { urge: 1 } });
    const desk = (await supervisor.request('GET', '/api/v1/escalations?state=open&pageSize=1')).json();
    expect(desk.total).toBe(after.byStep.urge + after.byStep.supervisionNotice + after.byStep.admonish);
  });

  it('shows the latest week’s roll-up highlights and the newest instructions', async () => {
    const summary = (highlights: { taskId: string; title: string; text: string }[]) =>
      JSON.stringify({
        tasks: 1,
        updated: 1,
        notUpdated: 0,
        closed: 0,
        milestonesMet: 0,
        milestonesMissed: 0,
        blockers: 0,
        highlights,
        blockerLines: [],
      });
    await ctx.sql(
      `insert into weekly_rollups (week, unit_id, state, summary, tasks) values
        ($1, $2, 'confirmed', $3, '[]'), ($1, $4, 'draft', $5, '[]'), ('2001-W01', $4, 'draft', $6, '[]')`,
      [
        week,
        town,
        summary([
          { taskId: townRed, title: '逾期的城关镇任务', text: '10% → 40%' },
          { taskId: townGreen, title: '按期推进的城关镇任务', text: '0% → 5%' },
        ]),
        dept,
        summary([{ taskId: deptRed, title: '逾期的发改局任务', text: '✓ 完成方案' }]),
        summary([{ taskId: deptRed, title: '旧的', text: '旧周' }]),
      ],
    );
    for (const [taskId, body] of [
      [townRed, '要倒排工期，确保按期完成'],
      [deptRed, '请发改局本周内拿出方案'],
    ] as const) {
      const res = await leader.request('POST', `/api/v1/tasks/${taskId}/instructions`, { body });
      expect(res.statusCode, res.body).toBe(201);
    }
    // An instruction older than a year is no longer recent.
    await ctx.sql(
      `insert into task_notes (task_id, kind, author_id, body, created_at)
       values ($1, 'instruction', $2, '去年的批示', now() - interval '400 days')`,
      [townRed, await userId(ctx, 'leader')],
    );
    const c = await cockpitOf(leader);
    expect(c.rollups.week).toBe(week);
    expect(c.rollups.items.map((h) => [h.unitId, h.taskId, h.text])).toEqual([
      [town, townRed, '10% → 40%'],
      [dept, deptRed, '✓ 完成方案'],
      [town, townGreen, '0% → 5%'],
    ]);
    expect(c.rollups.items[0]).toMatchObject({ unitName: '城关镇', title: '逾期的城关镇任务' });
    expect(c.instructions.map((i) => [i.taskId, i.text])).toEqual([
      [deptRed, '请发改局本周内拿出方案'],
      [townRed, '要倒排工期，确保按期完成'],
    ]);
    expect(c.instructions[0]).toMatchObject({ taskTitle: '逾期的发改局任务' });
    expect(c.instructions[0]?.authorName).toBeTruthy();
  });

  it('lets requests for the same page within two seconds share one read, until a write ends', async () => {
    const [u] = await ctx.sql<{ id: string; unit_id: string; unit_path: string }>(
      `select id, unit_id, unit_path from users where username = 'leader'`,
    );
    const actor: TActor = {
      id: u?.id ?? '',
      username: 'leader',
      displayName: '县长',
      unitId: u?.unit_id ?? '',
      unitPath: u?.unit_path ?? '',
      mustChangePassword: false,
      grants: await loadGrants(ctx.database.pool, u?.id ?? ''),
      via: 'session',
      readOnly: false,
      ip: null,
      csrfToken: null,
    };
    // The test servers keep nothing past the reads in flight (COCKPIT_KEEP_MS=0)…
    const [a, b, c] = await Promise.all([1, 2, 3].map(() => getCockpit(ctx.database.db, actor, {})));
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(await getCockpit(ctx.database.db, actor, {})).not.toBe(a);
    // …a server by default keeps a page for two seconds.
    configureCockpitKeep(2_000);
    try {
      await keptForTwoSeconds(actor);
    } finally {
      configureCockpitKeep(0);
    }
  });
  const keptForTwoSeconds = async (actor: TActor) => {
    const a = await getCockpit(ctx.database.db, actor, {});
    // Right after, the page read is served again…
    expect(await getCockpit(ctx.database.db, actor, {})).toBe(a);
    // …until a write ends in this process: the next request reads afresh.
    const res = await leader.request('POST', `/api/v1/tasks/${crypto.randomUUID()}/comments`, { body: '看看' });
    expect(res.statusCode).toBe(404);
    const d = await getCockpit(ctx.database.db, actor, {});
    expect(d).not.toBe(a);
    expect(d).toEqual({ ...a, generatedAt: d.generatedAt });
    // And never past the keep from when its read began.
    expect(await getCockpit(ctx.database.db, actor, {})).toBe(d);
    configureCockpitKeep(20);
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(await getCockpit(ctx.database.db, actor, {})).not.toBe(d);
  };

  it('opens a unit’s page for a leader who asks for it', async () => {
    const c = await cockpitOf(leader, `?unitId=${town}`);
    expect(c.unit).toEqual({ id: town, name: '城关镇', isTop: false });
    expect(c.lights).toEqual({ green: 1, yellow: 0, red: 1, done: 0 });
  });
});

describe('a unit head’s cockpit', () => {
  it('opens on the head’s own unit: its allocations, lights, steps, highlights and instructions', async () => {
    const c = await cockpitOf(head);
    expect(c.unit).toEqual({ id: town, name: '城关镇', isTop: false });
    expect(c.targets).toEqual([
      {
        targetId,
        name: '新增市场主体',
        measure: '户',
        direction: 'higher',
        total: 100,
        actual: 90,
        paceMonth: 10,
        doneShare: 90,
        expectedShare: 83.3,
        behind: -6.7,
        light: 'green',
        allocationId: townAllocation,
        allocationLights: { green: 0, yellow: 0, red: 0 },
      },
    ]);
    expect(c.targetLights).toEqual({ green: 1, yellow: 0, red: 0 });
    expect(c.lights).toEqual({ green: 1, yellow: 0, red: 1, done: 0 });
    expect(c.byCategory).toEqual([{ key: 'township', counts: c.lights, light: 'red' }]);
    expect(c.byTag).toEqual([
      { key: '十件大事', counts: { green: 1, yellow: 0, red: 1, done: 0 }, light: 'red' },
      { key: '民生实事', counts: { green: 1, yellow: 0, red: 0, done: 0 }, light: 'green' },
    ]);
    expect(c.mostRed).toEqual([]);
    expect(c.rollups.items.map((h) => h.taskId)).toEqual([townRed, townGreen]);
    expect(c.instructions.map((i) => i.taskId)).toEqual([townRed]);
    expect(await cockpitOf(head, `?unitId=${town}`)).toMatchObject({ unit: { id: town } });
  });
});

describe('the cockpit’s kept counts', () => {
  const freshSteps = `
    select k.key, e.state, e.step, case when e.state = 'sent' then (e.raised_at at time zone 'Asia/Shanghai')::date
      else coalesce(e.answer_due_on, 'infinity'::date) end::text as day, count(*)::int as n
    from escalations e join tasks t on t.id = e.task_id cross join lateral (values (t.lead_unit_id::text), ('')) k(key)
    where e.state in ('open', 'sent') group by 1, 2, 3, 4 order by 1, 2, 3, 4`;
  const keptSteps = `select key, state, step, day::text, n from escalation_counts where n <> 0 order by 1, 2, 3, 4`;
  const freshTags = `select lead_unit_id as unit_id, tag, light, count(*)::int as n from tasks, unnest(tags) tag
    where light is not null group by 1, 2, 3 order by 1, 2, 3`;
  const keptTags = `select unit_id, tag, light, n from unit_tag_light_counts where n <> 0 order by 1, 2, 3`;
  const freshAllocations = `select target_id, light, count(*)::int as n from target_allocations group by 1, 2
    order by 1, 2`;
  const keptAllocations = `select target_id, light, n from allocation_light_counts where n <> 0 order by 1, 2`;

  it('always equal the steps, tags and allocations counted afresh, also when a task moves to another unit', async () => {
    const check = async () => {
      expect(await ctx.sql(keptSteps)).toEqual(await ctx.sql(freshSteps));
      expect(await ctx.sql(keptTags)).toEqual(await ctx.sql(freshTags));
      expect(await ctx.sql(keptAllocations)).toEqual(await ctx.sql(freshAllocations));
    };
    expect((await ctx.sql(freshSteps)).length).toBeGreaterThan(2);
    expect((await ctx.sql(freshTags)).length).toBeGreaterThan(2);
    await check();
    // The red task of 城关镇 goes to 县发展和改革局, with its tags and its waiting steps.
    const res = await supervisor.request('PATCH', `/api/v1/tasks/${townRed}`, {
      leadUnitId: dept,
      ownerId: await userId(ctx, 'cadre2'),
      tags: ['民生实事'],
    });
    expect(res.statusCode, res.body).toBe(200);
    await check();
    const own = await cockpitOf(head);
    expect(own.escalations.byStep.remind).toBe(1);
    expect(own.byTag.map((g) => g.key).sort()).toEqual(['十件大事', '民生实事']);
    expect(own.lights).toEqual({ green: 1, yellow: 0, red: 0, done: 0 });
    await ctx.sql(`delete from escalations where step = 'remind'`);
    await check();
  });
});

describe('bad input and out of scope', () => {
  it('names the malformed field (400)', async () => {
    for (const [query, field] of [
      ['?year=abc', 'year'],
      ['?year=1999', 'year'],
      ['?year=2026.5', 'year'],
      ['?unitId=not-a-uuid', 'unitId'],
    ] as const) {
      const res = await leader.request('GET', `/api/v1/cockpit${query}`);
      expect(res.statusCode, query).toBe(400);
      expect(errorOf(res)).toMatchObject({ code: 'VALIDATION_FAILED', field });
    }
  });

  it('has no cockpit for cadres, liaisons and admins, nor for a unit beyond a head’s reach (404)', async () => {
    for (const username of ['cadre', 'cadre2', 'liaison', 'admin', 'judge']) {
      const res = await (await login(ctx.app, username)).request('GET', '/api/v1/cockpit');
      expect(res.statusCode, username).toBe(404);
    }
    const county = await unitId(ctx, '示范县');
    for (const other of [dept, county, crypto.randomUUID()]) {
      const res = await head.request('GET', `/api/v1/cockpit?unitId=${other}`);
      expect(res.statusCode).toBe(404);
      expect(errorOf(res).code).toBe('NOT_FOUND');
    }
    expect((await leader.request('GET', `/api/v1/cockpit?unitId=${crypto.randomUUID()}`)).statusCode).toBe(404);
  });
});
