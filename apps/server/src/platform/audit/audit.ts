import { createHash } from 'node:crypto';
import { AUDIT_GENESIS_HASH, canonicalJson, type TAuditAnchor, type TAuditVerify } from '@duban/domain';
import { asc, gt, isNull, sql } from 'drizzle-orm';
import { auditLog } from '../../db/schema/index.ts';
import { preparedSql, type TQueryable, type TTx } from '../db/client.ts';

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

/** What an entry's own hash covers. */
interface TEntryFields {
  at: string;
  actorId: string | null;
  actorName: string | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
  ip: string | null;
}

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');

/**
 * SHA-256 over canonical JSON: of an entry's fields (its `entry_hash`), or, in the first chain format, of its fields
 * with the previous hash (its `hash`).
 */
const hashJson = (value: TEntryFields | (TEntryFields & { prevHash: string })) => sha256(canonicalJson(value));

/** An entry's place in the chain: SHA-256 over the previous entry's hash followed by the entry's own. */
const chainHash = (prevHash: string, entryHash: string) => sha256(prevHash + entryHash);

const toJson = (value: unknown): unknown => (value === undefined ? null : JSON.parse(JSON.stringify(value)));

/** Appends one entry to the audit chain inside the caller's transaction. */
export async function appendAudit(tx: TTx, input: TAuditInput): Promise<void> {
  await appendAudits(tx, [input]);
}

/**
 * Appends entries to the audit log inside the caller's transaction, in order, with one insert. Each entry carries
 * the hash of its fields; the database links them into the chain as the transaction commits (`audit_log_seal`),
 * so appending takes no lock and may happen anywhere in the transaction.
 */
export async function appendAudits(tx: TTx, inputs: TAuditInput[]): Promise<void> {
  if (inputs.length === 0) return;
  const at = new Date().toISOString();
  const rows = inputs.map((input) => {
    const fields: TEntryFields = {
      at,
      actorId: input.actor?.id ?? null,
      actorName: input.actor?.name ?? null,
      action: input.action,
      targetType: input.targetType,
      targetId: input.targetId,
      before: toJson(input.before),
      after: toJson(input.after),
      ip: input.ip ?? null,
    };
    return { ...fields, entryHash: hashJson(fields) };
  });
  // One array per column, whatever the number of entries: a many-row VALUES list is slow to build and bind, and
  // stops at PostgreSQL's 65,535 parameters (about 5,900 entries). The ordinality keeps the ids in order, and the
  // seals follow the ids. One statement text for any number of entries: prepared once per connection.
  const json = (value: unknown) => (value === null ? null : JSON.stringify(value));
  const insert = preparedSql(tx, 'audit_append', () => {
    const p = (name: string) => sql.placeholder(name);
    return sql`
      insert into ${auditLog} (at, actor_id, actor_name, action, target_type, target_id, before, after, ip, entry_hash)
      select ${p('at')}::timestamptz, e.actor_id, e.actor_name, e.action, e.target_type, e.target_id, e.before,
        e.after, e.ip, e.entry_hash
      from unnest(${p('actorIds')}::uuid[], ${p('actorNames')}::text[], ${p('actions')}::text[],
        ${p('targetTypes')}::text[], ${p('targetIds')}::text[], ${p('befores')}::jsonb[], ${p('afters')}::jsonb[],
        ${p('ips')}::text[], ${p('entryHashes')}::text[]
      ) with ordinality as e(actor_id, actor_name, action, target_type, target_id, before, after, ip, entry_hash, n)
      order by e.n`;
  });
  await insert({
    at,
    actorIds: rows.map((r) => r.actorId),
    actorNames: rows.map((r) => r.actorName),
    actions: rows.map((r) => r.action),
    targetTypes: rows.map((r) => r.targetType),
    targetIds: rows.map((r) => r.targetId),
    befores: rows.map((r) => json(r.before)),
    afters: rows.map((r) => json(r.after)),
    ips: rows.map((r) => r.ip),
    entryHashes: rows.map((r) => r.entryHash),
  });
}

/**
 * Walks the whole chain in its order and names the first entry whose hash or link is wrong, or, when the chain
 * holds, the first committed entry left out of it (unsealed: only possible with the seal trigger turned off). Then
 * holds the chain against its anchors (written outside the database): it must still reach each one with the same
 * hash — a chain that ends before an anchor was cut short, one with another hash there was rewritten.
 */
export async function verifyAuditChain(
  db: TQueryable,
  opts: { anchors?: TAuditAnchor[]; batchSize?: number } = {},
): Promise<TAuditVerify> {
  const batchSize = opts.batchSize ?? 5000;
  const anchors = opts.anchors ?? [];
  const anchorsAt = new Map<number, TAuditAnchor[]>();
  for (const anchor of anchors) anchorsAt.set(anchor.seq, [...(anchorsAt.get(anchor.seq) ?? []), anchor]);
  let diverged: TAuditAnchor | undefined = anchorsAt.get(0)?.find((a) => a.hash !== AUDIT_GENESIS_HASH);
  let prevHash = AUDIT_GENESIS_HASH;
  let lastSeq = 0;
  let checked = 0;
  const anchorFinding = (): TAuditVerify['anchor'] => {
    if (diverged) return { ...diverged, finding: 'diverged' };
    const beyond = anchors.find((a) => a.seq > lastSeq);
    if (beyond) return { ...beyond, finding: 'shorter' };
    const last = anchors.at(-1);
    return last ? { ...last, finding: 'holds' } : null;
  };
  const broken = (firstBrokenId: number): TAuditVerify => ({
    ok: false,
    checked,
    firstBrokenId,
    headSeq: lastSeq,
    anchor: anchorFinding(),
  });
  for (;;) {
    const rows = await db
      .select()
      .from(auditLog)
      .where(gt(auditLog.seq, lastSeq))
      .orderBy(asc(auditLog.seq))
      .limit(batchSize);
    if (rows.length === 0) break;
    for (const row of rows) {
      const fields: TEntryFields = {
        at: row.at.toISOString(),
        actorId: row.actorId,
        actorName: row.actorName,
        action: row.action,
        targetType: row.targetType,
        targetId: row.targetId,
        before: row.before,
        after: row.after,
        ip: row.ip,
      };
      const expected =
        row.entryHash === null
          ? hashJson({ ...fields, prevHash })
          : hashJson(fields) === row.entryHash
            ? chainHash(prevHash, row.entryHash)
            : null;
      if (expected === null || row.prevHash !== prevHash || row.hash !== expected) return broken(row.id);
      prevHash = expected;
      lastSeq = row.seq ?? lastSeq;
      checked++;
      diverged ??= anchorsAt.get(lastSeq)?.find((a) => a.hash !== expected);
    }
  }
  const [unsealed] = await db
    .select({ id: auditLog.id })
    .from(auditLog)
    .where(isNull(auditLog.seq))
    .orderBy(asc(auditLog.id))
    .limit(1);
  if (unsealed) return broken(unsealed.id);
  const anchor = anchorFinding();
  return { ok: anchor === null || anchor.finding === 'holds', checked, headSeq: lastSeq, anchor };
}
