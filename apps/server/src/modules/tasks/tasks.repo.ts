import type { TTaskFilter } from '@duban/domain';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { milestones, taskEvents, taskLists, taskNotes, tasks, taskUnits, units, users } from '../../db/schema/index.ts';
import { escapeLike, subtreeCondition } from '../../platform/access/access.ts';
import type { TQueryable } from '../../platform/db/client.ts';

export type TTaskRow = typeof tasks.$inferSelect;

const owner = alias(users, 'owner');
const leader = alias(users, 'leader');
const leadUnit = alias(units, 'lead_unit');

/** The columns of a task summary, joined with the names the client shows. */
export const summarySelection = {
  task: tasks,
  listName: taskLists.name,
  leadUnitName: leadUnit.name,
  leadUnitPath: leadUnit.path,
  ownerName: owner.displayName,
  leadLeaderName: leader.displayName,
  coUnits: sql<{ id: string; name: string }[]>`coalesce((
    select json_agg(json_build_object('id', cu.id, 'name', cu.name) order by x.n)
    from unnest(${tasks.coUnitIds}) with ordinality as x(id, n) join ${units} cu on cu.id = x.id), '[]'::json)`,
};

const summaryQuery = (db: TQueryable) =>
  db
    .select(summarySelection)
    .from(tasks)
    .innerJoin(taskLists, eq(taskLists.id, tasks.listId))
    .innerJoin(leadUnit, eq(leadUnit.id, tasks.leadUnitId))
    .leftJoin(owner, eq(owner.id, tasks.ownerId))
    .leftJoin(leader, eq(leader.id, tasks.leadLeaderId));

export type TTaskSummaryRow = Awaited<ReturnType<ReturnType<typeof summaryQuery>['execute']>>[number];

/** The task's unit paths and sub-task owners: what the policy needs beyond the row. */
const accessSelection = {
  ...summarySelection,
  unitPaths: sql<
    string[]
  >`coalesce((select array_agg(tu.unit_path) from ${taskUnits} tu where tu.task_id = ${tasks.id}), '{}')`,
  subtaskOwnerIds: sql<string[]>`coalesce((select array_agg(distinct sub.owner_id) from ${tasks} sub
    where sub.parent_id = ${tasks.id} and sub.owner_id is not null), '{}')`,
};

/**
 * One task with its summary names and what the policy needs (its unit paths, its sub-tasks' owners): one prepared
 * statement, planned once per connection.
 */
export async function findTaskForAccess(db: TQueryable, id: string, lock = false) {
  const query = db
    .select(accessSelection)
    .from(tasks)
    .innerJoin(taskLists, eq(taskLists.id, tasks.listId))
    .innerJoin(leadUnit, eq(leadUnit.id, tasks.leadUnitId))
    .leftJoin(owner, eq(owner.id, tasks.ownerId))
    .leftJoin(leader, eq(leader.id, tasks.leadLeaderId))
    .where(eq(tasks.id, sql.placeholder('id')));
  // Locked: the task's row stays the caller's until its transaction ends (the joined rows are only read).
  const prepared = lock
    ? query.for('update', { of: tasks }).prepare('task_for_access_locked')
    : query.prepare('task_for_access');
  const [row] = await prepared.execute({ id });
  return row ?? null;
}

/** The conditions of a task list query, beyond visibility. */
export function taskFilterConditions(q: TTaskFilter, unitPath: string | null): SQL[] {
  const conditions: SQL[] = [];
  if (q.listId) conditions.push(eq(tasks.listId, q.listId));
  if (q.state) conditions.push(eq(tasks.state, q.state));
  if (q.source) conditions.push(eq(tasks.source, q.source));
  if (q.frontLine) conditions.push(eq(tasks.frontLine, q.frontLine));
  if (q.ownerId) conditions.push(eq(tasks.ownerId, q.ownerId));
  if (q.leadLeaderId) conditions.push(eq(tasks.leadLeaderId, q.leadLeaderId));
  if (q.light) conditions.push(eq(tasks.light, q.light));
  if (q.tag) conditions.push(sql`${tasks.tags} @> array[${q.tag}]::text[]`);
  if (q.dueFrom) conditions.push(sql`${tasks.dueDate} >= ${q.dueFrom}`);
  if (q.dueTo) conditions.push(sql`${tasks.dueDate} <= ${q.dueTo}`);
  if (q.q) conditions.push(sql`${tasks.title} ilike ${`%${escapeLike(q.q)}%`}`);
  if (q.includeSubtasks !== 'true' && !q.listId) conditions.push(sql`${tasks.parentId} is null`);
  if (unitPath) {
    conditions.push(
      // = any(array(…)): the subtree's few tasks are found by the path index, then fetched by primary key.
      sql`${tasks.id} = any(array(select ${taskUnits.taskId} from ${taskUnits} where ${subtreeCondition(taskUnits.unitPath, unitPath)}))`,
    );
  }
  return conditions;
}

/**
 * A page of task summaries matching the conditions, nearest due date first. Two steps: the page's ids and the total
 * from the tasks table alone (a window count), then the summaries of those ids by a prepared statement.
 */
export async function listTaskSummaries(db: TQueryable, where: SQL | undefined, page: number, pageSize: number) {
  const ids = await db
    .select({ id: tasks.id, total: sql<number>`count(*) over ()` })
    .from(tasks)
    .where(where)
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .limit(pageSize)
    .offset((page - 1) * pageSize);
  if (ids.length === 0) {
    // Past the last page the window has no row to count on: count apart.
    const total = page > 1 ? ((await db.select({ n: count() }).from(tasks).where(where))[0]?.n ?? 0) : 0;
    return { items: [], total };
  }
  const items = await summaryQuery(db)
    .where(sql`${tasks.id} = any(${sql.placeholder('ids')}::uuid[])`)
    .orderBy(asc(tasks.dueDate), asc(tasks.id))
    .prepare('task_summaries_by_ids')
    .execute({ ids: ids.map((r) => r.id) });
  return { items, total: Number(ids[0]?.total ?? 0) };
}

/** Every summary matching the conditions (for exports), capped. */
export function allTaskSummaries(db: TQueryable, where: SQL | undefined, limit: number) {
  return summaryQuery(db).where(where).orderBy(asc(tasks.dueDate), asc(tasks.id)).limit(limit);
}

export function listSubtaskSummaries(db: TQueryable, parentId: string) {
  return summaryQuery(db)
    .where(eq(tasks.parentId, sql.placeholder('parentId')))
    .orderBy(asc(tasks.createdAt))
    .prepare('task_subtasks')
    .execute({ parentId });
}

export function listMilestones(db: TQueryable, taskId: string) {
  return db
    .select()
    .from(milestones)
    .where(eq(milestones.taskId, sql.placeholder('taskId')))
    .orderBy(asc(milestones.seq))
    .prepare('task_milestones')
    .execute({ taskId });
}

export function listEvents(db: TQueryable, taskId: string) {
  return db
    .select({ event: taskEvents, actorName: users.displayName })
    .from(taskEvents)
    .leftJoin(users, eq(users.id, taskEvents.actorId))
    .where(eq(taskEvents.taskId, sql.placeholder('taskId')))
    .orderBy(desc(taskEvents.at))
    .prepare('task_events')
    .execute({ taskId });
}

export function listNotes(db: TQueryable, taskId: string, kind: 'instruction' | 'comment') {
  return db
    .select({ note: taskNotes, authorName: users.displayName })
    .from(taskNotes)
    .innerJoin(users, eq(users.id, taskNotes.authorId))
    .where(and(eq(taskNotes.taskId, taskId), eq(taskNotes.kind, kind)))
    .orderBy(desc(taskNotes.createdAt));
}

/**
 * Writes the task's unit rows from the units' current paths: its lead unit and co-units, and for a sub-task the
 * parent's lead unit too, so the unit that decomposed a task keeps sight of the pieces.
 */
export async function writeTaskUnits(db: TQueryable, taskId: string, leadUnitId: string, coUnitIds: string[]) {
  await db.delete(taskUnits).where(eq(taskUnits.taskId, taskId));
  const [parent] = await db
    .execute<{ leadUnitId: string }>(sql`
    select p.lead_unit_id as "leadUnitId" from ${tasks} t join ${tasks} p on p.id = t.parent_id where t.id = ${taskId}`)
    .then((r) => r.rows);
  const ids = [...new Set([leadUnitId, ...coUnitIds, ...(parent ? [parent.leadUnitId] : [])])];
  const rows = await db.select({ id: units.id, path: units.path }).from(units).where(inArray(units.id, ids));
  await db
    .insert(taskUnits)
    .values(rows.map((u) => ({ taskId, unitId: u.id, unitPath: u.path, isLead: u.id === leadUnitId })));
}

export async function insertEvent(db: TQueryable, values: typeof taskEvents.$inferInsert) {
  await db.insert(taskEvents).values(values);
}

export async function updateTask(db: TQueryable, id: string, values: Partial<typeof tasks.$inferInsert>) {
  const [row] = await db
    .update(tasks)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(tasks.id, id))
    .returning();
  if (!row) throw new Error('task vanished');
  return row;
}
