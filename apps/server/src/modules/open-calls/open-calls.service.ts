import {
  isOpenTaskState,
  type TBid,
  type TCreateOpenCallRequest,
  type TOpenCall,
  type TOpenCallQuery,
  type TTaskState,
} from '@duban/domain';
import { and, eq } from 'drizzle-orm';
import { openCalls } from '../../db/schema/index.ts';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { notifyUsers, unitContacts } from '../inbox/inbox.repo.ts';
import { readCharter } from '../tasks/tasks.presenter.ts';
import * as tasksRepo from '../tasks/tasks.repo.ts';
import { loadTask } from '../tasks/tasks.service.ts';
import {
  canAwardCall,
  canPublishCall,
  overseesCalls,
  requireEligibleBidder,
  requireVisibleCall,
  visibleCallsCondition,
} from './open-calls.policy.ts';
import { callFacts, presentBid, presentCall } from './open-calls.presenter.ts';
import * as repo from './open-calls.repo.ts';

const requireOpenTask = (state: string) => {
  if (!isOpenTaskState(state as TTaskState)) throw new AppError('CONFLICT', `the task is ${state}`, { field: 'state' });
};

/** Loads a call the actor may see, with its facts; 404 when out of reach. */
async function loadCall(db: TQueryable, actor: TActor, id: string, opts: { lock?: boolean } = {}) {
  const row = await repo.findCall(db, id, opts);
  if (!row) throw notFound('open call');
  const facts = callFacts(row, await repo.hasBid(db, id, actor.id));
  requireVisibleCall(actor, facts);
  return { row, facts };
}

/** Presents the calls with the bids the actor may read (all for overseers, else their own) and the bid counts. */
async function presentCalls(db: TQueryable, actor: TActor, rows: repo.TCallRow[]): Promise<TOpenCall[]> {
  const ids = rows.map((r) => r.call.id);
  const [bids, counts] = await Promise.all([
    repo.listBids(db, ids, overseesCalls(actor) ? undefined : actor.id),
    repo.countBids(db, ids),
  ]);
  return rows.map((row) =>
    presentCall(
      actor,
      row,
      bids.filter((b) => b.bid.callId === row.call.id),
      counts.get(row.call.id) ?? 0,
    ),
  );
}

/** One call, as the actor may see it. */
export async function getOpenCall(db: TDb, actor: TActor, id: string): Promise<TOpenCall> {
  const { row } = await loadCall(db, actor, id);
  const [call] = await presentCalls(db, actor, [row]);
  if (!call) throw new Error('call vanished');
  return call;
}

/** A page of the calls the actor may see, newest first. */
export async function listOpenCalls(db: TDb, actor: TActor, query: TOpenCallQuery) {
  const where = and(
    visibleCallsCondition(actor),
    query.state ? eq(openCalls.state, query.state) : undefined,
    query.taskId ? eq(openCalls.taskId, query.taskId) : undefined,
  );
  const { items, total } = await repo.listCalls(db, where, query.page, query.pageSize);
  return { items: await presentCalls(db, actor, items), total, page: query.page, pageSize: query.pageSize };
}

/**
 * Publishes a task as an open call (揭榜挂帅): leaders and supervisors whose scope reaches its lead unit. The heads
 * and liaisons of the eligible units are told; a call open to every unit is listed for everyone instead.
 */
export async function createOpenCall(db: TDb, actor: TActor, input: TCreateOpenCallRequest): Promise<TOpenCall> {
  const id = await db.transaction(async (tx) => {
    const { row } = await loadTask(tx, actor, input.taskId, { lock: true });
    const task = row.task;
    if (!canPublishCall(actor, row.leadUnitPath)) {
      throw new AppError('FORBIDDEN', 'only leaders and supervisors over the lead unit publish calls');
    }
    requireOpenTask(task.state);
    if (await repo.findCallIdOfTask(tx, task.id)) {
      throw new AppError('CONFLICT', 'the task is already an open call', { field: 'taskId' });
    }
    const bidDeadline = new Date(input.bidDeadline);
    if (bidDeadline <= new Date()) throw invalid('bidDeadline', 'the bid deadline must be in the future');
    const eligibleUnitIds = [...new Set(input.eligibleUnitIds)];
    const active = await repo.findActiveUnitIds(tx, eligibleUnitIds);
    input.eligibleUnitIds.forEach((unitId, i) => {
      if (!active.has(unitId)) throw invalid(`eligibleUnitIds.${i}`, 'no such active unit');
    });
    const callId = await repo.insertCall(tx, {
      taskId: task.id,
      requirements: input.requirements,
      eligibleUnitIds,
      bidDeadline,
      publishedBy: actor.id,
    });
    await tasksRepo.insertEvent(tx, { taskId: task.id, action: 'publishCall', actorId: actor.id });
    const contacts = await unitContacts(tx, eligibleUnitIds);
    await notifyUsers(
      tx,
      contacts.filter((u) => u !== actor.id),
      { kind: 'callPublished', taskId: task.id, title: task.title, body: input.requirements },
    );
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'openCall.publish',
      targetType: 'openCall',
      targetId: callId,
      after: { taskId: task.id, requirements: input.requirements, eligibleUnitIds, bidDeadline },
      ip: actor.ip,
    });
    return callId;
  });
  return getOpenCall(db, actor, id);
}

/** Bids on a call (揭榜): once per person, from an eligible unit, before the deadline; the bid records their unit. */
export async function placeBid(
  db: TDb,
  actor: TActor,
  callId: string,
  input: { plan: string; pledge: string },
): Promise<TBid> {
  const bidId = await db.transaction(async (tx) => {
    const { row, facts } = await loadCall(tx, actor, callId, { lock: true });
    requireEligibleBidder(actor, facts);
    if (facts.state !== 'open') throw new AppError('CONFLICT', `the call is ${facts.state}`, { field: 'state' });
    requireOpenTask(facts.taskState);
    if (facts.bidDeadline <= new Date()) {
      throw new AppError('CONFLICT', 'the bid deadline has passed', { field: 'bidDeadline' });
    }
    if (facts.hasBid) throw new AppError('DUPLICATE', 'you have already bid on this call', { field: 'bidId' });
    const id = await repo.insertBid(tx, {
      callId,
      unitId: actor.unitId,
      bidderId: actor.id,
      plan: input.plan,
      pledge: input.pledge,
    });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'openCall.bid',
      targetType: 'openCall',
      targetId: callId,
      after: { bidId: id, taskId: row.call.taskId, unitId: actor.unitId, plan: input.plan, pledge: input.pledge },
      ip: actor.ip,
    });
    return id;
  });
  const [bid] = await repo.listBids(db, [callId], actor.id);
  if (!bid || bid.bid.id !== bidId) throw new Error('bid vanished');
  return presentBid(bid, null);
}

/**
 * Awards a call (挂帅) to one bid: leaders over the task's lead unit. The winner becomes the task's owner, their
 * unit its lead unit (the old lead unit stays on as a co-unit), their plan and pledge the charter's goal and pledge.
 * Every bidder hears the outcome; all bids stay on record. Allowed before or after the deadline.
 */
export async function awardOpenCall(db: TDb, actor: TActor, callId: string, bidId: string): Promise<TOpenCall> {
  await db.transaction(async (tx) => {
    const { row: call, facts } = await loadCall(tx, actor, callId, { lock: true });
    if (!canAwardCall(actor, facts)) throw new AppError('FORBIDDEN', 'only leaders over the lead unit award calls');
    if (facts.state !== 'open') throw new AppError('CONFLICT', `the call is ${facts.state}`, { field: 'state' });
    const winner = await repo.findBidOfCall(tx, callId, bidId);
    if (!winner) throw invalid('bidId', 'no such bid on this call');
    if (!winner.isBidderActive || !winner.isUnitActive) {
      throw invalid('bidId', 'the bidder or their unit is no longer active');
    }
    const { row } = await loadTask(tx, actor, call.call.taskId, { lock: true });
    const before = row.task;
    requireOpenTask(before.state);
    const leadUnitId = winner.bid.unitId;
    const coUnitIds =
      leadUnitId === before.leadUnitId
        ? before.coUnitIds
        : [...new Set([...before.coUnitIds.filter((u) => u !== leadUnitId), before.leadUnitId])];
    const charter = { ...readCharter(before.charter), goal: winner.bid.plan, pledge: winner.bid.pledge };
    const after = { ownerId: winner.bid.bidderId, leadUnitId, coUnitIds, charter };
    await tasksRepo.updateTask(tx, before.id, after);
    if (leadUnitId !== before.leadUnitId) await tasksRepo.writeTaskUnits(tx, before.id, leadUnitId, coUnitIds);
    await repo.markAwarded(tx, callId, bidId, actor.id);
    await tasksRepo.insertEvent(tx, {
      taskId: before.id,
      action: 'award',
      actorId: actor.id,
      reason: `${winner.bidderName}（${winner.unitName}）`,
    });
    const bidders = await repo.listBidderIds(tx, callId);
    const title = before.title;
    await notifyUsers(tx, [winner.bid.bidderId], {
      kind: 'awarded',
      taskId: before.id,
      title,
      body: winner.bid.pledge,
    });
    await notifyUsers(
      tx,
      bidders.filter((u) => u !== winner.bid.bidderId),
      { kind: 'notAwarded', taskId: before.id, title },
    );
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'openCall.award',
      targetType: 'openCall',
      targetId: callId,
      before: {
        taskId: before.id,
        ownerId: before.ownerId,
        leadUnitId: before.leadUnitId,
        coUnitIds: before.coUnitIds,
        charter: before.charter,
      },
      after: { taskId: before.id, bidId, ...after },
      ip: actor.ip,
    });
  });
  return getOpenCall(db, actor, callId);
}
