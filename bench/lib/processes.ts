import { type ChildProcess, spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import net from 'node:net';

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

export interface TChild {
  name: string;
  pid: number;
  process: ChildProcess;
  /** The last lines the child wrote, for error messages. */
  output: () => string;
}

/** Starts `node --import tsx <script>` as a child process, keeping the tail of its output. */
export function startNodeChild(
  name: string,
  script: string,
  cwd: string,
  env: NodeJS.ProcessEnv,
  nodeFlags: string[] = [],
): TChild {
  // TypeScript runs under tsx; the server's bundle (JavaScript) runs as it is.
  const args = [...nodeFlags, ...(script.endsWith('.ts') ? ['--import', 'tsx'] : []), script];
  const child = spawn(process.execPath, args, { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.pid === undefined) throw new Error(`${name} did not start`);
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
    if (lines.length > 50) lines.splice(0, lines.length - 50);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return { name, pid: child.pid, process: child, output: () => lines.join('\n') };
}

const hasExited = (child: ChildProcess) => child.exitCode !== null || child.signalCode !== null;

/** Polls a URL until it answers 200, failing early if the child exits. */
export async function waitForHttp(child: TChild, url: string, timeoutMs = 60_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    if (hasExited(child.process)) throw new Error(`${child.name} exited while starting:\n${child.output()}`);
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${child.name} did not answer ${url} within ${timeoutMs} ms:\n${child.output()}`);
}

/** Stops a child by its PID: SIGTERM, then SIGKILL if it has not exited after the grace period. */
export async function stopChild(child: TChild, graceMs = 10_000): Promise<void> {
  if (hasExited(child.process)) return;
  const exited = new Promise<void>((resolve) => child.process.once('exit', () => resolve()));
  process.kill(child.pid, 'SIGTERM');
  const timer = new Promise<'timeout'>((resolve) => setTimeout(() => resolve('timeout'), graceMs).unref());
  if ((await Promise.race([exited, timer])) === 'timeout' && !hasExited(child.process)) {
    process.kill(child.pid, 'SIGKILL');
    await exited;
  }
}

/** Kills a child by its PID at once, for the synchronous last-chance cleanup at exit. */
export function killChildNow(child: TChild): void {
  if (hasExited(child.process)) return;
  try {
    process.kill(child.pid, 'SIGKILL');
  } catch {
    // already gone
  }
}

/** Clock ticks per second of /proc/<pid>/stat times (USER_HZ, 100 on every mainstream Linux build). */
const TICKS_PER_SECOND = 100;

interface TProcSample {
  rssKb: number;
  cpuTicks: number;
}

async function readProc(pid: number): Promise<TProcSample | null> {
  try {
    const [status, stat] = await Promise.all([
      readFile(`/proc/${pid}/status`, 'utf8'),
      readFile(`/proc/${pid}/stat`, 'utf8'),
    ]);
    const rssKb = Number(/^VmRSS:\s+(\d+)\s+kB/m.exec(status)?.[1] ?? Number.NaN);
    // Fields after the command name (which may hold spaces): utime and stime are the 12th and 13th.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const cpuTicks = Number(fields[11]) + Number(fields[12]);
    return Number.isFinite(rssKb) && Number.isFinite(cpuTicks) ? { rssKb, cpuTicks } : null;
  } catch {
    return null;
  }
}

export interface TProcStats {
  /** Resident set size before the run, MB. */
  rssStartMb: number;
  rssPeakMb: number;
  rssMeanMb: number;
  /** CPU time the process used during the run, as a share of one core (1 = one core busy throughout). */
  cpuCores: number;
  samples: number;
}

const toMb = (kb: number) => Math.round((kb / 1024) * 10) / 10;

/** Samples a process's RSS (VmRSS) and CPU time every `everyMs` until stopped. */
export async function sampleProcess(pid: number, everyMs = 200): Promise<{ stop: () => Promise<TProcStats> }> {
  const first = await readProc(pid);
  if (!first) throw new Error(`cannot read /proc/${pid}`);
  const startedAt = performance.now();
  const rss: number[] = [first.rssKb];
  let last = first;
  let pending: Promise<void> = Promise.resolve();
  const timer = setInterval(() => {
    pending = readProc(pid).then((s) => {
      if (!s) return;
      rss.push(s.rssKb);
      last = s;
    });
  }, everyMs);
  return {
    stop: async () => {
      clearInterval(timer);
      await pending;
      const end = (await readProc(pid)) ?? last;
      rss.push(end.rssKb);
      const seconds = (performance.now() - startedAt) / 1000;
      return {
        rssStartMb: toMb(first.rssKb),
        rssPeakMb: toMb(Math.max(...rss)),
        rssMeanMb: toMb(rss.reduce((a, b) => a + b, 0) / rss.length),
        cpuCores: Math.round(((end.cpuTicks - first.cpuTicks) / TICKS_PER_SECOND / seconds) * 100) / 100,
        samples: rss.length,
      };
    },
  };
}

/** The fields of /proc/<pid>/stat after the command name: [0] state, [1] ppid, [11] utime, [12] stime, [13] cutime, [14] cstime. */
async function readStatFields(pid: number | string): Promise<string[] | null> {
  try {
    const stat = await readFile(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  } catch {
    return null;
  }
}

/** The parent PID of a process, or null when it cannot be read (not on this machine, gone). */
export async function parentPid(pid: number): Promise<number | null> {
  const fields = await readStatFields(pid);
  const ppid = Number(fields?.[1]);
  return Number.isInteger(ppid) && ppid > 1 ? ppid : null;
}

/**
 * CPU seconds used so far by a process tree one level deep (PostgreSQL's postmaster and its backends):
 * the children alive now, plus the parent's own time and that of its children already reaped.
 */
export async function treeCpuSeconds(rootPid: number): Promise<number | null> {
  const root = await readStatFields(rootPid);
  if (!root) return null;
  let ticks = [11, 12, 13, 14].reduce((sum, i) => sum + Number(root[i]), 0);
  const entries = await readdir('/proc').catch(() => [] as string[]);
  const stats = await Promise.all(entries.filter((e) => /^\d+$/.test(e)).map((e) => readStatFields(e)));
  for (const fields of stats) {
    if (fields && Number(fields[1]) === rootPid) ticks += Number(fields[11]) + Number(fields[12]);
  }
  return ticks / TICKS_PER_SECOND;
}
