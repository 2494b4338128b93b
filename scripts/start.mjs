// npm start: builds the web client if it is not built, bundles the server, then runs it in the foreground, restarting
// it when its database was lost. package.json runs it with `exec`, so that a SIGTERM npm forwards reaches it (Debian's
// sh would otherwise take the signal and leave the server running).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { buildServer, serverEnv, serverNodeFlags } from './server.mjs';

const root = path.resolve(import.meta.dirname, '..');
if (!existsSync(path.join(root, 'apps/web/dist/index.html'))) {
  console.log('Building the web client (first start only) …');
  const built = spawnSync('npm', ['run', 'build', '-w', '@duban/web'], { cwd: root, stdio: 'inherit' });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
// Bundled at every start (about 0.1 s), so the server never runs older code than its sources.
const bundle = await buildServer();
/** The server's exit code when its database is gone (apps/server/src/platform/db/watchdog.ts). */
const DATABASE_LOST_EXIT = 75;
/** Restarts allowed in RESTART_WINDOW_MS before giving up (exiting non-zero, for a service manager to act). */
const MAX_RESTARTS = 5;
const RESTART_WINDOW_MS = 10 * 60_000;

let server = null;
let stopSignal = null;
const restarts = [];

// Its V8 flags and allocator settings (shared with the browser tests and the bench) keep the resident memory close to
// the heap in use under load.
function startServer() {
  server = spawn(process.execPath, [...serverNodeFlags(), bundle], { cwd: root, env: serverEnv(), stdio: 'inherit' });
  server.on('exit', (code, signal) => {
    const now = Date.now();
    while (restarts.length && now - restarts[0] > RESTART_WINDOW_MS) restarts.shift();
    // A server that lost its database is started again, the embedded PostgreSQL with it, a few times at most.
    if (code === DATABASE_LOST_EXIT && !stopSignal && restarts.length < MAX_RESTARTS) {
      restarts.push(now);
      console.log('Restarting Duban: its database was lost …');
      setTimeout(() => (stopSignal ? process.exit(0) : startServer()), 1_000);
      return;
    }
    process.exit(code ?? (signal ? 1 : 0));
  });
}

for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => {
    stopSignal = signal;
    // Between a lost database and the restart there is no server to stop.
    if (server && server.exitCode === null && server.signalCode === null) server.kill(signal);
    else process.exit(0);
  });
}
startServer();
