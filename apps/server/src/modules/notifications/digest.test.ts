import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { login, unitId, userId, useTestApp } from '../../test/harness.ts';
import { drainDeliveries } from './delivery-worker.ts';
import { sendDailyDigest } from './digest.jobs.ts';
import { decodeMail, startRobotReceiver, startSmtpReceiver } from './test-receivers.ts';

const robots = await startRobotReceiver();
const smtp = await startSmtpReceiver();
const ctx = useTestApp();
const mail = { url: smtp.url, from: 'duban@county.example' };
const savedAllow = process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;

beforeAll(() => {
  process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = '1';
});
afterAll(async () => {
  if (savedAllow === undefined) delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
  else process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = savedAllow;
  await robots.close();
  await smtp.close();
});

const inbox = (user: string, title: string, opts: { hoursAgo?: number; read?: boolean } = {}) =>
  ctx.sql(
    `insert into inbox_items (user_id, kind, title, created_at, read_at)
     values ($1, 'assigned', $2, now() - make_interval(hours => $3), case when $4 then now() end)`,
    [user, title, opts.hoursAgo ?? 1, opts.read ?? false],
  );

describe('sendDailyDigest', () => {
  it('e-mails each person with an address one list of the day’s unread items, once a day', async () => {
    const cadre = await userId(ctx, 'cadre');
    const head = await userId(ctx, 'head');
    const liaison = await userId(ctx, 'liaison');
    await ctx.sql(`update users set email = 'cadre@county.example' where id = $1`, [cadre]);
    await ctx.sql(`update users set email = 'head@county.example' where id = $1`, [head]);
    // The liaison has items but no address: no e-mail.
    await inbox(cadre, '城关镇老街雨污分流改造');
    await inbox(cadre, '农贸市场提升改造', { hoursAgo: 3 });
    await inbox(cadre, '已读的不列', { read: true });
    await inbox(cadre, '两天前的不列', { hoursAgo: 49 });
    await inbox(head, '已读的', { read: true });
    await inbox(liaison, '无邮箱');

    const supervisor = await login(ctx.app, 'supervisor');
    const town = await unitId(ctx, '城关镇');
    const channel = await supervisor.request('POST', '/api/v1/notification-channels', {
      name: '城关镇工作群',
      kind: 'wecom',
      unitId: town,
      url: robots.url('wecom', 'digest'),
      events: ['digest'],
    });
    expect(channel.statusCode, channel.body).toBe(201);

    // The people's e-mails plus one summary for the town's group.
    expect(await sendDailyDigest(ctx.database.db)).toEqual({ people: 1, channels: 1 });
    expect(await drainDeliveries(ctx.database.db, new Date(), { mail })).toMatchObject({ sent: 2, failed: 0 });
    expect(smtp.messages).toHaveLength(1);
    expect(smtp.messages[0]?.to).toEqual(['cadre@county.example']);
    const letter = decodeMail(smtp.messages[0]?.raw ?? '');
    expect(letter.subject).toBe('督办每日摘要：2 条未读消息');
    expect(letter.text).toContain('- 城关镇老街雨污分流改造');
    expect(letter.text).toContain('- 农贸市场提升改造');
    expect(letter.text).not.toContain('已读的不列');
    expect(letter.text).not.toContain('两天前的不列');

    const [hit] = robots.hits;
    expect(hit?.problems).toEqual([]);
    const content = String((hit?.body.markdown as { content?: string } | undefined)?.content);
    expect(content).toContain('城关镇');
    expect(content).toContain('3 条尚未阅读');

    // Run again the same day (another process, a restart): nothing new.
    expect(await sendDailyDigest(ctx.database.db)).toEqual({ people: 0, channels: 0 });
    // The next day it goes out again, with the next day's items.
    await inbox(cadre, '次日的新任务', { hoursAgo: -23 });
    expect(await sendDailyDigest(ctx.database.db, new Date(Date.now() + 24 * 3_600_000 - 60_000))).toMatchObject({
      people: 1,
    });
  });
});
