import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

/** One request a fake robot received, with what it found wrong against the platform's published format. */
export interface TRobotHit {
  kind: 'dingtalk' | 'wecom' | 'feishu' | 'down';
  name: string;
  query: URLSearchParams;
  body: Record<string, unknown>;
  problems: string[];
}

const isString = (v: unknown): v is string => typeof v === 'string';
const obj = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {};

/**
 * DingTalk, per https://open.dingtalk.com/document/robots/customize-robot-security-settings: the sign is
 * urlEncode(base64(HmacSHA256(key = secret, message = timestamp + "\n" + secret))), the timestamp in milliseconds
 * within an hour; recomputed here from the recipe, independently of the code under test.
 */
function checkDingtalk(query: URLSearchParams, body: Record<string, unknown>, secret: string | undefined): string[] {
  const problems: string[] = [];
  const markdown = obj(body.markdown);
  if (body.msgtype !== 'markdown') problems.push('msgtype is not markdown');
  if (!isString(markdown.title) || !markdown.title) problems.push('markdown.title missing');
  if (!isString(markdown.text) || !markdown.text) problems.push('markdown.text missing');
  if (!query.get('access_token')) problems.push('access_token lost');
  if (secret) {
    const timestamp = query.get('timestamp') ?? '';
    const expected = createHmac('sha256', secret).update(`${timestamp}\n${secret}`).digest('base64');
    if (query.get('sign') !== expected) problems.push('sign not match');
    if (!/^\d{13}$/.test(timestamp) || Math.abs(Date.now() - Number(timestamp)) > 3_600_000) {
      problems.push('timestamp is not milliseconds within an hour');
    }
  }
  return problems;
}

/** WeCom, per https://developer.work.weixin.qq.com/document/path/91770: markdown.content, at most 4096 bytes. */
function checkWecom(query: URLSearchParams, body: Record<string, unknown>): string[] {
  const problems: string[] = [];
  const content = obj(body.markdown).content;
  if (body.msgtype !== 'markdown') problems.push('msgtype is not markdown');
  if (!isString(content) || !content) problems.push('markdown.content missing');
  else if (Buffer.byteLength(content, 'utf8') > 4096) problems.push('markdown.content over 4096 bytes');
  if (!query.get('key')) problems.push('key lost');
  return problems;
}

/**
 * Feishu, per https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot: msg_type post with
 * content.post.zh_cn {title, content: paragraphs of elements}; signed: timestamp (seconds) and
 * sign = base64(HmacSHA256(key = timestamp + "\n" + secret, message = empty)) in the body.
 */
function checkFeishu(body: Record<string, unknown>, secret: string | undefined): string[] {
  const problems: string[] = [];
  const zh = obj(obj(obj(body.content).post).zh_cn);
  if (body.msg_type !== 'post') problems.push('msg_type is not post');
  if (!isString(zh.title) || !zh.title) problems.push('post.zh_cn.title missing');
  const paragraphs = zh.content;
  const wellFormed =
    Array.isArray(paragraphs) &&
    paragraphs.every((p) => Array.isArray(p) && p.every((e) => isString(obj(e).tag) && isString(obj(e).text)));
  if (!wellFormed) problems.push('post.zh_cn.content is not paragraphs of elements');
  if (Buffer.byteLength(JSON.stringify(body), 'utf8') > 20 * 1024) problems.push('body over 20 KB');
  if (secret) {
    const timestamp = String(body.timestamp ?? '');
    const expected = createHmac('sha256', `${timestamp}\n${secret}`).update('').digest('base64');
    if (body.sign !== expected) problems.push('sign match fail');
    if (!/^\d{10}$/.test(timestamp) || Math.abs(Date.now() / 1000 - Number(timestamp)) > 3600) {
      problems.push('timestamp is not seconds within an hour');
    }
  }
  return problems;
}

/** The platform's own answer to a request, right or wrong. */
function answerFor(kind: TRobotHit['kind'], problems: string[]): { status: number; body: unknown } {
  if (kind === 'down') return { status: 500, body: { message: 'robot is down' } };
  const reason = problems.join('; ');
  if (kind === 'feishu') {
    return {
      status: 200,
      body: problems.length ? { code: 19021, msg: reason, data: {} } : { code: 0, msg: 'success', data: {} },
    };
  }
  if (kind === 'dingtalk' && problems.includes('sign not match')) {
    return { status: 200, body: { errcode: 310000, errmsg: 'sign not match' } };
  }
  return { status: 200, body: problems.length ? { errcode: 1, errmsg: reason } : { errcode: 0, errmsg: 'ok' } };
}

export interface TRobotReceiver {
  /** The base URL, e.g. http://127.0.0.1:34567 */
  origin: string;
  hits: TRobotHit[];
  /** The secret a robot of that name checks signatures with. */
  secrets: Map<string, string>;
  /** A webhook URL in each platform's shape: /dingtalk/<name>?access_token=…, /wecom/<name>?key=…, /feishu/<name>, /down/<name> (HTTP 500). */
  url: (kind: TRobotHit['kind'], name: string) => string;
  close: () => Promise<void>;
}

/** A local HTTP server on 127.0.0.1 that plays the three robots and checks every request it gets. */
export async function startRobotReceiver(): Promise<TRobotReceiver> {
  const hits: TRobotHit[] = [];
  const secrets = new Map<string, string>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://receiver');
      const [, kind = '', name = ''] = url.pathname.split('/');
      let body: Record<string, unknown> = {};
      const problems: string[] = [];
      try {
        body = obj(JSON.parse(Buffer.concat(chunks).toString('utf8')));
      } catch {
        problems.push('body is not JSON');
      }
      if (req.method !== 'POST') problems.push('not a POST');
      if (!String(req.headers['content-type']).startsWith('application/json')) problems.push('not application/json');
      const secret = secrets.get(name);
      if (kind === 'dingtalk') problems.push(...checkDingtalk(url.searchParams, body, secret));
      else if (kind === 'wecom') problems.push(...checkWecom(url.searchParams, body));
      else if (kind === 'feishu') problems.push(...checkFeishu(body, secret));
      const hitKind = (['dingtalk', 'wecom', 'feishu'].includes(kind) ? kind : 'down') as TRobotHit['kind'];
      hits.push({ kind: hitKind, name, query: url.searchParams, body, problems });
      const answer = answerFor(hitKind, problems);
      res.writeHead(answer.status, { 'content-type': 'application/json' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    hits,
    secrets,
    url: (kind, name) =>
      kind === 'dingtalk'
        ? `${origin}/dingtalk/${name}?access_token=token-${name}`
        : kind === 'wecom'
          ? `${origin}/wecom/${name}?key=key-${name}`
          : `${origin}/${kind}/${name}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

export interface TReceivedMail {
  from: string;
  to: string[];
  raw: string;
}

export interface TSmtpReceiver {
  url: string;
  messages: TReceivedMail[];
  close: () => Promise<void>;
}

/** A local SMTP server on 127.0.0.1 that keeps every message it receives. */
export async function startSmtpReceiver(): Promise<TSmtpReceiver> {
  const messages: TReceivedMail[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        const from = session.envelope.mailFrom;
        messages.push({
          from: from ? from.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

/** The decoded text of a received e-mail (quoted-printable or base64 bodies, encoded-word subject). */
export function decodeMail(raw: string): { subject: string; text: string } {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  const subjectRaw = /^subject: (.*)$/im.exec(unfolded)?.[1] ?? '';
  const subject = subjectRaw.replace(/=\?utf-8\?([bq])\?([^?]*)\?=\s*/gi, (_m, enc: string, data: string) =>
    enc.toLowerCase() === 'b'
      ? Buffer.from(data, 'base64').toString('utf8')
      : Buffer.from(
          data
            .replace(/_/g, ' ')
            .replace(/=([0-9a-f]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
          'latin1',
        ).toString('utf8'),
  );
  const body = rest.join('\n\n');
  const encoding = /^content-transfer-encoding: (.*)$/im.exec(unfolded)?.[1]?.trim().toLowerCase();
  const text =
    encoding === 'base64'
      ? Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8')
      : encoding === 'quoted-printable'
        ? Buffer.from(
            body
              .replace(/=\r?\n/g, '')
              .replace(/=([0-9A-F]{2})/gi, (_x, h: string) => String.fromCharCode(Number.parseInt(h, 16))),
            'latin1',
          ).toString('utf8')
        : body;
  return { subject, text };
}
