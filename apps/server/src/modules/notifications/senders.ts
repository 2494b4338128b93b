import http from 'node:http';
import https from 'node:https';
import type { TNotificationMessage } from '@duban/domain';
import nodemailer, { type Transporter } from 'nodemailer';
import { AppError } from '../../platform/errors.ts';
import { formatDingtalk, formatFeishu, formatWecom, readRobotAnswer, type TRobotRequest } from './robot-formats.ts';
import { assertWebhookUrl, guardedLookup } from './webhook-url.ts';

/** How long one send may take, connection included. */
export const SEND_TIMEOUT_MS = 10_000;
/** How much of a robot's answer is read. */
const MAX_ANSWER_BYTES = 64 * 1024;

/** The outcome of one attempt: sent, or an error and whether trying again later could help. */
export type TSendOutcome = { ok: true } | { ok: false; error: string; isFinal: boolean };

/** Where e-mail goes: SMTP_URL and SMTP_FROM; null when SMTP_URL is not set. */
export interface TMailSettings {
  url: string;
  from: string;
}

/** What a send needs to know of a channel (or a person's address). */
export interface TSendTarget {
  kind: 'dingtalk' | 'wecom' | 'feishu' | 'email';
  url: string | null;
  secret: string | null;
  addresses: string[];
}

/**
 * POSTs JSON to a robot: the host's addresses are checked again as it connects (no DNS rebinding), redirects are
 * not followed, and the whole exchange is bounded by a timeout.
 */
function postJson(request: TRobotRequest, timeoutMs: number): Promise<{ status: number; text: string }> {
  const url = new URL(request.url);
  const body = Buffer.from(JSON.stringify(request.body), 'utf8');
  const client = url.protocol === 'https:' ? https : http;
  return new Promise((resolve, reject) => {
    const req = client.request(
      url,
      {
        method: 'POST',
        headers: {
          'content-type': 'application/json; charset=utf-8',
          'content-length': body.length,
          'user-agent': 'Duban-notifications',
        },
        lookup: guardedLookup,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on('data', (chunk: Buffer) => {
          if (size < MAX_ANSWER_BYTES) chunks.push(chunk);
          size += chunk.length;
        });
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8').slice(0, 4096) }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const errorText = (error: unknown): string => {
  if (error instanceof Error) {
    if (error.name === 'TimeoutError' || error.name === 'AbortError')
      return `no answer within ${SEND_TIMEOUT_MS / 1000} s`;
    const code = (error as NodeJS.ErrnoException).code;
    return code && !error.message.includes(code) ? `${code}: ${error.message}` : error.message;
  }
  return String(error);
};

/** Sends one message to a robot, in its platform's format, signed where the platform signs. */
export async function sendToRobot(
  target: TSendTarget & { kind: 'dingtalk' | 'wecom' | 'feishu' },
  message: TNotificationMessage,
  now: Date,
  timeoutMs = SEND_TIMEOUT_MS,
): Promise<TSendOutcome> {
  if (!target.url) return { ok: false, error: 'the channel has no webhook URL', isFinal: true };
  try {
    await assertWebhookUrl(target.url);
  } catch (error) {
    // A URL the rules refuse stays refused: no retry.
    return { ok: false, error: error instanceof AppError ? error.message : errorText(error), isFinal: true };
  }
  const request =
    target.kind === 'dingtalk'
      ? formatDingtalk(target.url, message, target.secret, now)
      : target.kind === 'feishu'
        ? formatFeishu(target.url, message, target.secret, now)
        : formatWecom(target.url, message);
  try {
    const { status, text } = await postJson(request, timeoutMs);
    const answer = readRobotAnswer(target.kind, status, text);
    return answer.ok ? answer : { ok: false, error: answer.error, isFinal: false };
  } catch (error) {
    return { ok: false, error: errorText(error), isFinal: false };
  }
}

const transports = new Map<string, Transporter>();

/** One SMTP transport per SMTP_URL, kept for the process. */
function transportFor(url: string): Transporter {
  let transport = transports.get(url);
  if (!transport) {
    transport = nodemailer.createTransport({
      url,
      connectionTimeout: SEND_TIMEOUT_MS,
      greetingTimeout: SEND_TIMEOUT_MS,
      socketTimeout: SEND_TIMEOUT_MS * 3,
    });
    transports.set(url, transport);
  }
  return transport;
}

/** The plain-text body of an e-mail: the text, then the link. */
export const emailText = (message: TNotificationMessage): string =>
  message.link ? `${message.text}\n\n${message.link}\n` : `${message.text}\n`;

/** Sends one e-mail through SMTP_URL; without it configured the delivery fails at once, saying so. */
export async function sendEmail(
  addresses: string[],
  message: TNotificationMessage,
  mail: TMailSettings | null,
): Promise<TSendOutcome> {
  if (!mail) return { ok: false, error: 'SMTP_URL is not configured', isFinal: true };
  if (addresses.length === 0) return { ok: false, error: 'no e-mail address', isFinal: true };
  try {
    await transportFor(mail.url).sendMail({
      from: mail.from,
      to: addresses,
      subject: message.title,
      text: emailText(message),
    });
    return { ok: true };
  } catch (error) {
    const code = (error as { responseCode?: number }).responseCode;
    // 5xx from the server refuses the message for good (a bad address); the rest may pass later.
    return { ok: false, error: errorText(error), isFinal: code !== undefined && code >= 500 && code < 600 };
  }
}

/** Closes the kept SMTP connections (on shutdown). */
export function closeMailTransports(): void {
  for (const transport of transports.values()) transport.close();
  transports.clear();
}
