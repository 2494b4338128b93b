// npm run restore -- FILE — restores a backup into an empty DATA_DIR (or an empty database at DATABASE_URL).

import { existsSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { ArchiveError } from '../platform/backup/archive.ts';
import { formatBytes, formatCount } from '../platform/backup/backup.ts';
import { RestoreFailedAfterSchema, RestoreRefused, restoreBackup } from '../platform/backup/restore.ts';
import { loadConfig } from '../platform/config.ts';
import { ensureDatabase, runningEmbeddedUrl, startEmbeddedPostgres } from '../platform/db/embedded.ts';

const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error('Usage: npm run restore -- FILE');
  process.exit(2);
}
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);
const config = loadConfig();
const { dataDir } = config;
const pgDir = path.join(dataDir, 'pg');
const isEmptyDir = (dir: string) => !existsSync(dir) || readdirSync(dir).length === 0;
let stopEmbedded: (() => Promise<void>) | null = null;
let createdEmbedded = false;
try {
  // The schema's owner loads, when it is given apart from the role the platform runs as (it must be a superuser).
  let url = config.databaseOwnerUrl ?? config.databaseUrl;
  if (!url) {
    if (runningEmbeddedUrl(dataDir, 'duban')) {
      throw new RestoreRefused(`a Duban server is running on ${dataDir}: restore only into an empty data directory`);
    }
    if (!isEmptyDir(pgDir)) {
      throw new RestoreRefused(
        `${dataDir} already holds a database (${pgDir}): restore only into an empty data directory`,
      );
    }
    if (!isEmptyDir(path.join(dataDir, 'files'))) {
      throw new RestoreRefused(
        `${dataDir} already holds stored files (${path.join(dataDir, 'files')}): restore only into an empty data directory`,
      );
    }
    console.log(`Starting the embedded PostgreSQL (data in ${dataDir}) …`);
    createdEmbedded = true;
    const embedded = await startEmbeddedPostgres(dataDir);
    stopEmbedded = embedded.stop;
    await ensureDatabase(embedded.url('postgres'), 'duban');
    url = embedded.url('duban');
  }
  console.log(`Restoring ${file} …`);
  const summary = await restoreBackup({ file, url, dataDir, log: (line) => console.log(line) });
  if (summary.audit.ok) {
    console.log(`Audit chain intact: ${summary.audit.checked} entries checked.`);
  } else {
    console.error(
      `Audit chain BROKEN at entry ${summary.audit.firstBrokenId} (${summary.audit.checked} entries before it are intact).`,
    );
    process.exitCode = 1;
  }
  console.log(
    `Restored ${file} (snapshot ${summary.snapshotAt}): ${summary.tables} tables, ${formatCount(summary.rows)} rows, ` +
      `${formatCount(summary.files)} files, ${formatBytes(summary.dataBytes)}, ${summary.seconds.toFixed(1)} s; ` +
      `migration level ${summary.level}.`,
  );
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  if (error instanceof RestoreRefused || error instanceof ArchiveError) {
    console.error(`Restore refused: ${message}. Nothing was restored.`);
  } else if (error instanceof RestoreFailedAfterSchema && config.databaseUrl) {
    console.error(
      `Restore failed: ${message}. No rows were loaded, but the database now holds Duban's empty schema: ` +
        'drop and create it again before restoring.',
    );
  } else {
    console.error(`Restore failed: ${message}. Nothing was restored.`);
  }
  process.exitCode = 1;
  await stopEmbedded?.().catch(() => {});
  stopEmbedded = null;
  // The data directory held no database and no files: what this restore made there goes again.
  if (createdEmbedded) {
    rmSync(pgDir, { recursive: true, force: true });
    rmSync(path.join(dataDir, 'pg-password'), { force: true });
    rmSync(path.join(dataDir, 'files'), { recursive: true, force: true });
  }
} finally {
  await stopEmbedded?.();
}
// The embedded PostgreSQL's exit hook would end the process with 0 on its own: the exit code is set here.
process.exit(process.exitCode ?? 0);
