import {
  channelShapeProblem,
  type TChannel,
  type TChannelKind,
  type TCreateChannelRequest,
  type TDelivery,
  type TNotificationEvent,
  type TUpdateChannelRequest,
} from '@duban/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { notificationChannels } from '../../db/schema/index.ts';
import { scopeCondition, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { findUnit } from '../org/org.repo.ts';
import { getDelivery } from './deliveries.service.ts';
import { deliverClaimed } from './delivery-worker.ts';
import { channelTarget } from './enqueue.ts';
import { manageScope, managesChannelOf, managesCounty, requireChannelManager } from './notifications.policy.ts';
import * as repo from './notifications.repo.ts';
import type { TMailSettings } from './senders.ts';
import { assertWebhookUrl, redactUrl } from './webhook-url.ts';

function present(row: repo.TChannelWithUnit): TChannel {
  const c = row.channel;
  return {
    id: c.id,
    name: c.name,
    kind: c.kind as TChannelKind,
    unitId: c.unitId,
    unitName: row.unitName,
    url: c.url,
    addresses: c.addresses,
    hasSecret: Boolean(c.secret),
    events: c.events as TNotificationEvent[],
    enabled: c.enabled,
    createdAt: c.createdAt.toISOString(),
    updatedAt: c.updatedAt.toISOString(),
  };
}

/** What the audit log keeps of a channel: never the secret, and the URL with its tokens masked. */
const auditView = (c: repo.TChannelRow) => ({
  name: c.name,
  kind: c.kind,
  unitId: c.unitId,
  url: c.url ? redactUrl(c.url) : null,
  addresses: c.addresses,
  hasSecret: Boolean(c.secret),
  events: c.events,
  enabled: c.enabled,
});

/** The channels the actor manages, as a condition on the channel's unit path. */
function visibleChannels(actor: TActor): SQL {
  const units = sql`(${notificationChannels.unitId} is not null and ${scopeCondition(manageScope(actor), repo.CHANNEL_UNIT_PATH)})`;
  return managesCounty(actor) ? sql`true` : units;
}

/** A channel the actor manages, or 404. */
async function loadChannel(db: TQueryable, actor: TActor, id: string, lock = false) {
  requireChannelManager(actor);
  const row = await repo.findChannel(db, id, lock);
  if (!row || !managesChannelOf(actor, row.unitPath)) throw notFound('notification channel');
  return row;
}

/** The unit a channel is for: null (county-wide) needs the office; a unit out of the actor's scope is 404. */
async function checkUnit(db: TQueryable, actor: TActor, unitId: string | null): Promise<void> {
  if (unitId === null) {
    if (!managesCounty(actor)) {
      throw new AppError('FORBIDDEN', 'only sysAdmin and county supervisors manage county-wide channels', {
        field: 'unitId',
      });
    }
    return;
  }
  const unit = await findUnit(db, unitId);
  if (!unit || !managesChannelOf(actor, unit.path)) throw notFound('unit');
}

/** Checks the kind's fields and the webhook URL (https, public address) before anything is written. */
async function checkShape(
  kind: TChannelKind,
  values: { url: string | null; addresses: string[]; secret: string | null },
) {
  const problem = channelShapeProblem(kind, values);
  if (problem) throw invalid(problem.field, problem.message);
  if (kind !== 'email' && values.url) await assertWebhookUrl(values.url);
}

/** The channels the actor manages, county-wide first; with unitId, that unit's own. */
export async function listChannels(
  db: TDb,
  actor: TActor,
  q: { unitId?: string | undefined; page: number; pageSize: number },
) {
  requireChannelManager(actor);
  const where = and(visibleChannels(actor), q.unitId ? eq(notificationChannels.unitId, q.unitId) : undefined);
  const { items, total } = await repo.listChannels(db, where, q.page, q.pageSize);
  return { items: items.map(present), total, page: q.page, pageSize: q.pageSize };
}

export async function getChannel(db: TDb, actor: TActor, id: string): Promise<TChannel> {
  return present(await loadChannel(db, actor, id));
}

/** Creates a channel (sysAdmin and supervisors for the county or any unit, unit heads for their units). */
export async function createChannel(db: TDb, actor: TActor, input: TCreateChannelRequest): Promise<TChannel> {
  requireChannelManager(actor);
  const values = { url: input.url ?? null, addresses: input.addresses ?? [], secret: input.secret ?? null };
  await checkUnit(db, actor, input.unitId);
  await checkShape(input.kind, values);
  const id = await db.transaction(async (tx) => {
    const channelId = await repo.insertChannel(tx, {
      name: input.name,
      kind: input.kind,
      unitId: input.unitId,
      ...values,
      events: input.events,
      enabled: input.enabled,
      createdBy: actor.id,
    });
    const row = await repo.findChannel(tx, channelId);
    if (!row) throw new Error('channel vanished');
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'notificationChannel.create',
      targetType: 'notificationChannel',
      targetId: channelId,
      after: auditView(row.channel),
      ip: actor.ip,
    });
    return channelId;
  });
  return getChannel(db, actor, id);
}

/** Changes a channel; a secret left out is kept, null removes it. */
export async function updateChannel(
  db: TDb,
  actor: TActor,
  id: string,
  input: TUpdateChannelRequest,
): Promise<TChannel> {
  const current = await loadChannel(db, actor, id);
  const c = current.channel;
  const next = {
    url: input.url === undefined ? c.url : input.url,
    addresses: input.addresses ?? c.addresses,
    secret: input.secret === undefined ? c.secret : input.secret,
  };
  if (input.unitId !== undefined && input.unitId !== c.unitId) await checkUnit(db, actor, input.unitId);
  await checkShape(c.kind as TChannelKind, next);
  await db.transaction(async (tx) => {
    const before = await loadChannel(tx, actor, id, true);
    await repo.updateChannel(tx, id, {
      ...(input.name !== undefined ? { name: input.name } : {}),
      ...(input.unitId !== undefined ? { unitId: input.unitId } : {}),
      ...next,
      ...(input.events !== undefined ? { events: input.events } : {}),
      ...(input.enabled !== undefined ? { enabled: input.enabled } : {}),
    });
    const after = await repo.findChannel(tx, id);
    if (!after) throw new Error('channel vanished');
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'notificationChannel.update',
      targetType: 'notificationChannel',
      targetId: id,
      before: auditView(before.channel),
      after: auditView(after.channel),
      ip: actor.ip,
    });
  });
  return getChannel(db, actor, id);
}

/** Deletes a channel; its deliveries stay in the log without it. */
export async function deleteChannel(db: TDb, actor: TActor, id: string): Promise<void> {
  await db.transaction(async (tx) => {
    const row = await loadChannel(tx, actor, id, true);
    await repo.deleteChannel(tx, id);
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'notificationChannel.delete',
      targetType: 'notificationChannel',
      targetId: id,
      before: auditView(row.channel),
      ip: actor.ip,
    });
  });
}

/**
 * Sends a test message to a channel now (enabled or not) and answers with the delivery and its outcome: sent, or
 * failed with the robot's or the mail server's own words. It is logged among the deliveries and not retried.
 */
export async function testChannel(
  db: TDb,
  actor: TActor,
  id: string,
  mail: TMailSettings | null,
  now = new Date(),
): Promise<TDelivery> {
  const row = await loadChannel(db, actor, id);
  const message = {
    title: '督办平台测试消息',
    text: `这是一条测试消息：「${row.channel.name}」已能收到督办平台的通知。\n\n发送人：${actor.displayName}`,
  };
  const deliveryId = await db.transaction(async (tx) => {
    const [inserted] = await repo.insertDeliveries(tx, [
      {
        channelId: id,
        userId: null,
        kind: row.channel.kind,
        target: channelTarget(row.channel),
        event: 'test',
        message,
        // Claimed by this request from the start: the worker leaves it alone unless the request dies mid-send.
        attempts: 1,
        attemptedAt: now,
        nextAttemptAt: new Date(now.getTime() + 5 * 60_000),
      },
    ]);
    if (inserted === undefined) throw new Error('insert returned no row');
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'notificationChannel.test',
      targetType: 'notificationChannel',
      targetId: id,
      after: { deliveryId: inserted },
      ip: actor.ip,
    });
    return inserted;
  });
  await deliverClaimed(
    db,
    {
      id: deliveryId,
      channelId: id,
      userId: null,
      kind: row.channel.kind,
      target: '',
      event: 'test',
      message,
      attempts: 1,
    },
    now,
    { mail },
  );
  return getDelivery(db, actor, deliveryId);
}
