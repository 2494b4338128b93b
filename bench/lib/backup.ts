import { spawn } from 'node:child_process';
import { createHash, randomBytes } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { appendAudits } from '../../apps/server/src/platform/audit/audit.ts';
import { openDatabase } from '../../apps/server/src/platform/db/client.ts';
import type { Cleanup } from './cleanup.ts';

/** Stored files the bench adds to the county: evidence photos, incompressible like JPEGs. */
export const BACKUP_FILES = 1_000;
export const BACKUP_FILE_BYTES = 200 * 1024;
/** Audit entries the bench adds (the generator writes none): a season of check-in submits, sealed as the platform does. */
export const BACKUP_AUDIT_ENTRIES = 250_000;

interface TChildSummary {
  tables: number;
  rows: number;
  files: number;
  dataBytes: number;
  seconds: number;
  peakRssMb: number;
  archiveBytes?: number;
  audit?: { ok: boolean; checked: number };
  phases?: Record<string, number>;
}

export interface TBackupTiming {
  tables: number;
  rows: number;
  files: number;
  /** Table data (COPY text) and files before compression, MB. */
  dataMb: number;
  archiveMb: number;
  backupSeconds: number;
  backupRssMb: number;
  restoreSeconds: number;
  restoreRssMb: number;
  /** Seconds of the restore's steps: check, schema, load, compare, audit. */
  restorePhases: Record<string, number>;
  /** Seconds it took to append the audit entries (not part of the backup). */
  auditAppendSeconds: number;
  auditEntries: number;
  auditOk: boolean;
}

function runChild(args: string[], cwd: string): Promise<TChildSummary> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/backup-child.ts', ...args], {
      cwd,
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code !== 0) reject(new Error(`backup-child ${args[0]} exited with ${code}`));
      else resolve(JSON.parse(out.trim().split('\n').at(-1) ?? '{}') as TChildSummary);
    });
  });
}

/** Adds BACKUP_FILES stored files and their attachments to the generated county, under `dataDir`. */
async function addFiles(client: pg.Client, dataDir: string): Promise<void> {
  const tasks = await client.query<{ id: string; owner_id: string }>(
    `select id, owner_id from tasks where owner_id is not null order by id limit ${BACKUP_FILES}`,
  );
  const rows = {
    task: [] as string[],
    sha: [] as string[],
    name: [] as string[],
    size: [] as number[],
    by: [] as string[],
  };
  for (let i = 0; i < BACKUP_FILES; i++) {
    const task = tasks.rows[i % tasks.rows.length];
    if (!task) throw new Error('no task to attach files to');
    const bytes = randomBytes(BACKUP_FILE_BYTES);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    mkdirSync(path.join(dataDir, 'files', sha256.slice(0, 2)), { recursive: true });
    writeFileSync(path.join(dataDir, 'files', sha256.slice(0, 2), sha256), bytes);
    rows.task.push(task.id);
    rows.sha.push(sha256);
    rows.name.push(`现场照片-${i}.jpg`);
    rows.size.push(bytes.length);
    rows.by.push(task.owner_id);
  }
  await client.query(
    `insert into attachments (task_id, sha256, filename, mime, size, uploaded_by)
     select t, s, n, 'image/jpeg', z, b from unnest($1::uuid[], $2::text[], $3::text[], $4::int[], $5::uuid[]) as u(t, s, n, z, b)`,
    [rows.task, rows.sha, rows.name, rows.size, rows.by],
  );
}

/** Appends BACKUP_AUDIT_ENTRIES entries like a check-in submit's, 5,000 a transaction, sealed into the chain. */
async function addAuditLog(databaseUrl: string): Promise<number> {
  const started = performance.now();
  const database = openDatabase(databaseUrl, 2);
  try {
    const people = (
      await database.pool.query<{ id: string; name: string }>('select id, display_name as name from users limit 2000')
    ).rows;
    for (let done = 0; done < BACKUP_AUDIT_ENTRIES; done += 5_000) {
      const inputs = Array.from({ length: Math.min(5_000, BACKUP_AUDIT_ENTRIES - done) }, (_, k) => {
        const person = people[(done + k) % people.length] ?? { id: null, name: 'bench' };
        return {
          actor: person.id ? { id: person.id, name: person.name } : null,
          action: 'checkIn.submit',
          targetType: 'checkInBatch',
          targetId: crypto.randomUUID(),
          after: { entries: 1 + ((done + k) % 3), progress: (done + k) % 100, note: '完成本周排查，整改到位' },
          ip: '10.0.0.1',
        };
      });
      await database.db.transaction((tx) => appendAudits(tx, inputs));
    }
  } finally {
    await database.close();
  }
  return (performance.now() - started) / 1000;
}

/**
 * Backs up the generated county (with BACKUP_FILES stored files and BACKUP_AUDIT_ENTRIES audit entries added) with
 * the platform's backup, then restores the archive into a new database on the same server and a new data directory,
 * each in a process of its own: the times, the archive's size and each process's peak RSS.
 */
export async function measureBackup(
  databaseUrl: string,
  repoRoot: string,
  cleanup: Cleanup,
  log: (message: string) => void,
): Promise<TBackupTiming> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-backup-'));
  chmodSync(dir, 0o755);
  cleanup.add(
    `remove ${dir}`,
    () => rm(dir, { recursive: true, force: true }),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  const source = path.join(dir, 'source');
  const target = path.join(dir, 'target');
  const archive = path.join(dir, 'county.tar.gz');
  const admin = new pg.Client({ connectionString: databaseUrl });
  await admin.connect();
  const restoreDb = `duban_bench_restore_${Date.now().toString(36)}`;
  try {
    log(`backup: adding ${BACKUP_FILES} stored files of ${BACKUP_FILE_BYTES / 1024} kB …`);
    await addFiles(admin, source);
    await admin.query(`create database "${restoreDb}"`);
  } finally {
    await admin.end();
  }
  log(`backup: appending ${BACKUP_AUDIT_ENTRIES.toLocaleString('en')} audit entries …`);
  const auditAppendSeconds = await addAuditLog(databaseUrl);
  const restoreUrl = new URL(databaseUrl);
  restoreUrl.pathname = `/${restoreDb}`;
  cleanup.add(`drop database ${restoreDb}`, async () => {
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      await client.query(`drop database if exists "${restoreDb}" with (force)`);
    } finally {
      await client.end();
    }
  });
  log('backup: npm run backup’s work, in its own process …');
  const backup = await runChild(['backup', databaseUrl, source, archive], repoRoot);
  log(`backup: ${backup.rows.toLocaleString('en')} rows, ${backup.files} files in ${backup.seconds.toFixed(1)} s`);
  log('restore: into a new database and data directory, in its own process …');
  const restore = await runChild(['restore', restoreUrl.toString(), target, archive], repoRoot);
  if (restore.rows !== backup.rows || !restore.audit?.ok) {
    throw new Error(`restore: ${restore.rows} rows of ${backup.rows}, audit ${JSON.stringify(restore.audit)}`);
  }
  return {
    tables: backup.tables,
    rows: backup.rows,
    files: backup.files,
    dataMb: backup.dataBytes / 1024 / 1024,
    archiveMb: statSync(archive).size / 1024 / 1024,
    backupSeconds: backup.seconds,
    backupRssMb: backup.peakRssMb,
    restoreSeconds: restore.seconds,
    restoreRssMb: restore.peakRssMb,
    restorePhases: restore.phases ?? {},
    auditAppendSeconds,
    auditEntries: restore.audit.checked,
    auditOk: restore.audit.ok,
  };
}

/** The backup figures, one line each. */
export function backupLines(t: TBackupTiming): string {
  return [
    `Backup of the county: ${t.tables} tables, ${t.rows.toLocaleString('en')} rows and ${t.files.toLocaleString('en')} ` +
      `files (${t.dataMb.toFixed(0)} MB; ${t.auditEntries.toLocaleString('en')} audit entries) into a ${t.archiveMb.toFixed(0)} MB archive in ${t.backupSeconds.toFixed(1)} s, ` +
      `peak RSS ${t.backupRssMb.toFixed(0)} MB.`,
    `Restore into an empty database: ${t.restoreSeconds.toFixed(1)} s (${Object.entries(t.restorePhases)
      .map(([step, seconds]) => `${step} ${seconds.toFixed(1)} s`)
      .join(', ')}; audit chain of ${t.auditEntries.toLocaleString('en')} entries ` +
      `${t.auditOk ? 'intact' : 'BROKEN'}), peak RSS ${t.restoreRssMb.toFixed(0)} MB.`,
  ].join('\n');
}
