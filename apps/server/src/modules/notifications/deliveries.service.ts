import type { TChannelKind, TDelivery, TDeliveryEvent, TDeliveryQuery, TDeliveryState } from '@duban/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { deliveries } from '../../db/schema/index.ts';
import { scopeCondition, type TActor } from '../../platform/access/access.ts';
import type { TDb } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { manageScope, managesCounty, requireChannelManager } from './notifications.policy.ts';
import * as repo from './notifications.repo.ts';

type TDeliveryRow = NonNullable<Awaited<ReturnType<typeof repo.findDelivery>>>;

function present(row: TDeliveryRow): TDelivery {
  const d = row.delivery;
  const message = d.message as { title?: string };
  return {
    id: d.id,
    channelId: d.channelId,
    channelName: row.channelName,
    userId: d.userId,
    userName: row.userName,
    kind: d.kind as TChannelKind,
    target: d.target,
    event: d.event as TDeliveryEvent,
    title: message.title ?? '',
    state: d.state as TDeliveryState,
    attempts: d.attempts,
    nextAttemptAt: d.state === 'queued' ? (d.nextAttemptAt?.toISOString() ?? null) : null,
    lastError: d.lastError,
    sentAt: d.sentAt?.toISOString() ?? null,
    createdAt: d.createdAt.toISOString(),
  };
}

/**
 * The deliveries the actor sees: all of them for the office (sysAdmin, county supervisors); for a unit head, those
 * of the channels of units in their scope and the e-mails to people of those units.
 */
function visibleDeliveries(actor: TActor): SQL {
  if (managesCounty(actor)) return sql`true`;
  const scope = manageScope(actor);
  return sql`(${scopeCondition(scope, repo.CHANNEL_UNIT_PATH)} or ${scopeCondition(scope, repo.RECIPIENT_UNIT_PATH)})`;
}

/** The deliveries log, newest first, by state and channel. */
export async function listDeliveries(db: TDb, actor: TActor, q: TDeliveryQuery) {
  requireChannelManager(actor);
  const where = and(
    visibleDeliveries(actor),
    q.state ? eq(deliveries.state, q.state) : undefined,
    q.channelId ? eq(deliveries.channelId, q.channelId) : undefined,
  );
  const { items, total } = await repo.listDeliveries(db, where, q.page, q.pageSize);
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
}

/** One delivery the actor sees, or 404. */
export async function getDelivery(db: TDb, actor: TActor, id: number): Promise<TDelivery> {
  requireChannelManager(actor);
  const row = await repo.findDelivery(db, and(visibleDeliveries(actor), eq(deliveries.id, id)));
  if (!row) throw notFound('delivery');
  return present(row);
}
