import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let supervisor: TClient;
let head: TClient;
let cadre: TClient;
let town: string;
let dept: string;
let listId: string;

const task = (overrides: Record<string, unknown> = {}) => ({
  title: '城关镇老旧小区改造',
  source: 'livelihood',
  tags: ['民生实事'],
  frontLine: 'grassroots',
  priority: 'high',
  leadUnitId: town,
  coUnitIds: [dept],
  cadence: 'weekly',
  startDate: '2026-03-01',
  dueDate: '2026-12-31',
  charter: {
    goal: '完成 12 个老旧小区改造',
    indicators: [{ name: '改造小区', target: 12, unit: '个' }],
    deliverables: ['竣工验收报告'],
    pledge: '确保年底前全部完工',
  },
  milestones: [
    { title: '完成设计', dueDate: '2026-05-31', weight: 1 },
    { title: '完成施工', dueDate: '2026-11-30', weight: 3 },
  ],
  ...overrides,
});

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  town = await unitId(ctx, '城关镇');
  dept = await unitId(ctx, '县发展和改革局');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '2026 年民生实事清单', year: 2026 });
  expect(list.statusCode).toBe(201);
  listId = list.json().id;
});

describe('text that cannot be stored', () => {
  it('a NUL in a query answers 400 naming the parameter, not 500', async () => {
    for (const q of ['%00', 'a%00b']) {
      const res = await supervisor.request('GET', `/api/v1/tasks?q=${q}`);
      expect([res.statusCode, errorOf(res).field], q).toEqual([400, 'q']);
    }
    expect((await supervisor.request('GET', '/api/v1/tasks?q=%E5%B0%8F%E5%8C%BA')).statusCode).toBe(200);
  });

  it('a body nesting arrays deeper than the API ever needs answers 400 naming the body, not 500', async () => {
    const deep = `${'['.repeat(50_000)}${']'.repeat(50_000)}`;
    const res = await supervisor.request('POST', '/api/v1/task-lists', deep, { 'content-type': 'application/json' });
    expect([res.statusCode, errorOf(res).code, errorOf(res).field]).toEqual([400, 'VALIDATION_FAILED', 'body']);
  });

  it('a path that does not decode to text, or an over-long id, answers 400 in the error envelope', async () => {
    for (const id of ['a%ED%A0%80b', '%C0%AF', 'x'.repeat(5000)]) {
      const res = await supervisor.request('GET', `/api/v1/tasks/${id}`);
      expect([res.statusCode, errorOf(res).code, errorOf(res).field], id.slice(0, 20)).toEqual([
        400,
        'VALIDATION_FAILED',
        'path',
      ]);
      expect(res.body).not.toContain(id);
    }
  });
});

describe('task lists', () => {
  it('only supervisors and leaders create lists; bad input names the field', async () => {
    expect((await cadre.request('POST', '/api/v1/task-lists', { name: 'x', year: 2026 })).statusCode).toBe(403);
    const bad = await supervisor.request('POST', '/api/v1/task-lists', { name: '', year: 2026 });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'name']);
    const lists = (await supervisor.request('GET', '/api/v1/task-lists')).json().items;
    expect(lists.map((l: { name: string }) => l.name)).toContain('2026 年民生实事清单');
  });
});

describe('a task from draft to closed', () => {
  let id: string;

  it('creates a draft task with its charter and roadmap, audited', async () => {
    const before = await auditCount(ctx);
    const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, task({ ownerId: cadre.userId }));
    expect(res.statusCode).toBe(201);
    const body = res.json();
    id = body.id;
    expect(body).toMatchObject({ state: 'draft', leadUnitName: '城关镇', ownerName: expect.any(String), progress: 0 });
    expect(body.coUnits).toEqual([{ id: dept, name: '县发展和改革局' }]);
    expect(body.charter.indicators[0]).toEqual({ name: '改造小区', target: 12, unit: '个' });
    expect(body.milestones.map((m: { seq: number; title: string }) => [m.seq, m.title])).toEqual([
      [1, '完成设计'],
      [2, '完成施工'],
    ]);
    expect(await auditCount(ctx)).toBe(before + 1);
  });

  it('refuses bad references naming the field, writing nothing', async () => {
    const before = await auditCount(ctx);
    const cases: [Record<string, unknown>, number, string][] = [
      [task({ leadUnitId: '00000000-0000-4000-8000-000000000000' }), 422, 'leadUnitId'],
      [task({ coUnitIds: [town] }), 422, 'coUnitIds.0'],
      [task({ dueDate: '2026-01-01' }), 422, 'dueDate'],
      [task({ ownerId: await userId(ctx, 'zh05-03') }), 422, 'ownerId'],
      [task({ leadLeaderId: cadre.userId }), 422, 'leadLeaderId'],
      [task({ milestones: [{ title: '晚了', dueDate: '2027-02-01' }] }), 422, 'milestones.0.dueDate'],
      [task({ source: 'rumour' }), 400, 'source'],
      [task({ startDate: '2026-13-01' }), 400, 'startDate'],
      [task({ title: '' }), 400, 'title'],
      [task({ startDate: '0000-01-01' }), 400, 'startDate'],
      [task({ title: 'x\ud800y' }), 400, 'title'],
      [task({ charter: { goal: 'a\u0000b' } }), 400, 'charter.goal'],
      [task({ milestones: [{ title: '\udc00', dueDate: '2026-05-31' }] }), 400, 'milestones.0.title'],
    ];
    for (const [body, status, field] of cases) {
      const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, body);
      expect([res.statusCode, errorOf(res).field], field).toEqual([status, field]);
    }
    expect(await auditCount(ctx)).toBe(before);
  });

  it('hides a draft from the unit until it is assigned, then tells the unit head', async () => {
    expect((await head.request('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    expect((await cadre.request('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    expect((await head.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(404);
    expect((await head.request('GET', '/api/v1/tasks')).json().items.map((t: { id: string }) => t.id)).not.toContain(
      id,
    );
    const assigned = await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, {});
    expect(assigned.statusCode).toBe(200);
    expect(assigned.json().items.map((t: { state: string }) => t.state)).toEqual(['assigned']);
    const inbox = (await head.request('GET', '/api/v1/inbox?unread=true')).json();
    expect(inbox.unread).toBeGreaterThanOrEqual(1);
    expect(inbox.items[0]).toMatchObject({ kind: 'assigned', taskId: id, title: '城关镇老旧小区改造' });
    const again = await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, {});
    expect([again.statusCode, errorOf(again).field]).toEqual([422, 'taskIds']);
  });

  it('lets the unit head acknowledge once; a second time answers 409 naming the state', async () => {
    expect((await cadre.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(403);
    // The office that handed it out is neither offered 签收 nor allowed it: the lead unit signs.
    expect((await supervisor.request('GET', `/api/v1/tasks/${id}`)).json().can.acknowledge).toBe(false);
    expect((await supervisor.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(403);
    expect((await head.request('GET', `/api/v1/tasks/${id}`)).json().can.acknowledge).toBe(true);
    const ok = await head.request('POST', `/api/v1/tasks/${id}/acknowledge`);
    expect(ok.json().state).toBe('acknowledged');
    const twice = await head.request('POST', `/api/v1/tasks/${id}/acknowledge`);
    expect(twice.statusCode).toBe(409);
    expect(errorOf(twice)).toMatchObject({ code: 'CONFLICT', field: 'state' });
    expect(errorOf(twice).message).toContain('acknowledged');
  });

  it('rolls progress up from milestones and starts the task on the first one done', async () => {
    const t = (await cadre.request('GET', `/api/v1/tasks/${id}`)).json();
    const res = await cadre.request('PATCH', `/api/v1/tasks/${id}/milestones/${t.milestones[0].id}`, { state: 'done' });
    expect(res.statusCode).toBe(200);
    const after = (await cadre.request('GET', `/api/v1/tasks/${id}`)).json();
    expect(after).toMatchObject({ state: 'inProgress', progress: 25 });
    expect(after.events.map((e: { action: string }) => e.action)).toContain('start');
  });

  it('decomposes to a co-unit, whose sub-task progress rolls up to the parent', async () => {
    const sub = await head.request('POST', `/api/v1/tasks/${id}/subtasks`, {
      title: '争取改造专项资金',
      leadUnitId: dept,
      startDate: '2026-03-01',
      dueDate: '2026-09-30',
      milestones: [{ title: '资金到位', dueDate: '2026-09-30', weight: 2 }],
    });
    expect(sub.statusCode, sub.body).toBe(201);
    expect(sub.json()).toMatchObject({ state: 'assigned', parentId: id, listId });
    const wrongUnit = await head.request('POST', `/api/v1/tasks/${id}/subtasks`, {
      title: 'x',
      leadUnitId: await unitId(ctx, '西河镇'),
      startDate: '2026-03-01',
      dueDate: '2026-09-30',
    });
    expect([wrongUnit.statusCode, errorOf(wrongUnit).field]).toEqual([422, 'leadUnitId']);
    const own = await head.request('POST', `/api/v1/tasks/${id}/subtasks`, {
      title: '入户摸排',
      leadUnitId: town,
      ownerId: cadre.userId,
      startDate: '2026-03-01',
      dueDate: '2026-06-30',
      milestones: [{ title: '摸排完成', dueDate: '2026-06-30', weight: 2 }],
    });
    expect(own.statusCode).toBe(201);
    const deptHead = await login(ctx.app, 'bm06-01');
    const subId = sub.json().id;
    expect((await deptHead.request('POST', `/api/v1/tasks/${subId}/acknowledge`)).json().state).toBe('acknowledged');
    const ms = sub.json().milestones[0].id;
    await deptHead.request('PATCH', `/api/v1/tasks/${subId}/milestones/${ms}`, { state: 'done' });
    const parent = (await head.request('GET', `/api/v1/tasks/${id}`)).json();
    expect(parent.subtasks).toHaveLength(2);
    expect(
      parent.progress,
      JSON.stringify(parent.subtasks.map((s: { title: string; progress: number }) => [s.title, s.progress])),
    ).toBe(50);
  });

  it('requests closure, is returned with a reason, then closed by the supervisor', async () => {
    const noSummary = await cadre.request('POST', `/api/v1/tasks/${id}/request-close`, {});
    expect([noSummary.statusCode, errorOf(noSummary).field]).toEqual([400, 'summary']);
    const asked = await cadre.request('POST', `/api/v1/tasks/${id}/request-close`, { summary: '12 个小区全部完工' });
    expect(asked.json()).toMatchObject({ state: 'closeRequested', closeSummary: '12 个小区全部完工' });
    expect((await head.request('POST', `/api/v1/tasks/${id}/close`)).statusCode).toBe(403);
    const noReason = await supervisor.request('POST', `/api/v1/tasks/${id}/reopen`, {});
    expect([noReason.statusCode, errorOf(noReason).field]).toEqual([400, 'reason']);
    const back = await supervisor.request('POST', `/api/v1/tasks/${id}/reopen`, { reason: '缺少验收报告' });
    expect(back.json().state).toBe('inProgress');
    const returned = (await cadre.request('GET', '/api/v1/inbox')).json().items[0];
    expect(returned).toMatchObject({ kind: 'returned', body: '缺少验收报告' });
    await cadre.request('POST', `/api/v1/tasks/${id}/request-close`, { summary: '补充了验收报告' });
    const closed = await supervisor.request('POST', `/api/v1/tasks/${id}/close`);
    expect(closed.json()).toMatchObject({ state: 'closed', progress: 100 });
    const reopenClosed = await supervisor.request('POST', `/api/v1/tasks/${id}/reopen`, { reason: 'x' });
    expect(reopenClosed.statusCode).toBe(409);
    const actions = (closed.json().events as { action: string }[]).map((e) => e.action);
    expect(actions).toEqual(
      expect.arrayContaining(['create', 'assign', 'acknowledge', 'requestClose', 'reopen', 'close']),
    );
    const audited = await ctx.sql<{ action: string }>(
      `select action from audit_log where target_id = $1 and action like 'task.%' order by id`,
      [id],
    );
    expect(audited.map((a) => a.action)).toEqual([
      'task.create',
      'task.assign',
      'task.acknowledge',
      'task.start',
      'task.requestClose',
      'task.reopen',
      'task.requestClose',
      'task.close',
    ]);
  });
});

describe('who sees what', () => {
  let id: string;
  beforeAll(async () => {
    const res = await supervisor.request(
      'POST',
      `/api/v1/task-lists/${listId}/tasks`,
      task({ title: '招商引资签约', coUnitIds: [] }),
    );
    id = res.json().id;
    await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] });
  });

  it('shows a unit’s cadre the task read-only and hides it from other units (404)', async () => {
    const seen = (await cadre.request('GET', `/api/v1/tasks/${id}`)).json();
    expect(seen.can).toMatchObject({ acknowledge: false, edit: false, verify: false, comment: true });
    const cadre2 = await login(ctx.app, 'cadre2');
    expect((await cadre2.request('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    expect((await cadre2.request('POST', `/api/v1/tasks/${id}/comments`, { body: 'x' })).statusCode).toBe(404);
    const otherHead = await login(ctx.app, 'zh05-01');
    expect((await otherHead.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(404);
    const list = (await cadre2.request('GET', '/api/v1/tasks?pageSize=200')).json();
    expect(list.items.map((t: { id: string }) => t.id)).not.toContain(id);
  });

  it('lists with filters and pagination', async () => {
    const all = (await supervisor.request('GET', `/api/v1/tasks?unitId=${town}&pageSize=1`)).json();
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    const byState = (await supervisor.request('GET', '/api/v1/tasks?state=assigned')).json();
    expect(byState.items.map((t: { title: string }) => t.title)).toEqual(['招商引资签约']);
    const byText = (await supervisor.request('GET', `/api/v1/tasks?q=${encodeURIComponent('老旧')}`)).json();
    expect(byText.total).toBe(1);
    const byTag = (await supervisor.request('GET', `/api/v1/tasks?tag=${encodeURIComponent('民生实事')}`)).json();
    expect(byTag.total).toBe(2);
    const bad = await supervisor.request('GET', '/api/v1/tasks?state=lost');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'state']);
  });

  it('lets only leaders cancel (with a reason) and instruct; everyone on the task hears of an instruction', async () => {
    expect((await supervisor.request('POST', `/api/v1/tasks/${id}/cancel`, { reason: 'x' })).statusCode).toBe(403);
    expect((await cadre.request('POST', `/api/v1/tasks/${id}/instructions`, { body: '抓紧' })).statusCode).toBe(403);
    const leader = await login(ctx.app, 'leader');
    const note = await leader.request('POST', `/api/v1/tasks/${id}/instructions`, { body: '要倒排工期，确保按期签约' });
    expect(note.statusCode).toBe(201);
    const inbox = (await head.request('GET', '/api/v1/inbox')).json().items[0];
    expect(inbox).toMatchObject({ kind: 'instruction', body: '要倒排工期，确保按期签约' });
    const comment = await cadre.request('POST', `/api/v1/tasks/${id}/comments`, { body: '已对接客商' });
    expect(comment.statusCode).toBe(201);
    expect((await head.request('GET', `/api/v1/tasks/${id}/comments`)).json().items[0].body).toBe('已对接客商');
    const empty = await cadre.request('POST', `/api/v1/tasks/${id}/comments`, { body: '' });
    expect([empty.statusCode, errorOf(empty).field]).toEqual([400, 'body']);
    const cancelled = await leader.request('POST', `/api/v1/tasks/${id}/cancel`, { reason: '项目调整' });
    expect(cancelled.json().state).toBe('cancelled');
  });

  it('edits: the unit head may set only the owner; supervisors may change the rest', async () => {
    const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, task({ title: '道路硬化' }));
    const t = res.json().id;
    await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [t] });
    const owner = await userId(ctx, 'zh01-05');
    const setOwner = await head.request('PATCH', `/api/v1/tasks/${t}`, { ownerId: owner });
    expect(setOwner.json().ownerId, setOwner.body).toBe(owner);
    // The new owner hears of it in the inbox, once.
    const told = await ctx.sql<{ kind: string; title: string }>(
      `select kind, title from inbox_items where user_id = $1 and task_id = $2 and kind = 'madeOwner'`,
      [owner, t],
    );
    expect(told).toEqual([{ kind: 'madeOwner', title: '道路硬化' }]);
    await head.request('PATCH', `/api/v1/tasks/${t}`, { ownerId: owner });
    const [again] = await ctx.sql<{ n: number }>(
      `select count(*)::int as n from inbox_items where user_id = $1 and task_id = $2 and kind = 'madeOwner'`,
      [owner, t],
    );
    expect(again?.n).toBe(1);
    expect((await head.request('PATCH', `/api/v1/tasks/${t}`, { title: '改名' })).statusCode).toBe(403);
    const edited = await supervisor.request('PATCH', `/api/v1/tasks/${t}`, {
      dueDate: '2026-12-15',
      priority: 'urgent',
      frontLine: null,
    });
    expect(edited.json()).toMatchObject({ dueDate: '2026-12-15', priority: 'urgent', frontLine: null });
    const bad = await supervisor.request('PATCH', `/api/v1/tasks/${t}`, { dueDate: '2025-01-01' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([422, 'dueDate']);
    // A due date before a milestone of the roadmap: 422, the milestone named.
    const early = await supervisor.request('PATCH', `/api/v1/tasks/${t}`, { dueDate: '2026-10-31' });
    expect([early.statusCode, errorOf(early).field]).toEqual([422, 'dueDate']);
    expect(errorOf(early).message).toContain('完成施工');
  });
});

describe('inbox', () => {
  it('marks items read, one or all; another person’s item is not found', async () => {
    const items = (await head.request('GET', '/api/v1/inbox')).json().items;
    const first = items[0].id;
    expect((await head.request('POST', `/api/v1/inbox/${first}/read`)).json()).toEqual({ marked: 1 });
    expect((await cadre.request('POST', `/api/v1/inbox/${first}/read`)).statusCode).toBe(404);
    await head.request('POST', '/api/v1/inbox/read-all');
    expect((await head.request('GET', '/api/v1/inbox')).json().unread).toBe(0);
    const bad = await head.request('POST', '/api/v1/inbox/abc/read');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'id']);
  });
});

describe('adding tasks', () => {
  it('is refused to unit heads (403) and to unknown lists (404)', async () => {
    expect((await head.request('POST', `/api/v1/task-lists/${listId}/tasks`, task())).statusCode).toBe(403);
    const missing = await supervisor.request(
      'POST',
      '/api/v1/task-lists/00000000-0000-4000-8000-000000000000/tasks',
      task(),
    );
    expect(missing.statusCode).toBe(404);
  });
});

describe('out of scope', () => {
  it('answers 404 on every task endpoint to a person who may not see the task, writing nothing', async () => {
    const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, task({ title: '范围测试' }));
    const t = res.json();
    await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [t.id] });
    const outsider = await login(ctx.app, 'zh05-04');
    const before = await auditCount(ctx);
    const m = t.milestones[0].id;
    const calls: [Parameters<TClient['request']>[0], string, unknown?][] = [
      ['GET', `/api/v1/tasks/${t.id}`],
      ['PATCH', `/api/v1/tasks/${t.id}`, { ownerId: null }],
      ['POST', `/api/v1/tasks/${t.id}/acknowledge`],
      ['POST', `/api/v1/tasks/${t.id}/request-close`, { summary: 'x' }],
      ['POST', `/api/v1/tasks/${t.id}/close`],
      ['POST', `/api/v1/tasks/${t.id}/reopen`, { reason: 'x' }],
      ['POST', `/api/v1/tasks/${t.id}/cancel`, { reason: 'x' }],
      ['GET', `/api/v1/tasks/${t.id}/milestones`],
      ['POST', `/api/v1/tasks/${t.id}/milestones`, { title: 'x', dueDate: '2026-06-01' }],
      ['PATCH', `/api/v1/tasks/${t.id}/milestones/${m}`, { state: 'done' }],
      ['GET', `/api/v1/tasks/${t.id}/subtasks`],
      [
        'POST',
        `/api/v1/tasks/${t.id}/subtasks`,
        { title: 'x', leadUnitId: dept, startDate: '2026-03-01', dueDate: '2026-04-01' },
      ],
      ['GET', `/api/v1/tasks/${t.id}/instructions`],
      ['POST', `/api/v1/tasks/${t.id}/instructions`, { body: 'x' }],
      ['GET', `/api/v1/tasks/${t.id}/comments`],
      ['GET', `/api/v1/task-lists/${listId}`],
      ['POST', `/api/v1/task-lists/${listId}/assign`, {}],
    ];
    for (const [method, url, body] of calls) {
      const answer = await outsider.request(method, url, body);
      expect([answer.statusCode, answer.json().error?.code], `${method} ${url}`).toEqual([404, 'NOT_FOUND']);
    }
    expect(await auditCount(ctx)).toBe(before);
  });

  it('refuses bad input on milestones naming the field', async () => {
    const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, task({ title: '节点测试' }));
    const t = res.json();
    const late = await supervisor.request('POST', `/api/v1/tasks/${t.id}/milestones`, {
      title: 'x',
      dueDate: '2027-06-01',
    });
    expect([late.statusCode, errorOf(late).field]).toEqual([422, 'dueDate']);
    const badState = await supervisor.request('PATCH', `/api/v1/tasks/${t.id}/milestones/${t.milestones[0].id}`, {
      state: 'finished',
    });
    expect([badState.statusCode, errorOf(badState).field]).toEqual([400, 'state']);
    const unknown = await supervisor.request(
      'PATCH',
      `/api/v1/tasks/${t.id}/milestones/00000000-0000-4000-8000-000000000000`,
      { state: 'done' },
    );
    expect(unknown.statusCode).toBe(404);
    const added = await supervisor.request('POST', `/api/v1/tasks/${t.id}/milestones`, {
      title: '补充节点',
      dueDate: '2026-08-01',
    });
    expect(added.json()).toMatchObject({ seq: 3, title: '补充节点', state: 'pending' });
  });
});

describe('the list by unit subtree', () => {
  it('keeps each unit row’s state, due date and top-ness in step with its task', async () => {
    const drift = `select count(*)::int as n from task_units tu join tasks t on t.id = tu.task_id
      where tu.state is distinct from t.state or tu.due_date is distinct from t.due_date
        or tu.is_top is distinct from (t.parent_id is null)`;
    const created = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, task({ title: '河道清淤' }));
    expect(created.statusCode).toBe(201);
    const id: string = created.json().id;
    expect(await ctx.sql(drift)).toEqual([{ n: 0 }]);
    expect((await supervisor.request('PATCH', `/api/v1/tasks/${id}`, { dueDate: '2026-12-30' })).statusCode).toBe(200);
    expect(
      (await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] })).statusCode,
    ).toBe(200);
    expect(await ctx.sql(drift)).toEqual([{ n: 0 }]);
    const [row] = await ctx.sql<{ state: string; due_date: string }>(
      `select distinct state, due_date::text from task_units where task_id = $1`,
      [id],
    );
    expect(row).toEqual({ state: 'assigned', due_date: '2026-12-30' });
  });
});
