// npm run audit:verify — walks the audit hash chain and names the first broken entry (exit code 1 if any).

import { verifyAuditChain } from '../platform/audit/audit.ts';
import { loadConfig } from '../platform/config.ts';
import { openDatabase } from '../platform/db/client.ts';
import { runningEmbeddedUrl, startEmbeddedPostgres, type TEmbeddedPostgres } from '../platform/db/embedded.ts';

const config = loadConfig();
let embedded: TEmbeddedPostgres | null = null;
let url = config.databaseUrl ?? runningEmbeddedUrl(config.dataDir, 'duban');
if (!url) {
  embedded = await startEmbeddedPostgres(config.dataDir);
  url = embedded.url('duban');
}
const database = openDatabase(url, 2);
try {
  const result = await verifyAuditChain(database.db);
  if (result.ok) {
    console.log(`Audit chain intact: ${result.checked} entries checked.`);
  } else {
    console.error(
      `Audit chain BROKEN at entry ${result.firstBrokenId} (${result.checked} entries before it are intact).`,
    );
    process.exitCode = 1;
  }
} finally {
  await database.close();
  await embedded?.stop();
}
// The embedded PostgreSQL's exit hook would end the process with 0 on its own: the exit code is set here.
process.exit(process.exitCode ?? 0);
