import {
  PERSONAL_EMAIL_EVENTS,
  type TNotificationEvent,
  type TNotificationMessage,
  ZNotificationMessage,
} from '@duban/domain';
import type { TTx } from '../../platform/db/client.ts';
import * as repo from './notifications.repo.ts';
import { redactUrl } from './webhook-url.ts';

export interface TNotificationInput {
  event: TNotificationEvent;
  /** The units the notification is about: their channels, their ancestors' and the county-wide ones carry it. */
  unitIds: string[];
  /** The people it is for: those with an e-mail address get it by e-mail when the event is urgent (or the digest). */
  userIds: (string | null | undefined)[];
  message: TNotificationMessage;
}

/** Where a channel's deliveries say they went: the masked webhook URL, or the addresses. */
export const channelTarget = (channel: { kind: string; url: string | null; addresses: string[] }): string =>
  channel.kind === 'email' ? channel.addresses.join(', ') : redactUrl(channel.url ?? '');

/** The message cut to what the schema allows: a notification never fails its caller for being long. */
function fitMessage(message: TNotificationMessage): TNotificationMessage {
  const fitted = {
    title: message.title.trim().slice(0, 120) || '督办通知',
    text: message.text.slice(0, 4000),
    ...(message.link ? { link: message.link } : {}),
  };
  const checked = ZNotificationMessage.safeParse(fitted);
  return checked.success ? checked.data : { title: fitted.title.replace(/\p{Cc}/gu, ' '), text: fitted.text };
}

/**
 * Queues a notification inside the caller's transaction: a delivery for every enabled channel that carries the
 * event and reaches one of the units, and an e-mail for every person with an address when the event calls for
 * one. Nothing is sent here: the delivery worker sends after the commit, so a robot that is down can neither slow
 * nor fail the write that caused it; the queueing itself runs in a savepoint, so even its failure leaves the
 * caller's transaction intact. Returns the number of deliveries queued.
 */
export async function enqueueNotification(tx: TTx, input: TNotificationInput, now = new Date()): Promise<number> {
  const message = fitMessage(input.message);
  const unitIds = [...new Set(input.unitIds)];
  const userIds = [...new Set(input.userIds.filter((id): id is string => Boolean(id)))];
  try {
    return await tx.transaction(async (savepoint) => {
      const channels = await repo.channelsForEvent(savepoint, input.event, unitIds);
      const people = (PERSONAL_EMAIL_EVENTS as readonly string[]).includes(input.event)
        ? await repo.usersWithEmail(savepoint, userIds)
        : [];
      const rows: repo.TNewDelivery[] = [
        ...channels.map((c) => ({
          channelId: c.id,
          userId: null,
          kind: c.kind,
          target: channelTarget(c),
          event: input.event,
          message,
          nextAttemptAt: now,
        })),
        ...people.map((p) => ({
          channelId: null,
          userId: p.id,
          kind: 'email',
          target: p.email ?? '',
          event: input.event,
          message,
          nextAttemptAt: now,
        })),
      ];
      await repo.insertDeliveries(savepoint, rows);
      return rows.length;
    });
  } catch (error) {
    process.emitWarning(`notifications: the ${input.event} notification was not queued: ${String(error)}`);
    return 0;
  }
}

/**
 * Which of the events anything could carry at all: an enabled channel subscribed to it, or (for the personal ones)
 * anyone among the people with an e-mail address. Lets a sweep that raises thousands of steps skip queueing when
 * nobody has set up a robot or an address.
 */
export async function reachableEvents(
  tx: TTx,
  events: TNotificationEvent[],
  userIds: string[],
): Promise<Set<TNotificationEvent>> {
  const subscribed = await repo.subscribedEvents(tx, events);
  const personal = events.filter((e) => (PERSONAL_EMAIL_EVENTS as readonly string[]).includes(e));
  if (personal.length > 0 && userIds.length > 0 && (await repo.anyWithEmail(tx, userIds))) {
    for (const e of personal) subscribed.add(e);
  }
  return subscribed;
}
