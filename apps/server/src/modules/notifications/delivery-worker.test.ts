import { DELIVERY_BACKOFF_MINUTES, MAX_DELIVERY_ATTEMPTS, type TNotificationEvent } from '@duban/domain';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';
import { drainDeliveries } from './delivery-worker.ts';
import { enqueueNotification } from './enqueue.ts';
import { decodeMail, startRobotReceiver, startSmtpReceiver } from './test-receivers.ts';

const robots = await startRobotReceiver();
const smtp = await startSmtpReceiver();
const ctx = useTestApp();
const mail = { url: smtp.url, from: '督办平台 <duban@county.example>' };

const savedAllow = process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
let supervisor: TClient;
let town: string;
let village: string;
let other: string;

interface TDeliveryRow {
  id: number;
  channel_id: string | null;
  user_id: string | null;
  kind: string;
  target: string;
  state: string;
  attempts: number;
  next_attempt_at: Date | null;
  last_error: string | null;
}
const deliveriesOf = (where = 'true', values: unknown[] = []) =>
  ctx.sql<TDeliveryRow>(`select * from deliveries where ${where} order by id`, values);

async function addChannel(body: Record<string, unknown>): Promise<string> {
  const res = await supervisor.request('POST', '/api/v1/notification-channels', { unitId: null, ...body });
  if (res.statusCode !== 201) throw new Error(res.body);
  return res.json().id;
}

/** Queues a notification the way a module does: inside its own transaction, next to its own write. */
function notify(event: TNotificationEvent, unitIds: string[], userIds: string[] = [], title = '催办通知') {
  return ctx.database.db.transaction((tx) =>
    enqueueNotification(tx, { event, unitIds, userIds, message: { title, text: `${title}：请尽快答复。` } }),
  );
}

beforeAll(async () => {
  process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = '1';
  supervisor = await login(ctx.app, 'supervisor');
  town = await unitId(ctx, '城关镇');
  other = await unitId(ctx, '县发展和改革局');
  const admin = await login(ctx.app, 'admin');
  const res = await admin.request('POST', '/api/v1/units', {
    name: '城关镇东街社区',
    category: 'other',
    parentId: town,
  });
  village = res.json().id;
});
beforeEach(async () => {
  // Each test starts from an empty queue and no channels.
  await ctx.sql('delete from deliveries');
  await ctx.sql('delete from notification_channels');
  robots.hits.length = 0;
  smtp.messages.length = 0;
});
afterAll(async () => {
  if (savedAllow === undefined) delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
  else process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = savedAllow;
  await robots.close();
  await smtp.close();
});

describe('enqueueNotification', () => {
  it('queues for the enabled channels carrying the event over the unit and its ancestors, and e-mails people', async () => {
    const county = await addChannel({
      name: '全县',
      kind: 'wecom',
      url: robots.url('wecom', 'county'),
      events: ['urge'],
    });
    const ofTown = await addChannel({
      name: '城关镇',
      kind: 'wecom',
      unitId: town,
      url: robots.url('wecom', 'town'),
      events: ['remind', 'urge'],
    });
    await addChannel({
      name: '发改局',
      kind: 'wecom',
      unitId: other,
      url: robots.url('wecom', 'fgj'),
      events: ['urge'],
    });
    await addChannel({
      name: '城关镇公告',
      kind: 'wecom',
      unitId: town,
      url: robots.url('wecom', 'bulletin'),
      events: ['bulletin'],
    });
    await addChannel({
      name: '停用',
      kind: 'wecom',
      unitId: town,
      url: robots.url('wecom', 'off'),
      events: ['urge'],
      enabled: false,
    });
    const cadre = await userId(ctx, 'cadre');
    const head = await userId(ctx, 'head');
    await ctx.sql(`update users set email = 'cadre@county.example' where id = $1`, [cadre]);
    await ctx.sql(`update users set email = null where id = $1`, [head]);

    // An urge notice about the village: the town's channel and the county's hear it, and the cadre gets an e-mail.
    expect(await notify('urge', [village], [cadre, head, cadre])).toBe(3);
    const rows = await deliveriesOf();
    expect(rows.map((r) => r.channel_id ?? r.user_id).sort()).toEqual([county, ofTown, cadre].sort());
    expect(rows.every((r) => r.state === 'queued' && r.attempts === 0)).toBe(true);
    expect(rows.find((r) => r.user_id === cadre)).toMatchObject({ kind: 'email', target: 'cadre@county.example' });
    // The target keeps no token.
    expect(rows.find((r) => r.channel_id === county)?.target).toBe(`${robots.origin}/wecom/county?key=key-***`);

    // A reminder is not urgent: no e-mail; and nothing was sent while queueing.
    await ctx.sql('delete from deliveries');
    expect(await notify('remind', [town], [cadre])).toBe(1);
    expect(robots.hits).toHaveLength(0);
    // Without units, only the county-wide channels.
    await ctx.sql('delete from deliveries');
    expect(await notify('urge', [])).toBe(1);
  });

  it('never fails the write that caused it, and sends nothing before that write commits', async () => {
    const message = { title: '催办通知', text: '请尽快答复。' };
    await addChannel({ name: '坏机器人', kind: 'wecom', url: robots.url('down', 'down'), events: ['urge'] });
    const cadre = await userId(ctx, 'cadre');
    await ctx.database.db.transaction(async (tx) => {
      await tx.execute(sql`insert into inbox_items (user_id, kind, title) values (${cadre}, 'urge', '写入不受影响')`);
      // A message too long for the schema is cut, not refused.
      await enqueueNotification(tx, {
        event: 'urge',
        unitIds: [town],
        userIds: [],
        message: { title: '长'.repeat(500), text: '文'.repeat(9000) },
      });
      expect(robots.hits).toHaveLength(0);
      // Even a failure to queue (here a unit id PostgreSQL refuses) is contained in a savepoint.
      expect(await enqueueNotification(tx, { event: 'urge', unitIds: ['not-a-uuid'], userIds: [], message })).toBe(0);
      await tx.execute(sql`update inbox_items set body = '事务仍可用' where title = '写入不受影响'`);
    });
    const drained = await drainDeliveries(ctx.database.db, new Date(), { mail });
    expect(drained).toEqual({ sent: 0, retried: 1, failed: 0 });
    expect(await ctx.sql(`select body from inbox_items where title = '写入不受影响'`)).toEqual([
      { body: '事务仍可用' },
    ]);
  });
});

describe('drainDeliveries', () => {
  it('sends each robot its documented format, signed where the platform signs, and e-mails through SMTP', async () => {
    robots.secrets.set('ding', 'SECding-secret-0001');
    robots.secrets.set('fei', 'feishu-secret-0002');
    await addChannel({
      name: '钉钉',
      kind: 'dingtalk',
      url: robots.url('dingtalk', 'ding'),
      secret: 'SECding-secret-0001',
      events: ['supervisionNotice'],
    });
    await addChannel({ name: '企微', kind: 'wecom', url: robots.url('wecom', 'wx'), events: ['supervisionNotice'] });
    await addChannel({
      name: '飞书',
      kind: 'feishu',
      url: robots.url('feishu', 'fei'),
      secret: 'feishu-secret-0002',
      events: ['supervisionNotice'],
    });
    await addChannel({
      name: '邮件组',
      kind: 'email',
      url: null,
      addresses: ['xwb@county.example', 'dcs@county.example'],
      events: ['supervisionNotice'],
    });
    const cadre = await userId(ctx, 'cadre');
    await ctx.sql(`update users set email = 'cadre@county.example' where id = $1`, [cadre]);
    expect(await notify('supervisionNotice', [town], [cadre], '督办单')).toBe(5);

    expect(await drainDeliveries(ctx.database.db, new Date(), { mail })).toEqual({ sent: 5, retried: 0, failed: 0 });
    expect(robots.hits.map((h) => h.kind).sort()).toEqual(['dingtalk', 'feishu', 'wecom']);
    for (const hit of robots.hits) expect(hit.problems, hit.kind).toEqual([]);
    expect(robots.hits.find((h) => h.kind === 'dingtalk')?.query.get('sign')).toBeTruthy();
    expect(robots.hits.find((h) => h.kind === 'feishu')?.body.sign).toBeTruthy();
    expect(robots.hits.find((h) => h.kind === 'wecom')?.body).toEqual({
      msgtype: 'markdown',
      markdown: { content: '### 督办单\n\n督办单：请尽快答复。' },
    });

    expect(smtp.messages.map((m) => m.to.sort())).toEqual(
      expect.arrayContaining([['dcs@county.example', 'xwb@county.example'], ['cadre@county.example']]),
    );
    const letter = decodeMail(smtp.messages[0]?.raw ?? '');
    expect(letter.subject).toBe('督办单');
    expect(letter.text).toContain('督办单：请尽快答复。');
    const rows = await deliveriesOf();
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 1 && r.next_attempt_at === null)).toBe(true);
    // Nothing is due any more.
    expect(await drainDeliveries(ctx.database.db, new Date(), { mail })).toEqual({ sent: 0, retried: 0, failed: 0 });
  });

  it('retries a robot that answers an error after 1, 5, 30 and 120 minutes, then marks it failed', async () => {
    const channel = await addChannel({
      name: '宕机',
      kind: 'dingtalk',
      url: robots.url('down', 'd'),
      events: ['urge'],
    });
    await notify('urge', [town]);
    let now = new Date();
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      // Not due a moment before its time.
      if (attempt > 1) {
        const early = await drainDeliveries(ctx.database.db, new Date(now.getTime() - 1000), { mail });
        expect(early, `attempt ${attempt} early`).toEqual({ sent: 0, retried: 0, failed: 0 });
      }
      const done = await drainDeliveries(ctx.database.db, now, { mail });
      const [row] = await deliveriesOf();
      expect(row?.attempts).toBe(attempt);
      expect(row?.last_error).toBe('HTTP 500: {"message":"robot is down"}');
      const wait = DELIVERY_BACKOFF_MINUTES[attempt - 1];
      if (wait === undefined) {
        expect(done).toEqual({ sent: 0, retried: 0, failed: 1 });
        expect(row).toMatchObject({ state: 'failed', next_attempt_at: null });
      } else {
        expect(done).toEqual({ sent: 0, retried: 1, failed: 0 });
        expect(row?.state).toBe('queued');
        expect(row?.next_attempt_at?.getTime()).toBe(now.getTime() + wait * 60_000);
        now = row?.next_attempt_at as Date;
      }
    }
    expect(robots.hits).toHaveLength(MAX_DELIVERY_ATTEMPTS);

    const failed = (await supervisor.request('GET', '/api/v1/deliveries?state=failed')).json();
    expect(failed.items).toHaveLength(1);
    expect(failed.items[0]).toMatchObject({
      channelId: channel,
      channelName: '宕机',
      state: 'failed',
      attempts: 5,
      lastError: 'HTTP 500: {"message":"robot is down"}',
      nextAttemptAt: null,
    });
  });

  it('fails e-mail at once, saying so, when SMTP_URL is not configured', async () => {
    const cadre = await userId(ctx, 'cadre');
    await ctx.sql(`update users set email = 'cadre@county.example' where id = $1`, [cadre]);
    await notify('admonish', [], [cadre]);
    expect(await drainDeliveries(ctx.database.db, new Date())).toEqual({ sent: 0, retried: 0, failed: 1 });
    const [row] = await deliveriesOf();
    expect(row).toMatchObject({ state: 'failed', attempts: 1, last_error: 'SMTP_URL is not configured' });
    const listed = (await supervisor.request('GET', '/api/v1/deliveries')).json();
    expect(listed.items[0]).toMatchObject({ userId: cadre, kind: 'email', lastError: 'SMTP_URL is not configured' });
  });

  it('re-checks the URL at send time, and skips channels disabled or deleted meanwhile', async () => {
    const disabled = await addChannel({
      name: '将停用',
      kind: 'wecom',
      url: robots.url('wecom', 'a'),
      events: ['urge'],
    });
    const deleted = await addChannel({
      name: '将删除',
      kind: 'wecom',
      url: robots.url('wecom', 'b'),
      events: ['urge'],
    });
    const guarded = await addChannel({ name: '内网', kind: 'wecom', url: robots.url('wecom', 'c'), events: ['urge'] });
    await notify('urge', []);
    await supervisor.request('PATCH', `/api/v1/notification-channels/${disabled}`, { enabled: false });
    await supervisor.request('DELETE', `/api/v1/notification-channels/${deleted}`);
    delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
    try {
      expect(await drainDeliveries(ctx.database.db, new Date(), { mail })).toEqual({ sent: 0, retried: 0, failed: 3 });
    } finally {
      process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = '1';
    }
    const rows = await deliveriesOf();
    expect(rows.find((r) => r.channel_id === disabled)?.last_error).toBe('the channel is disabled');
    expect(rows.find((r) => r.channel_id === null)?.last_error).toBe('the channel was deleted');
    expect(rows.find((r) => r.channel_id === guarded)?.last_error).toContain('https');
    expect(robots.hits).toHaveLength(0);
  });

  it('paces a channel to 15 attempts a minute (robots throttle a group past 20); the rest wait their turn', async () => {
    await addChannel({ name: '繁忙', kind: 'dingtalk', url: robots.url('dingtalk', 'busy'), events: ['remind'] });
    const cadre = await userId(ctx, 'cadre');
    await ctx.sql(`update users set email = 'cadre@county.example' where id = $1`, [cadre]);
    for (let i = 0; i < 20; i++) await notify('remind', [town], [], `提醒 ${i}`);
    // Personal e-mails are not paced.
    for (let i = 0; i < 3; i++) await notify('urge', [], [cadre], `催办 ${i}`);
    const now = new Date();
    expect(await drainDeliveries(ctx.database.db, now, { mail })).toEqual({ sent: 18, retried: 0, failed: 0 });
    expect(await drainDeliveries(ctx.database.db, new Date(now.getTime() + 30_000), { mail })).toMatchObject({
      sent: 0,
    });
    expect(await drainDeliveries(ctx.database.db, new Date(now.getTime() + 61_000), { mail })).toMatchObject({
      sent: 5,
    });
    expect(robots.hits.filter((h) => h.name === 'busy')).toHaveLength(20);
  });

  it('two workers draining at once never send a delivery twice', async () => {
    for (let i = 0; i < 6; i++) {
      await addChannel({ name: `群${i}`, kind: 'wecom', url: robots.url('wecom', `w${i}`), events: ['bulletin'] });
    }
    for (let i = 0; i < 8; i++) await notify('bulletin', [], [], `公告 ${i}`);
    const now = new Date();
    const [a, b] = await Promise.all([
      drainDeliveries(ctx.database.db, now, { mail, batchSize: 5 }),
      drainDeliveries(ctx.database.db, now, { mail, batchSize: 5 }),
    ]);
    expect((a?.sent ?? 0) + (b?.sent ?? 0)).toBe(48);
    expect(robots.hits).toHaveLength(48);
    const sentOnce = new Set(robots.hits.map((h) => `${h.name} ${JSON.stringify(h.body)}`));
    expect(sentOnce.size).toBe(48);
    const rows = await deliveriesOf();
    expect(rows.every((r) => r.state === 'sent' && r.attempts === 1)).toBe(true);
  });
});

describe('GET /api/v1/deliveries', () => {
  it('pages newest first and filters by state; a unit head sees only their units’', async () => {
    const ofTown = await addChannel({
      name: '城关镇群',
      kind: 'wecom',
      unitId: town,
      url: robots.url('wecom', 't'),
      events: ['urge'],
    });
    await addChannel({
      name: '发改局群',
      kind: 'wecom',
      unitId: other,
      url: robots.url('down', 'o'),
      events: ['urge'],
    });
    await notify('urge', [town], [], '第一条');
    await notify('urge', [other], [], '第二条');
    await drainDeliveries(ctx.database.db, new Date(), { mail });

    const all = (await supervisor.request('GET', '/api/v1/deliveries?pageSize=1')).json();
    expect(all).toMatchObject({ total: 2, page: 1, pageSize: 1 });
    expect(all.items[0]).toMatchObject({
      title: '第二条',
      state: 'queued',
      attempts: 1,
      lastError: expect.any(String),
    });
    expect(all.items[0].nextAttemptAt).toBeTruthy();
    const sent = (await supervisor.request('GET', '/api/v1/deliveries?state=sent')).json();
    expect(sent.items.map((d: { title: string }) => d.title)).toEqual(['第一条']);

    const head = await login(ctx.app, 'head');
    const mine = (await head.request('GET', '/api/v1/deliveries')).json();
    expect(mine.items.map((d: { channelId: string }) => d.channelId)).toEqual([ofTown]);
    const bad = await supervisor.request('GET', '/api/v1/deliveries?state=lost');
    expect(bad.statusCode).toBe(400);
  });
});
