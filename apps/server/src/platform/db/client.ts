import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { SQL } from 'drizzle-orm';
import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type { PgDialect, PgSession } from 'drizzle-orm/pg-core';
import pg from 'pg';
import * as schema from '../../db/schema/index.ts';
import { REPO_ROOT } from '../config.ts';

export type TDb = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type TTx = Parameters<Parameters<TDb['transaction']>[0]>[0];
/** Either the database or an open transaction: repos accept both. */
export type TQueryable = TDb | TTx;

export interface TDatabase {
  db: TDb;
  pool: pg.Pool;
  close: () => Promise<void>;
}

const prepared = new WeakMap<object, Map<string, unknown>>();

/**
 * A Drizzle prepared statement built once per connection (the pool, or the pool client a transaction holds) and name,
 * then only executed: building a query costs more CPU than running a small one, so the hot statements build theirs
 * once. A statement runs on the client it was built with, which a transaction holds while it runs.
 */
export function preparedOnce<T>(db: TQueryable, name: string, build: () => T): T {
  const client = (db._.session as unknown as { client?: object }).client ?? db;
  let byName = prepared.get(client);
  if (!byName) {
    byName = new Map();
    prepared.set(client, byName);
  }
  let statement = byName.get(name) as T | undefined;
  if (!statement) {
    statement = build();
    byName.set(name, statement);
  }
  return statement;
}

/**
 * A raw statement (Drizzle's `sql` template, its inputs as `sql.placeholder`) prepared once per connection like
 * `preparedOnce`; the function returned runs it and resolves to its rows, typed as `db.execute` would return them.
 */
export function preparedSql<R>(
  db: TQueryable,
  name: string,
  build: () => SQL,
): (values: Record<string, unknown>) => Promise<R[]> {
  const statement = preparedOnce(db, name, () => {
    const internal = db as unknown as { dialect: PgDialect; _: { session: PgSession } };
    return internal._.session.prepareQuery(internal.dialect.sqlToQuery(build()), undefined, name, false);
  });
  return async (values) => ((await statement.execute(values)) as unknown as { rows: R[] }).rows;
}

// timestamptz as Date is drizzle's default; keep bigint counts as numbers.
pg.types.setTypeParser(20, (v) => Number(v));

/** Opens a pool on the given PostgreSQL URL. */
export function openDatabase(url: string, max = 20): TDatabase {
  const pool = new pg.Pool({ connectionString: url, max });
  pool.on('error', () => {});
  const db = drizzle(pool, { schema });
  return { db, pool, close: () => pool.end() };
}

export const MIGRATIONS_DIR = `${REPO_ROOT}/apps/server/src/db/migrations`;

const journal = JSON.parse(readFileSync(`${MIGRATIONS_DIR}/meta/_journal.json`, 'utf8')) as {
  entries: { when: number; tag: string }[];
};

/** The migrations this code knows, in order: the level of a database is how many of them it has applied. */
export const KNOWN_MIGRATIONS: readonly { when: number; tag: string }[] = journal.entries;

/**
 * Applies every migration not yet applied (or those up to the level `upTo`, e.g. to restore a backup taken at an
 * older level); safe to run from several processes at once.
 */
export async function migrateDatabase(db: TDb, upTo?: number): Promise<void> {
  if (upTo === undefined || upTo >= journal.entries.length) {
    await migrate(db, { migrationsFolder: MIGRATIONS_DIR });
    return;
  }
  // Drizzle's migrator applies a folder's whole journal: the first `upTo` migrations get a folder of their own.
  const folder = mkdtempSync(path.join(os.tmpdir(), 'duban-migrations-'));
  try {
    mkdirSync(path.join(folder, 'meta'));
    const entries = journal.entries.slice(0, upTo);
    writeFileSync(path.join(folder, 'meta/_journal.json'), JSON.stringify({ ...journal, entries }));
    for (const e of entries) copyFileSync(path.join(MIGRATIONS_DIR, `${e.tag}.sql`), path.join(folder, `${e.tag}.sql`));
    await migrate(db, { migrationsFolder: folder });
  } finally {
    rmSync(folder, { recursive: true, force: true });
  }
}

/** How many migrations the database has applied, and the newest one's tag. */
export async function migrationStatus(pool: pg.Pool): Promise<{ applied: number; latest: string | null }> {
  const result = await pool.query<{ n: number; latest: string | null }>(
    'select count(*)::int as n, max(created_at)::text as latest from drizzle.__drizzle_migrations',
  );
  const latestWhen = Number(result.rows[0]?.latest);
  const latest = journal.entries.find((e) => e.when === latestWhen)?.tag ?? result.rows[0]?.latest ?? null;
  return { applied: result.rows[0]?.n ?? 0, latest };
}
