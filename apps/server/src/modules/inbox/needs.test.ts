import { addDays, localDay } from '@duban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let supervisor: TClient;
let head: TClient;
let cadre: TClient;
let town: string;
let listId: string;
const today = localDay(new Date());

async function assignedTask(title: string) {
  const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
    title,
    leadUnitId: town,
    ownerId: await userId(ctx, 'cadre'),
    startDate: addDays(today, -5),
    dueDate: addDays(today, 60),
  });
  const id = res.json().id as string;
  await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] });
  return id;
}

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  town = await unitId(ctx, '城关镇');
  listId = (await supervisor.request('POST', '/api/v1/task-lists', { name: '待办测试', year: 2026 })).json().id;
});

describe('GET /api/v1/me/needs', () => {
  it('gives the head what to acknowledge and answer, and the supervisor what to verify', async () => {
    const toAck = await assignedTask('待签收的任务');
    const toClose = await assignedTask('待审核办结的任务');
    await head.request('POST', `/api/v1/tasks/${toClose}/acknowledge`);
    await cadre.request('POST', `/api/v1/tasks/${toClose}/request-close`, { summary: '已完成' });
    const urged = await supervisor.request('POST', '/api/v1/escalations', {
      taskIds: [toClose],
      step: 'urge',
      reason: '请说明情况',
    });
    expect(urged.statusCode, urged.body).toBe(200);

    const headNeeds = (await head.request('GET', '/api/v1/me/needs')).json();
    expect(headNeeds.acknowledge.items.map((t: { id: string }) => t.id)).toContain(toAck);
    expect(headNeeds.answer.items.map((e: { taskId: string }) => e.taskId)).toContain(toClose);
    expect(headNeeds.verify).toEqual({ total: 0, items: [] });

    const supNeeds = (await supervisor.request('GET', '/api/v1/me/needs')).json();
    expect(supNeeds.verify.items.map((t: { id: string }) => t.id)).toContain(toClose);
    expect(supNeeds.acknowledge).toEqual({ total: 0, items: [] });
    expect(supNeeds.answer.total).toBe(0);

    await head.request('POST', `/api/v1/tasks/${toAck}/acknowledge`);
    const after = (await head.request('GET', '/api/v1/me/needs')).json();
    expect(after.acknowledge.items.map((t: { id: string }) => t.id)).not.toContain(toAck);
  });

  it('gives the head the unit’s weekly roll-up to confirm until it is confirmed, and no one else', async () => {
    const generated = await supervisor.request('POST', '/api/v1/weekly-rollups/generate', { unitId: town });
    expect(generated.statusCode, generated.body).toBe(200);
    const before = (await head.request('GET', '/api/v1/me/needs')).json();
    expect(before.confirm.total).toBe(before.confirm.items.length);
    const mine = before.confirm.items.filter((r: { unitName: string }) => r.unitName === '城关镇');
    expect(mine.length).toBeGreaterThan(0);
    for (const rollup of before.confirm.items) expect(rollup.unitId).toBe(town);
    const supNeeds = (await supervisor.request('GET', '/api/v1/me/needs')).json();
    expect(supNeeds.confirm).toEqual({ total: 0, items: [] });

    const confirmed = await head.request('POST', `/api/v1/weekly-rollups/${mine[0].id}/confirm`, {});
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    const after = (await head.request('GET', '/api/v1/me/needs')).json();
    expect(after.confirm.total).toBe(before.confirm.total - 1);
    expect(after.confirm.items.map((r: { id: string }) => r.id)).not.toContain(mine[0].id);
  });

  it('asks nothing of a cadre of another unit, and nothing without a session', async () => {
    const other = await login(ctx.app, 'cadre2');
    const needs = (await other.request('GET', '/api/v1/me/needs')).json();
    expect([needs.answer.total, needs.acknowledge.total, needs.verify.total, needs.confirm.total]).toEqual([
      0, 0, 0, 0,
    ]);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/v1/me/needs' })).statusCode).toBe(401);
  });
});
