// The server as it runs in production, for npm start, the browser tests and the bench alike.
// - The bundle: apps/server/src/main.ts and the workspace code it imports (packages/domain) in one ES module,
//   apps/server/dist/main.mjs (and the workbook worker's thread beside it), every npm dependency left to node_modules. Node runs it directly: no TypeScript
//   loader in the process (about 30 MB less resident memory, a faster start). `node scripts/server.mjs` builds it.
// - Its V8 flags (apps/server/node-flags.json) and its memory allocator's settings (serverEnv).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, stop } from 'esbuild';

const root = path.resolve(import.meta.dirname, '..');

/** Where the bundle is written, relative to the repository root. */
export const SERVER_BUNDLE = 'apps/server/dist/main.mjs';

/** The server's V8 flags (apps/server/node-flags.json), for every place that starts it. */
export function serverNodeFlags() {
  return JSON.parse(readFileSync(path.join(root, 'apps/server/node-flags.json'), 'utf8'));
}

/**
 * The server's environment: the caller's, with glibc's allocator told to keep at most two arenas and to give every
 * block of 128 kB or more back to the system when freed. By default it keeps an arena per thread and raises that
 * threshold as large blocks are freed, so the 19 MB an argon2 hash uses (per login, four at a time in the thread
 * pool) stayed resident: a morning's logins left the server 100 MB or more above its heap.
 */
export function serverEnv(env = process.env) {
  return { MALLOC_ARENA_MAX: '2', MALLOC_MMAP_THRESHOLD_: '131072', ...env };
}

/** Bundles the server (about 0.1 s); returns the bundle's absolute path. */
export async function buildServer() {
  const pkg = JSON.parse(readFileSync(path.join(root, 'apps/server/package.json'), 'utf8'));
  const external = Object.keys(pkg.dependencies)
    .filter((name) => !name.startsWith('@duban/'))
    .flatMap((name) => [name, `${name}/*`]);
  await build({
    // The workbook worker runs on a thread of its own: its own entry, beside main.mjs (platform/workbook).
    entryPoints: {
      main: path.join(root, 'apps/server/src/main.ts'),
      'workbook.worker': path.join(root, 'apps/server/src/platform/workbook/workbook.worker.ts'),
    },
    outdir: path.join(root, path.dirname(SERVER_BUNDLE)),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    external,
    logLevel: 'warning',
  });
  // esbuild's service process is not needed once the bundle is written.
  await stop();
  return path.join(root, SERVER_BUNDLE);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const file = await buildServer();
  console.log(`Built ${path.relative(root, file)}`);
}
