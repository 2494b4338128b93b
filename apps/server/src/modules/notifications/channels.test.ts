import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { auditCount, errorOf, login, unitId, useTestApp } from '../../test/harness.ts';
import { startRobotReceiver, startSmtpReceiver } from './test-receivers.ts';

const robots = await startRobotReceiver();
const smtp = await startSmtpReceiver();
const ctx = useTestApp({ SMTP_URL: smtp.url, SMTP_FROM: '督办平台 <duban@county.example>' });

const savedAllow = process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
/** Lets the channels reach the local receiver (as an intranet deployment would), or not. */
function allowPrivate(on: boolean) {
  if (on) process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = '1';
  else delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
}
beforeEach(() => allowPrivate(true));
afterAll(async () => {
  if (savedAllow === undefined) delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
  else process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = savedAllow;
  await robots.close();
  await smtp.close();
});

const channelCount = async () =>
  (await ctx.sql<{ n: number }>('select count(*)::int as n from notification_channels'))[0]?.n ?? 0;

describe('/api/v1/notification-channels', () => {
  it('a supervisor adds, reads, changes and deletes a county-wide DingTalk robot; the secret is never returned', async () => {
    const supervisor = await login(ctx.app, 'supervisor');
    const before = await auditCount(ctx);
    const created = await supervisor.request('POST', '/api/v1/notification-channels', {
      name: '督查室钉钉群',
      kind: 'dingtalk',
      unitId: null,
      url: robots.url('dingtalk', 'crud'),
      secret: 'SECcrud-secret',
      events: ['urge', 'supervisionNotice'],
    });
    expect(created.statusCode, created.body).toBe(201);
    const channel = created.json();
    expect(channel).toMatchObject({
      name: '督查室钉钉群',
      kind: 'dingtalk',
      unitId: null,
      unitName: null,
      hasSecret: true,
      enabled: true,
      events: ['urge', 'supervisionNotice'],
    });
    expect(created.body).not.toContain('SECcrud-secret');

    const listed = (await supervisor.request('GET', '/api/v1/notification-channels')).json();
    expect(listed.items.map((c: { id: string }) => c.id)).toContain(channel.id);
    expect(JSON.stringify(listed)).not.toContain('SECcrud-secret');

    const patched = await supervisor.request('PATCH', `/api/v1/notification-channels/${channel.id}`, {
      name: '督查室工作群',
      enabled: false,
    });
    expect(patched.statusCode, patched.body).toBe(200);
    expect(patched.json()).toMatchObject({ name: '督查室工作群', enabled: false, hasSecret: true });
    const cleared = await supervisor.request('PATCH', `/api/v1/notification-channels/${channel.id}`, { secret: null });
    expect(cleared.json().hasSecret).toBe(false);

    const deleted = await supervisor.request('DELETE', `/api/v1/notification-channels/${channel.id}`);
    expect(deleted.statusCode).toBe(204);
    expect((await supervisor.request('GET', `/api/v1/notification-channels/${channel.id}`)).statusCode).toBe(404);

    const entries = await ctx.sql<{ action: string; after: unknown; before: unknown }>(
      `select action, before, after from audit_log where target_type = 'notificationChannel' and target_id = $1 order by id`,
      [channel.id],
    );
    expect(entries.map((e) => e.action)).toEqual([
      'notificationChannel.create',
      'notificationChannel.update',
      'notificationChannel.update',
      'notificationChannel.delete',
    ]);
    expect(await auditCount(ctx)).toBe(before + 4);
    // The log keeps neither the secret nor the robot's access token.
    const logged = JSON.stringify(entries);
    expect(logged).not.toContain('SECcrud-secret');
    expect(logged).not.toContain('token-crud');
    expect(logged).toContain('"hasSecret":true');
  });

  it('an e-mail channel takes addresses; a robot field on it is 422 naming the field', async () => {
    const admin = await login(ctx.app, 'admin');
    const res = await admin.request('POST', '/api/v1/notification-channels', {
      name: '县委办邮件组',
      kind: 'email',
      unitId: null,
      addresses: ['xwb@county.example', 'duchashi@county.example'],
      events: ['admonish', 'digest'],
    });
    expect(res.statusCode, res.body).toBe(201);
    expect(res.json()).toMatchObject({ url: null, addresses: ['xwb@county.example', 'duchashi@county.example'] });
    const withUrl = await admin.request('POST', '/api/v1/notification-channels', {
      name: '错误',
      kind: 'email',
      unitId: null,
      addresses: ['a@county.example'],
      url: 'https://example.com',
      events: ['urge'],
    });
    expect([withUrl.statusCode, errorOf(withUrl).field]).toEqual([422, 'url']);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const supervisor = await login(ctx.app, 'supervisor');
    const audits = await auditCount(ctx);
    const channels = await channelCount();
    const base = {
      name: '测试群',
      kind: 'dingtalk',
      unitId: null,
      url: robots.url('dingtalk', 'bad'),
      events: ['urge'],
    };
    const cases: [Record<string, unknown>, number, string][] = [
      [{ ...base, events: [] }, 400, 'events'],
      [{ ...base, events: ['lunch'] }, 400, 'events.0'],
      [{ ...base, kind: 'slack' }, 400, 'kind'],
      [{ ...base, name: '' }, 400, 'name'],
      [{ ...base, url: undefined }, 422, 'url'],
      [{ ...base, url: 'not a url' }, 422, 'url'],
      [{ ...base, kind: 'wecom', url: robots.url('wecom', 'bad'), secret: 'x' }, 422, 'secret'],
      [{ ...base, kind: 'email', url: undefined, addresses: [] }, 422, 'addresses'],
      [{ ...base, kind: 'email', url: undefined, addresses: ['not-an-address'] }, 400, 'addresses.0'],
      [{ ...base, unitId: '00000000-0000-4000-8000-000000000000' }, 404, ''],
    ];
    for (const [body, status, field] of cases) {
      const res = await supervisor.request('POST', '/api/v1/notification-channels', body);
      expect([res.statusCode, errorOf(res).field ?? ''], JSON.stringify(body)).toEqual([status, field]);
    }
    expect(await auditCount(ctx)).toBe(audits);
    expect(await channelCount()).toBe(channels);
  });

  it('a webhook that is not https is 422 naming url; http is allowed only with DUBAN_WEBHOOK_ALLOW_PRIVATE', async () => {
    allowPrivate(false);
    const supervisor = await login(ctx.app, 'supervisor');
    const channels = await channelCount();
    const body = { name: '钉钉群', kind: 'dingtalk', unitId: null, events: ['urge'] };
    const http = await supervisor.request('POST', '/api/v1/notification-channels', {
      ...body,
      url: 'http://8.8.8.8/robot/send?access_token=x',
    });
    expect([http.statusCode, errorOf(http).field]).toEqual([422, 'url']);
    expect(errorOf(http).message).toContain('https');
    expect(await channelCount()).toBe(channels);
  });

  it('a webhook on a loopback or private address is 422 naming url, unless the operator allows it', async () => {
    allowPrivate(false);
    const supervisor = await login(ctx.app, 'supervisor');
    const channels = await channelCount();
    const base = { name: '内网机器人', kind: 'wecom', unitId: null, events: ['urge'] };
    for (const url of [
      'https://127.0.0.1/cgi-bin/webhook/send?key=x',
      'https://localhost/cgi-bin/webhook/send?key=x',
      'https://192.168.10.5/cgi-bin/webhook/send?key=x',
      'https://[::ffff:10.0.0.1]/cgi-bin/webhook/send?key=x',
      'https://169.254.169.254/latest/meta-data',
    ]) {
      const res = await supervisor.request('POST', '/api/v1/notification-channels', { ...base, url });
      expect([res.statusCode, errorOf(res).field], url).toEqual([422, 'url']);
    }
    expect(await channelCount()).toBe(channels);
    // Changing an existing channel to a private address is refused too.
    allowPrivate(true);
    const ok = await supervisor.request('POST', '/api/v1/notification-channels', {
      ...base,
      url: robots.url('wecom', 'intranet'),
    });
    expect(ok.statusCode, ok.body).toBe(201);
    allowPrivate(false);
    const moved = await supervisor.request('PATCH', `/api/v1/notification-channels/${ok.json().id}`, {
      url: 'https://10.1.1.1/cgi-bin/webhook/send?key=y',
    });
    expect([moved.statusCode, errorOf(moved).field]).toEqual([422, 'url']);
    // …and with the operator's leave, a send to a private address is refused at send time once it is withdrawn.
    const test = await supervisor.request('POST', `/api/v1/notification-channels/${ok.json().id}/test`);
    expect(test.json()).toMatchObject({ state: 'failed', attempts: 1 });
    expect(test.json().lastError).toMatch(/must use https|private/);
  });

  it('a unit head manages the channels of their unit; another unit’s is 404 and a county-wide one 403', async () => {
    const head = await login(ctx.app, 'head');
    const supervisor = await login(ctx.app, 'supervisor');
    const town = await unitId(ctx, '城关镇');
    const other = await unitId(ctx, '县发展和改革局');
    const own = await head.request('POST', '/api/v1/notification-channels', {
      name: '城关镇工作群',
      kind: 'feishu',
      unitId: town,
      url: robots.url('feishu', 'town'),
      events: ['remind', 'urge'],
    });
    expect(own.statusCode, own.body).toBe(201);
    expect(own.json()).toMatchObject({ unitId: town, unitName: '城关镇' });
    const foreign = await supervisor.request('POST', '/api/v1/notification-channels', {
      name: '发改局工作群',
      kind: 'wecom',
      unitId: other,
      url: robots.url('wecom', 'fgj'),
      events: ['urge'],
    });
    expect(foreign.statusCode).toBe(201);
    const foreignId = foreign.json().id;

    const audits = await auditCount(ctx);
    expect((await head.request('GET', `/api/v1/notification-channels/${foreignId}`)).statusCode).toBe(404);
    expect((await head.request('PATCH', `/api/v1/notification-channels/${foreignId}`, { name: 'x' })).statusCode).toBe(
      404,
    );
    expect((await head.request('DELETE', `/api/v1/notification-channels/${foreignId}`)).statusCode).toBe(404);
    expect((await head.request('POST', `/api/v1/notification-channels/${foreignId}/test`)).statusCode).toBe(404);
    const elsewhere = await head.request('POST', '/api/v1/notification-channels', {
      name: '越权',
      kind: 'wecom',
      unitId: other,
      url: robots.url('wecom', 'x'),
      events: ['urge'],
    });
    expect(elsewhere.statusCode).toBe(404);
    const county = await head.request('POST', '/api/v1/notification-channels', {
      name: '全县',
      kind: 'wecom',
      unitId: null,
      url: robots.url('wecom', 'x'),
      events: ['urge'],
    });
    expect([county.statusCode, errorOf(county).field]).toEqual([403, 'unitId']);
    expect(await auditCount(ctx)).toBe(audits);

    const seen = (await head.request('GET', '/api/v1/notification-channels')).json();
    expect(seen.items.every((c: { unitId: string | null }) => c.unitId === town)).toBe(true);
    expect(seen.items.map((c: { id: string }) => c.id)).toContain(own.json().id);
  });

  it('is refused (403) to people who manage no channel', async () => {
    for (const username of ['cadre', 'liaison', 'leader', 'auditor', 'secadmin']) {
      const user = await login(ctx.app, username);
      expect((await user.request('GET', '/api/v1/notification-channels')).statusCode, username).toBe(403);
      expect((await user.request('GET', '/api/v1/deliveries')).statusCode, username).toBe(403);
      const res = await user.request('POST', '/api/v1/notification-channels', {
        name: 'x',
        kind: 'wecom',
        unitId: null,
        url: robots.url('wecom', 'x'),
        events: ['urge'],
      });
      expect(res.statusCode, username).toBe(403);
    }
  });
});

describe('POST /api/v1/notification-channels/{id}/test', () => {
  it('sends a signed DingTalk markdown message now, and lists the delivery as sent', async () => {
    const supervisor = await login(ctx.app, 'supervisor');
    robots.secrets.set('signed', 'SECsigned-0123456789');
    const channel = (
      await supervisor.request('POST', '/api/v1/notification-channels', {
        name: '督查室钉钉群（加签）',
        kind: 'dingtalk',
        unitId: null,
        url: robots.url('dingtalk', 'signed'),
        secret: 'SECsigned-0123456789',
        events: ['urge'],
      })
    ).json();
    const res = await supervisor.request('POST', `/api/v1/notification-channels/${channel.id}/test`);
    expect(res.statusCode, res.body).toBe(200);
    expect(res.json()).toMatchObject({
      channelId: channel.id,
      channelName: '督查室钉钉群（加签）',
      event: 'test',
      state: 'sent',
      attempts: 1,
      lastError: null,
      nextAttemptAt: null,
    });
    expect(res.json().target).toContain('access_token=toke***');
    const hit = robots.hits.filter((h) => h.name === 'signed');
    expect(hit).toHaveLength(1);
    expect(hit[0]?.problems).toEqual([]);
    expect(hit[0]?.body).toMatchObject({ msgtype: 'markdown', markdown: { title: '督办平台测试消息' } });

    const list = (await supervisor.request('GET', `/api/v1/deliveries?channelId=${channel.id}`)).json();
    expect(list.items).toHaveLength(1);
    expect(list.items[0]).toMatchObject({ id: res.json().id, state: 'sent' });
  });

  it('shows a robot’s refusal in its own words, marks the test failed and does not retry it', async () => {
    const supervisor = await login(ctx.app, 'supervisor');
    robots.secrets.set('wrongsecret', 'SECthe-right-one');
    const channel = (
      await supervisor.request('POST', '/api/v1/notification-channels', {
        name: '飞书群（密钥错误）',
        kind: 'feishu',
        unitId: null,
        url: robots.url('feishu', 'wrongsecret'),
        secret: 'a-wrong-secret',
        events: ['urge'],
      })
    ).json();
    const res = await supervisor.request('POST', `/api/v1/notification-channels/${channel.id}/test`);
    expect(res.json()).toMatchObject({ state: 'failed', attempts: 1, nextAttemptAt: null });
    expect(res.json().lastError).toContain('code 19021');
    const failed = (await supervisor.request('GET', '/api/v1/deliveries?state=failed')).json();
    expect(failed.items.map((d: { id: number }) => d.id)).toContain(res.json().id);
  });

  it('sends a test e-mail through SMTP_URL', async () => {
    const admin = await login(ctx.app, 'admin');
    const channel = (
      await admin.request('POST', '/api/v1/notification-channels', {
        name: '督查室邮件组',
        kind: 'email',
        unitId: null,
        addresses: ['duchashi@county.example'],
        events: ['urge'],
      })
    ).json();
    const res = await admin.request('POST', `/api/v1/notification-channels/${channel.id}/test`);
    expect(res.json()).toMatchObject({ state: 'sent', kind: 'email', target: 'duchashi@county.example' });
    const mail = smtp.messages.at(-1);
    expect(mail).toMatchObject({ from: 'duban@county.example', to: ['duchashi@county.example'] });
  });
});
