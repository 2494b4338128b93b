import { MAX_DELIVERY_ATTEMPTS, nextAttemptAt } from '@duban/domain';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import type { TJobLog } from '../../platform/jobs/scheduler.ts';
import * as repo from './notifications.repo.ts';
import {
  closeMailTransports,
  SEND_TIMEOUT_MS,
  sendEmail,
  sendToRobot,
  type TMailSettings,
  type TSendOutcome,
} from './senders.ts';

/** How long a claimed delivery stays with its worker before another may take it (a send takes at most 10 s). */
const LEASE_MS = 5 * 60_000;
const BATCH_SIZE = 20;
/**
 * Attempts per channel in any minute: DingTalk and WeCom robots take 20 messages a minute and DingTalk then
 * throttles the group for 10 minutes; the rest wait for the next minute.
 */
export const PER_CHANNEL_PER_MINUTE = 15;
/** How often the worker looks for due deliveries. */
export const POLL_INTERVAL_MS = 5_000;

export interface TDeliveryOptions {
  /** SMTP_URL and SMTP_FROM; null or absent: e-mail deliveries fail with "SMTP_URL is not configured". */
  mail?: TMailSettings | null;
  batchSize?: number;
  timeoutMs?: number;
  /** Checked between batches: a stopping worker finishes its batch and claims no more. */
  isStopping?: () => boolean;
}

export interface TDrained {
  sent: number;
  retried: number;
  failed: number;
}

/** Sends one claimed delivery to its channel (read now, so a changed URL or secret applies) or person. */
async function sendClaimed(
  claimed: repo.TClaimed,
  channel: repo.TChannelRow | undefined,
  now: Date,
  options: TDeliveryOptions,
): Promise<TSendOutcome> {
  if (claimed.channelId === null && claimed.userId !== null) {
    return sendEmail([claimed.target], claimed.message, options.mail ?? null);
  }
  if (!channel) return { ok: false, error: 'the channel was deleted', isFinal: true };
  if (!channel.enabled && claimed.event !== 'test') {
    return { ok: false, error: 'the channel is disabled', isFinal: true };
  }
  if (channel.kind === 'email') return sendEmail(channel.addresses, claimed.message, options.mail ?? null);
  const kind = channel.kind as 'dingtalk' | 'wecom' | 'feishu';
  return sendToRobot({ ...channel, kind }, claimed.message, now, options.timeoutMs ?? SEND_TIMEOUT_MS);
}

/**
 * Records an attempt's outcome: sent; or failed for good (a final error, or the last attempt); or due again after
 * the backoff. A test message is not retried: whoever sent it is looking at its outcome.
 */
export async function recordOutcome(
  db: TQueryable,
  claimed: Pick<repo.TClaimed, 'id' | 'attempts' | 'event'>,
  outcome: TSendOutcome,
  now: Date,
): Promise<'sent' | 'retried' | 'failed'> {
  if (outcome.ok) {
    await repo.recordAttempt(db, claimed.id, { state: 'sent', nextAttemptAt: null, lastError: null, sentAt: now });
    return 'sent';
  }
  const retryAt =
    outcome.isFinal || claimed.event === 'test' || claimed.attempts >= MAX_DELIVERY_ATTEMPTS
      ? null
      : nextAttemptAt(claimed.attempts, now);
  await repo.recordAttempt(db, claimed.id, {
    state: retryAt ? 'queued' : 'failed',
    nextAttemptAt: retryAt,
    lastError: outcome.error.slice(0, 1000),
    sentAt: null,
  });
  return retryAt ? 'retried' : 'failed';
}

/** Sends one claimed delivery and records the outcome. */
export async function deliverClaimed(
  db: TDb,
  claimed: repo.TClaimed,
  now: Date,
  options: TDeliveryOptions = {},
): Promise<'sent' | 'retried' | 'failed'> {
  const channels = await repo.channelsForSend(db, claimed.channelId ? [claimed.channelId] : []);
  const outcome = await sendClaimed(claimed, channels.get(claimed.channelId ?? ''), now, options);
  return recordOutcome(db, claimed, outcome, now);
}

/**
 * Sends every delivery due at `now`, a batch at a time: each is claimed first (SKIP LOCKED, so several workers or
 * server processes share the queue and never send one twice), then sent outside any transaction with a timeout,
 * then recorded. Tests call it directly with the time they want.
 */
export async function drainDeliveries(db: TDb, now = new Date(), options: TDeliveryOptions = {}): Promise<TDrained> {
  const totals: TDrained = { sent: 0, retried: 0, failed: 0 };
  const batchSize = options.batchSize ?? BATCH_SIZE;
  for (;;) {
    const claimed = await repo.claimDueDeliveries(db, now, {
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit: batchSize,
      perChannelPerMinute: PER_CHANNEL_PER_MINUTE,
    });
    if (claimed.length === 0) return totals;
    const channelIds = [...new Set(claimed.flatMap((c) => (c.channelId ? [c.channelId] : [])))];
    const channels = await repo.channelsForSend(db, channelIds);
    const results = await Promise.all(
      claimed.map(async (c) => {
        const outcome = await sendClaimed(c, channels.get(c.channelId ?? ''), now, options);
        return recordOutcome(db, c, outcome, now);
      }),
    );
    for (const r of results) totals[r]++;
    if (claimed.length < batchSize || options.isStopping?.()) return totals;
  }
}

/**
 * Starts the delivery worker: every few seconds it drains what is due (never two drains at once in one process).
 * stop() waits for a drain in progress and closes the SMTP connections.
 */
export function startDeliveryWorker(
  db: TDb,
  config: { smtpUrl: string | null; smtpFrom: string },
  log: TJobLog,
  intervalMs = POLL_INTERVAL_MS,
): { stop: () => Promise<void> } {
  let stopped = false;
  const options: TDeliveryOptions = {
    mail: config.smtpUrl ? { url: config.smtpUrl, from: config.smtpFrom } : null,
    isStopping: () => stopped,
  };
  let running: Promise<void> | null = null;
  const tick = () => {
    if (running || stopped) return;
    running = drainDeliveries(db, new Date(), options)
      .then((done) => {
        if (done.sent + done.retried + done.failed > 0) {
          log.info(`deliveries: ${done.sent} sent, ${done.retried} to retry, ${done.failed} failed`);
        }
      })
      .catch((error: unknown) => log.error(`deliveries: ${error instanceof Error ? error.message : String(error)}`))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, intervalMs);
  timer.unref();
  tick();
  return {
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      await running;
      closeMailTransports();
    },
  };
}
