import { localDay, type TTaskList, type TTaskState } from '@duban/domain';
import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import { taskLists, tasks } from '../../db/schema/index.ts';
import { hasRole, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now } from '../../platform/clock.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { notifyUsers, unitContacts } from '../inbox/inbox.repo.ts';
import { refreshLights } from '../lights/lights.service.ts';
import { applyTransition, nextStateOrConflict } from './task-lifecycle.service.ts';
import { canCreateLists, requireAbility, visibleTasksCondition } from './tasks.policy.ts';
import { loadTask, summariesOf } from './tasks.service.ts';

type TListRow = typeof taskLists.$inferSelect & { taskCount: number; draftCount: number };

function presentList(row: TListRow): TTaskList {
  return {
    id: row.id,
    name: row.name,
    year: row.year,
    description: row.description,
    taskCount: row.taskCount,
    draftCount: row.draftCount,
    createdAt: row.createdAt.toISOString(),
  };
}

const listSelection = {
  id: taskLists.id,
  name: taskLists.name,
  year: taskLists.year,
  description: taskLists.description,
  createdBy: taskLists.createdBy,
  createdAt: taskLists.createdAt,
  updatedAt: taskLists.updatedAt,
  // Spelled out: in a single-table select drizzle leaves columns unqualified, and "id" would be the task's.
  taskCount: sql<number>`(select count(*)::int from tasks t where t.list_id = task_lists.id and t.parent_id is null)`,
  draftCount: sql<number>`(select count(*)::int from tasks t where t.list_id = task_lists.id and t.state = 'draft')`,
};

/** Lists a leader or supervisor sees all lists; others see the lists holding a task they see. */
function listVisibility(actor: TActor) {
  if (hasRole(actor, 'leader', 'supervisor')) return undefined;
  return sql`exists (select 1 from ${tasks} where ${tasks.listId} = ${taskLists.id} and ${visibleTasksCondition(actor)})`;
}

/** The task lists the actor sees, newest first. */
export async function listTaskLists(db: TDb, actor: TActor, year?: number) {
  const rows = await db
    .select(listSelection)
    .from(taskLists)
    .where(and(listVisibility(actor), year ? eq(taskLists.year, year) : undefined))
    .orderBy(desc(taskLists.year), desc(taskLists.createdAt));
  return rows.map(presentList);
}

/** One list the actor sees. */
export async function getTaskList(db: TQueryable, actor: TActor, id: string): Promise<TTaskList> {
  const [row] = await db
    .select(listSelection)
    .from(taskLists)
    .where(and(eq(taskLists.id, id), listVisibility(actor)));
  if (!row) throw notFound('task list');
  return presentList(row);
}

/** Creates an empty list (清单): supervisors and leaders. */
export async function createTaskList(
  db: TDb,
  actor: TActor,
  input: { name: string; year: number; description?: string },
): Promise<TTaskList> {
  if (!canCreateLists(actor)) throw new AppError('FORBIDDEN', 'only supervisors and leaders create task lists');
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(taskLists)
      .values({ name: input.name, year: input.year, description: input.description ?? null, createdBy: actor.id })
      .returning({ id: taskLists.id });
    if (!row) throw new Error('insert returned no row');
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'taskList.create',
      targetType: 'taskList',
      targetId: row.id,
      after: input,
      ip: actor.ip,
    });
    return getTaskList(tx, actor, row.id);
  });
}

/**
 * Assigns (交办) the list's draft tasks — all of them, or the ones named — in one action: each goes from draft to
 * assigned, and the lead units' heads and liaisons and the owners are told in their inbox. All or nothing.
 */
export async function assignTaskList(db: TDb, actor: TActor, listId: string, taskIds?: string[]) {
  const assigned = await db.transaction(async (tx) => {
    await getTaskList(tx, actor, listId);
    const ids =
      taskIds ??
      (
        await tx
          .select({ id: tasks.id })
          .from(tasks)
          .where(and(eq(tasks.listId, listId), eq(tasks.state, 'draft')))
      ).map((r) => r.id);
    if (ids.length === 0) throw invalid('taskIds', 'the list has no draft task to assign');
    const inList = await tx
      .select({ id: tasks.id })
      .from(tasks)
      .where(and(eq(tasks.listId, listId), inArray(tasks.id, ids)));
    if (inList.length !== new Set(ids).size) throw invalid('taskIds', 'every task must belong to this list');
    // A list usually has a few lead units and many tasks: look up each unit's heads and liaisons once.
    const contactsByUnit = new Map<string, string[]>();
    for (const id of ids) {
      const { row, abilities } = await loadTask(tx, actor, id, { lock: true });
      requireAbility(abilities, 'edit');
      const from = row.task.state as TTaskState;
      const to = nextStateOrConflict(from, 'assign');
      await applyTransition(tx, actor, row, from, to, 'assign', null);
      await tx
        .update(tasks)
        .set({ state: to, assignedOn: localDay(now()), updatedAt: sql`now()` })
        .where(eq(tasks.id, id));
      const lead = row.task.leadUnitId;
      const contacts = contactsByUnit.get(lead) ?? (await unitContacts(tx, [lead]));
      contactsByUnit.set(lead, contacts);
      await notifyUsers(tx, [row.task.ownerId, ...contacts], {
        kind: 'assigned',
        taskId: id,
        title: row.task.title,
        body: row.listName,
      });
    }
    await refreshLights(tx, ids, 'assign');
    return ids;
  });
  return { items: await summariesOf(db, assigned) };
}
