import { localDay, nextTaskState, type TTask, type TTaskAction, type TTaskState } from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now } from '../../platform/clock.ts';
import type { TDb, TTx } from '../../platform/db/client.ts';
import { AppError } from '../../platform/errors.ts';
import type { TIfMatch } from '../../platform/versions.ts';
import { checkTaskAttachments } from '../attachments/attachments.service.ts';
import { notifyUsers, unitContacts } from '../inbox/inbox.repo.ts';
import { refreshLights } from '../lights/lights.service.ts';
import { recomputeProgress } from './progress.ts';
import { requireAbility, type TTaskAbilities } from './tasks.policy.ts';
import * as repo from './tasks.repo.ts';
import { getTask, loadTask, requireTaskVersion } from './tasks.service.ts';

/** The ability each lifecycle action needs. */
const ABILITY: Record<Exclude<TTaskAction, 'assign' | 'start'>, keyof TTaskAbilities> = {
  acknowledge: 'acknowledge',
  requestClose: 'requestClose',
  close: 'verify',
  reopen: 'verify',
  cancel: 'cancel',
};

/** Refuses an action the task's state does not allow: 409 naming the current state. */
export function nextStateOrConflict(state: TTaskState, action: TTaskAction): TTaskState {
  const next = nextTaskState(state, action);
  if (!next) {
    throw new AppError('CONFLICT', `cannot ${action} a task that is ${state}`, { field: 'state' });
  }
  return next;
}

/**
 * Moves a task along its state machine, recording who, when and why, and tells the people concerned. With If-Match, a
 * task changed meanwhile is refused (412).
 */
export async function transitionTask(
  db: TDb,
  actor: TActor,
  id: string,
  action: Exclude<TTaskAction, 'assign' | 'start'>,
  input: { reason?: string; summary?: string; attachmentIds?: string[] } = {},
  ifMatch?: TIfMatch,
): Promise<TTask> {
  await db.transaction(async (tx) => {
    const { row, abilities } = await loadTask(tx, actor, id, { lock: true });
    requireAbility(abilities, ABILITY[action]);
    await requireTaskVersion(tx, actor, row, ifMatch);
    const from = row.task.state as TTaskState;
    const to = nextStateOrConflict(from, action);
    // Closure evidence: files already attached to this task, recorded with the request.
    const attachmentIds = [...new Set(input.attachmentIds ?? [])];
    await checkTaskAttachments(tx, id, input.attachmentIds ?? []);
    const evidence = attachmentIds.length ? { attachmentIds } : {};
    await applyTransition(tx, actor, row, from, to, action, input.reason ?? input.summary ?? null, evidence);
    const extra =
      action === 'requestClose'
        ? { closeSummary: input.summary ?? null }
        : action === 'close'
          ? { progress: 100 }
          : action === 'reopen'
            ? { closeSummary: null }
            : {};
    await repo.updateTask(tx, id, { state: to, ...extra });
    if (action === 'close' || action === 'cancel') await recomputeProgress(tx, row.task.parentId ?? id);
    // Acknowledging or reopening starts the reporting clock afresh.
    const at = now();
    const heard = action === 'acknowledge' || action === 'reopen' ? [{ taskId: id, day: localDay(at) }] : [];
    await refreshLights(tx, [id], action, { now: at, reports: heard });
    await notifyTransition(tx, row, action, input.reason ?? null);
  });
  return getTask(db, actor, id);
}

/** Records a transition in the task's activity and the audit log. */
export async function applyTransition(
  tx: TTx,
  actor: TActor,
  row: repo.TTaskAccessRow,
  from: TTaskState,
  to: TTaskState,
  action: TTaskAction,
  reason: string | null,
  extra: Record<string, unknown> = {},
): Promise<void> {
  await repo.insertEvent(tx, { taskId: row.task.id, action, fromState: from, toState: to, actorId: actor.id, reason });
  await appendAudit(tx, {
    actor: auditActor(actor),
    action: `task.${action}`,
    targetType: 'task',
    targetId: row.task.id,
    before: { state: from },
    after: { state: to, reason, ...extra },
    ip: actor.ip,
  });
}

async function notifyTransition(tx: TTx, row: repo.TTaskAccessRow, action: TTaskAction, reason: string | null) {
  const t = row.task;
  const title = t.title;
  if (action === 'requestClose') {
    await notifyUsers(tx, [t.createdBy], { kind: 'closeRequested', taskId: t.id, title });
  } else if (action === 'close' || action === 'reopen') {
    const contacts = await unitContacts(tx, [t.leadUnitId]);
    await notifyUsers(tx, [t.ownerId, ...contacts], {
      kind: action === 'close' ? 'closed' : 'returned',
      taskId: t.id,
      title,
      body: reason,
    });
  } else if (action === 'cancel') {
    const contacts = await unitContacts(tx, [t.leadUnitId, ...t.coUnitIds]);
    await notifyUsers(tx, [t.ownerId, ...contacts], { kind: 'cancelled', taskId: t.id, title, body: reason });
  } else if (action === 'acknowledge') {
    await notifyUsers(tx, [t.createdBy], { kind: 'acknowledged', taskId: t.id, title });
  }
}
