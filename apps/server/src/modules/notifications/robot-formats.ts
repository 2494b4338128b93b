import { createHmac } from 'node:crypto';
import type { TNotificationMessage } from '@duban/domain';

/** What is POSTed to a robot: the URL (signed where the platform signs in the URL) and the JSON body. */
export interface TRobotRequest {
  url: string;
  body: Record<string, unknown>;
}

const LINK_TEXT = '查看详情';

/** The message as markdown: a heading, the text, and the link last. */
function markdownOf(message: TNotificationMessage): string {
  const link = message.link ? `\n\n[${LINK_TEXT}](${message.link})` : '';
  return `### ${message.title}\n\n${message.text}${link}`;
}

/** Cuts a string to at most `max` UTF-8 bytes without splitting a character. */
export function truncateUtf8(text: string, max: number): string {
  const encoder = new TextEncoder();
  if (encoder.encode(text).length <= max) return text;
  const ellipsis = '…';
  let bytes = encoder.encode(ellipsis).length;
  let out = '';
  for (const ch of text) {
    const size = encoder.encode(ch).length;
    if (bytes + size > max) break;
    bytes += size;
    out += ch;
  }
  return out + ellipsis;
}

// DingTalk 自定义机器人 (custom robot).
// Message: https://open.dingtalk.com/document/orgapp/custom-robot-access and the message types at
// https://open.dingtalk.com/document/development/robot-message-type — markdown is
// {"msgtype":"markdown","markdown":{"title":…,"text":…}}; the title shows in the conversation list, the text in
// the chat. Success is {"errcode":0,"errmsg":"ok"} (an error also answers HTTP 200, e.g. errcode 310000).
// 加签: https://open.dingtalk.com/document/robots/customize-robot-security-settings — string to sign
// `timestamp + "\n" + secret` (timestamp in milliseconds, within an hour of DingTalk's clock), HmacSHA256 keyed by
// the secret, Base64, then URL-encoded, appended to the webhook URL as &timestamp=…&sign=….

/** DingTalk's 加签 signature (Base64, before URL encoding). */
export function signDingtalk(secret: string, timestampMs: number): string {
  return createHmac('sha256', secret).update(`${timestampMs}\n${secret}`, 'utf8').digest('base64');
}

/** A DingTalk markdown message; with a secret, the URL carries timestamp and sign. */
export function formatDingtalk(
  webhookUrl: string,
  message: TNotificationMessage,
  secret: string | null,
  now: Date,
): TRobotRequest {
  const url = new URL(webhookUrl);
  if (secret) {
    const timestamp = now.getTime();
    url.searchParams.set('timestamp', String(timestamp));
    // URLSearchParams writes the value form-encoded: + / = become %2B %2F %3D, as urlEncode does.
    url.searchParams.set('sign', signDingtalk(secret, timestamp));
  }
  return {
    url: url.toString(),
    body: { msgtype: 'markdown', markdown: { title: message.title, text: markdownOf(message) } },
  };
}

// WeCom 群机器人 (group robot): https://developer.work.weixin.qq.com/document/path/91770 — the key is in the
// webhook URL (…/cgi-bin/webhook/send?key=…), nothing is signed. Markdown is
// {"msgtype":"markdown","markdown":{"content":…}}, the content at most 4096 bytes of UTF-8. Success is
// {"errcode":0,"errmsg":"ok"}.

/** WeCom's markdown content limit, in UTF-8 bytes. */
export const WECOM_MARKDOWN_MAX_BYTES = 4096;

/** A WeCom markdown message (cut to the platform's 4096 bytes). */
export function formatWecom(webhookUrl: string, message: TNotificationMessage): TRobotRequest {
  return {
    url: webhookUrl,
    body: { msgtype: 'markdown', markdown: { content: truncateUtf8(markdownOf(message), WECOM_MARKDOWN_MAX_BYTES) } },
  };
}

// Feishu 自定义机器人 (custom bot): https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (also
// https://open.larkoffice.com/document/ukTMukTMukTM/ucTM5YjL3ETO24yNxkjN) — a rich-text message is
// {"msg_type":"post","content":{"post":{"zh_cn":{"title":…,"content":[[{"tag":"text","text":…},
// {"tag":"a","text":…,"href":…}]]}}}}, one array per paragraph; the body at most 20 KB. 签名校验: string to sign
// `timestamp + "\n" + secret` (timestamp in seconds, within an hour), used as the HmacSHA256 KEY over an empty
// message, Base64; `timestamp` and `sign` go in the JSON body. Success is {"code":0,"msg":"success",…}; a bad
// signature answers code 19021.

/** Feishu's 签名校验 signature. */
export function signFeishu(secret: string, timestampSec: number): string {
  return createHmac('sha256', `${timestampSec}\n${secret}`).update(Buffer.alloc(0)).digest('base64');
}

/** A Feishu rich-text (post) message, a paragraph per line; with a secret, the body carries timestamp and sign. */
export function formatFeishu(
  webhookUrl: string,
  message: TNotificationMessage,
  secret: string | null,
  now: Date,
): TRobotRequest {
  const paragraphs: Record<string, string>[][] = message.text.split('\n').map((line) => [{ tag: 'text', text: line }]);
  if (message.link) paragraphs.push([{ tag: 'a', text: LINK_TEXT, href: message.link }]);
  const content = { post: { zh_cn: { title: message.title, content: paragraphs } } };
  if (!secret) return { url: webhookUrl, body: { msg_type: 'post', content } };
  const timestamp = Math.floor(now.getTime() / 1000);
  return {
    url: webhookUrl,
    body: { timestamp: String(timestamp), sign: signFeishu(secret, timestamp), msg_type: 'post', content },
  };
}

/** Whether a robot's answer means the message was taken, and if not, why (its own words, short). */
export function readRobotAnswer(
  kind: 'dingtalk' | 'wecom' | 'feishu',
  status: number,
  text: string,
): { ok: true } | { ok: false; error: string } {
  const short = text.replace(/\s+/g, ' ').slice(0, 300);
  if (status < 200 || status >= 300) return { ok: false, error: `HTTP ${status}${short ? `: ${short}` : ''}` };
  let answer: Record<string, unknown>;
  try {
    answer = JSON.parse(text) as Record<string, unknown>;
  } catch {
    return { ok: false, error: `HTTP ${status}, not JSON: ${short}` };
  }
  if (kind === 'feishu') {
    return answer.code === 0
      ? { ok: true }
      : { ok: false, error: `code ${String(answer.code)}: ${String(answer.msg)}` };
  }
  return answer.errcode === 0
    ? { ok: true }
    : { ok: false, error: `errcode ${String(answer.errcode)}: ${String(answer.errmsg)}` };
}
