import { and, count, desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bids, openCalls, tasks, units, users } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

const leadUnit = alias(units, 'lead_unit');
const publisher = alias(users, 'publisher');

/** A call with its task and the names the client shows; eligible units carry their paths for the policy. */
const callSelection = {
  call: openCalls,
  taskTitle: tasks.title,
  taskState: tasks.state,
  leadUnitPath: leadUnit.path,
  publishedByName: publisher.displayName,
  eligibleUnits: sql<{ id: string; name: string; path: string }[]>`coalesce((
    select json_agg(json_build_object('id', eu.id, 'name', eu.name, 'path', eu.path)
      order by array_position(${openCalls.eligibleUnitIds}, eu.id))
    from ${units} eu where eu.id = any(${openCalls.eligibleUnitIds})), '[]'::json)`,
};

const callQuery = (db: TQueryable) =>
  db
    .select(callSelection)
    .from(openCalls)
    .innerJoin(tasks, eq(tasks.id, openCalls.taskId))
    .innerJoin(leadUnit, eq(leadUnit.id, tasks.leadUnitId))
    .innerJoin(publisher, eq(publisher.id, openCalls.publishedBy));

export type TCallRow = Awaited<ReturnType<ReturnType<typeof callQuery>['execute']>>[number];

/** One call; with lock, its row stays locked until the transaction ends (bids and the award queue behind it). */
export async function findCall(db: TQueryable, id: string, opts: { lock?: boolean } = {}): Promise<TCallRow | null> {
  if (opts.lock) await db.execute(sql`select 1 from ${openCalls} where ${openCalls.id} = ${id} for update`);
  const [row] = await callQuery(db).where(eq(openCalls.id, id)).limit(1);
  return row ?? null;
}

/** The id of the call on a task, if it has one. */
export async function findCallIdOfTask(db: TQueryable, taskId: string): Promise<string | null> {
  const [row] = await db.select({ id: openCalls.id }).from(openCalls).where(eq(openCalls.taskId, taskId)).limit(1);
  return row?.id ?? null;
}

/** A page of calls matching the conditions, newest first. */
export async function listCalls(db: TQueryable, where: SQL | undefined, page: number, pageSize: number) {
  const [items, totals] = await Promise.all([
    callQuery(db)
      .where(where)
      .orderBy(desc(openCalls.publishedAt), desc(openCalls.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(openCalls).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** Publishes a call. */
export async function insertCall(db: TQueryable, values: typeof openCalls.$inferInsert): Promise<string> {
  const [row] = await db.insert(openCalls).values(values).returning({ id: openCalls.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** Records the award on the call. */
export async function markAwarded(db: TQueryable, callId: string, bidId: string, awardedBy: string): Promise<void> {
  await db
    .update(openCalls)
    .set({ state: 'awarded', awardedBidId: bidId, awardedBy, awardedAt: sql`now()` })
    .where(eq(openCalls.id, callId));
}

const bidUnit = alias(units, 'bid_unit');
const bidder = alias(users, 'bidder');

export type TBidRow = { bid: typeof bids.$inferSelect; unitName: string; bidderName: string };

/** The bids on the calls, oldest first; only one person's when bidderId is given. */
export function listBids(db: TQueryable, callIds: string[], bidderId?: string): Promise<TBidRow[]> {
  if (callIds.length === 0) return Promise.resolve([]);
  return db
    .select({ bid: bids, unitName: bidUnit.name, bidderName: bidder.displayName })
    .from(bids)
    .innerJoin(bidUnit, eq(bidUnit.id, bids.unitId))
    .innerJoin(bidder, eq(bidder.id, bids.bidderId))
    .where(and(inArray(bids.callId, callIds), bidderId ? eq(bids.bidderId, bidderId) : undefined))
    .orderBy(bids.createdAt, bids.id);
}

/** How many bids each call has. */
export async function countBids(db: TQueryable, callIds: string[]): Promise<Map<string, number>> {
  if (callIds.length === 0) return new Map();
  const rows = await db
    .select({ callId: bids.callId, n: count() })
    .from(bids)
    .where(inArray(bids.callId, callIds))
    .groupBy(bids.callId);
  return new Map(rows.map((r) => [r.callId, r.n]));
}

/** A bid of the call, with the winner's standing: whether the bidder and the bid's unit are still active. */
export async function findBidOfCall(db: TQueryable, callId: string, bidId: string) {
  const [row] = await db
    .select({
      bid: bids,
      unitName: bidUnit.name,
      bidderName: bidder.displayName,
      isUnitActive: bidUnit.isActive,
      isBidderActive: bidder.isActive,
    })
    .from(bids)
    .innerJoin(bidUnit, eq(bidUnit.id, bids.unitId))
    .innerJoin(bidder, eq(bidder.id, bids.bidderId))
    .where(and(eq(bids.id, bidId), eq(bids.callId, callId)));
  return row ?? null;
}

/** True when the person has bid on the call. */
export async function hasBid(db: TQueryable, callId: string, bidderId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: bids.id })
    .from(bids)
    .where(and(eq(bids.callId, callId), eq(bids.bidderId, bidderId)))
    .limit(1);
  return Boolean(row);
}

/** Records a bid. */
export async function insertBid(db: TQueryable, values: typeof bids.$inferInsert): Promise<string> {
  const [row] = await db.insert(bids).values(values).returning({ id: bids.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** The bidders of a call. */
export async function listBidderIds(db: TQueryable, callId: string): Promise<string[]> {
  const rows = await db.select({ id: bids.bidderId }).from(bids).where(eq(bids.callId, callId));
  return rows.map((r) => r.id);
}

/** The units among the ids that exist and are active. */
export async function findActiveUnitIds(db: TQueryable, ids: string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: units.id })
    .from(units)
    .where(and(inArray(units.id, ids), eq(units.isActive, true)));
  return new Set(rows.map((r) => r.id));
}
