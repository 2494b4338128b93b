import type { TTaskFilter } from '@duban/domain';
import { and, asc, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import {
  instructionResponses,
  milestones,
  taskEvents,
  taskLists,
  taskNotes,
  tasks,
  taskUnits,
  units,
  users,
} from '../../db/schema/index.ts';
import { escapeLike, subtreeCondition, subtreeEnd } from '../../platform/access/access.ts';
import { preparedOnce, type TDb, type TQueryable } from '../../platform/db/client.ts';

export type TTaskRow = typeof tasks.$inferSelect;

const owner = alias(users, 'owner');
const leader = alias(users, 'leader');
const leadUnit = alias(units, 'lead_unit');

/** The columns of a task summary, joined with the names the client shows. */
export const summarySelection = {
  // The columns a summary shows: a list reads 25 of these rows per page, not the whole task (its charter…).
  task: {
    id: tasks.id,
    listId: tasks.listId,
    parentId: tasks.parentId,
    title: tasks.title,
    source: tasks.source,
    tags: tasks.tags,
    frontLine: tasks.frontLine,
    priority: tasks.priority,
    state: tasks.state,
    progress: tasks.progress,
    leadLeaderId: tasks.leadLeaderId,
    leadUnitId: tasks.leadUnitId,
    ownerId: tasks.ownerId,
    cadence: tasks.cadence,
    startDate: tasks.startDate,
    dueDate: tasks.dueDate,
    light: tasks.light,
    version: tasks.version,
    updatedAt: tasks.updatedAt,
  },
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
  task: tasks,
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
  const name = lock ? 'task_for_access_locked' : 'task_for_access';
  const statement = preparedOnce(db, name, () => {
    const query = db
      .select(accessSelection)
      .from(tasks)
      .innerJoin(taskLists, eq(taskLists.id, tasks.listId))
      .innerJoin(leadUnit, eq(leadUnit.id, tasks.leadUnitId))
      .leftJoin(owner, eq(owner.id, tasks.ownerId))
      .leftJoin(leader, eq(leader.id, tasks.leadLeaderId))
      .where(eq(tasks.id, sql.placeholder('id')));
    // Locked: the task's row stays the caller's until its transaction ends (the joined rows are only read).
    return lock ? query.for('update', { of: tasks }).prepare(name) : query.prepare(name);
  });
  const [row] = await statement.execute({ id });
  return row ?? null;
}

/** A task as loaded for a request on it: the whole row with its summary names. */
export type TTaskAccessRow = Omit<
  NonNullable<Awaited<ReturnType<typeof findTaskForAccess>>>,
  'unitPaths' | 'subtaskOwnerIds'
>;

/** The units a task list query names, as found: the subtree of `unitId`, and `ledBy` with its path. */
export interface TTaskFilterUnits {
  /** The path of `unitId` (null: no filter, or the top unit, whose subtree filters nothing). */
  unitPath: string | null;
  ledBy: { id: string; path: string; isTop: boolean } | null;
}

/** Tasks led in a unit's subtree (by the lead rows' index), optionally only those under its child units of a category. */
function ledByCondition(ledBy: NonNullable<TTaskFilterUnits['ledBy']>, category: string | undefined): SQL | null {
  if (ledBy.isTop && !category) return null;
  // The path's segment after the unit's own names the child unit whose subtree holds the lead unit ('': the unit).
  const segment = ledBy.path.split('/').length;
  const inCategory = category
    ? sql` and (select b.category from ${units} b
        where b.id = coalesce(nullif(split_part(tu.unit_path, '/', ${segment}::int), '')::uuid, ${ledBy.id}::uuid)) = ${category}`
    : sql``;
  return sql`${tasks.id} = any(array(select tu.task_id from ${taskUnits} tu
    where tu.is_lead and tu.unit_path collate "C" like ${`${escapeLike(ledBy.path)}%`}${inCategory}))`;
}

/** The conditions of a task list query, beyond visibility. */
export function taskFilterConditions(q: TTaskFilter, found: TTaskFilterUnits): SQL[] {
  const unitPath = found.unitPath;
  const conditions: SQL[] = [];
  if (q.leadUnitId) conditions.push(eq(tasks.leadUnitId, q.leadUnitId));
  const ledBy = found.ledBy ? ledByCondition(found.ledBy, q.ledByCategory) : null;
  if (ledBy) conditions.push(ledBy);
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
  // A list shows its sub-tasks; so do a search by text and one's own work, which are found wherever they sit.
  const withSubtasks =
    q.includeSubtasks === 'true' || q.listId || (q.includeSubtasks !== 'false' && (q.q || q.mine === 'true'));
  if (!withSubtasks) conditions.push(sql`${tasks.parentId} is null`);
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
  return {
    items: await summariesByIds(
      db,
      ids.map((r) => r.id),
    ),
    total: Number(ids[0]?.total ?? 0),
  };
}

/** The summaries of tasks by id, nearest due date first: one prepared statement. */
function summariesByIds(db: TQueryable, ids: string[]) {
  return preparedOnce(db, 'task_summaries_by_ids', () =>
    summaryQuery(db)
      .where(sql`${tasks.id} = any(${sql.placeholder('ids')}::uuid[])`)
      .orderBy(asc(tasks.dueDate), asc(tasks.id))
      .prepare('task_summaries_by_ids'),
  ).execute({ ids });
}

export interface TSubtreePage {
  /** The unit's path: its subtree is every path starting with it. */
  path: string;
  state: string | null;
  /** Top tasks only (no sub-tasks). */
  topOnly: boolean;
  page: number;
  pageSize: number;
}

/** The page's ids and the total of a unit subtree's tasks (by state), from the task_units index alone. */
function subtreePageStatement(p: TSubtreePage, counting: boolean) {
  const where = `tu.unit_path collate "C" >= $1 and tu.unit_path collate "C" < $2${p.state ? ' and tu.state = $3' : ''}${
    p.topOnly ? ' and tu.is_top' : ''
  }`;
  const name = `duban-task-subtree-${counting ? 'count' : 'page'}${p.state ? '-state' : ''}${p.topOnly ? '-top' : ''}`;
  const paging = p.state ? '$4 offset $5' : '$3 offset $4';
  // A task led and co-led within the subtree has a row for each unit: counted once.
  const text = counting
    ? `select count(distinct tu.task_id)::int as total from task_units tu where ${where}`
    : `select task_id as id, count(*) over ()::int as total
       from (select distinct tu.task_id, tu.due_date from task_units tu where ${where}) m
       order by due_date, task_id limit ${paging}`;
  return { name, text };
}

/**
 * A page of a unit subtree's task summaries (by state, top tasks only or all), nearest due date first, as
 * listTaskSummaries would answer for someone who sees every task — but its ids and total come from the task_units
 * rows of the subtree alone (their kept state, due date and top-ness), not from every task they name.
 */
export async function listSubtreeTaskSummaries(db: TDb, p: TSubtreePage) {
  const range = [p.path, subtreeEnd(p.path), ...(p.state ? [p.state] : [])];
  const { rows } = await db.$client.query<{ id: string; total: number }>({
    ...subtreePageStatement(p, false),
    values: [...range, p.pageSize, (p.page - 1) * p.pageSize],
  });
  if (rows.length === 0) {
    if (p.page === 1) return { items: [], total: 0 };
    const counted = await db.$client.query<{ total: number }>({ ...subtreePageStatement(p, true), values: range });
    return { items: [], total: counted.rows[0]?.total ?? 0 };
  }
  return {
    items: await summariesByIds(
      db,
      rows.map((r) => r.id),
    ),
    total: rows[0]?.total ?? 0,
  };
}

/** Every summary matching the conditions (for exports), capped. */
export function allTaskSummaries(db: TQueryable, where: SQL | undefined, limit: number) {
  return summaryQuery(db).where(where).orderBy(asc(tasks.dueDate), asc(tasks.id)).limit(limit);
}

export function listSubtaskSummaries(db: TQueryable, parentId: string) {
  return preparedOnce(db, 'task_subtasks', () =>
    summaryQuery(db)
      .where(eq(tasks.parentId, sql.placeholder('parentId')))
      .orderBy(asc(tasks.createdAt))
      .prepare('task_subtasks'),
  ).execute({ parentId });
}

export function listMilestones(db: TQueryable, taskId: string) {
  return preparedOnce(db, 'task_milestones', () =>
    db
      .select()
      .from(milestones)
      .where(eq(milestones.taskId, sql.placeholder('taskId')))
      .orderBy(asc(milestones.seq))
      .prepare('task_milestones'),
  ).execute({ taskId });
}

export function listEvents(db: TQueryable, taskId: string) {
  return preparedOnce(db, 'task_events', () =>
    db
      .select({ event: taskEvents, actorName: users.displayName })
      .from(taskEvents)
      .leftJoin(users, eq(users.id, taskEvents.actorId))
      .where(eq(taskEvents.taskId, sql.placeholder('taskId')))
      .orderBy(desc(taskEvents.at))
      .prepare('task_events'),
  ).execute({ taskId });
}

export function listNotes(db: TQueryable, taskId: string, kind: 'instruction' | 'comment') {
  return db
    .select({ note: taskNotes, authorName: users.displayName })
    .from(taskNotes)
    .innerJoin(users, eq(users.id, taskNotes.authorId))
    .where(and(eq(taskNotes.taskId, taskId), eq(taskNotes.kind, kind)))
    .orderBy(desc(taskNotes.createdAt));
}

/** The answers to some instructions (who read each, and their 落实情况), oldest first. */
export function listInstructionResponses(db: TQueryable, noteIds: string[]) {
  if (noteIds.length === 0) return Promise.resolve([]);
  return db
    .select({ response: instructionResponses, userName: users.displayName })
    .from(instructionResponses)
    .innerJoin(users, eq(users.id, instructionResponses.userId))
    .where(inArray(instructionResponses.noteId, noteIds))
    .orderBy(asc(instructionResponses.readAt), asc(instructionResponses.userId));
}

/** An instruction on the task, or null (a comment, another task's note, or none). */
export async function findInstruction(db: TQueryable, taskId: string, noteId: string) {
  const [row] = await db
    .select()
    .from(taskNotes)
    .where(and(eq(taskNotes.id, noteId), eq(taskNotes.taskId, taskId), eq(taskNotes.kind, 'instruction')));
  return row ?? null;
}

/** One person's answer to an instruction as it stands, locked until the transaction ends; null when none yet. */
export async function findInstructionResponse(db: TQueryable, noteId: string, userId: string) {
  const [row] = await db
    .select()
    .from(instructionResponses)
    .where(and(eq(instructionResponses.noteId, noteId), eq(instructionResponses.userId, userId)))
    .for('update');
  return row ?? null;
}

/** Marks an instruction read by a person (已阅), with their reply when given; the first reading's time stays. */
export async function saveInstructionResponse(
  db: TQueryable,
  values: { noteId: string; userId: string; reply?: string },
): Promise<void> {
  const reply = values.reply === undefined ? {} : { reply: values.reply, repliedAt: sql`now()` };
  await db
    .insert(instructionResponses)
    .values({ noteId: values.noteId, userId: values.userId, ...reply })
    .onConflictDoUpdate({
      target: [instructionResponses.noteId, instructionResponses.userId],
      set: values.reply === undefined ? { readAt: sql`${instructionResponses.readAt}` } : reply,
    });
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
