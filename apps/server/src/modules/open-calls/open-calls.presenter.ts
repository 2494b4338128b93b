import type { TBid, TOpenCall, TOpenCallState, TTaskState } from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { callCan, type TCallAccessFacts } from './open-calls.policy.ts';
import type { TBidRow, TCallRow } from './open-calls.repo.ts';

/** What the policy needs of a call row, for this actor. */
export function callFacts(row: TCallRow, hasBid: boolean): TCallAccessFacts {
  return {
    state: row.call.state as TOpenCallState,
    publishedBy: row.call.publishedBy,
    bidDeadline: row.call.bidDeadline,
    taskState: row.taskState as TTaskState,
    leadUnitPath: row.leadUnitPath,
    eligibleUnitPaths: row.eligibleUnits.map((u) => u.path),
    isOpenToAll: row.call.eligibleUnitIds.length === 0,
    hasBid,
  };
}

/** A bid as the client shows it. */
export function presentBid(row: TBidRow, awardedBidId: string | null): TBid {
  const b = row.bid;
  return {
    id: b.id,
    callId: b.callId,
    unitId: b.unitId,
    unitName: row.unitName,
    bidderId: b.bidderId,
    bidderName: row.bidderName,
    plan: b.plan,
    pledge: b.pledge,
    isWinner: b.id === awardedBidId,
    createdAt: b.createdAt.toISOString(),
  };
}

/** A call with the bids the actor may read and what they may do with it. */
export function presentCall(actor: TActor, row: TCallRow, bids: TBidRow[], bidCount: number): TOpenCall {
  const c = row.call;
  const facts = callFacts(
    row,
    bids.some((b) => b.bid.bidderId === actor.id),
  );
  return {
    id: c.id,
    taskId: c.taskId,
    taskTitle: row.taskTitle,
    requirements: c.requirements,
    eligibleUnits: row.eligibleUnits.map((u) => ({ id: u.id, name: u.name })),
    bidDeadline: c.bidDeadline.toISOString(),
    state: c.state as TOpenCallState,
    publishedBy: c.publishedBy,
    publishedByName: row.publishedByName,
    publishedAt: c.publishedAt.toISOString(),
    awardedBidId: c.awardedBidId,
    awardedAt: c.awardedAt?.toISOString() ?? null,
    bidCount,
    bids: bids.map((b) => presentBid(b, c.awardedBidId)),
    can: callCan(actor, facts, bidCount),
  };
}
