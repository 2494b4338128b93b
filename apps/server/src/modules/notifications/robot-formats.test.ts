import { describe, expect, it } from 'vitest';
import {
  formatDingtalk,
  formatFeishu,
  formatWecom,
  readRobotAnswer,
  signDingtalk,
  signFeishu,
  truncateUtf8,
  WECOM_MARKDOWN_MAX_BYTES,
} from './robot-formats.ts';

const message = { title: '催办通知', text: '城关镇老街雨污分流改造已亮红灯。\n请于 3 个工作日内答复。' };
const linked = { ...message, link: 'https://duban.example.gov.cn/tasks/42' };
const now = new Date(1_700_000_000_000);

// The expected signatures were computed with the platforms' own published Python samples (hmac + base64 +
// urllib.parse.quote_plus for DingTalk; the key "timestamp\nsecret" over b"" for Feishu), not with this code.
describe('signatures', () => {
  it('DingTalk 加签: HmacSHA256 keyed by the secret over "timestamp\\nsecret", Base64', () => {
    expect(signDingtalk('SEC0123456789abcdef', 1_700_000_000_000)).toBe('TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=');
  });
  it('Feishu 签名校验: HmacSHA256 keyed by "timestamp\\nsecret" over nothing, Base64', () => {
    expect(signFeishu('feishu-secret', 1_700_000_000)).toBe('OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=');
  });
});

describe('DingTalk', () => {
  const hook = 'https://oapi.dingtalk.com/robot/send?access_token=abc123';
  it('is a markdown message with title and text', () => {
    const req = formatDingtalk(hook, linked, null, now);
    expect(req.url).toBe(hook);
    expect(req.body).toEqual({
      msgtype: 'markdown',
      markdown: {
        title: '催办通知',
        text: '### 催办通知\n\n城关镇老街雨污分流改造已亮红灯。\n请于 3 个工作日内答复。\n\n[查看详情](https://duban.example.gov.cn/tasks/42)',
      },
    });
  });
  it('signed: &timestamp (ms) and &sign URL-encoded, the access token kept', () => {
    const req = formatDingtalk(hook, message, 'SEC0123456789abcdef', now);
    expect(req.url).toBe(`${hook}&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D`);
  });
});

describe('WeCom', () => {
  const hook = 'https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6-7xxx';
  it('is a markdown message with content only, never signed', () => {
    expect(formatWecom(hook, message)).toEqual({
      url: hook,
      body: { msgtype: 'markdown', markdown: { content: `### 催办通知\n\n${message.text}` } },
    });
  });
  it('cuts the content to 4096 bytes of UTF-8 without breaking a character', () => {
    const req = formatWecom(hook, { title: '长消息', text: '督'.repeat(3000) });
    const content = (req.body.markdown as { content: string }).content;
    expect(new TextEncoder().encode(content).length).toBeLessThanOrEqual(WECOM_MARKDOWN_MAX_BYTES);
    expect(content.endsWith('督…')).toBe(true);
    expect(truncateUtf8('short', 10)).toBe('short');
  });
});

describe('Feishu', () => {
  const hook = 'https://open.feishu.cn/open-apis/bot/v2/hook/0b8e7f5c-aaaa-bbbb-cccc-123456789012';
  it('is a post (rich text) message: a paragraph per line, the link as an "a" element', () => {
    expect(formatFeishu(hook, linked, null, now)).toEqual({
      url: hook,
      body: {
        msg_type: 'post',
        content: {
          post: {
            zh_cn: {
              title: '催办通知',
              content: [
                [{ tag: 'text', text: '城关镇老街雨污分流改造已亮红灯。' }],
                [{ tag: 'text', text: '请于 3 个工作日内答复。' }],
                [{ tag: 'a', text: '查看详情', href: 'https://duban.example.gov.cn/tasks/42' }],
              ],
            },
          },
        },
      },
    });
  });
  it('signed: timestamp (seconds, a string) and sign in the body', () => {
    const req = formatFeishu(hook, message, 'feishu-secret', now);
    expect(req.url).toBe(hook);
    expect(req.body).toMatchObject({
      timestamp: '1700000000',
      sign: 'OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU=',
      msg_type: 'post',
    });
  });
});

describe('readRobotAnswer', () => {
  it.each([
    ['dingtalk', 200, '{"errcode":0,"errmsg":"ok"}', true],
    ['dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}', false],
    ['wecom', 200, '{"errcode":0,"errmsg":"ok"}', true],
    ['wecom', 200, '{"errcode":93000,"errmsg":"invalid webhook url"}', false],
    ['feishu', 200, '{"code":0,"msg":"success","data":{}}', true],
    [
      'feishu',
      200,
      '{"code":19021,"msg":"sign match fail or timestamp is not within one hour from current time"}',
      false,
    ],
    ['feishu', 502, '<html>bad gateway</html>', false],
    ['dingtalk', 200, 'ok', false],
  ] as const)('%s HTTP %i %s → %s', (kind, status, text, ok) => {
    expect(readRobotAnswer(kind, status, text).ok).toBe(ok);
  });
  it('keeps the platform’s own words', () => {
    expect(readRobotAnswer('dingtalk', 200, '{"errcode":310000,"errmsg":"sign not match"}')).toEqual({
      ok: false,
      error: 'errcode 310000: sign not match',
    });
    expect(readRobotAnswer('feishu', 500, 'boom')).toEqual({ ok: false, error: 'HTTP 500: boom' });
  });
});
