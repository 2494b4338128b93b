import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { FullConfig } from '@playwright/test';
import pg from 'pg';
import { buildServer, serverEnv, serverNodeFlags } from '../scripts/server.mjs';
import { describeBrowser } from './browser-report.ts';
import globalTeardown from './global-teardown.ts';

const ROOT = path.resolve(import.meta.dirname, '..');
const WEB_INDEX = path.join(ROOT, 'apps/web/dist/index.html');
export const SERVER_LOG = path.join(ROOT, 'test-results/e2e-server.log');

/** The newest modification time of the web client's sources, to tell a stale build. */
function newestSourceTime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSourceTime(full) : statSync(full).mtimeMs);
  }
  return newest;
}

/** A TCP port nobody listens on right now. */
async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** Creates an empty database on the server of TEST_DATABASE_URL and returns its URL. */
async function createDatabase(adminUrl: string): Promise<{ name: string; url: string }> {
  const name = `duban_e2e_${randomBytes(5).toString('hex')}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { name, url: url.toString() };
}

async function waitForHealth(baseUrl: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${baseUrl}/api/v1/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`the server did not answer /api/v1/health within ${timeoutMs / 1000} s`);
}

/** Starts a real Duban server for the browser tests and tells the workers where it is. */
export default async function globalSetup(config: FullConfig): Promise<void> {
  console.log(`e2e: ${await describeBrowser(config)}`);
  if (!existsSync(WEB_INDEX)) {
    throw new Error(
      `The web client is not built (${path.relative(ROOT, WEB_INDEX)} is missing). ` +
        'Run "npm run build -w @duban/web" before the browser tests.',
    );
  }
  if (newestSourceTime(path.join(ROOT, 'apps/web/src')) > statSync(WEB_INDEX).mtimeMs) {
    process.stderr.write('e2e: warning: apps/web/dist is older than apps/web/src; the tests run the old build.\n');
  }
  const port = await freePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    LOGIN_RATE_LIMIT: '1000',
    // The notifications test's robots are local receivers: allow webhooks to private addresses (and http).
    DUBAN_WEBHOOK_ALLOW_PRIVATE: '1',
    // The ladder's browser test lets days pass on the platform's clock.
    DUBAN_TEST_CLOCK: '1',
  };
  delete env.DATABASE_URL;
  delete env.DATA_DIR;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (adminUrl) {
    const db = await createDatabase(adminUrl);
    env.DATABASE_URL = db.url;
    env.DUBAN_DEMO = '1';
    process.env.E2E_DB_NAME = db.name;
  } else {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-e2e-'));
    env.DATA_DIR = dataDir;
    env.DUBAN_DEMO = '1';
    process.env.E2E_DATA_DIR = dataDir;
  }
  mkdirSync(path.dirname(SERVER_LOG), { recursive: true });
  const log = createWriteStream(SERVER_LOG);
  // The server as npm start runs it: bundled, with its V8 flags.
  const bundle = await buildServer();
  const child = spawn(process.execPath, [...serverNodeFlags(), bundle], {
    cwd: ROOT,
    env: serverEnv(env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  if (!child.pid) throw new Error('the server process did not start');
  process.env.E2E_SERVER_PID = String(child.pid);
  try {
    await waitForHealth(baseUrl, child, 90_000);
  } catch (error) {
    await globalTeardown();
    const tail = existsSync(SERVER_LOG) ? readFileSync(SERVER_LOG, 'utf8').slice(-3000) : '';
    throw new Error(`${error instanceof Error ? error.message : String(error)}\n--- server log ---\n${tail}`);
  }
  process.env.E2E_BASE_URL = baseUrl;
}
