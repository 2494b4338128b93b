// npm start: builds the web client if it is not built, bundles the server, then runs it in the foreground.
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
// Its V8 flags and allocator settings (shared with the browser tests and the bench) keep the resident memory close to
// the heap in use under load.
const server = spawn(process.execPath, [...serverNodeFlags(), bundle], {
  cwd: root,
  env: serverEnv(),
  stdio: 'inherit',
});
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.on(signal, () => server.kill(signal));
}
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
