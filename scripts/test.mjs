// npm test: every tier — types and lint, domain and HTTP tests (vitest, real PostgreSQL), browser tests (Playwright).
// `npm test -- --no-browser` leaves the browser tier out and says so (CI's second pass, on another PostgreSQL).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const CHROMIUM = '/usr/bin/chromium';
const FONT = '/usr/share/fonts/truetype/wqy/wqy-microhei.ttc';

const run = (cmd, args, env = {}) =>
  spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status === 0;

/** Installs Debian's packages as root with apt-get, saying so; elsewhere stops with the command to run. */
function ensurePackages(what, packages, isPresent, { withRecommends = true } = {}) {
  if (isPresent()) return;
  const install = `apt-get update && apt-get install -y ${withRecommends ? '' : '--no-install-recommends '}${packages}`;
  const isRoot = process.getuid?.() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (!isRoot || !hasApt) {
    console.error(`The tests need ${what}. Run as root:\n  ${install}`);
    process.exit(1);
  }
  console.log(`Installing Debian's ${packages} for ${what}: ${install}`);
  if (
    !run('sh', ['-c', install.replace('apt-get update', 'apt-get update -qq')], { DEBIAN_FRONTEND: 'noninteractive' })
  ) {
    console.error(`Installing them failed. Run as root:\n  ${install}`);
    process.exit(1);
  }
}

/** The browser tests drive Debian's Chromium, with a Chinese font. */
const ensureBrowser = () =>
  ensurePackages(
    'Debian’s Chromium and a Chinese font (browser tests)',
    'chromium fonts-wqy-microhei',
    () => existsSync(CHROMIUM) && existsSync(FONT),
  );

/** The import tests read workbooks as LibreOffice Calc and openpyxl (Debian's python3) save them. */
const ensureOfficeWriters = () =>
  ensurePackages(
    'LibreOffice Calc and openpyxl (workbook import tests)',
    'libreoffice-calc-nogui python3-openpyxl',
    () =>
      existsSync('/usr/bin/soffice') &&
      spawnSync('/usr/bin/python3', ['-c', 'import openpyxl'], { stdio: 'ignore' }).status === 0,
    { withRecommends: false },
  );

function step(title, ok) {
  if (!ok) {
    console.error(`\nnpm test: ${title} failed`);
    process.exit(1);
  }
}

const hasBrowserTier = !process.argv.includes('--no-browser');
if (hasBrowserTier) ensureBrowser();
ensureOfficeWriters();
const reports = path.join(root, '.test-reports');
mkdirSync(reports, { recursive: true });
console.log('\n== types and lint ==');
step('types and lint', run('npm', ['run', '--silent', 'check']));
console.log('\n== domain and HTTP tests (vitest) ==');
const vitestOk = run('npx', [
  'vitest',
  'run',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${path.join(reports, 'vitest.json')}`,
]);
let e2eOk = true;
const e2eReport = path.join(reports, 'e2e.json');
if (hasBrowserTier) {
  console.log('\n== web client build ==');
  step('web client build', run('npm', ['run', '--silent', 'build', '-w', '@duban/web']));
  console.log('\n== browser tests (Playwright, Chromium) ==');
  e2eOk = run('npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_FILE: e2eReport,
    PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport,
  });
} else {
  console.log('\n== browser tests: not run (--no-browser) ==');
}

const counts = { passed: 0, failed: 0, skipped: 0 };
try {
  const v = JSON.parse(readFileSync(path.join(reports, 'vitest.json'), 'utf8'));
  counts.passed += v.numPassedTests;
  counts.failed += v.numFailedTests;
  counts.skipped += v.numPendingTests + v.numTodoTests;
} catch {
  counts.failed += 1;
}
if (hasBrowserTier) {
  try {
    const e = JSON.parse(readFileSync(e2eReport, 'utf8'));
    counts.passed += e.stats.expected;
    counts.failed += e.stats.unexpected + e.stats.flaky;
    counts.skipped += e.stats.skipped;
  } catch {
    counts.failed += 1;
  }
}
if (!vitestOk || !e2eOk) counts.failed = Math.max(counts.failed, 1);
console.log(`\n${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed === 0 && counts.skipped === 0 ? 0 : 1);
