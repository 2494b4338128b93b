import pg from 'pg';
import { migrateDatabase, type TDatabase } from './client.ts';

/** Key of the session-level advisory lock that lets one process at a time migrate. */
const MIGRATION_LOCK_KEY = 7_414_254;

/**
 * Applies pending migrations (all, or up to the level `upTo`) while holding a lock, so several processes starting
 * together do not collide.
 */
export async function migrateWithLock(
  database: TDatabase,
  url: string,
  options: { upTo?: number } = {},
): Promise<void> {
  const lockClient = new pg.Client({ connectionString: url });
  await lockClient.connect();
  try {
    await lockClient.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    await migrateDatabase(database.db, options.upTo);
  } finally {
    await lockClient.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => {});
    await lockClient.end();
  }
}
