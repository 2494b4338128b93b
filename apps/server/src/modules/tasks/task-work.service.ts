import {
  isOpenTaskState,
  type TMilestone,
  type TMilestoneInput,
  type TMilestoneState,
  type TTask,
  type TTaskInput,
  type TTaskState,
} from '@duban/domain';
import { and, eq, sql } from 'drizzle-orm';
import { milestones, taskNotes } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb, TTx } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { lastAuditChange, requireVersion, type TIfMatch } from '../../platform/versions.ts';
import { notifyUsers, unitContacts } from '../inbox/inbox.repo.ts';
import { refreshLights } from '../lights/lights.service.ts';
import { recomputeProgress } from './progress.ts';
import { presentNotes } from './task-instructions.service.ts';
import { applyTransition } from './task-lifecycle.service.ts';
import { checkTaskRefs } from './task-refs.ts';
import { requireAbility } from './tasks.policy.ts';
import { presentMilestone } from './tasks.presenter.ts';
import * as repo from './tasks.repo.ts';
import { getTask, insertTask, loadTask } from './tasks.service.ts';

function requireOpen(state: TTaskState): void {
  if (!isOpenTaskState(state)) throw new AppError('CONFLICT', `the task is ${state}`, { field: 'state' });
}

/** Work on an acknowledged task has begun: the first milestone or progress moves it to in progress. */
export async function startIfAcknowledged(tx: TTx, actor: TActor, loaded: Awaited<ReturnType<typeof loadTask>>) {
  if (loaded.row.task.state !== 'acknowledged') return;
  await applyTransition(tx, actor, loaded.row, 'acknowledged', 'inProgress', 'start', null);
  await repo.updateTask(tx, loaded.row.task.id, { state: 'inProgress' });
}

/** The task's roadmap. */
export async function listMilestones(db: TDb, actor: TActor, taskId: string): Promise<TMilestone[]> {
  await loadTask(db, actor, taskId);
  return (await repo.listMilestones(db, taskId)).map(presentMilestone);
}

/** Adds a milestone at the end of the roadmap. */
export async function addMilestone(
  db: TDb,
  actor: TActor,
  taskId: string,
  input: TMilestoneInput,
): Promise<TMilestone> {
  return db.transaction(async (tx) => {
    const loaded = await loadTask(tx, actor, taskId, { lock: true });
    requireAbility(loaded.abilities, 'updateMilestones');
    requireOpen(loaded.row.task.state as TTaskState);
    if (input.dueDate > loaded.row.task.dueDate) throw invalid('dueDate', 'a milestone falls after the task is due');
    const [row] = await tx
      .insert(milestones)
      .values({
        taskId,
        seq: sql`(select coalesce(max(seq), 0) + 1 from ${milestones} where task_id = ${taskId})`,
        title: input.title,
        dueDate: input.dueDate,
        deliverable: input.deliverable ?? null,
        weight: input.weight,
      })
      .returning();
    if (!row) throw new Error('insert returned no row');
    await recomputeProgress(tx, taskId);
    await refreshLights(tx, [taskId], 'milestoneAdd');
    await repo.insertEvent(tx, { taskId, action: 'milestoneAdd', actorId: actor.id, reason: row.title });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'milestone.create',
      targetType: 'task',
      targetId: taskId,
      after: presentMilestone(row),
      ip: actor.ip,
    });
    return presentMilestone(row);
  });
}

/**
 * Changes a milestone: its state (done or pending), title, date, deliverable or weight. Progress follows. With
 * If-Match, a milestone changed meanwhile is refused (412) and nothing is written.
 */
export async function updateMilestone(
  db: TDb,
  actor: TActor,
  taskId: string,
  milestoneId: string,
  patch: Partial<TMilestoneInput> & { state?: TMilestoneState },
  ifMatch?: TIfMatch,
): Promise<TMilestone> {
  return db.transaction(async (tx) => {
    const loaded = await loadTask(tx, actor, taskId, { lock: true });
    requireAbility(loaded.abilities, 'updateMilestones');
    requireOpen(loaded.row.task.state as TTaskState);
    const [before] = await tx
      .select()
      .from(milestones)
      .where(and(eq(milestones.id, milestoneId), eq(milestones.taskId, taskId)));
    if (!before) throw notFound('milestone');
    await requireVersion(
      ifMatch,
      { what: 'milestone', version: before.version },
      {
        present: async () => presentMilestone(before),
        lastChange: () =>
          lastAuditChange(tx, { targetType: 'task', targetId: taskId, actions: 'milestone.%', itemId: milestoneId }),
      },
    );
    if (patch.dueDate && patch.dueDate > loaded.row.task.dueDate) {
      throw invalid('dueDate', 'a milestone falls after the task is due');
    }
    const doneAt =
      patch.state === undefined ? undefined : patch.state === 'done' ? (before.doneAt ?? new Date()) : null;
    const [after] = await tx
      .update(milestones)
      .set({ ...patch, doneAt })
      .where(eq(milestones.id, milestoneId))
      .returning();
    if (!after) throw new Error('milestone vanished');
    if (patch.state === 'done') await startIfAcknowledged(tx, actor, loaded);
    await recomputeProgress(tx, taskId);
    await refreshLights(tx, [taskId], patch.state === 'done' ? 'milestoneDone' : 'milestoneUpdate');
    await repo.insertEvent(tx, {
      taskId,
      action: patch.state === 'done' ? 'milestoneDone' : 'milestoneUpdate',
      actorId: actor.id,
      reason: after.title,
    });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'milestone.update',
      targetType: 'task',
      targetId: taskId,
      before: presentMilestone(before),
      after: presentMilestone(after),
      ip: actor.ip,
    });
    return presentMilestone(after);
  });
}

/**
 * Decomposes (分解) a task: a sub-task for a co-unit or the lead unit's own staff, in the same list. The sub-task
 * starts assigned, so its unit acknowledges it; the parent's progress then rolls up from its sub-tasks.
 */
export async function createSubtask(db: TDb, actor: TActor, parentId: string, input: TTaskInput): Promise<TTask> {
  const id = await db.transaction(async (tx) => {
    const loaded = await loadTask(tx, actor, parentId, { lock: true });
    requireAbility(loaded.abilities, 'decompose');
    const parent = loaded.row.task;
    const state = parent.state as TTaskState;
    if (!isOpenTaskState(state) || state === 'draft') {
      throw new AppError('CONFLICT', `cannot decompose a task that is ${state}`, { field: 'state' });
    }
    if (input.leadUnitId !== parent.leadUnitId && !parent.coUnitIds.includes(input.leadUnitId)) {
      throw invalid('leadUnitId', 'a sub-task goes to the lead unit or one of its co-units');
    }
    if (input.startDate < parent.startDate) throw invalid('startDate', 'a sub-task cannot start before its parent');
    if (input.dueDate > parent.dueDate) throw invalid('dueDate', 'a sub-task cannot be due after its parent');
    await checkTaskRefs(tx, actor, input, { requireManage: false });
    const subId = await insertTask(tx, {
      ...input,
      leadLeaderId: input.leadLeaderId ?? parent.leadLeaderId,
      listId: parent.listId,
      parentId,
      state: 'assigned',
      createdBy: actor.id,
    });
    await repo.insertEvent(tx, { taskId: parentId, action: 'decompose', actorId: actor.id, reason: input.title });
    await recomputeProgress(tx, subId);
    await refreshLights(tx, [subId], 'decompose');
    const contacts = input.leadUnitId === parent.leadUnitId ? [] : await unitContacts(tx, [input.leadUnitId]);
    await notifyUsers(tx, [input.ownerId, ...contacts], { kind: 'assigned', taskId: subId, title: input.title });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'task.decompose',
      targetType: 'task',
      targetId: subId,
      after: { parentId, ...input },
      ip: actor.ip,
    });
    return subId;
  });
  return getTask(db, actor, id);
}

export type TNoteKind = 'instruction' | 'comment';

/** The leader's instructions (with who read and answered each) or the comments on a task, newest first. */
export async function listNotes(db: TDb, actor: TActor, taskId: string, kind: TNoteKind) {
  await loadTask(db, actor, taskId);
  return presentNotes(db, await repo.listNotes(db, taskId, kind));
}

/** Adds an instruction (批示, leaders: it notifies everyone on the task) or a comment (anyone who sees the task). */
export async function addNote(db: TDb, actor: TActor, taskId: string, kind: TNoteKind, body: string) {
  const id = await db.transaction(async (tx) => {
    const loaded = await loadTask(tx, actor, taskId);
    requireAbility(loaded.abilities, kind === 'instruction' ? 'instruct' : 'comment');
    const [row] = await tx.insert(taskNotes).values({ taskId, kind, authorId: actor.id, body }).returning();
    if (!row) throw new Error('insert returned no row');
    const t = loaded.row.task;
    if (kind === 'instruction') {
      const contacts = await unitContacts(tx, [t.leadUnitId, ...t.coUnitIds]);
      await notifyUsers(
        tx,
        [t.ownerId, t.leadLeaderId, t.createdBy, ...contacts, ...loaded.facts.subtaskOwnerIds].filter(
          (u) => u !== actor.id,
        ),
        { kind: 'instruction', taskId, title: t.title, body },
      );
    }
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: `task.${kind}`,
      targetType: 'task',
      targetId: taskId,
      after: { id: row.id, body },
      ip: actor.ip,
    });
    return row.id;
  });
  const notes = await listNotes(db, actor, taskId, kind);
  const note = notes.find((n) => n.id === id);
  if (!note) throw new Error('note vanished');
  return note;
}
