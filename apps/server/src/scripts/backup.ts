// npm run backup -- FILE — one consistent archive of the database and the stored files, taken while the platform runs.

import path from 'node:path';
import { createBackup, formatBytes, formatCount } from '../platform/backup/backup.ts';
import { loadConfig } from '../platform/config.ts';
import { openEmbeddedOrRunning } from './database-of.ts';

const target = process.argv[2];
if (!target || process.argv.length > 3) {
  console.error('Usage: npm run backup -- FILE');
  process.exit(2);
}
// npm runs scripts from the repository's root: a relative FILE is meant from where npm was called.
const file = path.resolve(process.env.INIT_CWD ?? process.cwd(), target);
const config = loadConfig();
let stop: (() => Promise<void>) | null = null;
try {
  const database = await openEmbeddedOrRunning(config);
  stop = database.stop;
  console.log(`Backing up ${database.where} and the files of ${config.dataDir} to ${file} …`);
  const summary = await createBackup({
    url: database.url,
    dataDir: config.dataDir,
    file,
    appVersion: config.version,
    log: (line) => console.log(line),
  });
  console.log(
    `Backup written to ${file}: ${summary.tables} tables, ${formatCount(summary.rows)} rows, ` +
      `${formatCount(summary.files)} files, ${formatBytes(summary.dataBytes)} of data in ` +
      `${formatBytes(summary.archiveBytes)}, ${summary.seconds.toFixed(1)} s (snapshot ${summary.snapshotAt}).`,
  );
} catch (error) {
  console.error(`Backup failed: ${error instanceof Error ? error.message : String(error)}`);
  console.error(`Nothing was written to ${file}.`);
  process.exitCode = 1;
} finally {
  await stop?.();
}
// The embedded PostgreSQL's exit hook would end the process with 0 on its own: the exit code is set here.
process.exit(process.exitCode ?? 0);
