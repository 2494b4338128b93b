import { rmSync } from 'node:fs';
import pg from 'pg';

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Stops the test server by its PID (SIGTERM: it stops its embedded PostgreSQL) and removes its data. */
export default async function globalTeardown(): Promise<void> {
  const pid = Number(process.env.E2E_SERVER_PID);
  if (pid > 0 && isRunning(pid)) {
    process.kill(pid, 'SIGTERM');
    const deadline = Date.now() + 20_000;
    while (isRunning(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isRunning(pid)) process.stderr.write(`e2e: the server (PID ${pid}) did not stop within 20 s\n`);
  }
  const dataDir = process.env.E2E_DATA_DIR;
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  const dbName = process.env.E2E_DB_NAME;
  const adminUrl = process.env.TEST_DATABASE_URL;
  if (dbName && adminUrl && /^duban_e2e_[0-9a-f]+$/.test(dbName)) {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(`DROP DATABASE IF EXISTS ${dbName} WITH (FORCE)`);
    } finally {
      await client.end();
    }
  }
}
