import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let supervisor: TClient;
let leader: TClient;
let head: TClient;
let cadre: TClient;
let taskId: string;
let subtaskId: string;
let noteId: string;

const responses = async () =>
  ctx.sql<{ n: number }>('select count(*)::int as n from instruction_responses').then((r) => r[0]?.n ?? 0);

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  leader = await login(ctx.app, 'leader');
  head = await login(ctx.app, 'head');
  cadre = await login(ctx.app, 'cadre');
  const town = await unitId(ctx, '城关镇');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '2026 年重点项目清单', year: 2026 });
  const fields = {
    source: 'governmentReport',
    tags: [],
    priority: 'high',
    leadUnitId: town,
    coUnitIds: [],
    cadence: 'weekly',
    startDate: '2026-03-01',
    dueDate: '2026-12-31',
    charter: { goal: '年底前完工', indicators: [], deliverables: [], pledge: '确保完工' },
    milestones: [],
  };
  const created = await supervisor.request('POST', `/api/v1/task-lists/${list.json().id}/tasks`, {
    ...fields,
    title: '背街小巷管网改造',
    ownerId: await userId(ctx, 'cadre'),
  });
  expect(created.statusCode).toBe(201);
  taskId = created.json().id;
  await supervisor.request('POST', `/api/v1/task-lists/${list.json().id}/assign`, { taskIds: [taskId] });
  const sub = await head.request('POST', `/api/v1/tasks/${taskId}/subtasks`, {
    ...fields,
    title: '背街小巷支管网改造',
    ownerId: await userId(ctx, 'cadre'),
  });
  expect(sub.statusCode).toBe(201);
  subtaskId = sub.json().id;
  const note = await leader.request('POST', `/api/v1/tasks/${taskId}/instructions`, { body: '汛期前完成支管网改造' });
  expect(note.statusCode).toBe(201);
  noteId = note.json().id;
});

describe('an instruction read and answered', () => {
  it('is marked read once by the owner, audited once', async () => {
    const task = (await cadre.request('GET', `/api/v1/tasks/${taskId}`)).json();
    expect(task.can.answerInstructions).toBe(true);
    const audits = await auditCount(ctx);
    const read = await cadre.request('POST', `/api/v1/tasks/${taskId}/instructions/${noteId}/read`);
    expect(read.statusCode).toBe(200);
    expect(read.json().responses).toMatchObject([{ userName: expect.any(String), reply: null, repliedAt: null }]);
    const firstRead = read.json().responses[0].readAt;
    const again = await cadre.request('POST', `/api/v1/tasks/${taskId}/instructions/${noteId}/read`);
    expect(again.json().responses[0].readAt).toBe(firstRead);
    expect(await auditCount(ctx)).toBe(audits + 1);
    const [entry] = await ctx.sql<{ action: string }>('select action from audit_log order by id desc limit 1');
    expect(entry?.action).toBe('task.instructionRead');
  });

  it('takes a short 落实情况 that the leader sees under the instruction and in the inbox', async () => {
    const audits = await auditCount(ctx);
    const res = await head.request('POST', `/api/v1/tasks/${taskId}/instructions/${noteId}/reply`, {
      body: '已排定工期，5 月底前完成',
    });
    expect(res.statusCode).toBe(200);
    expect(await auditCount(ctx)).toBe(audits + 1);
    const seen = (await leader.request('GET', `/api/v1/tasks/${taskId}/instructions`)).json().items[0];
    expect(seen.responses).toHaveLength(2);
    expect(seen.responses.find((r: { reply: string | null }) => r.reply)).toMatchObject({
      reply: '已排定工期，5 月底前完成',
      repliedAt: expect.any(String),
    });
    const inbox = (await leader.request('GET', '/api/v1/inbox')).json().items[0];
    expect(inbox).toMatchObject({ kind: 'instructionReply', taskId, title: '背街小巷管网改造' });
    expect(inbox.body).toContain('已排定工期');
  });

  it('refuses an empty or over-long answer naming the field, writing nothing', async () => {
    const [rows, audits] = [await responses(), await auditCount(ctx)];
    for (const body of [{ body: '  ' }, { body: '长'.repeat(501) }, {}]) {
      const res = await cadre.request('POST', `/api/v1/tasks/${taskId}/instructions/${noteId}/reply`, body);
      expect([res.statusCode, errorOf(res).field]).toEqual([400, 'body']);
    }
    const badId = await cadre.request('POST', `/api/v1/tasks/${taskId}/instructions/not-an-id/read`);
    expect([badId.statusCode, errorOf(badId).field]).toEqual([400, 'noteId']);
    expect([await responses(), await auditCount(ctx)]).toEqual([rows, audits]);
  });

  it('answers 404 out of scope and for a note that is no instruction of the task; 403 to a reader who only watches', async () => {
    const cadre2 = await login(ctx.app, 'cadre2');
    const [rows, audits] = [await responses(), await auditCount(ctx)];
    for (const path of ['read', 'reply']) {
      const res = await cadre2.request('POST', `/api/v1/tasks/${taskId}/instructions/${noteId}/${path}`, {
        body: '好',
      });
      expect(res.statusCode).toBe(404);
      const elsewhere = await cadre.request('POST', `/api/v1/tasks/${subtaskId}/instructions/${noteId}/${path}`, {
        body: '好',
      });
      expect(elsewhere.statusCode).toBe(404);
    }
    const comment = (await cadre.request('POST', `/api/v1/tasks/${taskId}/comments`, { body: '已进场' })).json();
    const onComment = await cadre.request('POST', `/api/v1/tasks/${taskId}/instructions/${comment.id}/read`);
    expect(onComment.statusCode).toBe(404);
    const watcher = await supervisor.request('POST', `/api/v1/tasks/${taskId}/instructions/${noteId}/read`);
    expect(watcher.statusCode).toBe(403);
    expect(await responses()).toBe(rows);
    expect(await auditCount(ctx)).toBe(audits + 1); // the comment
  });
});

describe('我的任务 and the search', () => {
  it('find a cadre’s sub-task; the plain list still shows top tasks only', async () => {
    const titles = async (client: TClient, query: string) =>
      (await client.request('GET', `/api/v1/tasks?${query}&pageSize=200`))
        .json()
        .items.map((t: { title: string }) => t.title);
    expect(await titles(cadre, 'page=1')).not.toContain('背街小巷支管网改造');
    expect(await titles(cadre, 'mine=true')).toEqual(
      expect.arrayContaining(['背街小巷管网改造', '背街小巷支管网改造']),
    );
    expect(await titles(cadre, `q=${encodeURIComponent('背街小巷')}`)).toContain('背街小巷支管网改造');
    expect(await titles(cadre, `q=${encodeURIComponent('背街小巷')}&includeSubtasks=false`)).not.toContain(
      '背街小巷支管网改造',
    );
    // The head's own work: what their unit leads, top tasks and sub-tasks.
    expect(await titles(head, 'mine=true')).toEqual(expect.arrayContaining(['背街小巷管网改造', '背街小巷支管网改造']));
    // A supervisor owns nothing and runs no unit.
    expect(await titles(supervisor, 'mine=true')).toEqual([]);
    const cadre2 = await login(ctx.app, 'cadre2');
    expect(await titles(cadre2, 'mine=true')).not.toContain('背街小巷支管网改造');
    const bad = await cadre.request('GET', '/api/v1/tasks?mine=yes');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'mine']);
  });
});
