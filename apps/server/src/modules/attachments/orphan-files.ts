import { inArray } from 'drizzle-orm';
import { attachments } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';
import type { TFileStore } from '../../platform/files/store.ts';

/** A file younger than this may belong to an upload whose transaction has not committed yet. */
export const ORPHAN_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes stored files no attachment names: left when an upload's transaction failed after the bytes were stored,
 * or as temp files by a crash. Files stored in the last hour are left alone. Returns how many were removed.
 */
export async function sweepOrphanFiles(db: TQueryable, store: TFileStore, now = new Date()): Promise<number> {
  const old = (await store.list()).filter((f) => now.getTime() - f.storedAt.getTime() > ORPHAN_GRACE_MS);
  let removed = 0;
  for (let i = 0; i < old.length; i += 500) {
    const batch = old.slice(i, i + 500);
    const hashes = batch.map((f) => f.sha256).filter((name) => /^[0-9a-f]{64}$/.test(name));
    const rows = hashes.length
      ? await db
          .selectDistinct({ sha256: attachments.sha256 })
          .from(attachments)
          .where(inArray(attachments.sha256, hashes))
      : [];
    const used = new Set(rows.map((r) => r.sha256));
    for (const f of batch) {
      if (used.has(f.sha256)) continue;
      await store.remove(f.sha256);
      removed++;
    }
  }
  return removed;
}
