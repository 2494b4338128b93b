import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let leader: TClient;
let supervisor: TClient;
let head: TClient;
let cadre2: TClient;
/** Unit head of 东关镇. */
let dongHead: TClient;
/** A cadre of 东关镇. */
let dongCadre: TClient;
/** Unit head of 西河镇, which no call below names. */
let xiheHead: TClient;
let listId: string;
let taskId: string;
let callId: string;
let town: string;
let dong: string;
let dept: string;

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const count = async (table: string) =>
  (await ctx.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n ?? 0;
/** Everything a refused request must leave as it was. */
const snapshot = async () =>
  Promise.all([auditCount(ctx), count('open_calls'), count('bids'), count('task_events'), count('inbox_items')]);

const createTask = async (title: string) => {
  const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
    title,
    leadUnitId: town,
    startDate: '2026-03-01',
    dueDate: '2026-12-31',
    charter: {
      goal: '原目标',
      indicators: [{ name: '通行时间缩短', target: 30, unit: '%' }],
      deliverables: ['治理方案'],
      pledge: '原承诺',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [res.json().id] });
  return res.json().id as string;
};

beforeAll(async () => {
  leader = await login(ctx.app, 'leader');
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  cadre2 = await login(ctx.app, 'cadre2');
  dongHead = await login(ctx.app, 'zh02-01');
  dongCadre = await login(ctx.app, 'zh02-03');
  xiheHead = await login(ctx.app, 'zh03-01');
  town = await unitId(ctx, '城关镇');
  dong = await unitId(ctx, '东关镇');
  dept = await unitId(ctx, '县发展和改革局');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '2026 年揭榜挂帅清单', year: 2026 });
  listId = list.json().id;
  taskId = await createTask('破解农贸市场周边交通拥堵');
});

describe('publishing a call', () => {
  it('refuses bad input naming the field, writing nothing', async () => {
    await ctx.sql(`update units set is_active = false where name = '县档案馆'`);
    const archive = await unitId(ctx, '县档案馆');
    const before = await snapshot();
    const call = (overrides: Record<string, unknown>) => ({
      taskId,
      requirements: '提出可落地的治理方案',
      eligibleUnitIds: [dong],
      bidDeadline: inDays(7),
      ...overrides,
    });
    const cases: [Record<string, unknown>, number, string][] = [
      [call({ bidDeadline: inDays(-1) }), 422, 'bidDeadline'],
      [call({ eligibleUnitIds: [dong, '00000000-0000-4000-8000-000000000000'] }), 422, 'eligibleUnitIds.1'],
      [call({ eligibleUnitIds: [archive] }), 422, 'eligibleUnitIds.0'],
      [call({ requirements: '' }), 400, 'requirements'],
      [call({ bidDeadline: '下周五' }), 400, 'bidDeadline'],
      [call({ taskId: 'not-a-task' }), 400, 'taskId'],
    ];
    for (const [body, status, field] of cases) {
      const res = await supervisor.request('POST', '/api/v1/open-calls', body);
      expect([res.statusCode, errorOf(res).field], field).toEqual([status, field]);
    }
    expect((await head.request('POST', '/api/v1/open-calls', call({}))).statusCode).toBe(403);
    expect((await cadre2.request('POST', '/api/v1/open-calls', call({}))).statusCode).toBe(404);
    const missing = await supervisor.request(
      'POST',
      '/api/v1/open-calls',
      call({ taskId: '00000000-0000-4000-8000-000000000000' }),
    );
    expect(missing.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('publishes the task, tells the eligible units’ heads and liaisons, and audits it', async () => {
    const audits = await auditCount(ctx);
    const res = await supervisor.request('POST', '/api/v1/open-calls', {
      taskId,
      requirements: '提出可落地的治理方案，须有实施路径和完成时限',
      eligibleUnitIds: [dong, dept, dong],
      bidDeadline: inDays(7),
    });
    expect(res.statusCode, res.body).toBe(201);
    const body = res.json();
    callId = body.id;
    expect(body).toMatchObject({
      taskId,
      taskTitle: '破解农贸市场周边交通拥堵',
      state: 'open',
      publishedBy: supervisor.userId,
      awardedBidId: null,
      bidCount: 0,
      bids: [],
      can: { bid: false, award: false },
    });
    expect(body.eligibleUnits).toEqual([
      { id: dong, name: '东关镇' },
      { id: dept, name: '县发展和改革局' },
    ]);
    expect(await auditCount(ctx)).toBe(audits + 1);
    const events = (await supervisor.request('GET', `/api/v1/tasks/${taskId}`)).json().events;
    expect(events[0]).toMatchObject({ action: 'publishCall' });
    const inbox = (await dongHead.request('GET', '/api/v1/inbox')).json().items[0];
    expect(inbox).toMatchObject({ kind: 'callPublished', taskId, title: '破解农贸市场周边交通拥堵' });
    const headInbox = (await head.request('GET', '/api/v1/inbox')).json().items;
    expect(headInbox.map((i: { kind: string }) => i.kind)).not.toContain('callPublished');
  });

  it('publishes a task once (409 naming taskId)', async () => {
    const audits = await auditCount(ctx);
    const again = await leader.request('POST', '/api/v1/open-calls', {
      taskId,
      requirements: '再发一次',
      bidDeadline: inDays(3),
    });
    expect([again.statusCode, errorOf(again).code, errorOf(again).field]).toEqual([409, 'CONFLICT', 'taskId']);
    expect(await auditCount(ctx)).toBe(audits);
  });

  it('lists a call open to every unit for everyone, notifying nobody one by one', async () => {
    const other = await createTask('城区停车难治理');
    const inbox = await count('inbox_items');
    const res = await leader.request('POST', '/api/v1/open-calls', {
      taskId: other,
      requirements: '停车治理方案',
      bidDeadline: inDays(5),
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().eligibleUnits).toEqual([]);
    expect(await count('inbox_items')).toBe(inbox);
    const seen = (await xiheHead.request('GET', `/api/v1/open-calls?taskId=${other}`)).json();
    expect(seen.items.map((c: { id: string; can: { bid: boolean } }) => [c.id, c.can.bid])).toEqual([
      [res.json().id, true],
    ]);
  });
});

describe('who sees a call', () => {
  it('shows it to leaders, supervisors and the eligible units, and hides it (404) from everyone else', async () => {
    const mine = (await dongCadre.request('GET', `/api/v1/open-calls/${callId}`)).json();
    expect(mine).toMatchObject({ id: callId, can: { bid: true, award: false } });
    expect((await leader.request('GET', `/api/v1/open-calls/${callId}`)).json().can).toEqual({
      bid: false,
      award: false,
    });
    expect((await xiheHead.request('GET', `/api/v1/open-calls/${callId}`)).statusCode).toBe(404);
    expect((await head.request('GET', `/api/v1/open-calls/${callId}`)).statusCode).toBe(404);
    const admin = await login(ctx.app, 'admin');
    expect((await admin.request('GET', `/api/v1/open-calls/${callId}`)).statusCode).toBe(404);
    expect((await admin.request('GET', '/api/v1/open-calls')).json().total).toBe(0);
    const listed = (await xiheHead.request('GET', '/api/v1/open-calls?pageSize=200')).json();
    expect(listed.items.map((c: { id: string }) => c.id)).not.toContain(callId);
    const byLeader = (await leader.request('GET', '/api/v1/open-calls?pageSize=1')).json();
    expect(byLeader).toMatchObject({ page: 1, pageSize: 1 });
    expect(byLeader.total).toBeGreaterThanOrEqual(2);
    expect(byLeader.items).toHaveLength(1);
    const bad = await leader.request('GET', '/api/v1/open-calls?state=lost');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'state']);
  });

  it('counts a unit as eligible when it lies under an eligible unit', async () => {
    const t = await createTask('全县揭榜：营商环境提升');
    const county = await unitId(ctx, '示范县');
    const res = await supervisor.request('POST', '/api/v1/open-calls', {
      taskId: t,
      requirements: '营商环境提升方案',
      eligibleUnitIds: [county],
      bidDeadline: inDays(5),
    });
    expect(res.statusCode).toBe(201);
    expect((await xiheHead.request('GET', `/api/v1/open-calls/${res.json().id}`)).json().can.bid).toBe(true);
    // Leaders of the county may award this call, so they may not bid on it.
    const own = await leader.request('POST', `/api/v1/open-calls/${res.json().id}/bids`, { plan: 'x', pledge: 'y' });
    expect(own.statusCode).toBe(403);
  });
});

describe('bidding', () => {
  let dongBid: string;
  let deptBid: string;

  it('refuses bad input and people who may not bid, writing nothing', async () => {
    const before = await snapshot();
    const bid = { plan: '错峰上下学 + 临时停车泊位', pledge: '60 天见效' };
    const empty = await dongCadre.request('POST', `/api/v1/open-calls/${callId}/bids`, { ...bid, plan: ' ' });
    expect([empty.statusCode, errorOf(empty).field]).toEqual([400, 'plan']);
    const long = await dongCadre.request('POST', `/api/v1/open-calls/${callId}/bids`, {
      ...bid,
      pledge: 'x'.repeat(2001),
    });
    expect([long.statusCode, errorOf(long).field]).toEqual([400, 'pledge']);
    expect((await xiheHead.request('POST', `/api/v1/open-calls/${callId}/bids`, bid)).statusCode).toBe(404);
    expect((await head.request('POST', `/api/v1/open-calls/${callId}/bids`, bid)).statusCode).toBe(404);
    expect((await leader.request('POST', `/api/v1/open-calls/${callId}/bids`, bid)).statusCode).toBe(403);
    expect((await supervisor.request('POST', `/api/v1/open-calls/${callId}/bids`, bid)).statusCode).toBe(403);
    const unknown = await dongCadre.request(
      'POST',
      '/api/v1/open-calls/00000000-0000-4000-8000-000000000000/bids',
      bid,
    );
    expect(unknown.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
  });

  it('takes one bid per person, recording the bidder’s unit', async () => {
    const audits = await auditCount(ctx);
    const res = await dongCadre.request('POST', `/api/v1/open-calls/${callId}/bids`, {
      plan: '设置护学岗和家长接送区，错峰 15 分钟放学',
      pledge: '立下军令状：60 天内高峰通行时间缩短 30%',
    });
    expect(res.statusCode, res.body).toBe(201);
    dongBid = res.json().id;
    expect(res.json()).toMatchObject({ callId, unitId: dong, unitName: '东关镇', bidderId: dongCadre.userId });
    expect(res.json().isWinner).toBe(false);
    expect(await auditCount(ctx)).toBe(audits + 1);
    const twice = await dongCadre.request('POST', `/api/v1/open-calls/${callId}/bids`, { plan: 'x', pledge: 'y' });
    expect([twice.statusCode, errorOf(twice).code]).toEqual([409, 'DUPLICATE']);
    const other = await cadre2.request('POST', `/api/v1/open-calls/${callId}/bids`, {
      plan: '开通定制校车线路 5 条',
      pledge: '三个月内完成治理',
    });
    expect(other.statusCode, other.body).toBe(201);
    deptBid = other.json().id;
    expect(other.json().unitName).toBe('县发展和改革局');
  });

  it('shows bidders only their own bid, and leaders every bid', async () => {
    const mine = (await dongCadre.request('GET', `/api/v1/open-calls/${callId}`)).json();
    expect(mine.bids.map((b: { id: string }) => b.id)).toEqual([dongBid]);
    expect(mine).toMatchObject({ bidCount: 2, can: { bid: false } });
    const all = (await leader.request('GET', `/api/v1/open-calls/${callId}`)).json();
    expect(all.bids.map((b: { id: string }) => b.id)).toEqual([dongBid, deptBid]);
    expect(all.can).toEqual({ bid: false, award: true });
  });

  it('refuses a bid after the deadline (409 naming bidDeadline)', async () => {
    await ctx.sql(`update open_calls set bid_deadline = now() - interval '1 minute' where id = $1`, [callId]);
    const before = await snapshot();
    expect((await dongHead.request('GET', `/api/v1/open-calls/${callId}`)).json().can.bid).toBe(false);
    const late = await dongHead.request('POST', `/api/v1/open-calls/${callId}/bids`, { plan: '迟到', pledge: '迟到' });
    expect([late.statusCode, errorOf(late).code, errorOf(late).field]).toEqual([409, 'CONFLICT', 'bidDeadline']);
    expect(await snapshot()).toEqual(before);
  });
});

describe('awarding', () => {
  it('is for leaders over the lead unit: others get 403 or 404; a bid of another call is 422', async () => {
    const before = await snapshot();
    const [bid] = await ctx.sql<{ id: string }>('select id from bids where call_id = $1 order by created_at', [callId]);
    const award = { bidId: bid?.id };
    expect((await dongCadre.request('POST', `/api/v1/open-calls/${callId}/award`, award)).statusCode).toBe(403);
    expect((await supervisor.request('POST', `/api/v1/open-calls/${callId}/award`, award)).statusCode).toBe(403);
    expect((await xiheHead.request('POST', `/api/v1/open-calls/${callId}/award`, award)).statusCode).toBe(404);
    const [foreign] = await ctx.sql<{ id: string }>('select id from bids where call_id <> $1 limit 1', [callId]);
    for (const bidId of [
      foreign?.id ?? '00000000-0000-4000-8000-000000000001',
      '00000000-0000-4000-8000-000000000000',
    ]) {
      const res = await leader.request('POST', `/api/v1/open-calls/${callId}/award`, { bidId });
      expect([res.statusCode, errorOf(res).field]).toEqual([422, 'bidId']);
    }
    const bad = await leader.request('POST', `/api/v1/open-calls/${callId}/award`, { bidId: 'x' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'bidId']);
    expect(await snapshot()).toEqual(before);
  });

  it('hands the task to the winner after the deadline, tells every bidder, and keeps all bids', async () => {
    const call = (await leader.request('GET', `/api/v1/open-calls/${callId}`)).json();
    const [winner, loser] = call.bids as { id: string; bidderId: string; plan: string; pledge: string }[];
    if (!winner || !loser) throw new Error('two bids expected');
    const audits = await auditCount(ctx);
    const res = await leader.request('POST', `/api/v1/open-calls/${callId}/award`, { bidId: winner.id });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ state: 'awarded', awardedBidId: winner.id, bidCount: 2 });
    expect(res.json().awardedAt).toEqual(expect.any(String));
    expect(res.json().bids.map((b: { isWinner: boolean }) => b.isWinner)).toEqual([true, false]);
    expect(await auditCount(ctx)).toBe(audits + 1);

    const task = (await leader.request('GET', `/api/v1/tasks/${taskId}`)).json();
    expect(task).toMatchObject({ ownerId: dongCadre.userId, leadUnitId: dong, leadUnitName: '东关镇' });
    expect(task.coUnits).toEqual([{ id: town, name: '城关镇' }]);
    expect(task.charter).toEqual({
      goal: winner.plan,
      pledge: winner.pledge,
      indicators: [{ name: '通行时间缩短', target: 30, unit: '%' }],
      deliverables: ['治理方案'],
    });
    expect(task.events[0]).toMatchObject({ action: 'award' });

    const won = (await dongCadre.request('GET', '/api/v1/inbox')).json().items[0];
    expect(won).toMatchObject({ kind: 'awarded', taskId });
    const lost = (await cadre2.request('GET', '/api/v1/inbox')).json().items[0];
    expect(lost).toMatchObject({ kind: 'notAwarded', taskId });
    expect(await count('bids')).toBeGreaterThanOrEqual(2);
    const kept = await ctx.sql<{ id: string }>('select id from bids where call_id = $1 order by created_at', [callId]);
    expect(kept.map((b) => b.id)).toEqual([winner.id, loser.id]);

    // The task now belongs to the winner's unit, whose head acknowledges it; the former lead unit keeps sight of it.
    expect((await dongCadre.request('GET', `/api/v1/tasks/${taskId}`)).statusCode).toBe(200);
    expect((await dongHead.request('GET', `/api/v1/tasks/${taskId}`)).json().can.acknowledge).toBe(true);
    expect((await head.request('GET', `/api/v1/tasks/${taskId}`)).json().can.acknowledge).toBe(false);
    expect((await cadre2.request('GET', `/api/v1/open-calls/${callId}`)).json().bids).toHaveLength(1);
  });

  it('awards a call once (409), and takes no more bids', async () => {
    const [bid] = await ctx.sql<{ id: string }>('select id from bids where call_id = $1', [callId]);
    const before = await snapshot();
    const again = await leader.request('POST', `/api/v1/open-calls/${callId}/award`, { bidId: bid?.id });
    expect([again.statusCode, errorOf(again).field]).toEqual([409, 'state']);
    expect(await snapshot()).toEqual(before);
    const awarded = (await leader.request('GET', '/api/v1/open-calls?state=awarded')).json();
    expect(awarded.items.map((c: { id: string }) => c.id)).toEqual([callId]);
  });
});
