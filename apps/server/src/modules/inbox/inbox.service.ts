import type { TInboxItem, TNeeds, TTaskSummary } from '@duban/domain';
import { isEmptyScope, scopeOf, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { answerableEscalations } from '../supervision/escalations.service.ts';
import { summariesOf } from '../tasks/tasks.service.ts';
import * as repo from './inbox.repo.ts';

/** The actor's own inbox; nobody reads another's. */
export async function listInbox(
  db: TDb,
  actor: TActor,
  q: { unread?: 'true' | 'false'; page: number; pageSize: number },
) {
  const { items, total, unread } = await repo.listInbox(db, actor.id, q.unread === 'true', q.page, q.pageSize);
  const presented: TInboxItem[] = items.map((i) => ({
    id: i.id,
    kind: i.kind,
    taskId: i.taskId,
    title: i.title,
    body: i.body,
    readAt: i.readAt?.toISOString() ?? null,
    createdAt: i.createdAt.toISOString(),
  }));
  return { items: presented, total, unread, page: q.page, pageSize: q.pageSize };
}

/** Marks one of the actor's items (or all of them) read; another person's item is not found. */
export async function markInboxRead(db: TDb, actor: TActor, id: number | null) {
  return db.transaction(async (tx) => {
    const marked = await repo.markRead(tx, actor.id, id);
    if (id !== null && marked.length === 0) throw notFound('inbox item');
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'inbox.read',
      targetType: 'inbox',
      targetId: id === null ? null : String(id),
      after: { marked: marked.length },
      ip: actor.ip,
    });
    return { marked: marked.length };
  });
}

const NEEDS_LIMIT = 20;

/**
 * What needs the actor now, in one list: the answers they owe, the tasks their units must acknowledge (as head or
 * liaison), the closures they must verify (as supervisor), and the weekly roll-ups they must confirm (as head). Each
 * group oldest first, with its total.
 */
export async function whatNeedsMe(db: TDb, actor: TActor): Promise<TNeeds> {
  const unitScope = scopeOf(actor, 'unitHead', 'liaison');
  const supervised = scopeOf(actor, 'supervisor');
  const headed = scopeOf(actor, 'unitHead');
  const [answer, acknowledge, verify, confirm] = await Promise.all([
    answerableEscalations(db, actor, NEEDS_LIMIT),
    isEmptyScope(unitScope) ? { total: 0, ids: [] } : repo.tasksWaiting(db, 'assigned', unitScope, NEEDS_LIMIT),
    isEmptyScope(supervised) ? { total: 0, ids: [] } : repo.tasksWaiting(db, 'closeRequested', supervised, NEEDS_LIMIT),
    isEmptyScope(headed) ? { total: 0, items: [] } : repo.rollupsToConfirm(db, headed, NEEDS_LIMIT),
  ]);
  const order = (ids: string[], items: TTaskSummary[]) =>
    ids.map((id) => items.find((t) => t.id === id)).filter((t): t is TTaskSummary => t !== undefined);
  return {
    answer,
    acknowledge: { total: acknowledge.total, items: order(acknowledge.ids, await summariesOf(db, acknowledge.ids)) },
    verify: { total: verify.total, items: order(verify.ids, await summariesOf(db, verify.ids)) },
    confirm,
  };
}
