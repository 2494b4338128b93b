import {
  CHECK_IN_MAX_AGE_DAYS,
  localDay,
  type TCheckIn,
  type TCheckInBatch,
  type TCheckInCorrection,
  type TCheckInEntry,
  type TCheckInNotice,
  type TCheckInOutcome,
  type TCheckInResult,
  type TTaskState,
  weekOfInstant,
} from '@duban/domain';
import { eq } from 'drizzle-orm';
import { checkIns } from '../../db/schema/index.ts';
import { isInScope, scopeOf, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit, appendAudits, type TAuditInput } from '../../platform/audit/audit.ts';
import type { TDb, TTx } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { findTaskAttachmentIds } from '../attachments/attachments.repo.ts';
import { refreshLights } from '../lights/lights.service.ts';
import { recomputeProgress } from '../tasks/progress.ts';
import * as tasksRepo from '../tasks/tasks.repo.ts';
import { loadTask, type TLoadedTask } from '../tasks/tasks.service.ts';
import * as repo from './check-ins.repo.ts';

/** A client clock may run a little ahead of the server's. */
const CLOCK_SKEW_MS = 5 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Why an entry on a task in this state cannot move it: it is kept as a note. */
const STATE_NOTICE: Partial<Record<TTaskState, TCheckInNotice>> = {
  draft: 'notAcknowledged',
  assigned: 'notAcknowledged',
  closeRequested: 'closeRequested',
  closed: 'taskClosed',
  cancelled: 'taskCancelled',
};

/** How the actor reports on a task: as its owner, for the lead unit as its liaison, or not at all. */
function reporterOf(actor: TActor, loaded: TLoadedTask): { onBehalfOfUnitId: string | null } | null {
  if (loaded.row.task.ownerId === actor.id) return { onBehalfOfUnitId: null };
  if (isInScope(scopeOf(actor, 'liaison'), loaded.row.leadUnitPath)) {
    return { onBehalfOfUnitId: loaded.row.task.leadUnitId };
  }
  return null;
}

/** Fields a person filled in an entry (a "no change" is one tap). */
function fieldsFilled(e: TCheckInEntry): number {
  if (e.noChange) return 1;
  return [e.progress, e.done, e.next, e.blocker].filter((v) => v !== undefined).length + (e.photoIds.length ? 1 : 0);
}

function checkRecordedAt(recordedAt: Date, now: Date): void {
  if (recordedAt.getTime() > now.getTime() + CLOCK_SKEW_MS) throw invalid('recordedAt', 'lies in the future');
  if (recordedAt.getTime() < now.getTime() - CHECK_IN_MAX_AGE_DAYS * DAY_MS) {
    throw invalid('recordedAt', `more than ${CHECK_IN_MAX_AGE_DAYS} days back`);
  }
}

interface TEntryContext {
  actor: TActor;
  recordedAt: Date;
  clientId: string | null;
  /** Where errors point: `entries.N` for a submit, empty for a correction. */
  field: string;
  correctsId?: string;
  /** Audit entries to append at the end of the transaction, with the submit's own. */
  audits: TAuditInput[];
}

const at = (base: string, name: string) => (base ? `${base}.${name}` : name);

/**
 * Applies one entry to its task (progress, milestones reached, work started) or keeps it as a note when the task
 * moved on or the person no longer reports on it. Refuses (422, naming the field) a lower progress without a
 * reason, and milestones or photos that are not the task's.
 */
async function applyEntry(tx: TTx, loaded: TLoadedTask, entry: TCheckInEntry, ctx: TEntryContext) {
  const task = loaded.row.task;
  const reporter = reporterOf(ctx.actor, loaded);
  const notice: TCheckInNotice | null = STATE_NOTICE[task.state as TTaskState] ?? (reporter ? null : 'notAssignee');
  const photos = await findTaskAttachmentIds(tx, task.id, entry.photoIds, true);
  entry.photoIds.forEach((id, j) => {
    if (!photos.has(id)) throw invalid(at(ctx.field, `photoIds.${j}`), 'not a photo of this task');
  });
  const day = localDay(ctx.recordedAt);
  const base = {
    taskId: task.id,
    authorId: ctx.actor.id,
    onBehalfOfUnitId: reporter?.onBehalfOfUnitId ?? null,
    clientId: ctx.clientId,
    day,
    week: weekOfInstant(ctx.recordedAt),
    recordedAt: ctx.recordedAt,
    noChange: entry.noChange,
    progressBefore: task.progress,
    done: entry.noChange ? null : (entry.done ?? null),
    next: entry.noChange ? null : (entry.next ?? null),
    blocker: entry.noChange ? null : (entry.blocker ?? null),
    photoIds: entry.photoIds,
    correctsId: ctx.correctsId ?? null,
  };
  if (notice) {
    const row = await repo.insertCheckIn(tx, { ...base, kind: 'note', notice, progress: task.progress });
    return { row, notice };
  }
  const facts = await repo.entryFacts(tx, task.id);
  const ownIds = new Set(facts.milestoneIds);
  entry.milestoneIds.forEach((id, j) => {
    if (!ownIds.has(id)) throw invalid(at(ctx.field, `milestoneIds.${j}`), 'not a milestone of this task');
  });
  const rollsUp = facts.rollsUp;
  const progress = entry.noChange || rollsUp || entry.progress === undefined ? task.progress : entry.progress;
  if (progress < task.progress && !entry.progressReason) {
    throw invalid(at(ctx.field, 'progress'), `lower than the task's ${task.progress}% without a reason`);
  }
  const row = await repo.insertCheckIn(tx, {
    ...base,
    kind: 'progress',
    progress,
    progressReason: entry.progressReason ?? null,
    milestoneIds: entry.milestoneIds,
  });
  const reached = await repo.markMilestonesDone(tx, entry.milestoneIds, ctx.recordedAt);
  for (const m of reached) {
    await tasksRepo.insertEvent(tx, {
      taskId: task.id,
      action: 'milestoneDone',
      actorId: ctx.actor.id,
      reason: m.title,
    });
  }
  // Work on an acknowledged task has begun: it moves to in progress (its audit entry joins the submit's, at the end).
  const starts = !entry.noChange && task.state === 'acknowledged';
  if (starts) {
    await tasksRepo.insertEvent(tx, {
      taskId: task.id,
      action: 'start',
      fromState: 'acknowledged',
      toState: 'inProgress',
      actorId: ctx.actor.id,
    });
  }
  // The entry is news of its task: its progress and state move, and so does its last-heard-of day.
  await repo.reportOnTask(tx, {
    taskId: task.id,
    day,
    progress: !rollsUp && progress !== task.progress ? progress : null,
    state: starts ? 'inProgress' : null,
  });
  if (starts) {
    ctx.audits.push({
      actor: auditActor(ctx.actor),
      action: 'task.start',
      targetType: 'task',
      targetId: task.id,
      before: { state: 'acknowledged' },
      after: { state: 'inProgress', reason: null },
      ip: ctx.actor.ip,
    });
  }
  if (task.parentId && (progress !== task.progress || reached.length)) await recomputeProgress(tx, task.parentId);
  return { row, notice: null };
}

/** The audit record of an entry: what was reported, and what it did. */
const auditEntry = (row: repo.TCheckInRow) => ({
  checkInId: row.id,
  taskId: row.taskId,
  kind: row.kind,
  notice: row.notice,
  noChange: row.noChange,
  progressBefore: row.progressBefore,
  progress: row.progress,
  done: row.done,
  next: row.next,
  blocker: row.blocker,
  progressReason: row.progressReason,
  milestoneIds: row.milestoneIds,
  photoIds: row.photoIds,
  onBehalfOfUnitId: row.onBehalfOfUnitId,
});

/**
 * One submit of the Today page: every entry in one transaction, idempotent on the client id. A task out of the
 * actor's sight fails the whole submit with 404 and nothing is written.
 */
export async function submitCheckIns(
  db: TDb,
  actor: TActor,
  batch: TCheckInBatch,
  now = new Date(),
): Promise<TCheckInResult> {
  const recordedAt = new Date(batch.recordedAt);
  return db.transaction(async (tx) => {
    if (!(await repo.claimBatch(tx, batch.clientId, actor.id, recordedAt))) {
      const first = await repo.findBatch(tx, batch.clientId);
      if (!first || first.authorId !== actor.id) {
        throw new AppError('CONFLICT', 'this clientId was used by someone else', { field: 'clientId' });
      }
      return { ...(first.result as TCheckInResult), duplicate: true };
    }
    checkRecordedAt(recordedAt, now);
    // Lock the tasks in one order, so that two submits touching the same tasks cannot deadlock.
    const order = batch.entries.map((e, i) => ({ e, i })).sort((a, b) => a.e.taskId.localeCompare(b.e.taskId));
    const outcomes: TCheckInOutcome[] = new Array(batch.entries.length);
    const audits: TAuditInput[] = [];
    const audited: ReturnType<typeof auditEntry>[] = [];
    for (const { e, i } of order) {
      const loaded = await loadTask(tx, actor, e.taskId, { lock: true });
      const { row, notice } = await applyEntry(tx, loaded, e, {
        actor,
        recordedAt,
        clientId: batch.clientId,
        field: `entries.${i}`,
        audits,
      });
      outcomes[i] = { taskId: e.taskId, checkInId: row.id, kind: row.kind as TCheckInOutcome['kind'], notice };
      audited.push(auditEntry(row));
    }
    const day = localDay(recordedAt);
    // Each applied entry moved its task's last-heard-of day: the lights (and the parents') follow.
    await refreshLights(
      tx,
      batch.entries.map((e) => e.taskId),
      'checkIn',
      { now },
    );
    await repo.addBurden(
      tx,
      { userId: actor.id, day, week: weekOfInstant(recordedAt), unitId: actor.unitId, unitPath: actor.unitPath },
      {
        entriesMade: batch.entries.length,
        fieldsFilled: batch.entries.reduce((s, e) => s + fieldsFilled(e), 0),
        secondsOpen: batch.openSeconds ?? 0,
      },
    );
    const result: TCheckInResult = {
      clientId: batch.clientId,
      recordedAt: recordedAt.toISOString(),
      duplicate: false,
      entries: outcomes,
    };
    await repo.saveBatchResult(tx, batch.clientId, result);
    // The entries are sealed into the audit chain as the transaction commits.
    await appendAudits(tx, [
      ...audits,
      {
        actor: auditActor(actor),
        action: 'checkIn.submit',
        targetType: 'checkInBatch',
        targetId: batch.clientId,
        after: { recordedAt: result.recordedAt, entries: audited },
        ip: actor.ip,
      },
    ]);
    return result;
  });
}

export function presentCheckIn(view: repo.TCheckInView, actor: TActor, today: string): TCheckIn {
  const c = view.checkIn;
  return {
    id: c.id,
    taskId: c.taskId,
    authorId: c.authorId,
    authorName: view.authorName,
    onBehalfOfUnitId: c.onBehalfOfUnitId,
    onBehalfOfUnitName: view.unitName,
    kind: c.kind as TCheckIn['kind'],
    notice: (c.notice as TCheckIn['notice']) ?? null,
    day: c.day,
    week: c.week,
    recordedAt: c.recordedAt.toISOString(),
    receivedAt: c.receivedAt.toISOString(),
    noChange: c.noChange,
    progressBefore: c.progressBefore,
    progress: c.progress,
    done: c.done,
    next: c.next,
    blocker: c.blocker,
    progressReason: c.progressReason,
    milestoneIds: c.milestoneIds,
    photoIds: c.photoIds,
    correctsId: c.correctsId,
    editedAt: c.editedAt?.toISOString() ?? null,
    editable: c.authorId === actor.id && c.day === today,
  };
}

/** The task's check-ins, newest first, for anyone who sees the task. */
export async function listTaskCheckIns(db: TDb, actor: TActor, taskId: string, now = new Date()) {
  await loadTask(db, actor, taskId);
  const rows = await repo.listTaskCheckIns(db, taskId, 200);
  const today = localDay(now);
  return rows.map((r) => presentCheckIn(r, actor, today));
}

/**
 * Corrects a check-in: by its author only. The same day it is edited in place (the task's progress follows when
 * the check-in moved it); on a later day the correction is appended as a new check-in pointing at the original,
 * which stays as it was.
 */
export async function correctCheckIn(
  db: TDb,
  actor: TActor,
  id: string,
  patch: TCheckInCorrection,
  now = new Date(),
): Promise<TCheckIn> {
  const today = localDay(now);
  const resultId = await db.transaction(async (tx) => {
    const before = await repo.findCheckIn(tx, id);
    if (!before) throw notFound('check-in');
    const loaded = await loadTask(tx, actor, before.taskId, { lock: true }).catch((error: unknown) => {
      throw error instanceof AppError && error.code === 'NOT_FOUND' ? notFound('check-in') : error;
    });
    if (before.authorId !== actor.id) throw new AppError('FORBIDDEN', 'only its author corrects a check-in');
    const audits: TAuditInput[] = [];
    const merged: TCheckInEntry = {
      taskId: before.taskId,
      noChange: false,
      progress: patch.progress ?? before.progress,
      done: (patch.done === undefined ? before.done : patch.done) ?? undefined,
      next: (patch.next === undefined ? before.next : patch.next) ?? undefined,
      blocker: (patch.blocker === undefined ? before.blocker : patch.blocker) ?? undefined,
      progressReason: (patch.progressReason === undefined ? before.progressReason : patch.progressReason) ?? undefined,
      milestoneIds: [],
      photoIds: before.photoIds,
    };
    if (before.day !== today) {
      const { row } = await applyEntry(tx, loaded, merged, {
        actor,
        recordedAt: now,
        clientId: null,
        field: '',
        correctsId: before.id,
        audits,
      });
      await refreshLights(tx, [before.taskId], 'checkIn', { now });
      await appendAudits(tx, [
        ...audits,
        {
          actor: auditActor(actor),
          action: 'checkIn.correct',
          targetType: 'checkIn',
          targetId: before.id,
          before: auditEntry(before),
          after: auditEntry(row),
          ip: actor.ip,
        },
      ]);
      return row.id;
    }
    const task = loaded.row.task;
    const progress = merged.progress ?? before.progress;
    // The same day: the progress the check-in set is replaced, if the task still stands where it left it.
    const movesTask = before.kind === 'progress' && task.progress === before.progress;
    if (before.kind === 'progress' && progress < before.progressBefore && !merged.progressReason) {
      throw invalid('progress', `lower than the task's ${before.progressBefore}% without a reason`);
    }
    const [after] = await tx
      .update(checkIns)
      .set({
        progress: before.kind === 'progress' ? progress : before.progress,
        done: merged.done ?? null,
        next: merged.next ?? null,
        blocker: merged.blocker ?? null,
        progressReason: merged.progressReason ?? null,
        noChange: false,
        editedAt: now,
      })
      .where(eq(checkIns.id, id))
      .returning();
    if (!after) throw new Error('check-in vanished');
    if (movesTask && !(await repo.entryFacts(tx, task.id)).rollsUp && progress !== task.progress) {
      await tasksRepo.updateTask(tx, task.id, { progress });
      if (task.parentId) await recomputeProgress(tx, task.parentId);
      await refreshLights(tx, [task.id], 'checkInEdit', { now });
    }
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'checkIn.edit',
      targetType: 'checkIn',
      targetId: id,
      before: auditEntry(before),
      after: auditEntry(after),
      ip: actor.ip,
    });
    return id;
  });
  const view = await repo.findCheckInView(db, resultId);
  if (!view) throw new Error('check-in vanished');
  return presentCheckIn(view, actor, today);
}
