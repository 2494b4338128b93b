import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { seedDemoCounty } from '../modules/org/seed.ts';
import { openDatabase } from '../platform/db/client.ts';
import { startEmbeddedPostgres } from '../platform/db/embedded.ts';
import { migrateWithLock } from '../platform/db/migrate.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** URL of the server's maintenance database, used to create and drop test databases. */
    adminUrl: string;
    /** Name of the migrated, demo-seeded template database each test file clones. */
    templateDb: string;
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
  if (process.env.TEST_DATABASE_URL) {
    adminUrl = process.env.TEST_DATABASE_URL;
  } else {
    dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-test-pg-'));
    const embedded = await startEmbeddedPostgres(dataDir);
    adminUrl = embedded.url('postgres');
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
  await database.close();
  project.provide('adminUrl', adminUrl);
  project.provide('templateDb', templateDb);
  return async () => {
    await admin.query(`drop database if exists "${templateDb}" with (force)`).catch(() => {});
    await admin.end();
    await stopEmbedded?.();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  };
}
