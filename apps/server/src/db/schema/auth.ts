import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, primaryKey, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { users } from './org.ts';

export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 of the cookie's token; the token itself is never stored. */
    tokenHash: text('token_hash').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    csrfToken: text('csrf_token').notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    lastSeenAt: timestamp('last_seen_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

export const apiTokens = pgTable(
  'api_tokens',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    name: text('name').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    prefix: text('prefix').notNull(),
    access: text('access').notNull(),
    /** Grants of the owner the token may use; null = all of the owner's grants at use time. */
    grantIds: jsonb('grant_ids').$type<string[] | null>(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }),
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [index('api_tokens_user_idx').on(t.userId)],
);

export const settings = pgTable('settings', {
  key: text('key').primaryKey(),
  value: jsonb('value').notNull(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Failed logins counted per account and client address, and per account across all addresses (address '*'): a
 * login reserves its check here before the password is verified, so a burst cannot have more passwords checked
 * than the policy allows, and failures from one address do not lock the owner out from another.
 */
export const loginThrottles = pgTable(
  'login_throttles',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    /** The client address, or '*' for the account-wide count. */
    address: text('address').notNull(),
    /** Passwords checked (or being checked) since the last success or the end of the last lock. */
    attempts: integer('attempts').notNull(),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.address] })],
);

/**
 * A two-person reset of a privileged account's password (三员分立): one administrator opens it and is shown the
 * first half of a new password, a second administrator of another of the three roles confirms it and is shown the
 * second half. Neither alone knows the password; the owner joins the halves, logs in and must change it at once.
 */
export const privilegedResets = pgTable(
  'privileged_resets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    openedBy: uuid('opened_by')
      .notNull()
      .references(() => users.id),
    openedRole: text('opened_role').notNull(),
    /** The opener's half, kept only until the reset is confirmed, cancelled or expires. */
    firstHalf: text('first_half'),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedRole: text('confirmed_role'),
    /** open → confirmed | cancelled (an open reset past expires_at is treated as cancelled). */
    state: text('state').notNull().default('open'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    closedAt: timestamp('closed_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('privileged_resets_open_idx').on(t.userId).where(sql`state = 'open'`)],
);
