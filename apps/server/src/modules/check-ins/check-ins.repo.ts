import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { checkInBatches, checkInBurden, checkIns, milestones, tasks, units, users } from '../../db/schema/index.ts';
import { preparedOnce, preparedSql, type TQueryable } from '../../platform/db/client.ts';

export type TCheckInRow = typeof checkIns.$inferSelect;

const p = (name: string) => sql.placeholder(name);

/** Claims a client id for this submit; null when it was used before (the caller returns the first answer). */
export async function claimBatch(db: TQueryable, clientId: string, authorId: string, recordedAt: Date) {
  const name = 'check_in_claim_batch';
  const statement = preparedOnce(db, name, () =>
    db
      .insert(checkInBatches)
      .values({ clientId: p('clientId'), authorId: p('authorId'), recordedAt: p('recordedAt'), result: {} })
      .onConflictDoNothing()
      .returning({ clientId: checkInBatches.clientId })
      .prepare(name),
  );
  const rows = await statement.execute({ clientId, authorId, recordedAt });
  return rows.length > 0;
}

export async function findBatch(db: TQueryable, clientId: string) {
  const [row] = await db.select().from(checkInBatches).where(eq(checkInBatches.clientId, clientId));
  return row ?? null;
}

export async function saveBatchResult(db: TQueryable, clientId: string, result: unknown) {
  const name = 'check_in_save_batch_result';
  const statement = preparedOnce(db, name, () =>
    db
      .update(checkInBatches)
      .set({ result: sql`${p('result')}::jsonb` })
      .where(eq(checkInBatches.clientId, p('clientId')))
      .prepare(name),
  );
  await statement.execute({ clientId, result: JSON.stringify(result) });
}

/** The columns of a new check-in: every one but those the database fills (id, received, edited). */
export type TNewCheckIn = Omit<typeof checkIns.$inferInsert, 'id' | 'receivedAt' | 'editedAt'>;

const NEW_CHECK_IN_COLUMNS = [
  'taskId',
  'authorId',
  'onBehalfOfUnitId',
  'clientId',
  'kind',
  'notice',
  'day',
  'week',
  'recordedAt',
  'noChange',
  'progressBefore',
  'progress',
  'done',
  'next',
  'blocker',
  'progressReason',
  'milestoneIds',
  'photoIds',
  'correctsId',
] as const satisfies readonly (keyof TNewCheckIn)[];

/** Inserts a check-in: one prepared statement. */
export async function insertCheckIn(db: TQueryable, values: TNewCheckIn): Promise<TCheckInRow> {
  const name = 'check_in_insert';
  const statement = preparedOnce(db, name, () =>
    db
      .insert(checkIns)
      .values(Object.fromEntries(NEW_CHECK_IN_COLUMNS.map((c) => [c, p(c)])) as unknown as typeof checkIns.$inferInsert)
      .returning()
      .prepare(name),
  );
  const filled: TNewCheckIn = { noChange: false, milestoneIds: [], photoIds: [], ...values };
  const [row] = await statement.execute(Object.fromEntries(NEW_CHECK_IN_COLUMNS.map((c) => [c, filled[c] ?? null])));
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function findCheckIn(db: TQueryable, id: string): Promise<TCheckInRow | null> {
  const [row] = await db.select().from(checkIns).where(eq(checkIns.id, id));
  return row ?? null;
}

/** What an entry needs of its task beyond the row: its milestones' ids, and whether sub-tasks carry its progress. */
export async function entryFacts(
  db: TQueryable,
  taskId: string,
): Promise<{ milestoneIds: string[]; rollsUp: boolean }> {
  const run = preparedSql<{ milestoneIds: string[]; rollsUp: boolean }>(
    db,
    'check_in_entry_facts',
    () => sql`
    select coalesce((select array_agg(m.id) from ${milestones} m where m.task_id = ${p('taskId')}::uuid), '{}') as "milestoneIds",
      exists (select 1 from ${tasks} c where c.parent_id = ${p('taskId')}::uuid and c.state <> 'cancelled') as "rollsUp"`,
  );
  const [row] = await run({ taskId });
  return row ?? { milestoneIds: [], rollsUp: false };
}

export async function markMilestonesDone(db: TQueryable, ids: string[], at: Date) {
  if (ids.length === 0) return [];
  return db
    .update(milestones)
    .set({ state: 'done', doneAt: at })
    .where(and(inArray(milestones.id, ids), eq(milestones.state, 'pending')))
    .returning({ id: milestones.id, title: milestones.title });
}

/**
 * What an applied entry does to its task, in one statement: its progress and state when they move (then its
 * `updated_at`), and its last-heard-of day. Prepared once per connection.
 */
export async function reportOnTask(
  db: TQueryable,
  report: { taskId: string; day: string; progress: number | null; state: string | null },
) {
  const name = 'check_in_report_on_task';
  const statement = preparedOnce(db, name, () => {
    const progress = sql`${p('progress')}::integer`;
    const state = sql`${p('state')}::text`;
    const day = sql`${p('day')}::date`;
    return db
      .update(tasks)
      .set({
        progress: sql`coalesce(${progress}, ${tasks.progress})`,
        state: sql`coalesce(${state}, ${tasks.state})`,
        lastReportOn: sql`greatest(coalesce(${tasks.lastReportOn}, ${day}), ${day})`,
        updatedAt: sql`case when ${progress} is null and ${state} is null then ${tasks.updatedAt} else now() end`,
      })
      .where(eq(tasks.id, p('taskId')))
      .prepare(name);
  });
  await statement.execute(report);
}

const author = alias(users, 'author');

/** The task's check-ins, newest first, with their authors' and units' names. */
export function listTaskCheckIns(db: TQueryable, taskId: string, limit: number) {
  return db
    .select({ checkIn: checkIns, authorName: author.displayName, unitName: units.name })
    .from(checkIns)
    .innerJoin(author, eq(author.id, checkIns.authorId))
    .leftJoin(units, eq(units.id, checkIns.onBehalfOfUnitId))
    .where(eq(checkIns.taskId, taskId))
    .orderBy(desc(checkIns.recordedAt), desc(checkIns.receivedAt))
    .limit(limit);
}

export async function findCheckInView(db: TQueryable, id: string) {
  const [row] = await db
    .select({ checkIn: checkIns, authorName: author.displayName, unitName: units.name })
    .from(checkIns)
    .innerJoin(author, eq(author.id, checkIns.authorId))
    .leftJoin(units, eq(units.id, checkIns.onBehalfOfUnitId))
    .where(eq(checkIns.id, id));
  return row ?? null;
}

export type TCheckInView = NonNullable<Awaited<ReturnType<typeof findCheckInView>>>;

/** Adds to a person's burden for a day what they entered and how long the screen was open: one prepared statement. */
export async function addBurden(
  db: TQueryable,
  key: { userId: string; day: string; week: string; unitId: string; unitPath: string },
  add: { entriesMade: number; fieldsFilled: number; secondsOpen: number },
) {
  const name = 'check_in_add_burden';
  const statement = preparedOnce(db, name, () => {
    const b = checkInBurden;
    return db
      .insert(b)
      .values({
        userId: p('userId'),
        day: p('day'),
        week: p('week'),
        unitId: p('unitId'),
        unitPath: p('unitPath'),
        entriesMade: p('entriesMade'),
        fieldsFilled: p('fieldsFilled'),
        secondsOpen: p('secondsOpen'),
      })
      .onConflictDoUpdate({
        target: [b.userId, b.day],
        set: {
          entriesMade: sql`${b.entriesMade} + excluded.entries_made`,
          fieldsFilled: sql`${b.fieldsFilled} + excluded.fields_filled`,
          secondsOpen: sql`${b.secondsOpen} + excluded.seconds_open`,
        },
      })
      .prepare(name);
  });
  await statement.execute({ ...key, ...add });
}

/** Records what the check-in screen asked of a person today: the most it asked that day. */
export async function recordAsked(
  db: TQueryable,
  key: { userId: string; day: string; week: string; unitId: string; unitPath: string },
  asked: { entries: number; fields: number },
) {
  const b = checkInBurden;
  await db
    .insert(b)
    .values({ ...key, entriesAsked: asked.entries, fieldsAsked: asked.fields })
    .onConflictDoUpdate({
      target: [b.userId, b.day],
      set: {
        entriesAsked: sql`greatest(${b.entriesAsked}, excluded.entries_asked)`,
        fieldsAsked: sql`greatest(${b.fieldsAsked}, excluded.fields_asked)`,
      },
      setWhere: sql`${b.entriesAsked} < excluded.entries_asked or ${b.fieldsAsked} < excluded.fields_asked`,
    });
}
