import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { checkInBatches, checkInBurden, checkIns, milestones, tasks, units, users } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

export type TCheckInRow = typeof checkIns.$inferSelect;

/** Claims a client id for this submit; null when it was used before (the caller returns the first answer). */
export async function claimBatch(db: TQueryable, clientId: string, authorId: string, recordedAt: Date) {
  const rows = await db
    .insert(checkInBatches)
    .values({ clientId, authorId, recordedAt, result: {} })
    .onConflictDoNothing()
    .returning({ clientId: checkInBatches.clientId });
  return rows.length > 0;
}

export async function findBatch(db: TQueryable, clientId: string) {
  const [row] = await db.select().from(checkInBatches).where(eq(checkInBatches.clientId, clientId));
  return row ?? null;
}

export async function saveBatchResult(db: TQueryable, clientId: string, result: unknown) {
  await db.update(checkInBatches).set({ result }).where(eq(checkInBatches.clientId, clientId));
}

export async function insertCheckIn(db: TQueryable, values: typeof checkIns.$inferInsert): Promise<TCheckInRow> {
  const [row] = await db.insert(checkIns).values(values).returning();
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
  const { rows } = await db.execute<{ milestoneIds: string[]; rollsUp: boolean }>(sql`
    select coalesce((select array_agg(m.id) from ${milestones} m where m.task_id = ${taskId}), '{}') as "milestoneIds",
      exists (select 1 from ${tasks} c where c.parent_id = ${taskId} and c.state <> 'cancelled') as "rollsUp"`);
  return rows[0] ?? { milestoneIds: [], rollsUp: false };
}

export async function markMilestonesDone(db: TQueryable, ids: string[], at: Date) {
  if (ids.length === 0) return [];
  return db
    .update(milestones)
    .set({ state: 'done', doneAt: at })
    .where(and(inArray(milestones.id, ids), eq(milestones.state, 'pending')))
    .returning({ id: milestones.id, title: milestones.title });
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

/** Adds to a person's burden for a day: what they entered and how long the screen was open. */
export async function addBurden(
  db: TQueryable,
  key: { userId: string; day: string; week: string; unitId: string; unitPath: string },
  add: {
    entriesAsked?: number;
    fieldsAsked?: number;
    entriesMade?: number;
    fieldsFilled?: number;
    secondsOpen?: number;
  },
) {
  const b = checkInBurden;
  await db
    .insert(b)
    .values({ ...key, ...add })
    .onConflictDoUpdate({
      target: [b.userId, b.day],
      set: {
        entriesMade: sql`${b.entriesMade} + excluded.entries_made`,
        fieldsFilled: sql`${b.fieldsFilled} + excluded.fields_filled`,
        secondsOpen: sql`${b.secondsOpen} + excluded.seconds_open`,
      },
    });
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
