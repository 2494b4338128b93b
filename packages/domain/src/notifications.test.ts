import { describe, expect, it } from 'vitest';
import {
  channelShapeProblem,
  MAX_DELIVERY_ATTEMPTS,
  nextAttemptAt,
  ZCreateChannelRequest,
  ZNotificationMessage,
  ZUpdateChannelRequest,
} from './notifications.ts';

const at = new Date('2026-03-02T01:00:00.000Z');
const plus = (minutes: number) => new Date(at.getTime() + minutes * 60_000).toISOString();

describe('nextAttemptAt', () => {
  it.each([
    [1, plus(1)],
    [2, plus(5)],
    [3, plus(30)],
    [4, plus(120)],
  ])('after the failed attempt %i the next comes at %s', (attempts, expected) => {
    expect(nextAttemptAt(attempts, at)?.toISOString()).toBe(expected);
  });

  it('gives up after the fifth attempt', () => {
    expect(MAX_DELIVERY_ATTEMPTS).toBe(5);
    expect(nextAttemptAt(5, at)).toBeNull();
    expect(nextAttemptAt(9, at)).toBeNull();
  });
});

describe('channelShapeProblem', () => {
  const none = { url: null, addresses: [], secret: null };
  it.each([
    ['dingtalk', { ...none, url: 'https://oapi.dingtalk.com/robot/send?access_token=x', secret: 'SECx' }, null],
    ['feishu', { ...none, url: 'https://open.feishu.cn/open-apis/bot/v2/hook/x', secret: 'abc' }, null],
    ['wecom', { ...none, url: 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x' }, null],
    ['email', { ...none, addresses: ['duchashi@example.gov.cn'] }, null],
    ['dingtalk', none, 'url'],
    ['wecom', { ...none, url: 'https://qyapi.weixin.qq.com/x', secret: 'nope' }, 'secret'],
    ['feishu', { ...none, url: 'https://open.feishu.cn/x', addresses: ['a@b.cn'] }, 'addresses'],
    ['email', none, 'addresses'],
    ['email', { ...none, url: 'https://example.com', addresses: ['a@b.cn'] }, 'url'],
    ['email', { ...none, addresses: ['a@b.cn'], secret: 's' }, 'secret'],
  ] as const)('%s with %j → %s', (kind, values, field) => {
    expect(channelShapeProblem(kind, { ...values, addresses: [...values.addresses] })?.field ?? null).toBe(field);
  });
});

describe('channel requests', () => {
  const base = { name: '督查室钉钉群', kind: 'dingtalk', unitId: null, url: 'https://x', events: ['urge'] };
  it('accepts a county-wide robot, enabled by default', () => {
    expect(ZCreateChannelRequest.parse(base)).toMatchObject({ enabled: true, unitId: null });
  });
  it('refuses an unknown event, a repeated event, no event, a bad address and unknown fields', () => {
    expect(ZCreateChannelRequest.safeParse({ ...base, events: ['lunch'] }).success).toBe(false);
    expect(ZCreateChannelRequest.safeParse({ ...base, events: ['urge', 'urge'] }).success).toBe(false);
    expect(ZCreateChannelRequest.safeParse({ ...base, events: [] }).success).toBe(false);
    expect(ZCreateChannelRequest.safeParse({ ...base, kind: 'email', addresses: ['not-mail'] }).success).toBe(false);
    expect(ZCreateChannelRequest.safeParse({ ...base, token: 'x' }).success).toBe(false);
  });
  it('keeps the kind out of an update', () => {
    expect(ZUpdateChannelRequest.safeParse({ kind: 'wecom' }).success).toBe(false);
    expect(ZUpdateChannelRequest.parse({ secret: null })).toEqual({ secret: null });
  });
  it('takes only http(s) links in a message', () => {
    expect(ZNotificationMessage.safeParse({ title: 't', text: '', link: 'javascript:alert(1)' }).success).toBe(false);
    expect(
      ZNotificationMessage.safeParse({ title: 't', text: '', link: 'https://duban.example/tasks/1' }).success,
    ).toBe(true);
  });
});
