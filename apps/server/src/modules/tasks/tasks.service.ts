import {
  applyCharterPatch,
  localDay,
  type TLastChange,
  type TTask,
  type TTaskFilter,
  type TTaskInput,
  type TTaskQuery,
  type TTaskState,
  type TTaskSummary,
  type TTaskUpdate,
} from '@duban/domain';
import { and, eq, sql } from 'drizzle-orm';
import { milestones, tasks } from '../../db/schema/index.ts';
import { isTopPath, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now } from '../../platform/clock.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { lastAuditChange, requireVersion, type TIfMatch } from '../../platform/versions.ts';
import { notifyUsers } from '../inbox/inbox.repo.ts';
import { refreshLights } from '../lights/lights.service.ts';
import { findUnit } from '../org/org.repo.ts';
import { checkTaskRefs } from './task-refs.ts';
import {
  canCreateLists,
  canSeeTask,
  ownWorkCondition,
  requireAbility,
  requireVisible,
  seesEveryTask,
  type TTaskAbilities,
  type TTaskAccessFacts,
  taskAbilities,
  taskCan,
  visibleTasksCondition,
} from './tasks.policy.ts';
import { presentEvent, presentMilestone, presentTaskSummary, readCharter } from './tasks.presenter.ts';
import * as repo from './tasks.repo.ts';

export interface TLoadedTask {
  row: repo.TTaskAccessRow;
  facts: TTaskAccessFacts;
  abilities: TTaskAbilities;
}

/** Loads a task the actor may see, with what they may do with it; 404 when out of scope. */
export async function loadTask(db: TQueryable, actor: TActor, id: string, opts: { lock?: boolean } = {}) {
  const found = await repo.findTaskForAccess(db, id, opts.lock === true);
  if (!found) throw notFound('task');
  const { unitPaths, subtaskOwnerIds, ...row } = found;
  const facts: TTaskAccessFacts = {
    state: row.task.state as TTaskState,
    ownerId: row.task.ownerId,
    leadLeaderId: row.task.leadLeaderId,
    leadUnitPath: row.leadUnitPath,
    unitPaths,
    subtaskOwnerIds,
  };
  requireVisible(canSeeTask(actor, facts));
  return { row, facts, abilities: taskAbilities(actor, facts) } satisfies TLoadedTask;
}

/** A task with its charter, roadmap, sub-tasks and activity, as the task page shows it. */
export async function getTask(db: TDb, actor: TActor, id: string): Promise<TTask> {
  const { row, abilities } = await loadTask(db, actor, id);
  const [ms, subtasks, events] = await Promise.all([
    repo.listMilestones(db, id),
    repo.listSubtaskSummaries(db, id),
    repo.listEvents(db, id),
  ]);
  return presentTask(row, abilities, ms, subtasks, events);
}

/** The task as it stands inside a transaction (one query at a time on its connection). */
async function getTaskIn(tx: TQueryable, actor: TActor, id: string): Promise<TTask> {
  const { row, abilities } = await loadTask(tx, actor, id);
  const ms = await repo.listMilestones(tx, id);
  const subtasks = await repo.listSubtaskSummaries(tx, id);
  return presentTask(row, abilities, ms, subtasks, await repo.listEvents(tx, id));
}

function presentTask(
  row: repo.TTaskAccessRow,
  abilities: TTaskAbilities,
  ms: Awaited<ReturnType<typeof repo.listMilestones>>,
  subtasks: Awaited<ReturnType<typeof repo.listSubtaskSummaries>>,
  events: Awaited<ReturnType<typeof repo.listEvents>>,
): TTask {
  return {
    ...presentTaskSummary(row),
    charter: readCharter(row.task.charter),
    milestones: ms.map(presentMilestone),
    subtasks: subtasks.map(presentTaskSummary),
    events: events.map(presentEvent),
    closeSummary: row.task.closeSummary,
    can: taskCan(abilities, row.task.state as TTaskState),
  };
}

/** The sub-tasks of a task the actor may see. */
export async function listSubtasks(db: TDb, actor: TActor, id: string): Promise<TTaskSummary[]> {
  await loadTask(db, actor, id);
  return (await repo.listSubtaskSummaries(db, id)).map(presentTaskSummary);
}

/** Builds the query conditions for the tasks the actor sees, filtered. */
export async function taskListWhere(db: TQueryable, actor: TActor, query: TTaskFilter) {
  return taskListConditions(actor, query, await filterUnits(db, query));
}

async function unitOf(db: TQueryable, unitId: string, field: 'unitId' | 'ledBy' = 'unitId') {
  const unit = await findUnit(db, unitId);
  if (!unit) throw invalid(field, 'no such unit');
  return unit;
}

/** The units the query's filters name, found (an unknown one is a 400 naming its field). */
async function filterUnits(db: TQueryable, query: TTaskFilter): Promise<repo.TTaskFilterUnits> {
  if (query.ledByCategory && !query.ledBy) throw invalid('ledByCategory', 'a category needs ledBy, the unit it is of');
  const unit = query.unitId ? await unitOf(db, query.unitId) : null;
  const ledBy = query.ledBy ? await unitOf(db, query.ledBy, 'ledBy') : null;
  return {
    // Every task is led by a unit under the top one: its subtree filters nothing.
    unitPath: unit && !isTopPath(unit.path) ? unit.path : null,
    ledBy: ledBy ? { id: ledBy.id, path: ledBy.path, isTop: isTopPath(ledBy.path) } : null,
  };
}

function taskListConditions(actor: TActor, query: TTaskFilter, found: repo.TTaskFilterUnits) {
  const own = query.mine === 'true' ? [ownWorkCondition(actor)] : [];
  return and(visibleTasksCondition(actor), ...own, ...repo.taskFilterConditions(query, found));
}

/** The filters beyond a unit subtree and a state that only the tasks table can answer. */
const TASK_ROW_FILTERS = [
  'listId',
  'ledBy',
  'leadUnitId',
  'ledByCategory',
  'tag',
  'frontLine',
  'source',
  'ownerId',
  'leadLeaderId',
  'light',
  'dueFrom',
  'dueTo',
  'q',
  'mine',
] as const;

/**
 * A page of the tasks the actor sees, filtered. A unit subtree's tasks by state, for someone who sees every task,
 * are read from the task_units index alone (the list most asked for); any other filter reads the tasks.
 */
export async function listTasks(db: TDb, actor: TActor, query: TTaskQuery) {
  const found = await filterUnits(db, query);
  const subtreePath = found.unitPath;
  const bySubtree = subtreePath && seesEveryTask(actor) && TASK_ROW_FILTERS.every((k) => query[k] === undefined);
  const { items, total } = bySubtree
    ? await repo.listSubtreeTaskSummaries(db, {
        path: subtreePath,
        state: query.state ?? null,
        topOnly: query.includeSubtasks !== 'true',
        page: query.page,
        pageSize: query.pageSize,
      })
    : await repo.listTaskSummaries(db, taskListConditions(actor, query, found), query.page, query.pageSize);
  return { items: items.map(presentTaskSummary), total, page: query.page, pageSize: query.pageSize };
}

/** Inserts a task with its units and milestones (no authorisation, no audit: the callers do both). */
export async function insertTask(
  tx: TQueryable,
  values: { listId: string; parentId?: string | null; state: TTaskState; createdBy: string } & TTaskInput,
): Promise<string> {
  const [row] = await tx
    .insert(tasks)
    .values({
      listId: values.listId,
      parentId: values.parentId ?? null,
      title: values.title,
      source: values.source,
      tags: values.tags,
      frontLine: values.frontLine ?? null,
      priority: values.priority,
      leadLeaderId: values.leadLeaderId ?? null,
      leadUnitId: values.leadUnitId,
      coUnitIds: values.coUnitIds,
      ownerId: values.ownerId ?? null,
      cadence: values.cadence,
      startDate: values.startDate,
      dueDate: values.dueDate,
      state: values.state,
      assignedOn: values.state === 'assigned' ? localDay(now()) : null,
      charter: values.charter,
      createdBy: values.createdBy,
    })
    .returning({ id: tasks.id });
  if (!row) throw new Error('insert returned no row');
  await repo.writeTaskUnits(tx, row.id, values.leadUnitId, values.coUnitIds);
  if (values.milestones.length) {
    await tx.insert(milestones).values(
      values.milestones.map((m, i) => ({
        taskId: row.id,
        seq: i + 1,
        title: m.title,
        dueDate: m.dueDate,
        deliverable: m.deliverable ?? null,
        weight: m.weight,
      })),
    );
  }
  await repo.insertEvent(tx, { taskId: row.id, action: 'create', toState: values.state, actorId: values.createdBy });
  return row.id;
}

/** Adds a draft task to a list: supervisors and leaders, for lead units in their scope. */
export async function createTask(db: TDb, actor: TActor, listId: string, input: TTaskInput): Promise<TTask> {
  if (!canCreateLists(actor)) throw new AppError('FORBIDDEN', 'only supervisors and leaders add tasks to lists');
  const id = await db.transaction(async (tx) => {
    const [list] = await tx
      .execute<{ id: string }>(sql`select id from task_lists where id = ${listId}`)
      .then((r) => r.rows);
    if (!list) throw notFound('task list');
    await checkTaskRefs(tx, actor, input, { requireManage: true });
    const taskId = await insertTask(tx, { ...input, listId, state: 'draft', createdBy: actor.id });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'task.create',
      targetType: 'task',
      targetId: taskId,
      after: { listId, ...input },
      ip: actor.ip,
    });
    return taskId;
  });
  return getTask(db, actor, id);
}

const OWNER_ONLY_FIELDS = new Set(['ownerId']);

/** The audit actions on a task that do not change its own fields (its version). */
const NOT_TASK_EDITS = ['task.comment', 'task.instruction', 'task.attach', 'task.decompose'] as const;

/** The last change of a task's own fields or state, from the audit log. */
export function lastTaskChange(db: TQueryable, id: string): Promise<TLastChange | null> {
  return lastAuditChange(db, { targetType: 'task', targetId: id, actions: 'task.%', skip: NOT_TASK_EDITS });
}

/**
 * Refuses a write on a task (held locked) that changed since the version If-Match names: 412 with the task as the
 * actor sees it now and its last change.
 */
export function requireTaskVersion(
  tx: TQueryable,
  actor: TActor,
  row: repo.TTaskAccessRow,
  ifMatch: TIfMatch,
): Promise<void> {
  return requireVersion(
    ifMatch,
    { what: 'task', version: row.task.version },
    { present: () => getTaskIn(tx, actor, row.task.id), lastChange: () => lastTaskChange(tx, row.task.id) },
  );
}

/**
 * Edits a task: supervisors and leaders edit anything; the lead unit's head or liaison may only set the owner. The
 * charter changes field by field. With If-Match, a task changed meanwhile is refused (412) and nothing is written.
 */
export async function updateTask(
  db: TDb,
  actor: TActor,
  id: string,
  patch: TTaskUpdate,
  ifMatch?: TIfMatch,
): Promise<TTask> {
  await db.transaction(async (tx) => {
    const { row, abilities } = await loadTask(tx, actor, id, { lock: true });
    const onlyOwner = Object.keys(patch).every((k) => OWNER_ONLY_FIELDS.has(k));
    requireAbility(abilities, onlyOwner ? 'assignOwner' : 'edit');
    await requireTaskVersion(tx, actor, row, ifMatch);
    const before = row.task;
    if (before.state === 'closed' || before.state === 'cancelled') {
      throw new AppError('CONFLICT', `the task is ${before.state}`, { field: 'state' });
    }
    const merged = {
      leadUnitId: patch.leadUnitId ?? before.leadUnitId,
      coUnitIds: patch.coUnitIds ?? before.coUnitIds,
      ownerId: patch.ownerId === undefined ? before.ownerId : patch.ownerId,
      leadLeaderId: patch.leadLeaderId === undefined ? before.leadLeaderId : patch.leadLeaderId,
      startDate: patch.startDate ?? before.startDate,
      dueDate: patch.dueDate ?? before.dueDate,
    };
    await checkTaskRefs(tx, actor, merged, { requireManage: !onlyOwner && patch.leadUnitId !== undefined });
    if (patch.dueDate) {
      const [late] = await tx
        .select({ title: milestones.title })
        .from(milestones)
        .where(and(eq(milestones.taskId, id), sql`${milestones.dueDate} > ${patch.dueDate}`))
        .limit(1);
      if (late) throw invalid('dueDate', `the milestone "${late.title}" falls after this date`);
    }
    // null clears the front line; absent keeps it.
    const frontLine = patch.frontLine === undefined ? before.frontLine : patch.frontLine;
    const charter = patch.charter ? applyCharterPatch(readCharter(before.charter), patch.charter) : undefined;
    const after = await repo.updateTask(tx, id, { ...patch, frontLine, charter });
    if (patch.leadUnitId || patch.coUnitIds) {
      await repo.writeTaskUnits(tx, id, after.leadUnitId, after.coUnitIds);
    }
    if (patch.startDate || patch.dueDate || patch.cadence) await refreshLights(tx, [id], 'update');
    // A new owner of a task already handed out hears of it (a draft's owner hears when it is assigned).
    if (patch.ownerId && patch.ownerId !== before.ownerId && patch.ownerId !== actor.id && before.state !== 'draft') {
      await notifyUsers(tx, [patch.ownerId], { kind: 'madeOwner', taskId: id, title: after.title });
    }
    await repo.insertEvent(tx, {
      taskId: id,
      action: 'update',
      actorId: actor.id,
      reason: Object.keys(patch).join(', '),
    });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'task.update',
      targetType: 'task',
      targetId: id,
      before: Object.fromEntries(Object.keys(patch).map((k) => [k, before[k as keyof typeof before]])),
      after: charter ? { ...patch, charter } : patch,
      ip: actor.ip,
    });
  });
  return getTask(db, actor, id);
}

/** Summaries of tasks by id, for responses that list what an action touched. */
export async function summariesOf(db: TQueryable, ids: string[]): Promise<TTaskSummary[]> {
  if (ids.length === 0) return [];
  const rows = await repo.allTaskSummaries(db, sql`${tasks.id} in ${ids}`, ids.length);
  return rows.map(presentTaskSummary);
}

/** True when the task has sub-tasks. */
export async function hasSubtasks(db: TQueryable, id: string): Promise<boolean> {
  const [row] = await db.select({ id: tasks.id }).from(tasks).where(eq(tasks.parentId, id)).limit(1);
  return Boolean(row);
}
