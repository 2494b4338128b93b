import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let supervisor: TClient;
let leader: TClient;
let listId: string;
let town: string;

interface TTaskBody {
  id: string;
  title: string;
  dueDate: string;
  state: string;
  version: number;
  charter: { goal?: string; pledge?: string; indicators: unknown[]; deliverables: string[] };
  milestones: { id: string; title: string; version: number; state: string }[];
}

const charter = {
  goal: '完成 12 个老旧小区改造',
  indicators: [{ name: '改造小区', target: 12, unit: '个' }],
  deliverables: ['竣工验收报告'],
  pledge: '确保年底前全部完工',
};

async function createTask(title: string): Promise<TTaskBody> {
  const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
    title,
    leadUnitId: town,
    startDate: '2026-03-01',
    dueDate: '2026-12-31',
    charter,
    milestones: [{ title: '完成设计', dueDate: '2026-05-31', weight: 1 }],
  });
  expect(res.statusCode).toBe(201);
  expect(res.headers.etag).toBe(`"${res.json().version}"`);
  return res.json();
}

const taskRow = async (id: string) =>
  (
    await ctx.sql<{ title: string; version: number; charter: unknown }>(
      'select title, version, charter from tasks where id = $1',
      [id],
    )
  )[0];

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  leader = await login(ctx.app, 'leader');
  town = await unitId(ctx, '城关镇');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '2026 年并发编辑清单', year: 2026 });
  listId = list.json().id;
});

describe('a task’s ETag and If-Match', () => {
  it('GET answers the ETag of the version; a matching If-Match writes and answers the next one', async () => {
    const created = await createTask('ETag 任务');
    const got = await supervisor.request('GET', `/api/v1/tasks/${created.id}`);
    expect(got.headers.etag).toBe(`"${created.version}"`);
    const res = await supervisor.request(
      'PATCH',
      `/api/v1/tasks/${created.id}`,
      { title: '改过的标题' },
      { 'if-match': got.headers.etag as string },
    );
    expect(res.statusCode).toBe(200);
    expect(res.json().version).toBe(created.version + 1);
    expect(res.headers.etag).toBe(`"${created.version + 1}"`);
    expect((await supervisor.request('GET', `/api/v1/tasks/${created.id}`)).headers.etag).toBe(res.headers.etag);
  });

  it('a stale If-Match answers 412 with the task as it stands and who changed it, and writes nothing', async () => {
    const created = await createTask('两人同时编辑');
    const etag = `"${created.version}"`;
    const first = await leader.request(
      'PATCH',
      `/api/v1/tasks/${created.id}`,
      { title: '领导改的' },
      { 'if-match': etag },
    );
    expect(first.statusCode).toBe(200);
    const audits = await auditCount(ctx);
    const stale = await supervisor.request(
      'PATCH',
      `/api/v1/tasks/${created.id}`,
      { title: '督查室改的', dueDate: '2026-11-30' },
      { 'if-match': etag },
    );
    expect(stale.statusCode).toBe(412);
    const error = stale.json().error;
    expect(error).toMatchObject({ code: 'STALE_VERSION', field: 'if-match' });
    expect(error.current).toMatchObject({ id: created.id, title: '领导改的', version: created.version + 1 });
    expect(error.lastChange).toMatchObject({ actorId: leader.userId, action: 'task.update' });
    const [leaderRow] = await ctx.sql<{ display_name: string }>('select display_name from users where id = $1', [
      leader.userId,
    ]);
    expect(error.lastChange.actorName).toBe(leaderRow?.display_name);
    expect(new Date(error.lastChange.at).getTime()).toBeGreaterThan(Date.now() - 60_000);
    expect(await taskRow(created.id)).toMatchObject({ title: '领导改的', version: created.version + 1 });
    expect(await auditCount(ctx)).toBe(audits);
  });

  it('of two writes sent with the same If-Match at once, exactly one succeeds', async () => {
    const created = await createTask('并发写入');
    const etag = `"${created.version}"`;
    const results = await Promise.all(
      [leader, supervisor, leader, supervisor].map((client, i) =>
        client.request('PATCH', `/api/v1/tasks/${created.id}`, { title: `第 ${i} 次` }, { 'if-match': etag }),
      ),
    );
    const codes = results.map((r) => r.statusCode).sort();
    expect(codes).toEqual([200, 412, 412, 412]);
    const winner = results.find((r) => r.statusCode === 200)?.json().title;
    expect(await taskRow(created.id)).toMatchObject({ title: winner, version: created.version + 1 });
    const [audits] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from audit_log where target_id = $1 and action = 'task.update'`,
      [created.id],
    );
    expect(audits?.n).toBe(1);
  });

  it('without If-Match a write is not checked (API clients); * matches any version', async () => {
    const created = await createTask('不带 If-Match');
    await leader.request('PATCH', `/api/v1/tasks/${created.id}`, { title: '先改一次' });
    const res = await supervisor.request('PATCH', `/api/v1/tasks/${created.id}`, { title: '再改一次' });
    expect([res.statusCode, res.json().version]).toEqual([200, created.version + 2]);
    const any = await supervisor.request(
      'PATCH',
      `/api/v1/tasks/${created.id}`,
      { title: '任意' },
      { 'if-match': '*' },
    );
    expect(any.statusCode).toBe(200);
    const list = await supervisor.request(
      'PATCH',
      `/api/v1/tasks/${created.id}`,
      { title: '列表' },
      { 'if-match': `"1", W/"${any.json().version}"` },
    );
    expect(list.statusCode).toBe(200);
  });

  it('an If-Match that is not an ETag answers 400 naming it, and writes nothing', async () => {
    const created = await createTask('格式不对');
    const audits = await auditCount(ctx);
    for (const bad of ['3', 'abc', '"x"', '"1",', '"99999999999"']) {
      const res = await supervisor.request(
        'PATCH',
        `/api/v1/tasks/${created.id}`,
        { title: '不该写入' },
        { 'if-match': bad },
      );
      expect([res.statusCode, errorOf(res).code, errorOf(res).field], bad).toEqual([
        400,
        'VALIDATION_FAILED',
        'if-match',
      ]);
    }
    expect(await taskRow(created.id)).toMatchObject({ title: '格式不对', version: created.version });
    expect(await auditCount(ctx)).toBe(audits);
  });

  it('a transition with a stale If-Match answers 412 and the task stays where it was', async () => {
    const created = await createTask('签收前被改');
    const assigned = await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [created.id] });
    expect(assigned.statusCode).toBe(200);
    const head = await login(ctx.app, 'head');
    const stale = await head.request(
      'POST',
      `/api/v1/tasks/${created.id}/acknowledge`,
      {},
      { 'if-match': `"${created.version}"` },
    );
    expect([stale.statusCode, stale.json().error.current.state]).toEqual([412, 'assigned']);
    const fresh = await head.request('GET', `/api/v1/tasks/${created.id}`);
    const ok = await head.request(
      'POST',
      `/api/v1/tasks/${created.id}/acknowledge`,
      {},
      { 'if-match': fresh.headers.etag as string },
    );
    expect([ok.statusCode, ok.json().state]).toEqual([200, 'acknowledged']);
    expect(ok.headers.etag).toBe(`"${fresh.json().version + 1}"`);
  });

  it('progress and lights, which follow from facts, do not move the version', async () => {
    const created = await createTask('不随亮灯变化');
    await ctx.sql(`update tasks set progress = 40, light = 'red' where id = $1`, [created.id]);
    expect((await taskRow(created.id))?.version).toBe(created.version);
  });
});

describe('the charter changes field by field', () => {
  it('a patch of one charter field keeps the others; null clears one', async () => {
    const created = await createTask('任务书逐项修改');
    const res = await supervisor.request('PATCH', `/api/v1/tasks/${created.id}`, { charter: { goal: '完成 15 个' } });
    expect(res.statusCode).toBe(200);
    expect(res.json().charter).toEqual({ ...charter, goal: '完成 15 个' });
    const cleared = await supervisor.request('PATCH', `/api/v1/tasks/${created.id}`, {
      charter: { pledge: null, deliverables: null },
    });
    expect(cleared.json().charter).toEqual({ goal: '完成 15 个', indicators: charter.indicators, deliverables: [] });
    const [audit] = await ctx.sql<{ after: { charter: unknown } }>(
      `select after from audit_log where target_id = $1 and action = 'task.update' order by id desc limit 1`,
      [created.id],
    );
    expect(audit?.after.charter).toEqual({ goal: '完成 15 个', indicators: charter.indicators, deliverables: [] });
  });

  it('two people editing different charter fields keep both changes', async () => {
    const created = await createTask('两人改任务书');
    await leader.request('PATCH', `/api/v1/tasks/${created.id}`, { charter: { goal: '领导改的目标' } });
    await supervisor.request('PATCH', `/api/v1/tasks/${created.id}`, { charter: { pledge: '督查室改的承诺' } });
    const got = (await supervisor.request('GET', `/api/v1/tasks/${created.id}`)).json();
    expect(got.charter).toMatchObject({
      goal: '领导改的目标',
      pledge: '督查室改的承诺',
      deliverables: ['竣工验收报告'],
    });
  });

  it('an unknown charter field is refused naming it', async () => {
    const created = await createTask('任务书未知字段');
    const res = await supervisor.request('PATCH', `/api/v1/tasks/${created.id}`, { charter: { aim: 'x' } });
    expect([res.statusCode, errorOf(res).field]).toEqual([400, 'charter']);
  });
});

describe('a milestone’s ETag and If-Match', () => {
  it('answers its ETag; a stale If-Match is 412 with the milestone as it stands; a matching one writes', async () => {
    const created = await createTask('里程碑并发');
    const milestone = created.milestones[0];
    expect(milestone?.version).toBe(1);
    if (!milestone) return;
    const url = `/api/v1/tasks/${created.id}/milestones/${milestone.id}`;
    const first = await leader.request('PATCH', url, { title: '完成初步设计' }, { 'if-match': '"1"' });
    expect([first.statusCode, first.headers.etag]).toEqual([200, '"2"']);
    const audits = await auditCount(ctx);
    const stale = await supervisor.request('PATCH', url, { title: '完成施工图设计' }, { 'if-match': '"1"' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json().error).toMatchObject({
      code: 'STALE_VERSION',
      current: { id: milestone.id, title: '完成初步设计', version: 2 },
      lastChange: { actorId: leader.userId, action: 'milestone.update' },
    });
    expect(await auditCount(ctx)).toBe(audits);
    const concurrent = await Promise.all(
      [leader, supervisor].map((c, i) => c.request('PATCH', url, { title: `并发 ${i}` }, { 'if-match': '"2"' })),
    );
    expect(concurrent.map((r) => r.statusCode).sort()).toEqual([200, 412]);
    const [row] = await ctx.sql<{ version: number }>('select version from milestones where id = $1', [milestone.id]);
    expect(row?.version).toBe(3);
  });
});

describe('the API description', () => {
  it('declares If-Match and the 412 answer on every checked write', async () => {
    const doc = (await ctx.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    for (const [path, method] of [
      ['/api/v1/tasks/{id}', 'patch'],
      ['/api/v1/tasks/{id}/acknowledge', 'post'],
      ['/api/v1/tasks/{id}/milestones/{milestoneId}', 'patch'],
      ['/api/v1/targets/{id}', 'patch'],
      ['/api/v1/targets/{id}/allocations', 'put'],
    ] as const) {
      const op = doc.paths[path][method];
      expect(op.responses['412'], `${method} ${path}`).toBeDefined();
      const header = op.parameters.find((p: { in: string; name: string }) => p.in === 'header');
      expect(header?.name, `${method} ${path}`).toBe('if-match');
    }
  });
});
