import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TConfig } from '../platform/config.ts';
import { runningEmbeddedUrl, startEmbeddedPostgres } from '../platform/db/embedded.ts';

/**
 * The database a maintenance script works on: DATABASE_URL, else the embedded PostgreSQL a running Duban server
 * started on DATA_DIR, else the embedded PostgreSQL of DATA_DIR started here (and stopped by `stop`).
 */
export async function openEmbeddedOrRunning(
  config: TConfig,
): Promise<{ url: string; where: string; stop: (() => Promise<void>) | null }> {
  if (config.databaseUrl) {
    const u = new URL(config.databaseUrl);
    return { url: config.databaseUrl, where: `the database ${u.pathname.slice(1)} on ${u.host}`, stop: null };
  }
  const running = runningEmbeddedUrl(config.dataDir, 'duban');
  if (running) return { url: running, where: `the running platform's database in ${config.dataDir}`, stop: null };
  if (!existsSync(path.join(config.dataDir, 'pg', 'PG_VERSION'))) {
    throw new Error(`${config.dataDir} holds no database, and DATABASE_URL is not set`);
  }
  const embedded = await startEmbeddedPostgres(config.dataDir);
  return { url: embedded.url('duban'), where: `the database in ${config.dataDir}`, stop: embedded.stop };
}
