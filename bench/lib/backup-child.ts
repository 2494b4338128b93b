// The backup or the restore in a process of its own, so its time and peak RSS are its alone:
//   node --import tsx bench/lib/backup-child.ts backup|restore <database url> <data dir> <archive>
// Prints the summary as one JSON line, with the process's peak RSS in MB.
import { createBackup } from '../../apps/server/src/platform/backup/backup.ts';
import { restoreBackup } from '../../apps/server/src/platform/backup/restore.ts';

const [mode, url, dataDir, file] = process.argv.slice(2);
if ((mode !== 'backup' && mode !== 'restore') || !url || !dataDir || !file) {
  throw new Error('usage: backup-child.ts backup|restore <database url> <data dir> <archive>');
}
const summary =
  mode === 'backup'
    ? await createBackup({ url, dataDir, file, appVersion: 'bench' })
    : await restoreBackup({ file, url, dataDir });
// resourceUsage's maxRSS is in kB.
process.stdout.write(`${JSON.stringify({ ...summary, peakRssMb: process.resourceUsage().maxRSS / 1024 })}\n`);
