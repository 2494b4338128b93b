import { date, pgTable, text, timestamp, uuid } from 'drizzle-orm/pg-core';
import { users } from './org.ts';

/** The organisation's own departures from the official working-day calendar. */
export const calendarDays = pgTable('calendar_days', {
  day: date('day').primaryKey(),
  kind: text('kind').notNull(),
  name: text('name').notNull(),
  updatedBy: uuid('updated_by').references(() => users.id),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});
