import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import { buildApp } from '../app.ts';
import { DEMO_PASSWORD } from '../modules/org/demo-county.ts';
import { loadConfig, type TConfig } from '../platform/config.ts';
import { openDatabase, type TDatabase } from '../platform/db/client.ts';
import { withDatabase } from './global-setup.ts';

export interface TTestContext {
  app: FastifyInstance;
  database: TDatabase;
  /** This test file's own data directory (uploaded files). */
  dataDir: string;
  /** Runs SQL on the test database as the app's runtime role (for checking what was written). */
  sql: <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;
  /** Runs SQL on the test database as a superuser (to play an intruder who has the server's keys). */
  adminSql: <T extends pg.QueryResultRow = Record<string, unknown>>(text: string, values?: unknown[]) => Promise<T[]>;
}

type TMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** A logged-in client: sends the session cookie and the CSRF token. */
export interface TClient {
  userId: string;
  csrfToken: string;
  cookie: string;
  request: (
    method: TMethod,
    url: string,
    body?: unknown,
    headers?: Record<string, string>,
  ) => Promise<LightMyRequestResponse>;
}

let counter = 0;

/** Gives the test file its own database, cloned from the demo-seeded template, and an app on it. */
export function useTestApp(
  overrides: Record<string, string> = {},
  configOverrides: Partial<TConfig> = {},
): TTestContext {
  const ctx = {} as TTestContext;
  const adminUrl = inject('adminUrl');
  const name = `duban_t_${process.pid}_${Date.now()}_${counter++}`;
  let admin: pg.Client;
  let adminOfDb: pg.Client | undefined;
  beforeAll(async () => {
    admin = new pg.Client({ connectionString: adminUrl });
    await admin.connect();
    await admin.query(`create database "${name}" template "${inject('templateDb')}"`);
    const url = withDatabase(inject('runtimeUrl'), name);
    ctx.database = openDatabase(url, 5);
    ctx.dataDir = mkdtempSync(path.join(os.tmpdir(), 'duban-test-data-'));
    const config = {
      ...loadConfig({ LOGIN_RATE_LIMIT: '1000', COCKPIT_KEEP_MS: '0', DATA_DIR: ctx.dataDir, ...overrides }),
      databaseUrl: url,
      ...configOverrides,
    };
    ctx.app = await buildApp({ config, database: ctx.database, logger: false });
    await ctx.app.ready();
    ctx.sql = async (text, values) => (await ctx.database.pool.query(text, values)).rows;
    ctx.adminSql = async (text, values) => {
      if (!adminOfDb) {
        adminOfDb = new pg.Client({ connectionString: withDatabase(adminUrl, name) });
        await adminOfDb.connect();
      }
      return (await adminOfDb.query(text, values)).rows;
    };
  });
  afterAll(async () => {
    await ctx.app?.close();
    await ctx.database?.close();
    await adminOfDb?.end();
    await admin.query(`drop database if exists "${name}" with (force)`);
    await admin.end();
    rmSync(ctx.dataDir, { recursive: true, force: true });
  });
  return ctx;
}

/** Logs in through the API and returns a client carrying the session. */
export async function login(app: FastifyInstance, username: string, password = DEMO_PASSWORD): Promise<TClient> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.statusCode} ${res.body}`);
  const body = res.json() as { user: { id: string }; csrfToken: string };
  const cookie = res.cookies.find((c) => c.name === 'duban_session');
  if (!cookie) throw new Error('no session cookie');
  const client: TClient = {
    userId: body.user.id,
    csrfToken: body.csrfToken,
    cookie: `duban_session=${cookie.value}`,
    request: (method, url, payload, headers = {}) =>
      app.inject({
        method,
        url,
        payload: payload as object | undefined,
        headers: { cookie: client.cookie, 'x-csrf-token': client.csrfToken, ...headers },
      }),
  };
  return client;
}

/** The error body of a failed response. */
export function errorOf(res: LightMyRequestResponse): { code: string; field?: string; message: string } {
  return (res.json() as { error: { code: string; field?: string; message: string } }).error;
}

/** Counts audit entries (to check that a failed request wrote none). */
export async function auditCount(ctx: TTestContext): Promise<number> {
  const [row] = await ctx.sql<{ n: number }>('select count(*)::int as n from audit_log');
  return row?.n ?? 0;
}

/** The id of a demo unit by name. */
export async function unitId(ctx: TTestContext, name: string): Promise<string> {
  const [row] = await ctx.sql<{ id: string }>('select id from units where name = $1', [name]);
  if (!row) throw new Error(`no unit ${name}`);
  return row.id;
}

/** The id of a user by username. */
export async function userId(ctx: TTestContext, username: string): Promise<string> {
  const [row] = await ctx.sql<{ id: string }>('select id from users where username = $1', [username]);
  if (!row) throw new Error(`no user ${username}`);
  return row.id;
}
