import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedDemoCounty } from '../modules/org/seed.ts';
import { openDatabase } from '../platform/db/client.ts';
import { startEmbeddedPostgres } from '../platform/db/embedded.ts';
import { migrateWithLock } from '../platform/db/migrate.ts';
import { ensureRuntimeRole, grantRuntimeRole, RUNTIME_ROLE, withCredentials } from '../platform/db/roles.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the server's maintenance database, used to create and drop test databases. */
    adminUrl: string;
    /** Name of the migrated, demo-seeded template database each test file clones. */
    templateDb: string;
    /** The maintenance database's URL as the runtime role, which the app under test runs as. */
    runtimeUrl: string;
  }
}

/** Replaces the database name in a PostgreSQL URL. */
export function withDatabase(url: string, name: string): string {
  const u = new URL(url);
  u.pathname = `/${name}`;
  return u.toString();
}

/**
 * Starts the embedded PostgreSQL (or uses TEST_DATABASE_URL's server), builds one migrated template
 * database with the demo county, and hands its name to the test files.
 */
export default async function setup(project: TestProject) {
  let dataDir: string | null = null;
  let stopEmbedded: (() => Promise<void>) | null = null;
  let adminUrl: string;
  let runtimeUrl: string;
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
    // The role is the server's, shared by every test run on it: created once, its password left as it is.
    await ensureRuntimeRole(adminUrl, RUNTIME_ROLE, 'duban-test', false);
    runtimeUrl = withCredentials(adminUrl, RUNTIME_ROLE, 'duban-test');
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-test-pg-'));
    const embedded = await startEmbeddedPostgres(dataDir);
    adminUrl = embedded.url('postgres');
    runtimeUrl = embedded.runtimeUrl('postgres');
    stopEmbedded = embedded.stop;
  }
  const templateDb = `duban_tpl_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database "${templateDb}"`);
  const templateUrl = withDatabase(adminUrl, templateDb);
  const database = openDatabase(templateUrl, 4);
  await migrateWithLock(database, templateUrl);
  await seedDemoCounty(database.db);
  await grantRuntimeRole(database.pool, RUNTIME_ROLE);
  await database.close();
  project.provide('adminUrl', adminUrl);
  project.provide('runtimeUrl', runtimeUrl);
  project.provide('templateDb', templateDb);
  return async () => {
    await admin.query(`drop database if exists "${templateDb}" with (force)`).catch(() => {});
    await admin.end();
    await stopEmbedded?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
