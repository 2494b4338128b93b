import { sql } from 'drizzle-orm';
import { boolean, index, integer, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';

export const units = pgTable(
  'units',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    parentId: uuid('parent_id'),
    /** Materialised path: ancestors' ids and own id, each followed by '/'. */
    path: text('path').notNull(),
    name: text('name').notNull(),
    category: text('category').notNull(),
    sortOrder: integer('sort_order').notNull().default(0),
    isActive: boolean('is_active').notNull().default(true),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    // Paths compare bytewise (collate "C") so that prefix matches and ordering both use the index.
    index('units_path_idx').on(sql`${t.path} collate "C"`),
    index('units_parent_idx').on(t.parentId),
  ],
);

export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    username: text('username').notNull(),
    displayName: text('display_name').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The unit's path, kept here so a subtree's people are one index range (rewritten when units move). */
    unitPath: text('unit_path').notNull(),
    title: text('title'),
    phone: text('phone'),
    email: text('email'),
    passwordHash: text('password_hash').notNull(),
    mustChangePassword: boolean('must_change_password').notNull().default(false),
    isActive: boolean('is_active').notNull().default(true),
    /** When the latest lock of the account ends (from any address or account-wide), for the people pages. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    locale: text('locale').notNull().default('zh-CN'),
    passwordChangedAt: timestamp('password_changed_at', { withTimezone: true }).notNull().defaultNow(),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('users_username_idx').on(sql`lower(${t.username})`),
    index('users_unit_name_idx').on(t.unitId, t.displayName),
    index('users_unit_path_idx').on(sql`${t.unitPath} collate "C"`, t.displayName, t.id),
  ],
);

export const roleGrants = pgTable(
  'role_grants',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    role: text('role').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    includeSubtree: boolean('include_subtree').notNull().default(true),
    grantedBy: uuid('granted_by'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('role_grants_unique_idx').on(t.userId, t.role, t.unitId)],
);
