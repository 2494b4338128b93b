import autocannon, { type TRequest, type TResult } from 'autocannon';
import { sampleProcess, type TProcStats, treeCpuSeconds } from './processes.ts';

export interface TLoadSpec {
  name: string;
  /** What the line in the table stands for, e.g. "GET /api/v1/me". */
  target: string;
  url: string;
  connections: number;
  durationSeconds: number;
  warmupSeconds: number;
  /** The process whose RSS and CPU are sampled during the measured run. */
  pid: number;
  /** PostgreSQL's postmaster, when it runs on this machine: its and its backends' CPU is measured too. */
  databasePid?: number | null;
  requests?: TRequest[];
}

export interface TLoadResult {
  name: string;
  target: string;
  connections: number;
  durationSeconds: number;
  requestsPerSecond: number;
  totalRequests: number;
  latencyMs: { p50: number; p90: number; p95: number; p99: number; mean: number; max: number };
  non2xx: number;
  errors: number;
  timeouts: number;
  statusCodes: Record<string, number>;
  process: TProcStats;
  /** CPU of PostgreSQL (postmaster and backends) during the run, in cores; null when not measurable. */
  databaseCpuCores: number | null;
  /** CPU of this process (autocannon, the load generator) during the run, in cores. */
  generatorCpuCores: number;
  /** 'database' for a PostgreSQL-only figure (pgbench): no share of the HTTP ceiling. */
  kind?: 'http' | 'database';
}

const perSecond = (amount: number, seconds: number) => Math.round((amount / seconds) * 100) / 100;

/** The q-th percentile (0–100) of sorted values, rounded to 0.01. */
export function percentileOf(sorted: number[], q: number): number {
  if (sorted.length === 0) return 0;
  const value = sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((q / 100) * sorted.length) - 1))] ?? 0;
  return Math.round(value * 100) / 100;
}

/** Runs autocannon; `latencies` receives every response's time (autocannon's own histogram has no p95). */
function fire(spec: TLoadSpec, seconds: number, latencies: number[] = []): Promise<TResult> {
  const instance = autocannon({
    url: spec.url,
    connections: spec.connections,
    duration: seconds,
    timeout: 10,
    requests: spec.requests,
    title: spec.name,
  });
  instance.on('response', (_client: unknown, _status: number, _bytes: number, responseTime: number) => {
    latencies.push(responseTime);
  });
  return new Promise((resolve, reject) => instance.then(resolve, reject));
}

/** A warm-up (discarded), then the measured run with the process sampled throughout. */
export async function runLoad(spec: TLoadSpec): Promise<TLoadResult> {
  if (spec.warmupSeconds > 0) await fire(spec, spec.warmupSeconds);
  const sampler = await sampleProcess(spec.pid);
  const databaseBefore = spec.databasePid ? await treeCpuSeconds(spec.databasePid) : null;
  const generatorBefore = process.cpuUsage();
  const startedAt = performance.now();
  const latencies: number[] = [];
  const result = await fire(spec, spec.durationSeconds, latencies);
  latencies.sort((a, b) => a - b);
  const seconds = (performance.now() - startedAt) / 1000;
  const generator = process.cpuUsage(generatorBefore);
  const databaseAfter = spec.databasePid ? await treeCpuSeconds(spec.databasePid) : null;
  const stats = await sampler.stop();
  return {
    name: spec.name,
    target: spec.target,
    connections: spec.connections,
    durationSeconds: result.duration,
    requestsPerSecond: Math.round(result.requests.average),
    totalRequests: result.requests.total,
    latencyMs: {
      p50: result.latency.p50,
      p90: result.latency.p90,
      p95: percentileOf(latencies, 95),
      p99: result.latency.p99,
      mean: result.latency.mean,
      max: result.latency.max,
    },
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
    statusCodes: Object.fromEntries(Object.entries(result.statusCodeStats).map(([code, s]) => [code, s.count])),
    process: stats,
    databaseCpuCores:
      databaseBefore !== null && databaseAfter !== null ? perSecond(databaseAfter - databaseBefore, seconds) : null,
    generatorCpuCores: perSecond((generator.user + generator.system) / 1e6, seconds),
  };
}
