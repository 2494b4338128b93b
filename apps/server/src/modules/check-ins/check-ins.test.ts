import { addDays, lastFullWeek, localDay, weekOfInstant } from '@duban/domain';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';

const ctx = useTestApp();
let supervisor: TClient;
let head: TClient;
let liaison: TClient;
let cadre: TClient;
let cadre2: TClient;
let town: string;
let dept: string;
let listId: string;

const today = localDay(new Date());
const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from('IHDR photo')]);
const PDF = Buffer.from('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<<>>\nendobj\n');

const count = async (table: string) =>
  (await ctx.sql<{ n: number }>(`select count(*)::int as n from ${table}`))[0]?.n ?? 0;
/** Everything a refused submit must leave as it was. */
const snapshot = async () =>
  Promise.all([
    auditCount(ctx),
    count('check_ins'),
    count('check_in_batches'),
    count('check_in_burden'),
    ctx.sql('select id, progress, state from tasks order by id'),
    ctx.sql('select id, state from milestones order by id'),
  ]);

/** An assigned task of 城关镇 owned by cadre, with a milestone due in three days, acknowledged unless said. */
async function createTask(title: string, opts: { acknowledge?: boolean; leadUnitId?: string; owner?: string } = {}) {
  const res = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
    title,
    leadUnitId: opts.leadUnitId ?? town,
    ownerId: await userId(ctx, opts.owner ?? 'cadre'),
    cadence: 'weekly',
    startDate: addDays(today, -30),
    dueDate: addDays(today, 60),
    milestones: [
      { title: '完成方案', dueDate: addDays(today, 3), weight: 1 },
      { title: '完成施工', dueDate: addDays(today, 50), weight: 3 },
    ],
  });
  expect(res.statusCode, res.body).toBe(201);
  const id = res.json().id as string;
  expect((await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [id] })).statusCode).toBe(
    200,
  );
  if (opts.acknowledge !== false) {
    const unitHead = opts.leadUnitId && opts.leadUnitId !== town ? await login(ctx.app, 'bm06-01') : head;
    const ack = await unitHead.request('POST', `/api/v1/tasks/${id}/acknowledge`);
    expect(ack.statusCode, ack.body).toBe(200);
  }
  const milestones = (await supervisor.request('GET', `/api/v1/tasks/${id}/milestones`)).json().items as {
    id: string;
  }[];
  return { id, milestoneIds: milestones.map((m) => m.id) };
}

const batch = (entries: Record<string, unknown>[], overrides: Record<string, unknown> = {}) => ({
  clientId: crypto.randomUUID(),
  recordedAt: new Date().toISOString(),
  entries,
  ...overrides,
});

beforeAll(async () => {
  supervisor = await login(ctx.app, 'supervisor');
  head = await login(ctx.app, 'head');
  liaison = await login(ctx.app, 'liaison');
  cadre = await login(ctx.app, 'cadre');
  cadre2 = await login(ctx.app, 'cadre2');
  town = await unitId(ctx, '城关镇');
  dept = await unitId(ctx, '县发展和改革局');
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '日清周结测试清单', year: 2026 });
  listId = list.json().id;
});

describe('the Today page', () => {
  it('lists the acknowledged tasks asking for a check-in, with milestones due soon, and records what it asked', async () => {
    const { id } = await createTask('背街小巷硬化');
    const pending = await createTask('未签收的任务', { acknowledge: false });
    const res = await cadre.request('GET', '/api/v1/me/today');
    expect(res.statusCode, res.body).toBe(200);
    const body = res.json();
    expect(body.day).toBe(today);
    expect(body.week).toBe(weekOfInstant(new Date()));
    const item = body.tasks.find((t: { id: string }) => t.id === id);
    expect(item).toMatchObject({ dueReason: 'weekly', progress: 0, onBehalf: false, last: null });
    expect(item.milestones.map((m: { title: string }) => m.title)).toEqual(['完成方案']);
    expect(body.tasks.some((t: { id: string }) => t.id === pending.id)).toBe(false);
    expect(body.asked.entries).toBe(body.tasks.filter((t: { dueReason: string | null }) => t.dueReason).length);
    expect(body.asked.fields).toBe(body.asked.entries * 3);
    const [burden] = await ctx.sql<{ entries_asked: number }>(
      'select entries_asked from check_in_burden where user_id = $1 and day = $2',
      [cadre.userId, today],
    );
    expect(burden?.entries_asked).toBe(body.asked.entries);
  });

  it('shows a liaison the unit’s tasks, on behalf of the unit; nothing for someone with no tasks', async () => {
    const body = (await liaison.request('GET', '/api/v1/me/today')).json();
    expect(body.tasks.length).toBeGreaterThan(0);
    expect(body.tasks.every((t: { onBehalf: boolean }) => t.onBehalf)).toBe(true);
    const none = (await cadre2.request('GET', '/api/v1/me/today')).json();
    expect(none.tasks).toEqual([]);
    expect(none.asked).toEqual({ entries: 0, fields: 0 });
  });
});

describe('one person reports per task', () => {
  type TItem = { id: string; dueReason: string | null; ownerName: string | null; ownerOverdue: boolean };
  const itemOf = (body: { tasks: TItem[] }, id: string) => body.tasks.find((t) => t.id === id);

  it('asks the owner; the liaison only for a task without an owner or whose owner is overdue; the meter counts that', async () => {
    const owned = await createTask('一人填报：责任人按时');
    const overdue = await createTask('一人填报：责任人逾期');
    // Last heard of three weeks ago: all of last week passed without the owner's report.
    await ctx.sql('update tasks set last_report_on = $2 where id = $1', [overdue.id, addDays(today, -21)]);
    const created = await supervisor.request('POST', `/api/v1/task-lists/${listId}/tasks`, {
      title: '一人填报：无责任人',
      leadUnitId: town,
      cadence: 'weekly',
      startDate: addDays(today, -30),
      dueDate: addDays(today, 60),
    });
    expect(created.statusCode, created.body).toBe(201);
    const ownerless = created.json().id as string;
    await supervisor.request('POST', `/api/v1/task-lists/${listId}/assign`, { taskIds: [ownerless] });
    expect((await head.request('POST', `/api/v1/tasks/${ownerless}/acknowledge`)).statusCode).toBe(200);

    const mine = (await cadre.request('GET', '/api/v1/me/today')).json();
    expect(itemOf(mine, owned.id)).toMatchObject({ dueReason: 'weekly', ownerOverdue: false });
    expect(itemOf(mine, overdue.id)).toMatchObject({ dueReason: 'weekly' });
    expect(itemOf(mine, ownerless)).toBeUndefined();
    const ownerName = (await cadre.request('GET', '/api/v1/me')).json().user.displayName;

    const res = await liaison.request('GET', '/api/v1/me/today');
    expect(res.statusCode, res.body).toBe(200);
    const theirs = res.json();
    expect(itemOf(theirs, owned.id)).toMatchObject({ dueReason: null, ownerName, ownerOverdue: false });
    expect(itemOf(theirs, overdue.id)).toMatchObject({ dueReason: 'weekly', ownerName, ownerOverdue: true });
    expect(itemOf(theirs, ownerless)).toMatchObject({ dueReason: 'weekly', ownerName: null, ownerOverdue: false });
    // Asked of the liaison: nothing the owner reports on in time.
    const askedOfLiaison = theirs.tasks.filter((t: TItem) => t.dueReason !== null);
    expect(askedOfLiaison.every((t: TItem) => t.ownerName === null || t.ownerOverdue)).toBe(true);
    expect(theirs.asked.entries).toBe(askedOfLiaison.length);

    // This week's meter (it opens on the last full week).
    const meter = (await head.request('GET', `/api/v1/burden?unitId=${town}&week=${weekOfInstant(new Date())}`)).json();
    const asked = (id: string) => meter.people.find((p: { id: string }) => p.id === id)?.entriesAsked;
    expect(asked(liaison.userId)).toBe(askedOfLiaison.length);
    expect(asked(cadre.userId)).toBe(mine.asked.entries);
    // The owned task on time is counted once in the unit's figure (the owner's), not twice.
    const unitRow = meter.units.find((u: { id: string }) => u.id === town);
    expect(unitRow.entriesAsked).toBe(mine.asked.entries + askedOfLiaison.length);
  });

  it('stops asking either once one of them has reported for the period', async () => {
    const overdue = await createTask('一人填报：联络员代报');
    await ctx.sql('update tasks set last_report_on = $2 where id = $1', [overdue.id, addDays(today, -21)]);
    expect(itemOf((await liaison.request('GET', '/api/v1/me/today')).json(), overdue.id)?.dueReason).toBe('weekly');
    const res = await liaison.request('POST', '/api/v1/check-ins', batch([{ taskId: overdue.id, noChange: true }]));
    expect(res.statusCode, res.body).toBe(201);
    expect(itemOf((await liaison.request('GET', '/api/v1/me/today')).json(), overdue.id)).toMatchObject({
      dueReason: null,
      ownerOverdue: false,
    });
    expect(itemOf((await cadre.request('GET', '/api/v1/me/today')).json(), overdue.id)?.dueReason).toBe(null);
  });
});

describe('submitting check-ins', () => {
  let task: { id: string; milestoneIds: string[] };
  let other: { id: string; milestoneIds: string[] };

  beforeAll(async () => {
    task = await createTask('农贸市场提升改造');
    other = await createTask('污水管网改造');
  });

  it('moves the task: progress, milestone reached, work started; audited once, in the burden meter', async () => {
    const audits = await auditCount(ctx);
    const body = batch(
      [
        {
          taskId: task.id,
          progress: 40,
          done: '完成摊位改造方案',
          next: '启动施工招标',
          blocker: '资金未到位',
          milestoneIds: [task.milestoneIds[0]],
        },
        { taskId: other.id, noChange: true },
      ],
      { openSeconds: 42 },
    );
    const res = await cadre.request('POST', '/api/v1/check-ins', body);
    expect(res.statusCode, res.body).toBe(201);
    const result = res.json();
    expect(result).toMatchObject({ clientId: body.clientId, duplicate: false });
    expect(result.entries.map((e: { taskId: string; kind: string }) => [e.taskId, e.kind])).toEqual([
      [task.id, 'progress'],
      [other.id, 'progress'],
    ]);
    const page = (await cadre.request('GET', `/api/v1/tasks/${task.id}`)).json();
    expect(page).toMatchObject({ progress: 40, state: 'inProgress' });
    expect(page.milestones[0].state).toBe('done');
    const untouched = (await cadre.request('GET', `/api/v1/tasks/${other.id}`)).json();
    expect(untouched).toMatchObject({ progress: 0, state: 'acknowledged' });
    // One entry for the submit, one for the work started.
    expect(await auditCount(ctx)).toBe(audits + 2);
    const [audit] = await ctx.sql<{ action: string; target_id: string }>(
      "select action, target_id from audit_log where action = 'checkIn.submit' order by id desc limit 1",
    );
    expect(audit?.target_id).toBe(body.clientId);
    const [burden] = await ctx.sql<{ entries_made: number; fields_filled: number; seconds_open: number }>(
      'select entries_made, fields_filled, seconds_open from check_in_burden where user_id = $1 and day = $2',
      [cadre.userId, today],
    );
    expect(burden).toEqual({ entries_made: 2, fields_filled: 5, seconds_open: 42 });

    const list = (await supervisor.request('GET', `/api/v1/tasks/${task.id}/check-ins`)).json().items;
    expect(list[0]).toMatchObject({
      progressBefore: 0,
      progress: 40,
      done: '完成摊位改造方案',
      blocker: '资金未到位',
      kind: 'progress',
      editable: false,
      onBehalfOfUnitId: null,
    });
    const today2 = (await cadre.request('GET', '/api/v1/me/today')).json();
    const item = today2.tasks.find((t: { id: string }) => t.id === task.id);
    expect(item).toMatchObject({ dueReason: null, last: { progress: 40, next: '启动施工招标' } });
  });

  it('answers a retried sync with the first result and writes nothing new', async () => {
    const body = batch([{ taskId: task.id, progress: 45, done: '完成招标文件' }]);
    const first = await cadre.request('POST', '/api/v1/check-ins', body);
    expect(first.statusCode).toBe(201);
    const before = await snapshot();
    const again = await cadre.request('POST', '/api/v1/check-ins', body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual({ ...first.json(), duplicate: true });
    expect(await snapshot()).toEqual(before);
    const stolen = await liaison.request('POST', '/api/v1/check-ins', body);
    expect([stolen.statusCode, errorOf(stolen).field]).toEqual([409, 'clientId']);
  });

  it('refuses bad input with 422 naming the field, writing nothing', async () => {
    const before = await snapshot();
    const hourAgo = new Date(Date.now() - 3_600_000).toISOString();
    const cases: [Record<string, unknown>, string][] = [
      [batch([{ taskId: task.id, progress: 101 }]), 'entries.0.progress'],
      [batch([{ taskId: task.id, progress: -1 }]), 'entries.0.progress'],
      [batch([{ taskId: task.id, done: '没有进度' }]), 'entries.0.progress'],
      [
        batch([
          { taskId: other.id, noChange: true },
          { taskId: task.id, progress: 10 },
        ]),
        'entries.1.progress',
      ],
      [batch([{ taskId: task.id, progress: 50, milestoneIds: [other.milestoneIds[0]] }]), 'entries.0.milestoneIds.0'],
      [batch([{ taskId: task.id, progress: 50, photoIds: [crypto.randomUUID()] }]), 'entries.0.photoIds.0'],
      [
        batch([
          { taskId: task.id, noChange: true },
          { taskId: task.id, noChange: true },
        ]),
        'entries.1.taskId',
      ],
      [
        batch([{ taskId: task.id, noChange: true }], { recordedAt: new Date(Date.now() + 3_600_000).toISOString() }),
        'recordedAt',
      ],
      [
        batch([{ taskId: task.id, noChange: true }], {
          recordedAt: new Date(Date.now() - 8 * 86_400_000).toISOString(),
        }),
        'recordedAt',
      ],
      [batch([{ taskId: task.id, noChange: true }], { recordedAt: '昨天' }), 'recordedAt'],
      [batch([{ taskId: task.id, noChange: true }], { clientId: 'abc', recordedAt: hourAgo }), 'clientId'],
      [batch([]), 'entries'],
    ];
    for (const [body, field] of cases) {
      const res = await cadre.request('POST', '/api/v1/check-ins', body);
      expect([res.statusCode, errorOf(res).field], JSON.stringify(body)).toEqual([422, field]);
    }
    expect(await snapshot()).toEqual(before);
  });

  it('takes a lower progress with a reason', async () => {
    const res = await cadre.request(
      'POST',
      '/api/v1/check-ins',
      batch([{ taskId: task.id, progress: 30, progressReason: '设计变更，部分返工' }]),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect((await cadre.request('GET', `/api/v1/tasks/${task.id}`)).json().progress).toBe(30);
  });

  it('refuses the whole submit with 404 when one task is out of scope', async () => {
    const foreign = await createTask('县发改局的任务', { leadUnitId: dept, owner: 'cadre2' });
    const before = await snapshot();
    const res = await cadre.request(
      'POST',
      '/api/v1/check-ins',
      batch([
        { taskId: task.id, progress: 35 },
        { taskId: foreign.id, progress: 10 },
      ]),
    );
    expect(res.statusCode).toBe(404);
    expect(await snapshot()).toEqual(before);
    const missing = await cadre.request(
      'POST',
      '/api/v1/check-ins',
      batch([{ taskId: crypto.randomUUID(), noChange: true }]),
    );
    expect(missing.statusCode).toBe(404);
    expect((await cadre.request('GET', `/api/v1/tasks/${foreign.id}/check-ins`)).statusCode).toBe(404);
    const badId = await cadre.request('GET', '/api/v1/tasks/not-an-id/check-ins');
    expect([badId.statusCode, errorOf(badId).field]).toEqual([400, 'id']);
  });

  it('keeps an entry on a task that moved on as a note, and says why', async () => {
    const moved = await createTask('已申请办结的任务');
    expect(
      (await cadre.request('POST', `/api/v1/tasks/${moved.id}/request-close`, { summary: '已完成' })).statusCode,
    ).toBe(200);
    const unacked = await createTask('尚未签收', { acknowledge: false });
    const res = await cadre.request(
      'POST',
      '/api/v1/check-ins',
      batch([
        { taskId: moved.id, progress: 90, done: '离线时记录的进展' },
        { taskId: unacked.id, progress: 10 },
      ]),
    );
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json().entries.map((e: { kind: string; notice: string }) => [e.kind, e.notice])).toEqual([
      ['note', 'closeRequested'],
      ['note', 'notAcknowledged'],
    ]);
    const page = (await cadre.request('GET', `/api/v1/tasks/${moved.id}`)).json();
    expect(page).toMatchObject({ state: 'closeRequested', progress: 0 });
    const [note] = (await cadre.request('GET', `/api/v1/tasks/${moved.id}/check-ins`)).json().items;
    expect(note).toMatchObject({ kind: 'note', notice: 'closeRequested', done: '离线时记录的进展' });
  });

  it('records a liaison’s check-in as made for the unit', async () => {
    const res = await liaison.request('POST', '/api/v1/check-ins', batch([{ taskId: other.id, progress: 20 }]));
    expect(res.statusCode, res.body).toBe(201);
    const [first] = (await liaison.request('GET', `/api/v1/tasks/${other.id}/check-ins`)).json().items;
    expect(first).toMatchObject({ onBehalfOfUnitId: town, onBehalfOfUnitName: '城关镇', progress: 20 });
  });
});

describe('photos', () => {
  const upload = (client: TClient, taskId: string, bytes: Buffer, type: string, name: string) =>
    client.request(
      'POST',
      `/api/v1/tasks/${taskId}/attachments?photo=true&filename=${encodeURIComponent(name)}`,
      bytes,
      {
        'content-type': type,
      },
    );

  it('takes a resized image, refuses other files (415) and big ones (413), and links photos to the entry', async () => {
    const { id } = await createTask('照片测试任务');
    const before = await count('attachments');
    const pdf = await upload(cadre, id, PDF, 'application/pdf', '方案.pdf');
    expect([pdf.statusCode, errorOf(pdf).code]).toEqual([415, 'UNSUPPORTED_TYPE']);
    const big = await upload(cadre, id, Buffer.concat([PNG, Buffer.alloc(3 * 1024 * 1024)]), 'image/png', '大.png');
    expect([big.statusCode, errorOf(big).code]).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    expect(await count('attachments')).toBe(before);
    const photo = await upload(cadre, id, PNG, 'image/png', '现场.png');
    expect(photo.statusCode, photo.body).toBe(201);
    const res = await cadre.request(
      'POST',
      '/api/v1/check-ins',
      batch([{ taskId: id, progress: 15, done: '现场勘察', photoIds: [photo.json().id] }]),
    );
    expect(res.statusCode, res.body).toBe(201);
    const [entry] = (await cadre.request('GET', `/api/v1/tasks/${id}/check-ins`)).json().items;
    expect(entry.photoIds).toEqual([photo.json().id]);
  });
});

describe('corrections', () => {
  let id: string;
  let checkInId: string;

  beforeAll(async () => {
    id = (await createTask('更正测试任务')).id;
    const res = await cadre.request('POST', '/api/v1/check-ins', batch([{ taskId: id, progress: 50, done: '写错了' }]));
    checkInId = res.json().entries[0].checkInId;
  });

  it('edits the same day in place, the task following; audited', async () => {
    const audits = await auditCount(ctx);
    const res = await cadre.request('PATCH', `/api/v1/check-ins/${checkInId}`, { progress: 55, done: '完成基础施工' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ id: checkInId, progress: 55, done: '完成基础施工', editable: true });
    expect(res.json().editedAt).not.toBeNull();
    expect((await cadre.request('GET', `/api/v1/tasks/${id}`)).json().progress).toBe(55);
    expect(await auditCount(ctx)).toBe(audits + 1);
    expect(await count(`check_ins where task_id = '${id}'`)).toBe(1);
  });

  it('appends a later correction, keeping the original', async () => {
    await ctx.sql("update check_ins set day = day - 1, recorded_at = recorded_at - interval '1 day' where id = $1", [
      checkInId,
    ]);
    const res = await cadre.request('PATCH', `/api/v1/check-ins/${checkInId}`, { progress: 60, next: '主体施工' });
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({ correctsId: checkInId, progress: 60, progressBefore: 55, next: '主体施工' });
    const items = (await cadre.request('GET', `/api/v1/tasks/${id}/check-ins`)).json().items;
    expect(items.map((c: { progress: number }) => c.progress)).toEqual([60, 55]);
  });

  it('refuses others (403 in scope, 404 out of scope) and bad input (422 naming the field), writing nothing', async () => {
    const before = await snapshot();
    expect((await head.request('PATCH', `/api/v1/check-ins/${checkInId}`, { done: 'x' })).statusCode).toBe(403);
    expect((await cadre2.request('PATCH', `/api/v1/check-ins/${checkInId}`, { done: 'x' })).statusCode).toBe(404);
    expect((await cadre.request('PATCH', `/api/v1/check-ins/${crypto.randomUUID()}`, { done: 'x' })).statusCode).toBe(
      404,
    );
    const bad = await cadre.request('PATCH', `/api/v1/check-ins/${checkInId}`, { progress: 120 });
    expect([bad.statusCode, errorOf(bad).field]).toEqual([422, 'progress']);
    const lower = await cadre.request('PATCH', `/api/v1/check-ins/${checkInId}`, { progress: 10 });
    expect([lower.statusCode, errorOf(lower).field]).toEqual([422, 'progress']);
    const extra = await cadre.request('PATCH', `/api/v1/check-ins/${checkInId}`, { taskId: id });
    expect(extra.statusCode).toBe(422);
    expect(await snapshot()).toEqual(before);
  });
});

describe('the burden meter', () => {
  it('shows supervisors every unit, a unit’s head their unit and its people', async () => {
    const county = await supervisor.request('GET', `/api/v1/burden?week=${weekOfInstant(new Date())}`);
    expect(county.statusCode, county.body).toBe(200);
    const row = county.json().units.find((u: { id: string }) => u.id === town);
    expect(row.entriesMade).toBeGreaterThan(0);
    expect(row.entriesAsked).toBeGreaterThan(0);
    const unit = (await head.request('GET', `/api/v1/burden?unitId=${town}&week=${weekOfInstant(new Date())}`)).json();
    expect(unit.people.map((p: { id: string }) => p.id)).toContain(cadre.userId);
    const person = unit.people.find((p: { id: string }) => p.id === cadre.userId);
    expect(person.secondsOpen).toBe(42);
  });

  it('opens on the last full week; a week without entries has no rows, not rows of zeros', async () => {
    const byDefault = await supervisor.request('GET', '/api/v1/burden');
    expect(byDefault.statusCode, byDefault.body).toBe(200);
    expect(byDefault.json().week).toBe(lastFullWeek(new Date()));
    const empty = (await supervisor.request('GET', '/api/v1/burden?week=2024-W10')).json();
    expect([empty.units, empty.people]).toEqual([[], []]);
  });

  it('answers 404 out of scope and 400 for a bad week', async () => {
    expect((await head.request('GET', `/api/v1/burden?unitId=${dept}`)).statusCode).toBe(404);
    expect((await cadre.request('GET', '/api/v1/burden')).statusCode).toBe(404);
    const bad = await supervisor.request('GET', '/api/v1/burden?week=2023-W60');
    expect([bad.statusCode, errorOf(bad).field]).toEqual([400, 'week']);
  });
});
