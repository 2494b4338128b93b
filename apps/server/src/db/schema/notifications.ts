import { sql } from 'drizzle-orm';
import { bigserial, boolean, index, integer, jsonb, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { units, users } from './org.ts';

/** Where notifications go besides the inbox: a group robot (DingTalk, WeCom, Feishu) or e-mail addresses. */
export const notificationChannels = pgTable(
  'notification_channels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    /** The unit whose notifications (its subtree's) the channel carries; null: the whole county. */
    unitId: uuid('unit_id').references(() => units.id),
    kind: text('kind').notNull(),
    name: text('name').notNull(),
    /** A robot's webhook URL (its access token or key included). */
    url: text('url'),
    addresses: text('addresses').array().notNull().default(sql`'{}'`),
    /** The signing secret of a DingTalk or Feishu robot: write-only, applied at send time. */
    secret: text('secret'),
    events: text('events').array().notNull().default(sql`'{}'`),
    enabled: boolean('enabled').notNull().default(true),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('notification_channels_unit_idx').on(t.unitId)],
);

/** Every message sent (or to be sent) to a channel or a person's e-mail: the queue and its log. */
export const deliveries = pgTable(
  'deliveries',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    /** Kept when the channel is deleted (then null), so the log stays. */
    channelId: uuid('channel_id').references(() => notificationChannels.id, { onDelete: 'set null' }),
    /** The person of a personal e-mail. */
    userId: uuid('user_id').references(() => users.id),
    kind: text('kind').notNull(),
    /** The webhook URL with its tokens masked, or the e-mail addresses. */
    target: text('target').notNull(),
    event: text('event').notNull(),
    message: jsonb('message').notNull(),
    state: text('state').notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    /** When a queued delivery is next due (a claimed one: when its claim lapses); null once sent or failed. */
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
    lastError: text('last_error'),
    /** When the last attempt was claimed: robots take about 20 messages a minute, so sends to a channel are paced. */
    attemptedAt: timestamp('attempted_at', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('deliveries_due_idx').on(t.state, t.nextAttemptAt),
    index('deliveries_state_idx').on(t.state, t.id),
    index('deliveries_channel_idx').on(t.channelId, t.id),
    index('deliveries_user_idx').on(t.userId, t.id),
    index('deliveries_attempted_idx').on(t.attemptedAt),
  ],
);
