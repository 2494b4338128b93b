import { createHash } from 'node:crypto';
import { AUDIT_GENESIS_HASH, canonicalJson, type TAuditVerify } from '@duban/domain';
import { asc, desc, gt, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.ts';
import type { TQueryable, TTx } from '../db/client.ts';

/** Key of the transaction-level advisory lock that orders appends to the chain. */
const AUDIT_LOCK_KEY = 7_414_253;

export interface TAuditActor {
  id: string;
  name: string;
}

export interface TAuditInput {
  actor: TAuditActor | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before?: unknown;
  after?: unknown;
  ip?: string | null;
}

interface THashedFields {
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
  prevHash: string;
}

/** SHA-256 over the canonical JSON of an entry's fields (which include the previous hash). */
export function hashEntry(fields: THashedFields): string {
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Appends one entry to the audit chain inside the caller's transaction. */
export async function appendAudit(tx: TTx, input: TAuditInput): Promise<void> {
  await appendAudits(tx, [input]);
}

/**
 * Appends entries to the audit chain inside the caller's transaction, in order, with one lock, one read of the
 * chain's head and one insert. The lock orders appends and is held until the transaction ends: call this last, so
 * that other writers wait for as little as possible.
 */
export async function appendAudits(tx: TTx, inputs: TAuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK_KEY})`);
  const [last] = await tx.select({ hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.id)).limit(1);
  let prevHash = last?.hash ?? AUDIT_GENESIS_HASH;
  const at = new Date();
  const rows = inputs.map((input) => {
    const fields: THashedFields = {
      at: at.toISOString(),
      actorId: input.actor?.id ?? null,
      actorName: input.actor?.name ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      before: toJson(input.before),
      after: toJson(input.after),
      ip: input.ip ?? null,
      prevHash,
    };
    const hash = hashEntry(fields);
    prevHash = hash;
    return { ...fields, hash };
  });
  // One array per column, whatever the number of entries: a many-row VALUES list is slow to build and bind, and
  // stops at PostgreSQL's 65,535 parameters (about 5,900 entries). The ordinality keeps the ids in chain order.
  const column = <T>(read: (row: (typeof rows)[number]) => T) => sql.param(rows.map(read));
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  await tx.execute(sql`
    insert into ${auditLog} (at, actor_id, actor_name, action, target_type, target_id, before, after, ip, prev_hash, hash)
    select ${at.toISOString()}::timestamptz, e.actor_id, e.actor_name, e.action, e.target_type, e.target_id, e.before,
      e.after, e.ip, e.prev_hash, e.hash
    from unnest(
      ${column((r) => r.actorId)}::uuid[], ${column((r) => r.actorName)}::text[], ${column((r) => r.action)}::text[],
      ${column((r) => r.targetType)}::text[], ${column((r) => r.targetId)}::text[],
      ${column((r) => json(r.before))}::jsonb[], ${column((r) => json(r.after))}::jsonb[], ${column((r) => r.ip)}::text[],
      ${column((r) => r.prevHash)}::text[], ${column((r) => r.hash)}::text[]
    ) with ordinality as e(actor_id, actor_name, action, target_type, target_id, before, after, ip, prev_hash, hash, n)
    order by e.n`);
}

/** Walks the whole chain in id order and names the first entry whose hash or link is wrong. */
export async function verifyAuditChain(db: TQueryable, batchSize = 5000): Promise<TAuditVerify> {
  let prevHash = AUDIT_GENESIS_HASH;
  let lastId = 0;
  let checked = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.id, lastId))
      .orderBy(asc(auditLog.id))
      .limit(batchSize);
    if (rows.length === 0) return { ok: true, checked };
    for (const row of rows) {
      const expected = hashEntry({
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        before: row.before,
        after: row.after,
        ip: row.ip,
        prevHash: row.prevHash,
      });
      if (row.prevHash !== prevHash || row.hash !== expected) return { ok: false, checked, firstBrokenId: row.id };
      prevHash = row.hash;
      lastId = row.id;
      checked++;
    }
  }
}
