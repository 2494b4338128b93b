import type { TAuditAnchor, TAuditEntry, TAuditQuery, TAuditVerify } from '@duban/domain';
import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.ts';
import { escapeLike, requireRole, type TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { readAnchors, readChainHead, writeAnchor } from '../../platform/audit/anchor.ts';
import { appendAudit, verifyAuditChain } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';
import { enqueueNotification } from '../notifications/enqueue.ts';

/** The audit log is for auditors alone (三员分立). */
function authorizeAudit(actor: TActor): void {
  requireRole(actor, 'auditor');
}

/** A page of audit entries, newest first, filtered. */
export async function listAudit(db: TDb, actor: TActor, q: TAuditQuery) {
  authorizeAudit(actor);
  const conditions: SQL[] = [];
  if (q.action) conditions.push(ilike(auditLog.action, `${escapeLike(q.action)}%`));
  if (q.targetType) conditions.push(eq(auditLog.targetType, q.targetType));
  if (q.targetId) conditions.push(eq(auditLog.targetId, q.targetId));
  if (q.actor) {
    const actorCondition = /^[0-9a-f-]{36}$/i.test(q.actor)
      ? or(eq(auditLog.actorId, q.actor), eq(auditLog.actorName, q.actor))
      : eq(auditLog.actorName, q.actor);
    if (actorCondition) conditions.push(actorCondition);
  }
  if (q.from) conditions.push(gte(auditLog.at, new Date(q.from)));
  if (q.to) conditions.push(lte(auditLog.at, new Date(q.to)));
  const where = conditions.length ? and(...conditions) : undefined;
  const [rows, totals] = await Promise.all([
    db
      .select()
      .from(auditLog)
      .where(where)
      .orderBy(desc(auditLog.id))
      .limit(q.pageSize)
      .offset((q.page - 1) * q.pageSize),
    db.select({ n: count() }).from(auditLog).where(where),
  ]);
  const items: TAuditEntry[] = rows.map((r) => ({ ...r, at: r.at.toISOString() }));
  return { items, total: totals[0]?.n ?? 0, page: q.page, pageSize: q.pageSize };
}

/** Verifies the whole hash chain, and holds it against the anchors written under the data directory. */
export async function verifyAudit(db: TDb, actor: TActor, dataDir: string): Promise<TAuditVerify> {
  authorizeAudit(actor);
  return verifyAuditChain(db, { anchors: readAnchors(dataDir) });
}

/**
 * Anchors the chain's head outside the database: appends it to the anchor file under the data directory (flushed
 * to disk before the answer) and queues it to every county-wide channel that carries the `auditAnchor` event. An
 * auditor's anchor is itself audited, after the head it anchors; the daily job's (no actor) is not, so a quiet
 * county's chain does not grow by an entry a day. Answers the anchor and how many channels it was queued to.
 */
export async function anchorAudit(
  db: TDb,
  actor: TActor | null,
  dataDir: string,
  now = new Date(),
): Promise<TAuditAnchor & { channels: number }> {
  if (actor) authorizeAudit(actor);
  return db.transaction(async (tx) => {
    const head = await readChainHead(tx);
    const anchor: TAuditAnchor = { at: now.toISOString(), seq: head.seq, hash: head.hash };
    const channels = await enqueueNotification(
      tx,
      {
        event: 'auditAnchor',
        unitIds: [],
        userIds: [],
        message: {
          title: '审计链锚点 Audit chain anchor',
          text: `seq ${anchor.seq}\nhash ${anchor.hash}\nat ${anchor.at}`,
        },
      },
      now,
    );
    if (actor) {
      await appendAudit(tx, {
        actor: auditActor(actor),
        action: 'audit.anchor',
        targetType: 'auditChain',
        targetId: String(anchor.seq),
        after: { ...anchor, channels },
        ip: actor.ip,
      });
    }
    // Written before the commit: a file line whose transaction then failed only anchors a head that existed.
    writeAnchor(dataDir, anchor);
    return { ...anchor, channels };
  });
}
