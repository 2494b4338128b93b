import { z } from 'zod';
import { ZPageQuery } from './common.ts';
import { zId, zText } from './org.ts';

/** Where a notification can go: three group robots and e-mail (DESIGN.md §3 "Notifications"). */
export const CHANNEL_KINDS = ['dingtalk', 'wecom', 'feishu', 'email'] as const;
export type TChannelKind = (typeof CHANNEL_KINDS)[number];

/** The group robots, reached by a webhook URL. */
export const ROBOT_KINDS = ['dingtalk', 'wecom', 'feishu'] as const satisfies readonly TChannelKind[];

/** The robots whose platform signs requests with a secret (DingTalk 加签, Feishu 签名校验); WeCom does not. */
export const SIGNED_KINDS = ['dingtalk', 'feishu'] as const satisfies readonly TChannelKind[];

/**
 * What a channel can carry: the escalation ladder's steps, bulletins, the daily digest, and the audit chain's
 * daily anchor (its head, for a county-wide channel to keep outside the platform).
 */
export const NOTIFICATION_EVENTS = [
  'remind',
  'urge',
  'supervisionNotice',
  'admonish',
  'bulletin',
  'digest',
  'auditAnchor',
] as const;
export type TNotificationEvent = (typeof NOTIFICATION_EVENTS)[number];

/** The events a person also gets by e-mail (when they have an address): the urgent ones and the daily digest. */
export const PERSONAL_EMAIL_EVENTS = [
  'urge',
  'supervisionNotice',
  'admonish',
  'digest',
] as const satisfies readonly TNotificationEvent[];

/** A delivery's event: a notification event, or a test message sent by hand. */
export const DELIVERY_EVENTS = [...NOTIFICATION_EVENTS, 'test'] as const;
export type TDeliveryEvent = (typeof DELIVERY_EVENTS)[number];

export const DELIVERY_STATES = ['queued', 'sent', 'failed'] as const;
export type TDeliveryState = (typeof DELIVERY_STATES)[number];

/**
 * The waits before the 2nd, 3rd, 4th and 5th attempt of a delivery, in minutes; the 5th failure marks it failed.
 * Robots limit senders to about 20 messages a minute, so the retries spread out rather than hammer.
 */
export const DELIVERY_BACKOFF_MINUTES = [1, 5, 30, 120] as const;
export const MAX_DELIVERY_ATTEMPTS = DELIVERY_BACKOFF_MINUTES.length + 1;

/** When a delivery that failed its attempt number `attempts` is tried again, or null when it has had its last. */
export function nextAttemptAt(attempts: number, failedAt: Date): Date | null {
  const minutes = DELIVERY_BACKOFF_MINUTES[attempts - 1];
  return minutes === undefined ? null : new Date(failedAt.getTime() + minutes * 60_000);
}

/** What is sent: a title, plain text with light markdown (headings, bold, lists), and an optional link. */
export const ZNotificationMessage = z.object({
  title: zText(120),
  text: z.string().max(4000),
  link: z
    .url({ protocol: /^https?$/ })
    .max(2000)
    .optional(),
});
export type TNotificationMessage = z.infer<typeof ZNotificationMessage>;

const zEmail = z.email().max(254);
const zEvents = z
  .array(z.enum(NOTIFICATION_EVENTS))
  .min(1)
  .max(NOTIFICATION_EVENTS.length)
  .refine((events) => new Set(events).size === events.length, 'each event once');
/** A robot's signing secret: write-only, never returned. */
const zSecret = zText(200);

export const ZCreateChannelRequest = z
  .object({
    name: zText(100),
    kind: z.enum(CHANNEL_KINDS),
    /** The unit whose notifications (and its sub-units') the channel carries; null: the whole county. */
    unitId: zId.nullable(),
    /** A robot's webhook URL (https; checked against private addresses). */
    url: zText(2000).nullish(),
    /** The addresses of an e-mail channel. */
    addresses: z.array(zEmail).max(50).optional(),
    secret: zSecret.nullish(),
    events: zEvents,
    enabled: z.boolean().default(true),
  })
  .strict();
export type TCreateChannelRequest = z.infer<typeof ZCreateChannelRequest>;

/** A change to a channel: its kind stays; a secret absent is kept, null removes it. */
export const ZUpdateChannelRequest = z
  .object({
    name: zText(100).optional(),
    unitId: zId.nullable().optional(),
    url: zText(2000).nullable().optional(),
    addresses: z.array(zEmail).max(50).optional(),
    secret: zSecret.nullable().optional(),
    events: zEvents.optional(),
    enabled: z.boolean().optional(),
  })
  .strict();
export type TUpdateChannelRequest = z.infer<typeof ZUpdateChannelRequest>;

/** What a channel of a kind must and must not have, or null when the shape is right. */
export function channelShapeProblem(
  kind: TChannelKind,
  values: { url: string | null; addresses: string[]; secret: string | null },
): { field: 'url' | 'addresses' | 'secret'; message: string } | null {
  if (kind === 'email') {
    if (values.url) return { field: 'url', message: 'an e-mail channel has addresses, not a URL' };
    if (values.addresses.length === 0) return { field: 'addresses', message: 'an e-mail channel needs an address' };
    if (values.secret) return { field: 'secret', message: 'an e-mail channel has no secret' };
    return null;
  }
  if (!values.url) return { field: 'url', message: 'a robot needs its webhook URL' };
  if (values.addresses.length > 0) return { field: 'addresses', message: 'a robot has a URL, not addresses' };
  if (values.secret && !(SIGNED_KINDS as readonly string[]).includes(kind)) {
    return { field: 'secret', message: 'WeCom robots are not signed: no secret' };
  }
  return null;
}

export const ZChannel = z.object({
  id: zId,
  name: z.string(),
  kind: z.enum(CHANNEL_KINDS),
  unitId: zId.nullable(),
  unitName: z.string().nullable(),
  url: z.string().nullable(),
  addresses: z.array(z.string()),
  /** The secret itself is write-only. */
  hasSecret: z.boolean(),
  events: z.array(z.enum(NOTIFICATION_EVENTS)),
  enabled: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type TChannel = z.infer<typeof ZChannel>;

export const ZChannelQuery = ZPageQuery.extend({ unitId: zId.optional() });

export const ZDelivery = z.object({
  id: z.number().int(),
  channelId: zId.nullable(),
  channelName: z.string().nullable(),
  /** The person of a personal e-mail. */
  userId: zId.nullable(),
  userName: z.string().nullable(),
  kind: z.enum(CHANNEL_KINDS),
  /** Where it went: the webhook URL with its tokens masked, or the e-mail addresses. */
  target: z.string(),
  event: z.enum(DELIVERY_EVENTS),
  title: z.string(),
  state: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  nextAttemptAt: z.string().nullable(),
  lastError: z.string().nullable(),
  sentAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TDelivery = z.infer<typeof ZDelivery>;

export const ZDeliveryQuery = ZPageQuery.extend({
  state: z.enum(DELIVERY_STATES).optional(),
  channelId: zId.optional(),
});
export type TDeliveryQuery = z.infer<typeof ZDeliveryQuery>;
