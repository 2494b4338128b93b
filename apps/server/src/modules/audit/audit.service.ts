import type { TAuditEntry, TAuditQuery, TAuditVerify } from '@duban/domain';
import { and, count, desc, eq, gte, ilike, lte, or, type SQL } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.ts';
import { escapeLike, requireRole, type TActor } from '../../platform/access/access.ts';
import { verifyAuditChain } from '../../platform/audit/audit.ts';
import type { TDb } from '../../platform/db/client.ts';

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

/** Verifies the whole hash chain. */
export async function verifyAudit(db: TDb, actor: TActor): Promise<TAuditVerify> {
  authorizeAudit(actor);
  return verifyAuditChain(db);
}
