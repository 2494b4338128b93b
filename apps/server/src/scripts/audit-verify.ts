// npm run audit:verify — walks the audit hash chain, names the first broken entry and holds the chain against its
// anchors under DATA_DIR (exit code 1 if anything is wrong). npm run audit:anchor — anchors the chain's head now.

import { anchorAudit } from '../modules/audit/audit.service.ts';
import { readAnchors } from '../platform/audit/anchor.ts';
import { verifyAuditChain } from '../platform/audit/audit.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/client.ts';
import { openEmbeddedOrRunning } from './database-of.ts';

const config = loadConfig();
const target = await openEmbeddedOrRunning(config).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
const database = openDatabase(target.url, 2);
try {
  if (process.argv.includes('--anchor')) {
    const anchor = await anchorAudit(database.db, null, config.dataDir);
    console.log(
      `Audit chain anchored: entry ${anchor.seq}, hash ${anchor.hash}, written to ${config.dataDir}/audit-anchors.jsonl` +
        (anchor.channels > 0 ? ` and queued to ${anchor.channels} channels.` : '.'),
    );
  } else {
    const result = await verifyAuditChain(database.db, { anchors: readAnchors(config.dataDir) });
    if (result.firstBrokenId !== undefined) {
      console.error(
        `Audit chain BROKEN at entry ${result.firstBrokenId} (${result.checked} entries before it are intact).`,
      );
    } else {
      console.log(`Audit chain intact: ${result.checked} entries checked, the last at place ${result.headSeq}.`);
    }
    const a = result.anchor;
    if (!a) console.log('No anchor yet (npm run audit:anchor writes one; the platform writes one daily).');
    else if (a.finding === 'holds') console.log(`It matches its last anchor (entry ${a.seq}, ${a.at}).`);
    else if (a.finding === 'shorter') {
      console.error(
        `Audit chain SHORTER than its anchor of ${a.at}: the anchor reached entry ${a.seq}, the chain ends at ` +
          `${result.headSeq} — entries were removed.`,
      );
    } else {
      console.error(`Audit chain DIVERGES from its anchor of ${a.at}: entry ${a.seq} no longer has hash ${a.hash}.`);
    }
    if (!result.ok) process.exitCode = 1;
  }
} finally {
  await database.close();
  await target.stop?.();
}
// The embedded PostgreSQL's exit hook would end the process with 0 on its own: the exit code is set here.
process.exit(process.exitCode ?? 0);
