import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { open, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import pg from 'pg';
import { to as copyTo } from 'pg-copy-streams';
import { KNOWN_MIGRATIONS } from '../db/client.ts';
import {
  ARCHIVE_FORMAT,
  COPY_SETTINGS,
  countLines,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  PART_BYTES,
  partName,
  quoteIdent,
  TAR_END,
  type TArchiveHeader,
  type TManifest,
  type TTableManifest,
  tableKey,
  tarEntry,
  tarHeader,
  tarPadding,
} from './archive.ts';

export interface TBackupOptions {
  /** The database to back up. */
  url: string;
  /** The data directory whose file store (`files/`) holds the uploaded files. */
  dataDir: string;
  /** Where the archive goes (written to FILE.tmp, then renamed). */
  file: string;
  appVersion: string;
  log?: (line: string) => void;
  /** Called with the exported snapshot once it is taken, before any row is read (tests compare against it). */
  onSnapshot?: (snapshotId: string) => Promise<void>;
  /** gzip level, 1 (fast) to 9 (small). */
  gzipLevel?: number;
}

export interface TBackupSummary {
  file: string;
  tables: number;
  rows: number;
  files: number;
  /** Bytes of table data and files before compression. */
  dataBytes: number;
  /** Size of the archive on disk. */
  archiveBytes: number;
  seconds: number;
  snapshotAt: string;
  migrationLevel: number;
}

/** The application's tables, with their columns: the `public` schema and drizzle's record of the migrations. */
export const TABLES_SQL = `
  select n.nspname::text as schema, c.relname::text as name,
    array(select a.attname::text from pg_attribute a
          where a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped and a.attgenerated = ''
          order by a.attnum) as columns
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'r' and (n.nspname = 'public' or (n.nspname = 'drizzle' and c.relname = '__drizzle_migrations'))
  order by n.nspname, c.relname`;

const SEQUENCES_SQL = `
  select n.nspname::text as schema, c.relname::text as name
  from pg_class c join pg_namespace n on n.oid = c.relnamespace
  where c.relkind = 'S' and n.nspname in ('public', 'drizzle')
  order by n.nspname, c.relname`;

/** `12,345`, for progress lines. */
export function formatCount(n: number): string {
  return n.toLocaleString('en-US');
}

/** `1 row`, `12,345 rows`. */
export function formatRows(n: number): string {
  return `${formatCount(n)} ${n === 1 ? 'row' : 'rows'}`;
}

/** `12.3 MB`, for progress lines. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} kB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

/**
 * Writes one consistent archive of the database and its stored files while the platform runs. Every table is read
 * in one REPEATABLE READ snapshot; the files taken are exactly those the snapshot's attachments name. A file uploaded
 * after the snapshot is left out, as is its attachment row: a restore holds the platform as it was at that instant.
 */
export async function createBackup(options: TBackupOptions): Promise<TBackupSummary> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  const temp = `${options.file}.tmp`;
  const client = new pg.Client({ connectionString: options.url });
  await client.connect();
  let inTransaction = false;
  const createdAt = new Date();
  const header: TArchiveHeader = {
    kind: 'duban-backup',
    format: ARCHIVE_FORMAT,
    appVersion: options.appVersion,
    createdAt: createdAt.toISOString(),
  };
  let manifest: TManifest | null = null;

  async function* archive(): AsyncGenerator<Buffer> {
    yield* tarEntry(HEADER_ENTRY, Buffer.from(JSON.stringify(header, null, 2)), createdAt);
    await client.query('begin isolation level repeatable read read only');
    inTransaction = true;
    if (options.onSnapshot) {
      const exported = await client.query<{ id: string }>('select pg_export_snapshot() as id');
      await options.onSnapshot(exported.rows[0]?.id ?? '');
    }
    for (const setting of COPY_SETTINGS) await client.query(setting);
    const facts = await client.query<{ at: Date; version: string }>(
      "select now() as at, current_setting('server_version') as version",
    );
    const snapshotAt = (facts.rows[0]?.at ?? createdAt).toISOString();
    const migrations = await readMigrationLevel(client);
    log(`Snapshot taken at ${snapshotAt} (migration level ${migrations.level}).`);
    const tableRows = await client.query<{ schema: string; name: string; columns: string[] }>(TABLES_SQL);
    const tables: TTableManifest[] = [];
    for (const t of tableRows.rows) {
      const table: TTableManifest = { ...t, rows: 0, bytes: 0, parts: 0, sha256: '' };
      const hash = createHash('sha256');
      const columns = t.columns.map(quoteIdent).join(', ');
      const stream = client.query(copyTo(`copy ${quoteIdent(t.schema)}.${quoteIdent(t.name)} (${columns}) to stdout`));
      let pending: Buffer[] = [];
      let pendingBytes = 0;
      for await (const chunk of stream as AsyncIterable<Buffer>) {
        hash.update(chunk);
        table.rows += countLines(chunk);
        table.bytes += chunk.length;
        pending.push(chunk);
        pendingBytes += chunk.length;
        if (pendingBytes >= PART_BYTES) {
          yield* tarEntry(partName(t.schema, t.name, table.parts++), pending, createdAt);
          pending = [];
          pendingBytes = 0;
        }
      }
      if (pendingBytes > 0) {
        yield* tarEntry(partName(t.schema, t.name, table.parts++), pending, createdAt);
      }
      table.sha256 = hash.digest('hex');
      tables.push(table);
      if (table.rows > 0) log(`  ${tableKey(table)}: ${formatRows(table.rows)}, ${formatBytes(table.bytes)}`);
    }
    const sequences = [];
    for (const s of (await client.query<{ schema: string; name: string }>(SEQUENCES_SQL)).rows) {
      const value = await client.query<{ last_value: string; is_called: boolean }>(
        `select last_value::text, is_called from ${quoteIdent(s.schema)}.${quoteIdent(s.name)}`,
      );
      sequences.push({
        ...s,
        lastValue: value.rows[0]?.last_value ?? '1',
        isCalled: value.rows[0]?.is_called ?? false,
      });
    }
    const hasAttachments = tables.some((t) => t.schema === 'public' && t.name === 'attachments');
    const fileRows = hasAttachments
      ? (await client.query<{ sha256: string }>('select distinct sha256 from attachments')).rows
      : [];
    fileRows.sort((a, b) => (a.sha256 < b.sha256 ? -1 : 1));
    // The snapshot is no longer needed: the files it names are content-addressed and never change.
    await client.query('commit');
    inTransaction = false;
    const files: TManifest['files'] = [];
    const root = path.join(options.dataDir, 'files');
    for (const { sha256 } of fileRows) {
      const size = yield* fileEntry(root, sha256, createdAt);
      files.push({ sha256, size });
    }
    if (files.length > 0) {
      log(`  files: ${formatCount(files.length)}, ${formatBytes(files.reduce((n, f) => n + f.size, 0))}`);
    }
    manifest = {
      ...header,
      snapshotAt,
      serverVersion: facts.rows[0]?.version ?? '',
      migrations,
      tables,
      sequences,
      files,
      totals: {
        tables: tables.length,
        rows: tables.reduce((n, t) => n + t.rows, 0),
        files: files.length,
        dataBytes: tables.reduce((n, t) => n + t.bytes, 0) + files.reduce((n, f) => n + f.size, 0),
      },
    };
    yield* tarEntry(MANIFEST_ENTRY, Buffer.from(JSON.stringify(manifest, null, 2)), createdAt);
    yield TAR_END;
  }

  try {
    // One chunk read ahead at most: a part is already held in memory until its size is known.
    const source = Readable.from(archive(), { objectMode: true, highWaterMark: 1 });
    await pipeline(source, createGzip({ level: options.gzipLevel ?? 3 }), createWriteStream(temp));
    const handle = await open(temp, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, options.file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  } finally {
    if (inTransaction) await client.query('rollback').catch(() => {});
    await client.end().catch(() => {});
  }
  const done = manifest as TManifest | null;
  if (!done) throw new Error('the backup ended without its manifest');
  return {
    file: options.file,
    tables: done.totals.tables,
    rows: done.totals.rows,
    files: done.totals.files,
    dataBytes: done.totals.dataBytes,
    archiveBytes: (await stat(options.file)).size,
    seconds: (performance.now() - started) / 1000,
    snapshotAt: done.snapshotAt,
    migrationLevel: done.migrations.level,
  };
}

/** The database's migration level, checked against the migrations this code knows. */
async function readMigrationLevel(client: pg.Client): Promise<TManifest['migrations']> {
  const found = await client.query<{ present: boolean }>(
    "select to_regclass('drizzle.__drizzle_migrations') is not null as present",
  );
  if (!found.rows[0]?.present) throw new Error('this database holds no Duban schema (no migrations recorded)');
  const result = await client.query<{ n: number; latest: string | null }>(
    'select count(*)::int as n, max(created_at)::text as latest from drizzle.__drizzle_migrations',
  );
  const latestWhen = result.rows[0]?.latest ? Number(result.rows[0].latest) : null;
  const latestTag = KNOWN_MIGRATIONS.find((m) => m.when === latestWhen)?.tag ?? null;
  return { level: result.rows[0]?.n ?? 0, latestTag, latestWhen };
}

/** One stored file as a tar entry, its bytes checked against its name; answers its size. */
async function* fileEntry(root: string, sha256: string, mtime: Date): AsyncGenerator<Buffer, number> {
  const file = path.join(root, sha256.slice(0, 2), sha256);
  const info = await stat(file).catch(() => null);
  if (!info?.isFile()) throw new Error(`the stored file ${sha256}, named by an attachment, is missing from ${root}`);
  yield tarHeader(`files/${sha256}`, info.size, mtime);
  const hash = createHash('sha256');
  let size = 0;
  if (info.size > 0) {
    for await (const chunk of createReadStream(file, { end: info.size - 1 }) as AsyncIterable<Buffer>) {
      hash.update(chunk);
      size += chunk.length;
      yield chunk;
    }
  }
  if (size !== info.size || hash.digest('hex') !== sha256) {
    throw new Error(`the stored file ${file} does not hold the bytes its name says (damaged store)`);
  }
  yield tarPadding(size);
  return size;
}
