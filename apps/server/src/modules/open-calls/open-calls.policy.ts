import { isOpenTaskState, type TOpenCallState, type TRole, type TTaskState } from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import { bids, openCalls, units } from '../../db/schema/index.ts';
import { hasRole, isInScope, scopeOf, type TActor } from '../../platform/access/access.ts';
import { AppError, notFound } from '../../platform/errors.ts';

/** What the policy needs to know of a call. */
export interface TCallAccessFacts {
  state: TOpenCallState;
  publishedBy: string;
  bidDeadline: Date;
  taskState: TTaskState;
  leadUnitPath: string;
  /** The eligible units' paths; the call is open to every unit when it names none. */
  eligibleUnitPaths: string[];
  isOpenToAll: boolean;
  /** The actor has bid on the call. */
  hasBid: boolean;
}

/** The roles that do the county's work; the three admin roles (三员) do nothing else, so they neither see nor bid. */
const WORK_ROLES: TRole[] = ['leader', 'supervisor', 'unitHead', 'liaison', 'cadre', 'judge'];

/** Leaders and supervisors see every call and every bid. */
export function overseesCalls(actor: TActor): boolean {
  return hasRole(actor, 'leader', 'supervisor');
}

const isInEligibleUnit = (actor: TActor, call: TCallAccessFacts) =>
  hasRole(actor, ...WORK_ROLES) &&
  (call.isOpenToAll || call.eligibleUnitPaths.some((p) => actor.unitPath.startsWith(p)));

/** True when the actor may see the call: overseers, the people of its eligible units, and its bidders. */
export function canSeeCall(actor: TActor, call: TCallAccessFacts): boolean {
  return overseesCalls(actor) || call.hasBid || isInEligibleUnit(actor, call);
}

/** Who may publish a task as a call: leaders and supervisors whose scope reaches the task's lead unit. */
export function canPublishCall(actor: TActor, leadUnitPath: string): boolean {
  return isInScope(scopeOf(actor, 'leader', 'supervisor'), leadUnitPath);
}

/** Who may award a call (挂帅): leaders whose scope reaches the task's lead unit. */
export function canAwardCall(actor: TActor, call: Pick<TCallAccessFacts, 'leadUnitPath'>): boolean {
  return isInScope(scopeOf(actor, 'leader'), call.leadUnitPath);
}

/** Who may bid at all: a person of an eligible unit, but not whoever published or may award the call. */
export function isEligibleBidder(actor: TActor, call: TCallAccessFacts): boolean {
  return isInEligibleUnit(actor, call) && actor.id !== call.publishedBy && !canAwardCall(actor, call);
}

const isTakingBids = (call: TCallAccessFacts, now: Date) =>
  call.state === 'open' && isOpenTaskState(call.taskState) && call.bidDeadline > now;

/** What the actor can do with the call now (for the client's buttons). */
export function callCan(actor: TActor, call: TCallAccessFacts, bidCount: number, now = new Date()) {
  return {
    bid: isEligibleBidder(actor, call) && !call.hasBid && isTakingBids(call, now),
    award: canAwardCall(actor, call) && call.state === 'open' && isOpenTaskState(call.taskState) && bidCount > 0,
  };
}

/** Refuses (404) a call the actor may not see. */
export function requireVisibleCall(actor: TActor, call: TCallAccessFacts): void {
  if (!canSeeCall(actor, call)) throw notFound('open call');
}

/** Refuses (403) a bid from someone who sees the call but may not bid on it. */
export function requireEligibleBidder(actor: TActor, call: TCallAccessFacts): void {
  if (!isEligibleBidder(actor, call)) {
    throw new AppError('FORBIDDEN', 'only the people of the eligible units may bid, and not the call’s own leaders');
  }
}

/** The SQL condition for the calls the actor may see (on the open_calls table). */
export function visibleCallsCondition(actor: TActor): SQL {
  if (overseesCalls(actor)) return sql`true`;
  const ownBid = sql`exists (select 1 from ${bids} where ${bids.callId} = ${openCalls.id} and ${bids.bidderId} = ${actor.id})`;
  if (!hasRole(actor, ...WORK_ROLES)) return ownBid;
  const eligible = sql`exists (select 1 from ${units} eu where eu.id = any(${openCalls.eligibleUnitIds})
    and starts_with(${actor.unitPath}::text, eu.path))`;
  return sql`(cardinality(${openCalls.eligibleUnitIds}) = 0 or ${eligible} or ${ownBid})`;
}
