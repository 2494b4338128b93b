import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { expect, test } from './fixtures.ts';

const ROOT = path.resolve(import.meta.dirname, '..');

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** The pid of the PostgreSQL server running on a data directory (first line of postmaster.pid), or null. */
const postmasterOf = (dataDir: string): number | null => {
  const file = path.join(dataDir, 'pg', 'postmaster.pid');
  return existsSync(file) ? Number(readFileSync(file, 'utf8').split('\n')[0]) : null;
};

/** Polls until `check` holds or `ms` pass; answers how long it took, or null. */
async function within(ms: number, check: () => Promise<boolean>): Promise<number | null> {
  const start = Date.now();
  while (Date.now() - start < ms) {
    if (await check().catch(() => false)) return Date.now() - start;
    await new Promise((r) => setTimeout(r, 250));
  }
  return null;
}

test.describe('npm start as a service manager runs it', () => {
  test.setTimeout(180_000);

  test('a killed embedded database is back and serving writes within 30 s; SIGTERM to npm alone stops it all', async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'duban-service-'));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}/api/v1`;
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      DUBAN_DEMO: '0',
      LOG_LEVEL: 'warn',
    };
    delete env.DATABASE_URL;
    let output = '';
    // Its own process group, so that whatever it left running can be stopped if the test fails half-way.
    const npm: ChildProcess = spawn('npm', ['start'], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    npm.stdout?.on('data', (chunk) => {
      output += String(chunk);
    });
    npm.stderr?.on('data', (chunk) => {
      output += String(chunk);
    });
    const exited = new Promise<number | null>((resolve) => npm.on('exit', (code) => resolve(code)));
    /** A wrong password for admin: 401 means the server read the account and wrote the failure to the audit log. */
    const writes = async () =>
      (
        await fetch(`${base}/auth/login`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'admin', password: 'Wrong-password-1' }),
        })
      ).status === 401;
    try {
      expect(await within(90_000, writes), `npm start came up\n${output}`).not.toBeNull();
      const first = postmasterOf(dataDir);
      expect(first).not.toBeNull();
      process.kill(first as number, 'SIGKILL');
      const back = await within(30_000, async () => {
        const now = postmasterOf(dataDir);
        return now !== null && now !== first && (await writes());
      });
      test.info().annotations.push({ type: 'database back after', description: `${back} ms` });
      expect(back, `the database was back within 30 s\n${output}`).not.toBeNull();
      expect(output).toContain('Restarting Duban: its database was lost');

      const second = postmasterOf(dataDir) as number;
      process.kill(npm.pid as number, 'SIGTERM');
      const code = await Promise.race([exited, new Promise((r) => setTimeout(() => r('timeout'), 30_000))]);
      expect(code, `npm start stopped on SIGTERM\n${output}`).toBe(0);
      expect(await within(10_000, async () => !isAlive(second)), 'the embedded PostgreSQL stopped').not.toBeNull();
    } finally {
      if (npm.exitCode === null && npm.pid) process.kill(-npm.pid, 'SIGKILL');
      const left = postmasterOf(dataDir);
      if (left && isAlive(left)) process.kill(left, 'SIGQUIT');
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});
