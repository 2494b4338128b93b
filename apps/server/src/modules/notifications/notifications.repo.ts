import type { TDeliveryState, TNotificationMessage } from '@duban/domain';
import { and, count, desc, eq, inArray, isNotNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { deliveries, notificationChannels, units, users } from '../../db/schema/index.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';

export type TChannelRow = typeof notificationChannels.$inferSelect;
export type TChannelWithUnit = { channel: TChannelRow; unitName: string | null; unitPath: string | null };

const channelUnit = alias(units, 'channel_unit');
const recipient = alias(users, 'recipient');

function channelQuery(db: TQueryable) {
  return db
    .select({ channel: notificationChannels, unitName: channelUnit.name, unitPath: channelUnit.path })
    .from(notificationChannels)
    .leftJoin(channelUnit, eq(channelUnit.id, notificationChannels.unitId));
}

/** One channel with its unit's name and path. */
export async function findChannel(db: TQueryable, id: string, lock = false): Promise<TChannelWithUnit | null> {
  if (lock) await db.execute(sql`select 1 from ${notificationChannels} where id = ${id} for update`);
  const [row] = await channelQuery(db).where(eq(notificationChannels.id, id)).limit(1);
  return row ?? null;
}

/** A page of channels, county-wide first, then in unit order. */
export async function listChannels(db: TQueryable, where: SQL | undefined, page: number, pageSize: number) {
  const [items, totals] = await Promise.all([
    channelQuery(db)
      .where(where)
      .orderBy(sql`${channelUnit.path} collate "C" nulls first`, notificationChannels.name, notificationChannels.id)
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(notificationChannels)
      .leftJoin(channelUnit, eq(channelUnit.id, notificationChannels.unitId))
      .where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** The unit path column of a channel, for scope conditions. */
export const CHANNEL_UNIT_PATH = channelUnit.path;

export async function insertChannel(db: TQueryable, values: typeof notificationChannels.$inferInsert) {
  const [row] = await db.insert(notificationChannels).values(values).returning({ id: notificationChannels.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateChannel(
  db: TQueryable,
  id: string,
  values: Partial<typeof notificationChannels.$inferInsert>,
) {
  await db
    .update(notificationChannels)
    .set({ ...values, updatedAt: new Date() })
    .where(eq(notificationChannels.id, id));
}

export async function deleteChannel(db: TQueryable, id: string) {
  await db.delete(notificationChannels).where(eq(notificationChannels.id, id));
}

/**
 * The enabled channels carrying an event for any of the units: county-wide ones, and those of each unit or an
 * ancestor (a unit's channel hears its whole subtree).
 */
export async function channelsForEvent(db: TQueryable, event: string, unitIds: string[]) {
  const reach =
    unitIds.length === 0
      ? sql`false`
      : sql`exists (select 1 from ${units} as target where target.id in ${unitIds}
          and target.path collate "C" like ${channelUnit.path} || '%')`;
  return db
    .select({
      id: notificationChannels.id,
      kind: notificationChannels.kind,
      url: notificationChannels.url,
      addresses: notificationChannels.addresses,
    })
    .from(notificationChannels)
    .leftJoin(channelUnit, eq(channelUnit.id, notificationChannels.unitId))
    .where(
      and(
        eq(notificationChannels.enabled, true),
        sql`${event} = any(${notificationChannels.events})`,
        sql`(${notificationChannels.unitId} is null or ${reach})`,
      ),
    );
}

/** The active people among these who have an e-mail address. */
export async function usersWithEmail(db: TQueryable, userIds: string[]) {
  if (userIds.length === 0) return [];
  return db
    .select({ id: users.id, email: users.email })
    .from(users)
    .where(
      and(inArray(users.id, userIds), eq(users.isActive, true), isNotNull(users.email), sql`${users.email} <> ''`),
    );
}

export interface TNewDelivery {
  channelId: string | null;
  userId: string | null;
  kind: string;
  target: string;
  event: string;
  message: TNotificationMessage;
  /** A delivery sent at once by the request (a test) is inserted already claimed. */
  attempts?: number;
  attemptedAt?: Date;
  nextAttemptAt: Date;
  createdAt?: Date;
}

export async function insertDeliveries(db: TQueryable, rows: TNewDelivery[]): Promise<number[]> {
  if (rows.length === 0) return [];
  const inserted = await db.insert(deliveries).values(rows).returning({ id: deliveries.id });
  return inserted.map((r) => r.id);
}

export interface TClaimed {
  id: number;
  channelId: string | null;
  userId: string | null;
  kind: string;
  target: string;
  event: string;
  message: TNotificationMessage;
  attempts: number;
}

/** Key of the transaction-level advisory lock that orders claims, so that the pacing counts are exact. */
const CLAIM_LOCK_KEY = 7_414_254;

/**
 * Claims up to `limit` due deliveries for this worker: their attempt is counted, its time noted, and their due time
 * moved to the end of the lease — so a worker that dies mid-send lets them come due again. Claims are ordered by an
 * advisory lock and take rows with SKIP LOCKED, so two workers never claim one delivery; and no channel gets more
 * than `perChannelPerMinute` attempts in any minute (the robots throttle a group that gets more than 20).
 */
export async function claimDueDeliveries(
  db: TDb,
  now: Date,
  opts: { leaseUntil: Date; limit: number; perChannelPerMinute: number },
): Promise<TClaimed[]> {
  const at = now.toISOString();
  const minuteAgo = new Date(now.getTime() - 60_000).toISOString();
  const rows = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${CLAIM_LOCK_KEY})`);
    const result = await tx.execute<{
      id: number;
      channel_id: string | null;
      user_id: string | null;
      kind: string;
      target: string;
      event: string;
      message: TNotificationMessage;
      attempts: number;
    }>(sql`
      with recent as (
        select channel_id, count(*)::int as n from ${deliveries}
         where attempted_at > ${minuteAgo}::timestamptz and attempted_at <= ${at}::timestamptz
           and channel_id is not null
         group by channel_id),
      candidates as (
        select q.id, q.channel_id,
               coalesce(r.n, 0) + row_number() over (partition by q.channel_id order by q.next_attempt_at, q.id) as nth
          from ${deliveries} q left join recent r on r.channel_id = q.channel_id
         where q.state = 'queued' and q.next_attempt_at <= ${at}::timestamptz),
      due as (
        select id from ${deliveries}
         where id in (select id from candidates where channel_id is null or nth <= ${opts.perChannelPerMinute})
         order by next_attempt_at, id
         limit ${opts.limit}
         for update skip locked)
      update ${deliveries} as d
         set attempts = d.attempts + 1, attempted_at = ${at}::timestamptz,
             next_attempt_at = ${opts.leaseUntil.toISOString()}::timestamptz
        from due
       where d.id = due.id
   returning d.id, d.channel_id, d.user_id, d.kind, d.target, d.event, d.message, d.attempts`);
    return result.rows;
  });
  return rows.map(
    (r): TClaimed => ({
      id: Number(r.id),
      channelId: r.channel_id,
      userId: r.user_id,
      kind: r.kind,
      target: r.target,
      event: r.event,
      message: r.message,
      attempts: r.attempts,
    }),
  );
}

/** What a send needs of the claimed deliveries' channels (the secret included), by id. */
export async function channelsForSend(db: TQueryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, TChannelRow>();
  const rows = await db.select().from(notificationChannels).where(inArray(notificationChannels.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Records the outcome of a claimed attempt. */
export async function recordAttempt(
  db: TQueryable,
  id: number,
  outcome: { state: TDeliveryState; nextAttemptAt: Date | null; lastError: string | null; sentAt: Date | null },
) {
  await db
    .update(deliveries)
    .set(outcome)
    .where(and(eq(deliveries.id, id), eq(deliveries.state, 'queued')));
}

/** The delivery list's row: the delivery with its channel's and person's names and units. */
function deliveryQuery(db: TQueryable) {
  return db
    .select({
      delivery: deliveries,
      channelName: notificationChannels.name,
      userName: recipient.displayName,
    })
    .from(deliveries)
    .leftJoin(notificationChannels, eq(notificationChannels.id, deliveries.channelId))
    .leftJoin(channelUnit, eq(channelUnit.id, notificationChannels.unitId))
    .leftJoin(recipient, eq(recipient.id, deliveries.userId));
}

/** The person's unit path column of a personal e-mail, for scope conditions. */
export const RECIPIENT_UNIT_PATH = recipient.unitPath;

/** One delivery (the condition names it and the caller's scope). */
export async function findDelivery(db: TQueryable, where: SQL | undefined) {
  const [row] = await deliveryQuery(db).where(where).limit(1);
  return row ?? null;
}

/** A page of deliveries, newest first. */
export async function listDeliveries(db: TQueryable, where: SQL | undefined, page: number, pageSize: number) {
  const [items, totals] = await Promise.all([
    deliveryQuery(db)
      .where(where)
      .orderBy(desc(deliveries.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db
      .select({ n: count() })
      .from(deliveries)
      .leftJoin(notificationChannels, eq(notificationChannels.id, deliveries.channelId))
      .leftJoin(channelUnit, eq(channelUnit.id, notificationChannels.unitId))
      .leftJoin(recipient, eq(recipient.id, deliveries.userId))
      .where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

/** The events, among these, that some enabled channel carries. */
export async function subscribedEvents<T extends string>(db: TQueryable, events: T[]): Promise<Set<T>> {
  if (events.length === 0) return new Set();
  const rows = await db.execute<{ event: T }>(sql`
    select distinct e as event from ${notificationChannels}, unnest(${notificationChannels.events}) as e
    where ${notificationChannels.enabled} and e = any(${sql.param(events)}::text[])`);
  return new Set(rows.rows.map((r) => r.event));
}

/** True when one of these people is active and has an e-mail address. */
export async function anyWithEmail(db: TQueryable, userIds: string[]): Promise<boolean> {
  const rows = await db.execute<{ found: boolean }>(sql`
    select exists (select 1 from ${users} where ${users.id} = any(${sql.param([...new Set(userIds)])}::uuid[])
      and ${users.isActive} and ${users.email} is not null and ${users.email} <> '') as found`);
  return rows.rows[0]?.found === true;
}
