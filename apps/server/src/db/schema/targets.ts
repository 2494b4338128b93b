import { sql } from 'drizzle-orm';
import {
  bigserial,
  index,
  integer,
  jsonb,
  numeric,
  pgTable,
  primaryKey,
  real,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { units, users } from './org.ts';

const figure = (name: string) => numeric(name, { precision: 16, scale: 2, mode: 'number' });

/**
 * The pace figures kept on a target (the county's) and on each allocation (a unit's): what the pace rule last
 * computed, so the list, the cockpit and assessments read one row instead of adding up actuals.
 */
const paceColumns = () => ({
  /** The figure to date; null when nothing is reported. */
  actual: figure('actual'),
  /** The latest month reported (1–12), or null. */
  lastMonth: integer('last_month'),
  paceMonth: integer('pace_month').notNull().default(0),
  doneShare: real('done_share').notNull().default(0),
  expectedShare: real('expected_share').notNull().default(0),
  behind: real('behind').notNull().default(0),
  light: text('light').notNull().default('green'),
  lightSince: timestamp('light_since', { withTimezone: true }),
});

/** A yearly target (年度目标) of a unit (the county's, usually). */
export const targets = pgTable(
  'targets',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    year: integer('year').notNull(),
    name: text('name').notNull(),
    measure: text('measure').notNull(),
    kind: text('kind').notNull(),
    direction: text('direction').notNull(),
    accumulation: text('accumulation').notNull(),
    total: figure('total').notNull(),
    /** Cumulative planned figures by month end (12), or null. */
    monthlyPlan: jsonb('monthly_plan').$type<number[] | null>(),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The unit that reports every unit's actuals (the statistics department), or null. */
    reportingUnitId: uuid('reporting_unit_id').references(() => units.id),
    note: text('note'),
    ...paceColumns(),
    /**
     * The edit count (the ETag): a trigger (migration 0015) adds one whenever a field a person edits changes; a new
     * set of allocations adds one too. The kept pace figures do not move it.
     */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('targets_year_idx').on(t.year, t.name),
    uniqueIndex('targets_year_name_idx').on(t.unitId, t.year, t.name),
  ],
);

/** A target's share for one unit (目标分解). */
export const targetAllocations = pgTable(
  'target_allocations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    /** The unit's path, for scope checks in one index range. */
    unitPath: text('unit_path').notNull(),
    amount: figure('amount').notNull(),
    ...paceColumns(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('target_allocations_target_unit_idx').on(t.targetId, t.unitId),
    index('target_allocations_path_idx').on(sql`${t.unitPath} collate "C"`, t.targetId),
  ],
);

/**
 * A reported figure (实绩): one row per target, unit and month — reported once, corrected in place (the audit keeps
 * every value). The target's own unit's rows are the county's figure.
 */
export const targetActuals = pgTable(
  'target_actuals',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    month: integer('month').notNull(),
    value: figure('value').notNull(),
    note: text('note'),
    reportedBy: uuid('reported_by')
      .notNull()
      .references(() => users.id),
    reportedAt: timestamp('reported_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('target_actuals_target_unit_month_idx').on(t.targetId, t.unitId, t.month)],
);

/** Each change of a target's or an allocation's pace light, with the figures and the threshold in force. */
export const targetLightHistory = pgTable(
  'target_light_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    targetId: uuid('target_id')
      .notNull()
      .references(() => targets.id),
    /** null: the county's light (the target's own). */
    allocationId: uuid('allocation_id').references(() => targetAllocations.id),
    light: text('light').notNull(),
    previous: text('previous'),
    facts: jsonb('facts').notNull(),
    thresholds: jsonb('thresholds').notNull(),
    cause: text('cause').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('target_light_history_idx').on(t.targetId, t.allocationId, t.id)],
);

/**
 * How many allocations of each target carry each pace light: kept by triggers on target_allocations (migration
 * 0010), so that the cockpit and the target list count a year's allocations without reading them.
 */
export const allocationLightCounts = pgTable(
  'allocation_light_counts',
  {
    targetId: uuid('target_id').notNull(),
    light: text('light').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.targetId, t.light] })],
);
