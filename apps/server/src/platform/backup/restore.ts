import { createHash, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { from as copyFrom, to as copyTo } from 'pg-copy-streams';
import { verifyAuditChain } from '../audit/audit.ts';
import { KNOWN_MIGRATIONS, openDatabase } from '../db/client.ts';
import { migrateWithLock } from '../db/migrate.ts';
import {
  ARCHIVE_FORMAT,
  ArchiveError,
  COPY_SETTINGS,
  countLines,
  HEADER_ENTRY,
  MANIFEST_ENTRY,
  quoteIdent,
  readAll,
  readArchive,
  type TManifest,
  type TTableManifest,
  tableKey,
  tableOfPart,
} from './archive.ts';
import { formatRows, TABLES_SQL } from './backup.ts';

export interface TRestoreOptions {
  file: string;
  /** An empty database (no tables): the restore creates the schema and loads the rows. */
  url: string;
  /** The data directory whose file store (`files/`) receives the stored files; it must hold none. */
  dataDir: string;
  log?: (line: string) => void;
}

export interface TRestoreSummary {
  tables: number;
  rows: number;
  files: number;
  dataBytes: number;
  seconds: number;
  /** The migration level the archive was taken at, and the level the database is at now. */
  archiveLevel: number;
  level: number;
  snapshotAt: string;
  audit: Awaited<ReturnType<typeof verifyAuditChain>>;
  /** Seconds spent checking the archive, creating the schema, loading, comparing with the manifest, verifying. */
  phases: { check: number; schema: number; load: number; compare: number; audit: number };
}

/** Raised when the target is not empty, or the archive cannot be restored by this version: nothing was changed. */
export class RestoreRefused extends Error {}

/** A restore that failed after it had created the schema: the rows were not loaded, the empty schema stays. */
export class RestoreFailedAfterSchema extends Error {}

/** Reads the whole archive and checks every part against its manifest, before anything is written anywhere. */
export async function inspectArchive(file: string): Promise<TManifest> {
  if (!existsSync(file)) throw new RestoreRefused(`no archive at ${file}`);
  const seen = new Map<string, { rows: number; bytes: number; parts: number; hash: ReturnType<typeof createHash> }>();
  const files = new Map<string, number>();
  let manifest: TManifest | null = null;
  let first = true;
  for await (const entry of readArchive(file)) {
    if (first && entry.name !== HEADER_ENTRY) throw new ArchiveError(`${file} is not a Duban backup`);
    first = false;
    if (manifest) throw new ArchiveError(`${file} has entries after its manifest (${entry.name})`);
    const part = tableOfPart(entry.name);
    if (entry.name === HEADER_ENTRY) {
      const header = JSON.parse((await readAll(entry.body)).toString('utf8')) as { kind?: string; format?: number };
      if (header.kind !== 'duban-backup') throw new ArchiveError(`${file} is not a Duban backup`);
      if (header.format !== ARCHIVE_FORMAT) {
        throw new RestoreRefused(
          `${file} is a backup of format ${header.format}; this version reads ${ARCHIVE_FORMAT}`,
        );
      }
    } else if (entry.name === MANIFEST_ENTRY) {
      manifest = JSON.parse((await readAll(entry.body)).toString('utf8')) as TManifest;
    } else if (part) {
      const table = seen.get(part.key) ?? { rows: 0, bytes: 0, parts: 0, hash: createHash('sha256') };
      seen.set(part.key, table);
      table.parts++;
      for await (const chunk of entry.body) {
        table.hash.update(chunk);
        table.rows += countLines(chunk);
        table.bytes += chunk.length;
      }
    } else if (/^files\/[0-9a-f]{64}$/.test(entry.name)) {
      const hash = createHash('sha256');
      let size = 0;
      for await (const chunk of entry.body) {
        hash.update(chunk);
        size += chunk.length;
      }
      const sha256 = entry.name.slice('files/'.length);
      if (hash.digest('hex') !== sha256) throw new ArchiveError(`${file}: the file ${sha256} does not hold its bytes`);
      files.set(sha256, size);
    } else {
      throw new ArchiveError(`${file} holds an entry a Duban backup does not have: ${entry.name}`);
    }
  }
  if (!manifest) throw new ArchiveError(`${file} is cut off: it ends before its manifest`);
  for (const t of manifest.tables) {
    const found = seen.get(tableKey(t));
    seen.delete(tableKey(t));
    const sha256 = found ? found.hash.digest('hex') : createHash('sha256').digest('hex');
    if ((found?.rows ?? 0) !== t.rows || (found?.parts ?? 0) !== t.parts || sha256 !== t.sha256) {
      throw new ArchiveError(`${file}: the rows of ${tableKey(t)} do not match the manifest (damaged archive)`);
    }
  }
  const stray = [...seen.keys()][0];
  if (stray) throw new ArchiveError(`${file} holds rows of ${stray}, which its manifest does not list`);
  for (const f of manifest.files) {
    if (files.get(f.sha256) !== f.size) throw new ArchiveError(`${file}: the stored file ${f.sha256} is missing`);
  }
  return manifest;
}

/** The level (how many of the known migrations) an archive was taken at; refuses one this code cannot restore. */
export function archiveLevel(manifest: TManifest): number {
  const { latestWhen, level } = manifest.migrations;
  const known = KNOWN_MIGRATIONS.findIndex((m) => m.when === latestWhen) + 1;
  const newest = KNOWN_MIGRATIONS.at(-1)?.when ?? 0;
  if (latestWhen !== null && latestWhen > newest) {
    throw new RestoreRefused(
      `the archive was taken at migration level ${level}, newer than this version of Duban knows ` +
        `(${KNOWN_MIGRATIONS.length}): restore it with the version that made it (${manifest.appVersion}) or newer`,
    );
  }
  if (known === 0 || known !== level) {
    throw new RestoreRefused(
      `the archive's migrations (${level}, latest ${manifest.migrations.latestTag ?? latestWhen}) are not ones this ` +
        'version of Duban knows',
    );
  }
  return level;
}

/** Refuses a database that holds tables, or a file store that holds files. */
export async function checkEmptyTarget(url: string, dataDir: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ n: number }>(
      `select count(*)::int as n from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where c.relkind in ('r', 'p') and (n.nspname = 'public' or n.nspname = 'drizzle')`,
    );
    const n = result.rows[0]?.n ?? 0;
    if (n > 0) {
      throw new RestoreRefused(
        `the database ${client.database} already holds ${n} tables: restore only into an empty database`,
      );
    }
  } finally {
    await client.end();
  }
  const store = path.join(dataDir, 'files');
  if (existsSync(store) && readdirSync(store).length > 0) {
    throw new RestoreRefused(`${store} already holds stored files: restore only into an empty data directory`);
  }
}

/**
 * Restores an archive into an empty database and file store: checks the archive whole, creates the schema with the
 * migrations up to the archive's level, loads every table in one transaction with triggers and foreign-key checks
 * off (the audit entries keep the places and hashes they were sealed with), sets the sequences, checks every table
 * against the manifest, then migrates on to this version's level and verifies the audit chain.
 */
export async function restoreBackup(options: TRestoreOptions): Promise<TRestoreSummary> {
  const log = options.log ?? (() => {});
  const started = performance.now();
  await checkEmptyTarget(options.url, options.dataDir);
  log(`Checking ${options.file} …`);
  let mark = performance.now();
  const lap = () => {
    const seconds = (performance.now() - mark) / 1000;
    mark = performance.now();
    return seconds;
  };
  const manifest = await inspectArchive(options.file);
  const check = lap();
  const level = archiveLevel(manifest);
  log(
    `Archive of ${manifest.snapshotAt} (Duban ${manifest.appVersion}, migration level ${level}): ` +
      `${manifest.totals.tables} tables, ${manifest.totals.rows} rows, ${manifest.totals.files} files; intact.`,
  );
  await probeLoader(options.url);
  const database = openDatabase(options.url, 2);
  const written: string[] = [];
  let schemaCreated = false;
  try {
    log(`Creating the schema (migrations 1–${level}) …`);
    schemaCreated = true;
    await migrateWithLock(database, options.url, { upTo: level });
    const schema = lap();
    const { load, compare } = await loadArchive(options, manifest, written, log);
    lap();
    if (level < KNOWN_MIGRATIONS.length) {
      log(`Migrating from level ${level} to ${KNOWN_MIGRATIONS.length} …`);
      await migrateWithLock(database, options.url);
    }
    log('Verifying the audit chain …');
    const audit = await verifyAuditChain(database.db);
    const phases = { check, schema, load, compare, audit: lap() };
    return {
      tables: manifest.totals.tables,
      rows: manifest.totals.rows,
      files: manifest.totals.files,
      dataBytes: manifest.totals.dataBytes,
      seconds: (performance.now() - started) / 1000,
      archiveLevel: level,
      level: Math.max(level, KNOWN_MIGRATIONS.length),
      snapshotAt: manifest.snapshotAt,
      audit,
      phases,
    };
  } catch (error) {
    for (const file of written) await rm(file, { force: true });
    if (schemaCreated) {
      throw new RestoreFailedAfterSchema(error instanceof Error ? error.message : String(error), { cause: error });
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** Loading turns triggers off (session_replication_role), which takes a superuser: say so before anything is made. */
async function probeLoader(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
  } catch (error) {
    throw new RestoreRefused(
      `the restore must connect as a superuser, to load the rows with triggers and foreign-key checks off ` +
        `(${error instanceof Error ? error.message : String(error)})`,
    );
  } finally {
    await client.query('rollback').catch(() => {});
    await client.end();
  }
}

/** The application's indexes that are neither unique nor a constraint's: their names (quoted) and definitions. */
const SECONDARY_INDEXES_SQL = `
  select format('%I.%I', n.nspname, ic.relname) as name, pg_get_indexdef(i.indexrelid) as definition
  from pg_index i
  join pg_class ic on ic.oid = i.indexrelid
  join pg_class t on t.oid = i.indrelid
  join pg_namespace n on n.oid = t.relnamespace
  where not i.indisunique and not i.indisprimary and t.relkind = 'r'
    and (n.nspname = 'public' or (n.nspname = 'drizzle' and t.relname = '__drizzle_migrations'))
    and not exists (select 1 from pg_constraint c where c.conindid = i.indexrelid)
  order by 1`;

/** The load itself: one transaction, committed only when every table matches the manifest. */
async function loadArchive(
  options: TRestoreOptions,
  manifest: TManifest,
  written: string[],
  log: (line: string) => void,
): Promise<{ load: number; compare: number }> {
  const client = new pg.Client({ connectionString: options.url });
  const started = performance.now();
  let compareFrom = started;
  await client.connect();
  try {
    await client.query('begin');
    await client.query('set local session_replication_role = replica');
    for (const setting of COPY_SETTINGS) await client.query(setting);
    const target = new Map(
      (await client.query<{ schema: string; name: string; columns: string[] }>(TABLES_SQL)).rows.map((t) => [
        tableKey(t),
        t,
      ]),
    );
    const byKey = new Map(manifest.tables.map((t) => [tableKey(t), t]));
    for (const t of manifest.tables) {
      const there = target.get(tableKey(t));
      if (!there || there.columns.join(',') !== t.columns.join(',')) {
        throw new Error(`the table ${tableKey(t)} of the archive does not match the schema its migrations create`);
      }
    }
    const extra = [...target.keys()].find((key) => !byKey.has(key));
    if (extra) throw new Error(`the schema has a table the archive does not: ${extra}`);
    // The migrations write a few rows of their own (e.g. the audit chain's start): the archive's replace them.
    await client.query(`truncate ${[...target.values()].map((t) => qualified(t)).join(', ')}`);
    // Rows load faster into a table without its secondary indexes, which are then built once, sorted. Unique
    // indexes stay (a foreign key may lean on one); the rest are dropped here and built again in this transaction.
    const secondary = await client.query<{ name: string; definition: string }>(SECONDARY_INDEXES_SQL);
    for (const index of secondary.rows) await client.query(`drop index ${index.name}`);

    let current: { table: TTableManifest; stream: ReturnType<typeof copyFrom> } | null = null;
    const loaded = new Map<string, number>();
    const finish = async () => {
      if (!current) return;
      const { table, stream } = current;
      current = null;
      stream.end();
      await once(stream, 'finish');
      loaded.set(tableKey(table), stream.rowCount);
      if (table.rows > 0) log(`  ${tableKey(table)}: ${formatRows(table.rows)}`);
    };
    const store = path.join(options.dataDir, 'files');
    for await (const entry of readArchive(options.file)) {
      const part = tableOfPart(entry.name);
      if (part) {
        if (current?.table && tableKey(current.table) !== part.key) await finish();
        if (!current) {
          const table = byKey.get(part.key);
          if (!table) throw new ArchiveError(`${options.file} holds rows of ${part.key}, not in its manifest`);
          const columns = table.columns.map(quoteIdent).join(', ');
          const stream = client.query(copyFrom(`copy ${qualified(table)} (${columns}) from stdin`));
          current = { table, stream };
        }
        const stream = current.stream;
        for await (const chunk of entry.body) {
          if (!stream.write(chunk)) await once(stream, 'drain');
        }
      } else {
        await finish();
        if (entry.name.startsWith('files/')) {
          written.push(await writeStoredFile(store, entry.name.slice('files/'.length), await readAll(entry.body)));
        } else {
          await readAll(entry.body);
        }
      }
    }
    await finish();
    if (secondary.rows.length > 0) {
      log(`Building ${secondary.rows.length} indexes …`);
      await client.query("set local maintenance_work_mem = '256MB'");
      for (const index of secondary.rows) await client.query(index.definition);
    }
    log('Checking every table against the manifest …');
    compareFrom = performance.now();
    for (const t of manifest.tables) {
      const rows = loaded.get(tableKey(t)) ?? 0;
      const hash = createHash('sha256');
      const columns = t.columns.map(quoteIdent).join(', ');
      for await (const chunk of client.query(
        copyTo(`copy ${qualified(t)} (${columns}) to stdout`),
      ) as AsyncIterable<Buffer>) {
        hash.update(chunk);
      }
      if (rows !== t.rows || hash.digest('hex') !== t.sha256) {
        throw new Error(`${tableKey(t)} does not match the archive after loading (${rows} of ${t.rows} rows)`);
      }
    }
    await setSequences(client, manifest);
    await client.query('commit');
    return { load: (compareFrom - started) / 1000, compare: (performance.now() - compareFrom) / 1000 };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    await client.end();
  }
}

function qualified(t: { schema: string; name: string }): string {
  return `${quoteIdent(t.schema)}.${quoteIdent(t.name)}`;
}

/** Writes one stored file into the store as the store itself does (aside, then renamed); answers its path. */
async function writeStoredFile(store: string, sha256: string, bytes: Buffer): Promise<string> {
  if (createHash('sha256').update(bytes).digest('hex') !== sha256) {
    throw new ArchiveError(`the archive's file ${sha256} does not hold its bytes`);
  }
  const file = path.join(store, sha256.slice(0, 2), sha256);
  await mkdir(path.dirname(file), { recursive: true });
  const temp = `${file}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(temp, bytes, { flag: 'wx', flush: true });
  await rename(temp, file);
  return file;
}

const OWNED_BY_SQL = `
  select tn.nspname::text as schema, t.relname::text as name, a.attname::text as column
  from pg_class s
  join pg_namespace sn on sn.oid = s.relnamespace
  join pg_depend d on d.objid = s.oid and d.classid = 'pg_class'::regclass and d.refclassid = 'pg_class'::regclass
    and d.deptype in ('a', 'i')
  join pg_class t on t.oid = d.refobjid
  join pg_namespace tn on tn.oid = t.relnamespace
  join pg_attribute a on a.attrelid = t.oid and a.attnum = d.refobjsubid
  where sn.nspname = $1 and s.relname = $2`;

/**
 * Sets every sequence to where the source's stood (read just after the snapshot), or to its column's largest value if
 * that is higher, so the next id is never one already taken.
 */
async function setSequences(client: pg.Client, manifest: TManifest): Promise<void> {
  const sequences = await client.query<{ schema: string; name: string }>(
    `select n.nspname::text as schema, c.relname::text as name from pg_class c
     join pg_namespace n on n.oid = c.relnamespace where c.relkind = 'S' and n.nspname in ('public', 'drizzle')`,
  );
  const recorded = new Map(manifest.sequences.map((s) => [tableKey(s), s]));
  for (const s of sequences.rows) {
    const saved = recorded.get(tableKey(s));
    let value = BigInt(saved?.lastValue ?? '1');
    let isCalled = saved?.isCalled ?? false;
    const owner = (
      await client.query<{ schema: string; name: string; column: string }>(OWNED_BY_SQL, [s.schema, s.name])
    ).rows[0];
    if (owner) {
      const max = await client.query<{ max: string | null }>(
        `select max(${quoteIdent(owner.column)})::text as max from ${qualified(owner)}`,
      );
      const highest = max.rows[0]?.max;
      if (
        highest !== null &&
        highest !== undefined &&
        (BigInt(highest) > value || (BigInt(highest) === value && !isCalled))
      ) {
        value = BigInt(highest);
        isCalled = true;
      }
    }
    await client.query('select setval($1::regclass, $2::bigint, $3)', [qualified(s), value.toString(), isCalled]);
  }
}
