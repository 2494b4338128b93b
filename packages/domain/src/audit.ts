import { z } from 'zod';

export const ZAuditEntry = z.object({
  id: z.number().int(),
  /** Place in the chain (commit order); an entry is sealed as the transaction that wrote it commits. */
  seq: z.number().int().nullable(),
  at: z.string(),
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  action: z.string(),
  targetType: z.string(),
  targetId: z.string().nullable(),
  before: z.unknown().nullable(),
  after: z.unknown().nullable(),
  ip: z.string().nullable(),
  /** SHA-256 of the entry's own fields (null on entries of the first chain format). */
  entryHash: z.string().nullable(),
  prevHash: z.string().nullable(),
  hash: z.string().nullable(),
});
export type TAuditEntry = z.infer<typeof ZAuditEntry>;

export const ZAuditQuery = z.object({
  action: z.string().trim().max(64).optional(),
  targetType: z.string().trim().max(32).optional(),
  targetId: z.string().trim().max(64).optional(),
  actor: z.string().trim().max(64).optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type TAuditQuery = z.infer<typeof ZAuditQuery>;

/**
 * The chain's head written down outside the database (a file under DATA_DIR, and a message to the channels that
 * carry the `auditAnchor` event): its place and hash at a moment.
 */
export const ZAuditAnchor = z.object({
  at: z.string(),
  seq: z.number().int(),
  hash: z.string(),
});
export type TAuditAnchor = z.infer<typeof ZAuditAnchor>;

/**
 * What the chain shows against an anchor: it still holds the anchored entry with the anchored hash (`holds`), it
 * ends before the anchored entry (`shorter`: entries were removed), or its entry there has another hash (`diverged`:
 * the chain was rewritten).
 */
export const AUDIT_ANCHOR_FINDINGS = ['holds', 'shorter', 'diverged'] as const;

export const ZAuditVerify = z.object({
  ok: z.boolean(),
  checked: z.number().int(),
  firstBrokenId: z.number().int().optional(),
  /** The place of the chain's last entry (0 when empty). */
  headSeq: z.number().int(),
  /** The first anchor the chain fails, else the last anchor; null when none was ever written. */
  anchor: ZAuditAnchor.extend({ finding: z.enum(AUDIT_ANCHOR_FINDINGS) }).nullable(),
});
export type TAuditVerify = z.infer<typeof ZAuditVerify>;

/** The hash of the entry before the first one. */
export const AUDIT_GENESIS_HASH = '0'.repeat(64);

/** JSON with object keys sorted at every depth, so the same value always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v === undefined ? null : v)).join(',')}]`;
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}
