import pg from 'pg';
import { migrateDatabase, openDatabase, type TDatabase } from './client.ts';
import { grantRuntimeRole, runtimeRoleRisks } from './roles.ts';

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

/**
 * Brings the schema up to date as its owner and grants the runtime role (the role of `runtime`'s connections) what
 * it needs. With no separate owner (`ownerUrl` null) the runtime role migrates by itself; the answer then lists what
 * makes it more than a runtime role (a superuser, the audit log's owner), for the caller to warn about.
 */
export async function prepareSchema(ownerUrl: string | null, runtime: TDatabase, runtimeUrl: string) {
  if (!ownerUrl) {
    await migrateWithLock(runtime, runtimeUrl);
    return { risks: await runtimeRoleRisks(runtime.pool) };
  }
  const owner = openDatabase(ownerUrl, 2);
  try {
    await migrateWithLock(owner, ownerUrl);
    const { rows } = await runtime.pool.query<{ role: string }>('select current_user as role');
    await grantRuntimeRole(owner.pool, rows[0]?.role ?? '');
  } finally {
    await owner.close();
  }
  return { risks: await runtimeRoleRisks(runtime.pool) };
}
