import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addDays, localDay } from '@duban/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { withDatabase } from '../../test/global-setup.ts';
import { login, type TClient, unitId, userId, useTestApp } from '../../test/harness.ts';
import { verifyAuditChain } from '../audit/audit.ts';
import { loadConfig, REPO_ROOT } from '../config.ts';
import { KNOWN_MIGRATIONS, openDatabase } from '../db/client.ts';
import { migrateWithLock } from '../db/migrate.ts';
import { ArchiveError, type TManifest } from './archive.ts';
import { createBackup, TABLES_SQL } from './backup.ts';
import { archiveLevel, inspectArchive, RestoreRefused, restoreBackup } from './restore.ts';

const ctx = useTestApp();
const adminUrl = inject('adminUrl');
let work: string;
let sourceUrl: string;
let supervisor: TClient;
let cadre: TClient;
const taskIds: string[] = [];
const databases: string[] = [];
let admin: pg.Client;

const PNG = (n: number) =>
  Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.from(`IHDR photo ${n}`)]);

/** A new empty database on the test server, dropped after the file. */
async function freshDatabase(): Promise<string> {
  const name = `duban_r_${process.pid}_${Date.now()}_${databases.length}`;
  await admin.query(`create database "${name}"`);
  databases.push(name);
  return withDatabase(adminUrl, name);
}

/** Every table's row count and a digest of its rows, order aside. */
async function digestTables(client: pg.Client | pg.Pool): Promise<Record<string, { rows: number; md5: string }>> {
  const out: Record<string, { rows: number; md5: string }> = {};
  for (const t of (await client.query<{ schema: string; name: string }>(TABLES_SQL)).rows) {
    const result = await client.query<{ rows: number; md5: string }>(
      `select count(*)::int as rows,
         coalesce(md5(string_agg(backup_row::text, E'\\n' order by backup_row::text collate "C")), '') as md5
       from "${t.schema}"."${t.name}" as backup_row`,
    );
    out[`${t.schema}.${t.name}`] = result.rows[0] ?? { rows: 0, md5: '' };
  }
  return out;
}

async function tableCount(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      "select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')",
    );
    return result.rows[0]?.n ?? 0;
  } finally {
    await client.end();
  }
}

const filesIn = (dataDir: string) => {
  const root = path.join(dataDir, 'files');
  return existsSync(root) ? readdirSync(root, { recursive: true, withFileTypes: true }).filter((e) => e.isFile()) : [];
};

/** One round of the platform's everyday writes: a check-in, a task edit and an upload. */
async function writeOnce(round: number): Promise<void> {
  const taskId = taskIds[round % taskIds.length] as string;
  const checkIn = await cadre.request('POST', '/api/v1/check-ins', {
    clientId: crypto.randomUUID(),
    recordedAt: new Date().toISOString(),
    entries: [{ taskId, progress: 1 + (round % 99), done: `第 ${round} 次进展` }],
  });
  expect(checkIn.statusCode, checkIn.body).toBe(201);
  const edit = await supervisor.request('PATCH', `/api/v1/tasks/${taskId}`, { title: `备份演练任务 ${round}` });
  expect(edit.statusCode, edit.body).toBe(200);
  const upload = await cadre.request(
    'POST',
    `/api/v1/tasks/${taskId}/attachments?filename=photo-${round}.png`,
    PNG(round),
    {
      'content-type': 'image/png',
    },
  );
  expect(upload.statusCode, upload.body).toBe(201);
}

beforeAll(async () => {
  admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  work = mkdtempSync(path.join(os.tmpdir(), 'duban-backup-test-'));
  // An embedded PostgreSQL started in a data directory under it runs as its own user, which must reach it.
  chmodSync(work, 0o711);
  sourceUrl = ctx.database.pool.options.connectionString as string;
  supervisor = await login(ctx.app, 'supervisor');
  cadre = await login(ctx.app, 'cadre');
  const head = await login(ctx.app, 'head');
  const today = localDay(new Date());
  const list = await supervisor.request('POST', '/api/v1/task-lists', { name: '备份演练清单', year: 2026 });
  for (const title of ['备份演练任务甲', '备份演练任务乙']) {
    const task = await supervisor.request('POST', `/api/v1/task-lists/${list.json().id}/tasks`, {
      title,
      leadUnitId: await unitId(ctx, '城关镇'),
      ownerId: await userId(ctx, 'cadre'),
      startDate: addDays(today, -30),
      dueDate: addDays(today, 60),
    });
    expect(task.statusCode, task.body).toBe(201);
    taskIds.push(task.json().id);
  }
  await supervisor.request('POST', `/api/v1/task-lists/${list.json().id}/assign`, {});
  for (const id of taskIds)
    expect((await head.request('POST', `/api/v1/tasks/${id}/acknowledge`)).statusCode).toBe(200);
  for (let round = 0; round < 3; round++) await writeOnce(round);
});

afterAll(async () => {
  for (const name of databases) await admin.query(`drop database if exists "${name}" with (force)`).catch(() => {});
  await admin.end();
  rmSync(work, { recursive: true, force: true });
});

describe('the backup and restore drill', () => {
  let archive: string;

  it('backs up under load, restores elsewhere: every row as of the snapshot, the audit chain a verified prefix', async () => {
    archive = path.join(work, 'drill.tar.gz');
    let rounds = 3;
    let writing = true;
    const writer = (async () => {
      while (writing) await writeOnce(rounds++);
    })();
    let snapshot: pg.Client | null = null;
    const backingUp = createBackup({
      url: sourceUrl,
      dataDir: ctx.dataDir,
      file: archive,
      appVersion: 'test',
      onSnapshot: async (id) => {
        snapshot = new pg.Client({ connectionString: sourceUrl });
        await snapshot.connect();
        await snapshot.query('begin isolation level repeatable read read only');
        await snapshot.query(`set transaction snapshot '${id}'`);
        // The platform goes on writing while the backup reads: some rounds land after its snapshot.
        const from = rounds;
        while (rounds < from + 3) await new Promise((resolve) => setTimeout(resolve, 10));
      },
    });
    const summary = await backingUp.finally(async () => {
      writing = false;
      await writer;
    });
    expect(existsSync(`${archive}.tmp`)).toBe(false);
    const reader = snapshot as unknown as pg.Client;
    const asOfSnapshot = await digestTables(reader);
    const snapshotAudit = await reader.query<{ n: number }>('select count(*)::int as n from audit_log');
    await reader.query('commit');
    await reader.end();
    expect(summary.rows).toBe(Object.values(asOfSnapshot).reduce((n, t) => n + t.rows, 0));
    const now = await digestTables(ctx.database.pool);
    expect(now['public.check_ins']?.rows).toBeGreaterThan(asOfSnapshot['public.check_ins']?.rows ?? 0);
    expect(now['public.attachments']?.rows).toBeGreaterThan(asOfSnapshot['public.attachments']?.rows ?? 0);

    const targetUrl = await freshDatabase();
    const target = mkdtempSync(path.join(work, 'restored-'));
    const restored = await restoreBackup({ file: archive, url: targetUrl, dataDir: target });
    expect(restored.audit).toMatchObject({ ok: true, checked: snapshotAudit.rows[0]?.n, anchor: null });
    expect(restored.rows).toBe(summary.rows);

    const database = openDatabase(targetUrl, 3);
    try {
      expect(await digestTables(database.pool)).toEqual(asOfSnapshot);
      // The schema is the migrations': every index is there again, as the source has it.
      const indexes = async (pool: pg.Pool) =>
        (
          await pool.query<{ indexname: string; indexdef: string }>(
            "select indexname, indexdef from pg_indexes where schemaname in ('public', 'drizzle') order by 1",
          )
        ).rows;
      expect(await indexes(database.pool)).toEqual(await indexes(ctx.database.pool));
      // The restored chain is the source's up to the snapshot.
      const chain = async (pool: pg.Pool) =>
        (await pool.query<{ seq: number; hash: string }>('select seq, hash from audit_log order by seq')).rows;
      const restoredChain = await chain(database.pool);
      const sourceChain = await chain(ctx.database.pool);
      expect(sourceChain.length).toBeGreaterThan(restoredChain.length);
      expect(sourceChain.slice(0, restoredChain.length)).toEqual(restoredChain);
      // Every attachment's bytes are there, and only the snapshot's.
      const attachments = await database.pool.query<{ sha256: string; size: number }>(
        'select distinct sha256, size from attachments',
      );
      expect(filesIn(target)).toHaveLength(attachments.rows.length);
      for (const a of attachments.rows) {
        const bytes = readFileSync(path.join(target, 'files', a.sha256.slice(0, 2), a.sha256));
        expect(createHash('sha256').update(bytes).digest('hex')).toBe(a.sha256);
        expect(bytes).toEqual(readFileSync(path.join(ctx.dataDir, 'files', a.sha256.slice(0, 2), a.sha256)));
      }
      // The restored platform takes writes: ids and the audit chain carry on from the snapshot.
      const config = { ...loadConfig({ DATA_DIR: target, COCKPIT_KEEP_MS: '0' }), databaseUrl: targetUrl };
      const app = await buildApp({ config, database, logger: false });
      try {
        const cadreThere = await login(app, 'cadre');
        const res = await cadreThere.request('POST', '/api/v1/check-ins', {
          clientId: crypto.randomUUID(),
          recordedAt: new Date().toISOString(),
          entries: [{ taskId: taskIds[0], progress: 100 }],
        });
        expect(res.statusCode, res.body).toBe(201);
        const again = await verifyAuditChain(database.db);
        expect(again.ok).toBe(true);
        expect(again.checked).toBeGreaterThan(restoredChain.length);
      } finally {
        await app.close();
      }
    } finally {
      await database.close();
    }
  }, 180_000);

  it('refuses a target that holds tables or files, and changes nothing', async () => {
    await expect(restoreBackup({ file: archive, url: sourceUrl, dataDir: work })).rejects.toThrow(
      /already holds \d+ tables: restore only into an empty database/,
    );
    const targetUrl = await freshDatabase();
    await expect(restoreBackup({ file: archive, url: targetUrl, dataDir: ctx.dataDir })).rejects.toThrow(
      RestoreRefused,
    );
    await expect(restoreBackup({ file: archive, url: targetUrl, dataDir: ctx.dataDir })).rejects.toThrow(
      /already holds stored files/,
    );
    expect(await tableCount(targetUrl)).toBe(0);
  }, 60_000);

  it('refuses a damaged or cut-off archive with a clear message, and restores nothing', async () => {
    const bytes = readFileSync(archive);
    const cut = path.join(work, 'cut.tar.gz');
    writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const flipped = path.join(work, 'flipped.tar.gz');
    const copy = Buffer.from(bytes);
    copy[Math.floor(copy.length / 2)] = (copy[Math.floor(copy.length / 2)] ?? 0) ^ 0xff;
    writeFileSync(flipped, copy);
    const notOne = path.join(work, 'not-one.tar.gz');
    writeFileSync(notOne, 'hello');
    for (const [file, message] of [
      [cut, /cut\.tar\.gz is damaged or cut off/],
      [flipped, /flipped\.tar\.gz (is damaged or cut off|: the rows of .* do not match the manifest)/],
      [notOne, /not-one\.tar\.gz is damaged or cut off/],
    ] as const) {
      const targetUrl = await freshDatabase();
      const target = mkdtempSync(path.join(work, 'refused-'));
      const failure = restoreBackup({ file, url: targetUrl, dataDir: target });
      await expect(failure).rejects.toThrow(ArchiveError);
      await expect(failure).rejects.toThrow(message);
      expect(await tableCount(targetUrl)).toBe(0);
      expect(filesIn(target)).toEqual([]);
    }
    await expect(inspectArchive(path.join(work, 'none.tar.gz'))).rejects.toThrow(/no archive at/);
  }, 60_000);

  it('refuses an archive from a newer migration level; restores an older one at its level and migrates it on', async () => {
    const manifest = await inspectArchive(archive);
    const newest = KNOWN_MIGRATIONS.at(-1)?.when ?? 0;
    const newer: TManifest = {
      ...manifest,
      migrations: { level: KNOWN_MIGRATIONS.length + 1, latestTag: '9999_future', latestWhen: newest + 1 },
    };
    expect(() => archiveLevel(newer)).toThrow(/newer than this version of Duban knows/);
    expect(archiveLevel(manifest)).toBe(KNOWN_MIGRATIONS.length);

    const olderUrl = await freshDatabase();
    const older = openDatabase(olderUrl, 2);
    const level = KNOWN_MIGRATIONS.length - 2;
    try {
      await migrateWithLock(older, olderUrl, { upTo: level });
    } finally {
      await older.close();
    }
    const empty = mkdtempSync(path.join(work, 'older-'));
    const olderArchive = path.join(work, 'older.tar.gz');
    expect(
      (await createBackup({ url: olderUrl, dataDir: empty, file: olderArchive, appVersion: 'old' })).migrationLevel,
    ).toBe(level);
    const targetUrl = await freshDatabase();
    const restored = await restoreBackup({ file: olderArchive, url: targetUrl, dataDir: empty });
    expect(restored).toMatchObject({ archiveLevel: level, level: KNOWN_MIGRATIONS.length, audit: { ok: true } });
    const client = new pg.Client({ connectionString: targetUrl });
    await client.connect();
    const applied = await client.query<{ n: number }>('select count(*)::int as n from drizzle.__drizzle_migrations');
    await client.end();
    expect(applied.rows[0]?.n).toBe(KNOWN_MIGRATIONS.length);
  }, 60_000);
});

/** Runs a server-side npm script's file as `npm run` does; answers its exit code and output. */
function runScript(
  script: string,
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', `apps/server/src/scripts/${script}.ts`, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, DATABASE_URL: '', DATA_DIR: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out }));
  });
}

describe('npm run backup and npm run restore', () => {
  it('back up a running database and restore it into an empty DATA_DIR with its embedded PostgreSQL', async () => {
    const file = path.join(work, 'cli.tar.gz');
    const backup = await runScript('backup', [file], { DATABASE_URL: sourceUrl, DATA_DIR: ctx.dataDir });
    expect(backup.out).toMatch(/Backup written to .*cli\.tar\.gz: \d+ tables, [\d,]+ rows, \d+ files, .* s/);
    expect(backup.code).toBe(0);

    const dataDir = mkdtempSync(path.join(work, 'cli-data-'));
    const cut = path.join(work, 'cli-cut.tar.gz');
    copyFileSync(file, cut);
    writeFileSync(cut, readFileSync(file).subarray(0, 4000));
    const refused = await runScript('restore', [cut], { DATA_DIR: dataDir });
    expect(refused.out).toMatch(/Restore refused: .*cli-cut\.tar\.gz is damaged or cut off/);
    expect(refused.code).toBe(1);
    expect(existsSync(path.join(dataDir, 'pg'))).toBe(false);

    const restore = await runScript('restore', [file], { DATA_DIR: dataDir });
    expect(restore.out).toMatch(/Audit chain intact: \d+ entries checked/);
    expect(restore.out).toMatch(/Restored .*cli\.tar\.gz .*: \d+ tables, [\d,]+ rows, \d+ files, .* s/);
    expect(restore.code, restore.out).toBe(0);
    expect(filesIn(dataDir).length).toBeGreaterThan(0);

    const again = await runScript('restore', [file], { DATA_DIR: dataDir });
    expect(again.out).toMatch(/Restore refused: .* already holds a database/);
    expect(again.code).toBe(1);
  }, 180_000);
});
