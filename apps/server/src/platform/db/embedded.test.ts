import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../config.ts';
import { findFreePort } from './embedded.ts';

const dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-embedded-'));
const started: ChildProcess[] = [];

async function startServer(port: number): Promise<{ child: ChildProcess; output: () => string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'apps/server/src/main.ts'], {
    cwd: REPO_ROOT,
    env: {
      ...process.env,
      DATA_DIR: dataDir,
      PORT: String(port),
      DUBAN_DEMO: '0',
      LOG_LEVEL: 'warn',
      DATABASE_URL: '',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += d;
  });
  child.stderr?.on('data', (d) => {
    output += d;
  });
  const until = Date.now() + 45_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited: ${output}`);
    const ok = await fetch(`http://127.0.0.1:${port}/api/v1/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { child, output: () => output };
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`server did not start: ${output}`);
}

const postmasterPid = () => Number(readFileSync(path.join(dataDir, 'pg', 'postmaster.pid'), 'utf8').split('\n')[0]);
const isAlive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const exited = (child: ChildProcess) =>
  new Promise<number | null>((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.on('exit', (code) => resolve(code));
  });

afterAll(() => {
  for (const child of started) if (child.exitCode === null) child.kill('SIGKILL');
  if (existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))) {
    const pid = postmasterPid();
    if (isAlive(pid)) process.kill(pid, 'SIGQUIT');
  }
  rmSync(dataDir, { recursive: true, force: true });
});

describe('embedded PostgreSQL', () => {
  it('recovers by itself after the server is killed with SIGKILL, keeping the data, and stops cleanly on SIGTERM', async () => {
    const { child: first, output } = await startServer(await findFreePort());
    await new Promise((r) => setTimeout(r, 300));
    const adminPassword = /^\s+admin\s+(\S+)$/m.exec(output())?.[1];
    expect(adminPassword).toBeTruthy();
    const orphan = postmasterPid();
    first.kill('SIGKILL');
    await exited(first);
    expect(isAlive(orphan)).toBe(true);

    const port = await findFreePort();
    const { child: second } = await startServer(port);
    expect(isAlive(orphan)).toBe(false);
    const login = await fetch(`http://127.0.0.1:${port}/api/v1/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ username: 'admin', password: adminPassword }),
    });
    // The account made at the first start survived the kill, and no second one was made.
    expect(login.status).toBe(200);
    // A second server on the same data directory refuses to start instead of taking the database away.
    await expect(startServer(await findFreePort())).rejects.toThrow(/another Duban process/);
    expect((await fetch(`http://127.0.0.1:${port}/api/v1/health`)).status).toBe(200);
    const pgPid = postmasterPid();
    second.kill('SIGTERM');
    expect(await exited(second)).toBe(0);
    expect(isAlive(pgPid)).toBe(false);
    expect(existsSync(path.join(dataDir, 'pg', 'postmaster.pid'))).toBe(false);
  }, 120_000);
});
