import { addDays, localDay } from '@duban/domain';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { setClock } from '../../platform/clock.ts';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let supervisor: TClient;
let head: TClient;
let cadre: TClient;
let leader: TClient;
let town: string;
let listId: string;
const DAY = 86_400_000;
const today = localDay(new Date());

async function createTask(title: string, due: number, opts: { assign?: boolean } = {}) {
  const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
    title,
    leadUnitId: town,
    ownerId: await userId(ctx, 'cadre'),
    leadLeaderId: await userId(ctx, 'leader'),
    cadence: 'weekly',
    startDate: addDays(today, -60),
    dueDate: addDays(today, due),
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  if (opts.assign !== false) {
    expect(
      (await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] })).statusCode,
    ).toBe(200);
    expect((await head.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(200);
  }
  return id;
}

const sweep = async (daysAhead: number) => {
  setClock(new Date(Date.now() + daysAhead * DAY));
  const res = await supervisor.request('POST', '/api/v1/lights/sweep');
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
};
const stepsOf = async (taskId: string) =>
  (await supervisor.request('GET', `/api/v1/escalations?taskId=${taskId}&pageSize=50`)).json().items as {
    id: string;
    step: string;
    state: string;
    recipients: { id: string }[];
    can: { answer: boolean; recordOutcome: boolean };
  }[];
const answer = { situation: '资金已到位', plan: '倒排工期，增派人手', newDueDate: addDays(today, 20) };

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  leader = await login(ctx.app, 'leader');
  town = await unitId(ctx, '城关镇');
  listId = (await supervisor.request('POST', '/api/v1/task-lists', { name: '督办测试清单', year: 2026 })).json().id;
});

afterEach(() => setClock(null));

describe('the ladder on the sweep', () => {
  it('urges a red task once, to its owner and the unit head, who answers; the supervisor sees it answered', async () => {
    const id = await createTask('逾期的任务', -2);
    const first = await sweep(0);
    expect(first.escalations).toBeGreaterThan(0);
    const [urge] = await stepsOf(id);
    expect(urge).toMatchObject({ step: 'urge', state: 'open' });
    expect(urge?.recipients.map((r) => r.id).sort()).toEqual([cadre.userId, head.userId].sort());
    const inbox = (await head.request('GET', '/api/v1/inbox')).json().items as { kind: string; taskId: string }[];
    expect(inbox.some((i) => i.kind === 'urge' && i.taskId === id)).toBe(true);
    await sweep(0);
    expect(await stepsOf(id)).toHaveLength(1);

    const stranger = await login(ctx.app, 'cadre2');
    expect((await stranger.request('POST', `/api/v1/escalations/${urge?.id}/answer`, answer)).statusCode).toBe(404);
    const before = await auditCount(ctx);
    const bad = await head.request('POST', `/api/v1/escalations/${urge?.id}/answer`, { ...answer, plan: '' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'plan']);
    expect(await auditCount(ctx)).toBe(before);
    const ok = await head.request('POST', `/api/v1/escalations/${urge?.id}/answer`, answer);
    expect(ok.statusCode, ok.body).toBe(200);
    expect(ok.json()).toMatchObject({ state: 'answered', answer, answeredBy: { id: head.userId } });
    expect(await auditCount(ctx)).toBe(before + 1);
    expect((await head.request('POST', `/api/v1/escalations/${urge?.id}/answer`, answer)).statusCode).toBe(409);
    const desk = (await supervisor.request('GET', `/api/v1/escalations?state=answered&taskId=${id}`)).json();
    expect(desk.items[0].answer).toEqual(answer);
  });

  it('climbs when an urge goes unanswered, and when red lasts 7 and 30 days', async () => {
    const id = await createTask('久拖不办的任务', -1);
    await sweep(0);
    // Five days on, more than two working days have passed whatever the weekday.
    await sweep(5);
    let steps = await stepsOf(id);
    expect(steps.find((s) => s.step === 'urge')?.state).toBe('escalated');
    const notice = steps.find((s) => s.step === 'supervisionNotice');
    expect(notice?.recipients.map((r) => r.id).sort()).toEqual([head.userId, leader.userId].sort());
    await sweep(8);
    expect((await stepsOf(id)).filter((s) => s.step === 'supervisionNotice')).toHaveLength(1);
    await sweep(31);
    steps = await stepsOf(id);
    const admonish = steps.find((s) => s.step === 'admonish');
    expect(admonish?.state).toBe('open');
    expect(steps.filter((s) => s.step === 'admonish')).toHaveLength(1);

    const headSees = await head.request('POST', `/api/v1/escalations/${admonish?.id}/outcome`, { outcome: '已约谈' });
    expect(headSees.statusCode).toBe(403);
    const recorded = await supervisor.request('POST', `/api/v1/escalations/${admonish?.id}/outcome`, {
      outcome: '已约谈镇长，限期整改',
    });
    expect(recorded.statusCode, recorded.body).toBe(200);
    expect(recorded.json()).toMatchObject({ state: 'closed', outcome: '已约谈镇长，限期整改' });
    const again = await supervisor.request('POST', `/api/v1/escalations/${admonish?.id}/outcome`, { outcome: '再次' });
    expect(again.statusCode).toBe(409);
  });

  it('reminds the owner of a yellow task, needing no answer', async () => {
    // Due in two days, 60 days in: about 96 expected, 70 done — behind by 26, at risk but not yet red.
    const id = await createTask('即将到期的任务', 2);
    await ctx.sql('update tasks set progress = 70 where id = $1', [id]);
    await sweep(0);
    const light = (await supervisor.request('GET', `/api/v1/tasks/${id}/light-history`)).json();
    expect(light.light).toBe('yellow');
    const steps = await stepsOf(id);
    expect(steps.map((s) => [s.step, s.state])).toEqual([['remind', 'sent']]);
    expect(steps[0]?.recipients.map((r) => r.id)).toEqual([cadre.userId]);
    expect(steps[0]?.can.answer).toBe(false);
  });
});

describe('raising steps by hand', () => {
  it('raises a step for many tasks at once, all or nothing', async () => {
    const a = await createTask('手动督办一', 30);
    const b = await createTask('手动督办二', 30);
    const draft = await createTask('草稿任务', 30, { assign: false });
    const before = await auditCount(ctx);
    const refused = await supervisor.request('POST', '/api/v1/escalations', {
      taskIds: [a, draft],
      step: 'urge',
      reason: '群众反映强烈',
    });
    expect([refused.statusCode, errorOf(refused).field]).toEqual([422, 'taskIds.1']);
    expect(await auditCount(ctx)).toBe(before);
    expect(await stepsOf(a)).toHaveLength(0);

    const res = await supervisor.request('POST', '/api/v1/escalations', {
      taskIds: [a, b],
      step: 'supervisionNotice',
      reason: '群众反映强烈',
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json().items).toHaveLength(2);
    expect(res.json().items[0]).toMatchObject({ origin: 'manual', state: 'open', raisedBy: { id: supervisor.userId } });
    expect(await auditCount(ctx)).toBe(before + 2);
    const mine = (await head.request('GET', '/api/v1/escalations?mine=true&state=open')).json();
    expect(mine.items.some((e: { taskId: string }) => e.taskId === a)).toBe(true);
  });

  it('queues one robot message per step and unit, listing the tasks, for the unit’s channels', async () => {
    const allow = process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
    process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = '1';
    try {
      const channel = await supervisor.request('POST', '/api/v1/notification-channels', {
        name: '城关镇工作群',
        kind: 'wecom',
        unitId: town,
        url: 'http://127.0.0.1:9/cgi-bin/webhook/send?key=test',
        events: ['urge'],
        enabled: true,
      });
      expect(channel.statusCode, channel.body).toBe(201);
      const a = await createTask('推送测试一', 30);
      const b = await createTask('推送测试二', 30);
      const res = await supervisor.request('POST', '/api/v1/escalations', {
        taskIds: [a, b],
        step: 'urge',
        reason: '进度滞后',
      });
      expect(res.statusCode, res.body).toBe(200);
      const rows = await ctx.sql<{ event: string; message: { title: string; text: string } }>(
        'select event, message from deliveries where channel_id = $1',
        [channel.json().id],
      );
      expect(rows).toHaveLength(1);
      expect(rows[0]?.event).toBe('urge');
      expect(rows[0]?.message.title).toBe('催办通知（2 项）');
      expect(rows[0]?.message.text).toContain('推送测试一');
      expect(rows[0]?.message.text).toContain('推送测试二');
    } finally {
      if (allow === undefined) delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
      else process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = allow;
    }
  });

  it('is for supervisors (403), hides tasks out of sight (404) and names bad fields (400)', async () => {
    const a = await createTask('权限测试', 30);
    const body = { taskIds: [a], step: 'urge', reason: '督促' };
    expect((await head.request('POST', '/api/v1/escalations', body)).statusCode).toBe(403);
    const missing = await supervisor.request('POST', '/api/v1/escalations', {
      ...body,
      taskIds: ['00000000-0000-4000-8000-000000000000'],
    });
    expect(missing.statusCode).toBe(404);
    const bad = await supervisor.request('POST', '/api/v1/escalations', { ...body, step: 'scold' });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'step']);
    const outsider = await login(ctx.app, 'cadre2');
    const list = (await outsider.request('GET', `/api/v1/escalations?taskId=${a}`)).json();
    expect(list.items).toHaveLength(0);
  });
});
