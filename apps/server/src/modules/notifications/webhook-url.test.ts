import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../../platform/errors.ts';
import { assertWebhookUrl, isPublicAddress, redactUrl } from './webhook-url.ts';

describe('isPublicAddress', () => {
  it.each([
    ['8.8.8.8', true],
    ['47.95.1.10', true],
    ['2408:8000::1', true],
    ['127.0.0.1', false],
    ['127.8.9.10', false],
    ['10.1.2.3', false],
    ['172.16.0.1', false],
    ['172.31.255.255', false],
    ['172.32.0.1', true],
    ['192.168.1.1', false],
    ['169.254.169.254', false],
    ['100.64.0.1', false],
    ['100.127.255.255', false],
    ['100.128.0.1', true],
    ['0.0.0.0', false],
    ['224.0.0.1', false],
    ['255.255.255.255', false],
    ['::', false],
    ['::1', false],
    ['fc00::1', false],
    ['fd12:3456::1', false],
    ['fe80::1%eth0', false],
    ['ff02::1', false],
    ['::ffff:127.0.0.1', false],
    ['::ffff:7f00:1', false],
    ['::ffff:10.0.0.1', false],
    ['::ffff:8.8.8.8', true],
    ['64:ff9b::192.168.0.1', false],
    ['2002:c0a8:0101::1', false],
    ['2001:db8::1', false],
    ['not an address', false],
  ])('%s → %s', (address, expected) => {
    expect(isPublicAddress(address)).toBe(expected);
  });
});

describe('assertWebhookUrl', () => {
  const saved = process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
  afterEach(() => {
    if (saved === undefined) delete process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE;
    else process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = saved;
  });
  const refusal = async (url: string) => {
    try {
      await assertWebhookUrl(url);
      return null;
    } catch (error) {
      return error instanceof AppError ? { status: error.status, field: error.field } : { error: String(error) };
    }
  };

  it.each([
    'http://8.8.8.8/robot',
    'ftp://8.8.8.8/robot',
    'not a url',
    'https://user:pass@8.8.8.8/robot',
    'https://127.0.0.1/robot',
    'https://localhost:8443/robot',
    'https://[::1]/robot',
    'https://[::ffff:127.0.0.1]/robot',
    'https://2130706433/robot',
    'https://0x7f.1/robot',
    'https://10.0.0.8/robot',
    'https://169.254.169.254/latest/meta-data',
  ])('refuses %s with 422 naming url', async (url) => {
    expect(await refusal(url)).toEqual({ status: 422, field: 'url' });
  });

  it('lets a public https address through', async () => {
    expect(await refusal('https://8.8.8.8/robot/send?access_token=x')).toBeNull();
  });

  it('with DUBAN_WEBHOOK_ALLOW_PRIVATE=1 lets private addresses and http through, not other schemes', async () => {
    process.env.DUBAN_WEBHOOK_ALLOW_PRIVATE = '1';
    expect(await refusal('http://127.0.0.1:9000/robot')).toBeNull();
    expect(await refusal('https://10.0.0.8/robot')).toBeNull();
    expect(await refusal('ftp://127.0.0.1/robot')).toEqual({ status: 422, field: 'url' });
  });
});

describe('redactUrl', () => {
  it('masks tokens in the query and long path segments', () => {
    expect(redactUrl('https://oapi.dingtalk.com/robot/send?access_token=6f1c2a9e8b7d')).toBe(
      'https://oapi.dingtalk.com/robot/send?access_token=6f1c***',
    );
    expect(redactUrl('https://open.feishu.cn/open-apis/bot/v2/hook/0b8e7f5c-aaaa-bbbb-cccc-123456789012')).toBe(
      'https://open.feishu.cn/open-apis/bot/v2/hook/0b8e***',
    );
  });
});
