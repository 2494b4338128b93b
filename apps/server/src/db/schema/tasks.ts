import { sql } from 'drizzle-orm';
import {
  bigserial,
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

export const taskLists = pgTable('task_lists', {
  id: uuid('id').primaryKey().defaultRandom(),
  name: text('name').notNull(),
  year: integer('year').notNull(),
  description: text('description'),
  createdBy: uuid('created_by').references(() => users.id),
  createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

export const tasks = pgTable(
  'tasks',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    listId: uuid('list_id')
      .notNull()
      .references(() => taskLists.id),
    parentId: uuid('parent_id'),
    title: text('title').notNull(),
    source: text('source').notNull(),
    tags: text('tags').array().notNull().default(sql`'{}'`),
    frontLine: text('front_line'),
    priority: text('priority').notNull().default('normal'),
    leadLeaderId: uuid('lead_leader_id').references(() => users.id),
    leadUnitId: uuid('lead_unit_id')
      .notNull()
      .references(() => units.id),
    coUnitIds: uuid('co_unit_ids').array().notNull().default(sql`'{}'`),
    ownerId: uuid('owner_id').references(() => users.id),
    cadence: text('cadence').notNull().default('weekly'),
    startDate: date('start_date').notNull(),
    dueDate: date('due_date').notNull(),
    state: text('state').notNull().default('draft'),
    progress: integer('progress').notNull().default(0),
    charter: jsonb('charter').notNull().default({}),
    closeSummary: text('close_summary'),
    /** The light in force (亮灯): null for a draft or cancelled task. */
    light: text('light'),
    /** When the light took its present colour: the clock of the escalation ladder. */
    lightSince: timestamp('light_since', { withTimezone: true }),
    /** The Shanghai day the task was assigned (签收 is due within working days of it). */
    assignedOn: date('assigned_on'),
    /** The Shanghai day the task was last heard of: its latest check-in or its acknowledgement. */
    lastReportOn: date('last_report_on'),
    /** The edit count (the ETag): a trigger (migration 0015) adds one whenever a field a person edits changes. */
    version: integer('version').notNull().default(1),
    createdBy: uuid('created_by').references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('tasks_list_idx').on(t.listId),
    index('tasks_parent_idx').on(t.parentId),
    index('tasks_owner_idx').on(t.ownerId),
    index('tasks_state_due_idx').on(t.state, t.dueDate),
    index('tasks_tags_idx').using('gin', t.tags),
    index('tasks_light_idx').on(t.light),
  ],
);

/**
 * How many tasks carry each light, by lead unit, by tag and by lead leader ('' for none): kept by triggers on tasks
 * (migration 0008), so that the light board never reads every task.
 */
export const lightCounts = pgTable(
  'light_counts',
  {
    dimension: text('dimension').notNull(),
    key: text('key').notNull(),
    light: text('light').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.dimension, t.key, t.light] })],
);

/**
 * How many tasks each unit leads per tag and light: kept by a trigger on tasks (migration 0010), so that a unit's
 * cockpit counts its subtree's tags without reading its tasks.
 */
export const unitTagLightCounts = pgTable(
  'unit_tag_light_counts',
  {
    unitId: uuid('unit_id').notNull(),
    tag: text('tag').notNull(),
    light: text('light').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.unitId, t.tag, t.light] })],
);

/** Every change of a task's light, with the rules that fired, the figures and the thresholds in force. */
export const lightHistory = pgTable(
  'light_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    light: text('light'),
    previous: text('previous'),
    rules: text('rules').array().notNull(),
    facts: jsonb('facts').notNull(),
    thresholds: jsonb('thresholds').notNull(),
    cause: text('cause').notNull(),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('light_history_task_idx').on(t.taskId, t.id)],
);

/** The units a task belongs to (its lead unit and co-units), with their paths: scope checks are one index range. */
export const taskUnits = pgTable(
  'task_units',
  {
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    unitPath: text('unit_path').notNull(),
    isLead: boolean('is_lead').notNull(),
    // The task's own state, due date and whether it is a top task (no parent), kept by triggers (migration 0011):
    // filled on insert, followed on every change of the task, so a unit subtree's list reads this table alone.
    state: text('state'),
    dueDate: date('due_date'),
    isTop: boolean('is_top'),
  },
  (t) => [
    primaryKey({ columns: [t.taskId, t.unitId] }),
    index('task_units_path_idx').on(sql`${t.unitPath} collate "C"`, t.taskId),
    // A subtree's tasks by state, due date first, from the index alone (the task list by unit).
    index('task_units_list_idx').on(sql`${t.unitPath} collate "C"`, t.state, t.dueDate, t.taskId, t.isTop),
    // The tasks a subtree leads, read from the index alone (a unit's cockpit).
    index('task_units_lead_path_idx').on(sql`${t.unitPath} collate "C"`, t.taskId).where(sql`${t.isLead}`),
  ],
);

export const milestones = pgTable(
  'milestones',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    seq: integer('seq').notNull(),
    title: text('title').notNull(),
    dueDate: date('due_date').notNull(),
    deliverable: text('deliverable'),
    weight: integer('weight').notNull().default(1),
    state: text('state').notNull().default('pending'),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** The edit count (the ETag): a trigger (migration 0015) adds one whenever any of its fields changes. */
    version: integer('version').notNull().default(1),
  },
  (t) => [uniqueIndex('milestones_task_seq_idx').on(t.taskId, t.seq)],
);

/** The activity stream of a task: every transition and change, with who, when and why. */
export const taskEvents = pgTable(
  'task_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    action: text('action').notNull(),
    fromState: text('from_state'),
    toState: text('to_state'),
    actorId: uuid('actor_id').references(() => users.id),
    reason: text('reason'),
    at: timestamp('at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('task_events_task_idx').on(t.taskId, t.at)],
);

/** Leaders' instructions (批示) and comments on a task. */
export const taskNotes = pgTable(
  'task_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    kind: text('kind').notNull(),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('task_notes_task_idx').on(t.taskId, t.createdAt),
    // The newest instructions across tasks, and a unit's tasks' instructions (the cockpit), without the comments.
    index('task_notes_kind_idx').on(t.kind, t.createdAt),
    index('task_notes_instruction_idx').on(t.taskId, t.createdAt).where(sql`${t.kind} = 'instruction'`),
  ],
);

/**
 * A leader's instruction as the people on the task answer it: who read it (已阅) and when, and their short account of
 * what was done (落实情况). One row per instruction and person.
 */
export const instructionResponses = pgTable(
  'instruction_responses',
  {
    noteId: uuid('note_id')
      .notNull()
      .references(() => taskNotes.id),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    readAt: timestamp('read_at', { withTimezone: true }).notNull().defaultNow(),
    reply: text('reply'),
    repliedAt: timestamp('replied_at', { withTimezone: true }),
  },
  (t) => [primaryKey({ columns: [t.noteId, t.userId] })],
);

/** The in-app inbox: what needs a person's attention. */
export const inboxItems = pgTable(
  'inbox_items',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id),
    kind: text('kind').notNull(),
    taskId: uuid('task_id').references(() => tasks.id),
    title: text('title').notNull(),
    body: text('body'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('inbox_items_user_idx').on(t.userId, t.id), index('inbox_items_created_idx').on(t.createdAt)],
);

/** Evidence files on a task, stored once under the data directory by content hash. */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    sha256: text('sha256').notNull(),
    filename: text('filename').notNull(),
    mime: text('mime').notNull(),
    size: integer('size').notNull(),
    uploadedBy: uuid('uploaded_by')
      .notNull()
      .references(() => users.id),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index('attachments_task_idx').on(t.taskId, t.createdAt)],
);

/** 揭榜挂帅: a hard task published as a call for bids. */
export const openCalls = pgTable(
  'open_calls',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    requirements: text('requirements').notNull(),
    eligibleUnitIds: uuid('eligible_unit_ids').array().notNull().default(sql`'{}'`),
    bidDeadline: timestamp('bid_deadline', { withTimezone: true }).notNull(),
    state: text('state').notNull().default('open'),
    awardedBidId: uuid('awarded_bid_id'),
    publishedBy: uuid('published_by')
      .notNull()
      .references(() => users.id),
    publishedAt: timestamp('published_at', { withTimezone: true }).notNull().defaultNow(),
    awardedBy: uuid('awarded_by').references(() => users.id),
    awardedAt: timestamp('awarded_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('open_calls_task_idx').on(t.taskId), index('open_calls_state_idx').on(t.state, t.bidDeadline)],
);

/** 揭榜: a unit's or cadre's bid on an open call, with plan and pledge; every bid stays on record. */
export const bids = pgTable(
  'bids',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    callId: uuid('call_id')
      .notNull()
      .references(() => openCalls.id),
    unitId: uuid('unit_id')
      .notNull()
      .references(() => units.id),
    bidderId: uuid('bidder_id')
      .notNull()
      .references(() => users.id),
    plan: text('plan').notNull(),
    pledge: text('pledge').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('bids_call_bidder_idx').on(t.callId, t.bidderId), index('bids_call_idx').on(t.callId)],
);

/**
 * One step of the escalation ladder (提醒 → 催办 → 督办 → 约谈) on a task: who raised it, to whom, when, and the
 * answer. A step raised by the sweep belongs to the light episode (`episode` = when the colour began) and is
 * raised once per episode; steps raised by hand carry no episode.
 */
export const escalations = pgTable(
  'escalations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    taskId: uuid('task_id')
      .notNull()
      .references(() => tasks.id),
    step: text('step').notNull(),
    origin: text('origin').notNull(),
    episode: timestamp('episode', { withTimezone: true }),
    raisedBy: uuid('raised_by').references(() => users.id),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull().defaultNow(),
    reason: text('reason'),
    recipientIds: uuid('recipient_ids').array().notNull(),
    /** The day an answer is due by (an urge notice or a supervision notice); null for a step that needs none. */
    answerDueOn: date('answer_due_on'),
    state: text('state').notNull().default('open'),
    answer: jsonb('answer'),
    answeredBy: uuid('answered_by').references(() => users.id),
    answeredAt: timestamp('answered_at', { withTimezone: true }),
    outcome: text('outcome'),
    outcomeBy: uuid('outcome_by').references(() => users.id),
    outcomeAt: timestamp('outcome_at', { withTimezone: true }),
  },
  (t) => [
    index('escalations_task_idx').on(t.taskId, t.raisedAt),
    index('escalations_state_idx').on(t.state, t.raisedAt),
    uniqueIndex('escalations_episode_idx').on(t.taskId, t.step, t.episode).where(sql`${t.episode} is not null`),
  ],
);

/**
 * The escalation ladder's steps still waiting on someone, counted per lead unit (`key`; '' for the whole county),
 * state, rung and day: open notices and admonitions by the day their answer is due ('infinity' for none), reminders
 * (state sent) by the Shanghai day they were sent. Kept by triggers on escalations and on tasks (a task moving to
 * another lead unit), migration 0010, so that the cockpit never counts the steps themselves.
 */
export const escalationCounts = pgTable(
  'escalation_counts',
  {
    key: text('key').notNull(),
    state: text('state').notNull(),
    step: text('step').notNull(),
    day: date('day').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.key, t.state, t.step, t.day] })],
);
