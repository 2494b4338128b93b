import { closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import path from 'node:path';
import { AUDIT_GENESIS_HASH, type TAuditAnchor, ZAuditAnchor } from '@duban/domain';
import { auditChain } from '../../db/schema/index.ts';
import type { TQueryable } from '../db/client.ts';

/**
 * The anchors of the audit chain, one JSON line each ({"at","seq","hash"}), appended and never rewritten: the chain's
 * head as it was, kept where the database's roles cannot reach, so a chain cut short or rewritten in the database —
 * even by a superuser who can turn its triggers off — no longer matches them.
 */
export const ANCHOR_FILE = 'audit-anchors.jsonl';

export const anchorPath = (dataDir: string) => path.join(dataDir, ANCHOR_FILE);

/** Every anchor written under the data directory, oldest first (a line that does not parse is left out). */
export function readAnchors(dataDir: string): TAuditAnchor[] {
  const file = anchorPath(dataDir);
  if (!existsSync(file)) return [];
  const anchors: TAuditAnchor[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const parsed = ZAuditAnchor.safeParse(JSON.parse(line));
      if (parsed.success) anchors.push(parsed.data);
    } catch {
      // A torn last line (the machine stopped mid-write) is not an anchor.
    }
  }
  return anchors;
}

/** The chain's head: the last sealed entry's place and hash. */
export async function readChainHead(db: TQueryable): Promise<{ seq: number; hash: string }> {
  const [head] = await db.select({ seq: auditChain.seq, hash: auditChain.hash }).from(auditChain).limit(1);
  return head ?? { seq: 0, hash: AUDIT_GENESIS_HASH };
}

/** Appends an anchor to the file and flushes it to disk before answering. */
export function writeAnchor(dataDir: string, anchor: TAuditAnchor): void {
  mkdirSync(dataDir, { recursive: true });
  const fd = openSync(anchorPath(dataDir), 'a', 0o644);
  try {
    writeSync(fd, `${JSON.stringify(anchor)}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** True when no anchor was written in the last day: the start anchors then, so a server seldom up at night still does. */
export function isAnchorDue(dataDir: string, now = new Date()): boolean {
  const last = readAnchors(dataDir).at(-1);
  return !last || now.getTime() - new Date(last.at).getTime() >= 24 * 60 * 60_000;
}
