import { sql } from 'drizzle-orm';
import {
  boolean,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units, users } from './org.ts';
import { tasks } from './tasks.ts';

/** One submit of the Today page, kept by its client id so that a retried sync writes nothing new. */
export const checkInBatches = pgTable('check_in_batches', {
  clientId: uuid('client_id').primaryKey(),
  authorId: uuid('author_id')
    .notNull()
    .references(() => users.id),
  recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
  receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
  /** The answer given the first time, returned again for a duplicate. */
  result: jsonb('result').notNull(),
});

/** A check-in (日清): one person's entry on one task for one day. */
export const checkIns = pgTable(
  'check_ins',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    /** The unit a liaison reported for. */
    onBehalfOfUnitId: uuid('on_behalf_of_unit_id').references(() => units.id),
    clientId: uuid('client_id').references(() => checkInBatches.clientId),
    kind: text('kind').notNull(),
    notice: text('notice'),
    /** The Shanghai day and ISO week of recordedAt. */
    day: date('day').notNull(),
    week: text('week').notNull(),
    recordedAt: timestamp('recorded_at', { withTimezone: true }).notNull(),
    receivedAt: timestamp('received_at', { withTimezone: true }).notNull().defaultNow(),
    noChange: boolean('no_change').notNull().default(false),
    progressBefore: integer('progress_before').notNull(),
    progress: integer('progress').notNull(),
    done: text('done'),
    next: text('next'),
    blocker: text('blocker'),
    progressReason: text('progress_reason'),
    milestoneIds: uuid('milestone_ids').array().notNull().default(sql`'{}'`),
    photoIds: uuid('photo_ids').array().notNull().default(sql`'{}'`),
    correctsId: uuid('corrects_id'),
    editedAt: timestamp('edited_at', { withTimezone: true }),
  },
  (t) => [
    index('check_ins_task_idx').on(t.taskId, t.recordedAt),
    index('check_ins_author_idx').on(t.authorId, t.day),
    index('check_ins_week_idx').on(t.week, t.taskId),
  ],
);

/** The weekly roll-up (周结) of a unit: generated from the week's check-ins, confirmed by the unit head. */
export const weeklyRollups = pgTable(
  'weekly_rollups',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    week: text('week').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    state: text('state').notNull().default('draft'),
    summary: jsonb('summary').notNull(),
    tasks: jsonb('tasks').notNull(),
    generatedAt: timestamp('generated_at', { withTimezone: true }).notNull().defaultNow(),
    confirmedBy: uuid('confirmed_by').references(() => users.id),
    confirmedAt: timestamp('confirmed_at', { withTimezone: true }),
    annotation: text('annotation'),
  },
  (t) => [
    uniqueIndex('weekly_rollups_week_unit_idx').on(t.week, t.unitId),
    // A unit's latest roll-up (a unit's cockpit).
    index('weekly_rollups_unit_idx').on(t.unitId, t.week),
  ],
);

/** The burden meter: what the check-in screen asked of a person on a day, and what it cost them. */
export const checkInBurden = pgTable(
  'check_in_burden',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    day: date('day').notNull(),
    week: text('week').notNull(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    unitPath: text('unit_path').notNull(),
    entriesAsked: integer('entries_asked').notNull().default(0),
    fieldsAsked: integer('fields_asked').notNull().default(0),
    entriesMade: integer('entries_made').notNull().default(0),
    fieldsFilled: integer('fields_filled').notNull().default(0),
    secondsOpen: integer('seconds_open').notNull().default(0),
  },
  (t) => [
    primaryKey({ columns: [t.userId, t.day] }),
    index('check_in_burden_week_idx').on(t.week, sql`${t.unitPath} collate "C"`),
  ],
);
