// No input gives a 500: generated valid and invalid requests to every operation of the OpenAPI document, as each
// demo role, anonymously and with a forged session. Every answer is below 500, has a status the operation declares
// or one of the generic client errors, a 2xx JSON body that the declared response schema accepts, and a 4xx body
// that is the error envelope. FC_SEED reproduces a run, FC_RUNS (runs per operation and caller) lengthens it.

import fc from 'fast-check';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../modules/org/demo-county.ts';
import { DEMO_LOGINS, seedDemoWork } from '../modules/org/seed.ts';
import { login, useTestApp } from './harness.ts';
import { operationsOf, requestArbitrary, type TOperation, type TPools, type TRequest } from './openapi-operations.ts';
import { checkResponse } from './openapi-responses.ts';

const SEED = Number(process.env.FC_SEED ?? 20_261_207);
const RUNS = Number(process.env.FC_RUNS ?? 4);

/** The ten demo accounts, one per role (demo-county.ts). */
const ROLE_USERS = DEMO_LOGINS;

/**
 * Operations that change who can log in or how sessions live: run last, after every other operation has been
 * exercised by every caller. User-targeted ones take their ids from people who are not one of the callers.
 */
const IDENTITY_OPERATIONS = new Set([
  'PATCH /api/v1/me',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/password',
  'POST /api/v1/auth/logout',
  'PATCH /api/v1/users/{id}',
  'POST /api/v1/users/{id}/reset-password',
  'POST /api/v1/users/{id}/privileged-reset',
  'POST /api/v1/privileged-resets/{id}/confirm',
  'POST /api/v1/privileged-resets/{id}/cancel',
  'POST /api/v1/users/{id}/unlock',
  'POST /api/v1/users/{id}/grants',
  'DELETE /api/v1/users/{id}/grants/{grantId}',
  'PUT /api/v1/settings',
]);

/**
 * Operations not generated, with the reason. POST /test/clock is not in the document at all: it exists only on
 * servers started with TEST_CLOCK, and moving the clock would end every caller's session mid-run.
 */
const NOT_GENERATED: Record<string, string> = {};

/** The personal API token one caller uses (kept out of the ids a request may revoke). */
const TOKEN_NAME = 'api-properties';

/** A demo account's credentials, shared by the callers acting as it (its session and its API token). */
interface TAccount {
  username: string;
  password: string;
}

interface TCaller {
  name: string;
  /** The account acted as, if any; `hasSession` when by a session cookie (renewed when a request ends it). */
  account: TAccount | null;
  hasSession: boolean;
  headers: Record<string, string>;
}

const ctx = useTestApp();
const callers: TCaller[] = [];
const started = Date.now();
let requestCount = 0;
/** Milliseconds spent per operation, to see where the run's time goes. */
const spent = new Map<string, number>();
/** Successful answers per operation: an operation that never succeeds was only ever refused. */
const successes = new Map<string, number>();
let relogins = 0;
let operations: TOperation[] = [];
let pools: TPools;
let workbooks: Buffer[] = [];

async function sessionHeaders(username: string, password: string): Promise<Record<string, string>> {
  const client = await login(ctx.app, username, password);
  return { cookie: client.cookie, 'x-csrf-token': client.csrfToken };
}

async function loadPools(): Promise<TPools> {
  const ids = async (sql: string, values: unknown[] = []) =>
    (await ctx.sql<{ id: string }>(`${sql} limit 300`, values)).map((row) => String(row.id));
  const everyId = (table: string) => ids(`select id::text as id from ${table} order by id`);
  const pools: Record<string, string[]> = {
    units: await everyId('units'),
    // People a request may change (deactivate, reset, re-grant) without ending a caller's session.
    users: await ids('select id::text as id from users where username <> all($1) order by username', [ROLE_USERS]),
    people: await ids('select id::text as id from users order by username'),
    usernames: await ids('select username as id from users where username <> all($1) order by username', [ROLE_USERS]),
    grants: await ids(
      'select g.id::text as id from role_grants g join users u on u.id = g.user_id where u.username <> all($1) order by g.id',
      [ROLE_USERS],
    ),
    'privileged-resets': await everyId('privileged_resets'),
    tokens: await ids('select id::text as id from api_tokens where name <> $1 order by id', [TOKEN_NAME]),
    'task-lists': await everyId('task_lists'),
    tasks: await everyId('tasks'),
    milestones: await everyId('milestones'),
    attachments: await everyId('attachments'),
    'open-calls': await everyId('open_calls'),
    bids: await everyId('bids'),
    inbox: await everyId('inbox_items'),
    'check-ins': await everyId('check_ins'),
    'weekly-rollups': await everyId('weekly_rollups'),
    'notification-channels': await everyId('notification_channels'),
    escalations: await everyId('escalations'),
    bulletins: await everyId('bulletins'),
    targets: await everyId('targets'),
  };
  return { ids: pools, workbooks };
}

/** Sends one generated request as the caller (a fresh session of its own for logout). */
async function send(op: TOperation, caller: TCaller, req: TRequest): Promise<LightMyRequestResponse> {
  let headers = caller.headers;
  if (op.key === 'POST /api/v1/auth/logout' && caller.account && caller.hasSession) {
    headers = await sessionHeaders(caller.account.username, caller.account.password);
  }
  const url = op.urlOf(req);
  const payload =
    req.body.kind === 'json'
      ? req.body.value === undefined
        ? undefined
        : JSON.stringify(req.body.value)
      : req.body.kind === 'raw'
        ? req.body.bytes
        : undefined;
  const contentType =
    req.body.kind === 'json' ? 'application/json' : req.body.kind === 'raw' ? req.body.contentType : undefined;
  requestCount++;
  return ctx.app.inject({
    method: op.method,
    url,
    headers: { ...headers, ...(contentType ? { 'content-type': contentType } : {}) },
    payload,
  });
}

/**
 * Follows a changed password (by the account's session or its token), and logs a caller in again whose session a
 * request ended (a password change ends the account's other sessions).
 */
async function keepSession(op: TOperation, caller: TCaller, req: TRequest, res: LightMyRequestResponse) {
  const account = caller.account;
  if (!account) return;
  const isPasswordChange = op.key === 'POST /api/v1/auth/password';
  if (isPasswordChange && res.statusCode === 200 && req.body.kind === 'json') {
    account.password = String((req.body.value as { newPassword: string }).newPassword);
  }
  for (const one of callers) {
    if (one.account !== account || !one.hasSession) continue;
    if (!isPasswordChange && !(one === caller && res.statusCode === 401)) continue;
    const me = await ctx.app.inject({ method: 'GET', url: '/api/v1/me', headers: one.headers });
    if (me.statusCode === 200) continue;
    relogins++;
    one.headers = await sessionHeaders(account.username, account.password);
  }
}

/** A counterexample as text: long strings and buffers cut to their start and length. */
function describeInput(value: unknown): string {
  return JSON.stringify(value, (_key, inner: unknown) => {
    if (typeof inner === 'string' && inner.length > 120) return `${inner.slice(0, 60)}…(${inner.length} chars)`;
    if (inner && typeof inner === 'object' && (inner as { type?: string }).type === 'Buffer') {
      const data = (inner as { data: number[] }).data;
      return `<${data.length} bytes: ${Buffer.from(data.slice(0, 24)).toString('hex')}…>`;
    }
    return inner;
  });
}

function seedOf(op: TOperation, caller: TCaller): number {
  let hash = SEED;
  for (const char of `${op.key} ${caller.name}`) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
}

beforeAll(async () => {
  console.log(`api properties: FC_SEED=${SEED} FC_RUNS=${RUNS} (runs per operation and caller)`);
  // The demo's tasks, check-ins, roll-ups and targets, so that real ids lead requests past the 404.
  await ctx.database.db.transaction((tx) => seedDemoWork(tx));
  for (const username of ROLE_USERS) {
    const headers = await sessionHeaders(username, DEMO_PASSWORD);
    callers.push({ name: username, account: { username, password: DEMO_PASSWORD }, hasSession: true, headers });
  }
  const supervisorCaller = callers.find((caller) => caller.name === 'supervisor');
  const supervisor = supervisorCaller?.headers ?? {};
  const token = await ctx.app.inject({
    method: 'POST',
    url: '/api/v1/tokens',
    headers: supervisor,
    payload: { name: TOKEN_NAME, access: 'readWrite' },
  });
  expect(token.statusCode).toBe(201);
  const bearer = { authorization: `Bearer ${token.json<{ token: string }>().token}` };
  callers.push({
    name: 'supervisor token',
    account: supervisorCaller?.account ?? null,
    hasSession: false,
    headers: bearer,
  });
  callers.push({ name: 'anonymous', account: null, hasSession: false, headers: {} });
  callers.push({
    name: 'forged session',
    account: null,
    hasSession: false,
    headers: { cookie: 'duban_session=forged-0000', 'x-csrf-token': 'forged', authorization: 'Bearer dbn_forged' },
  });
  const doc = ctx.app.swagger() as { paths: Record<string, Record<string, unknown>> };
  operations = operationsOf(doc);
  const template = await ctx.app.inject({
    method: 'GET',
    url: '/api/v1/task-lists/template.xlsx',
    headers: callers[4]?.headers,
  });
  const actuals = await ctx.app.inject({
    method: 'GET',
    url: '/api/v1/targets/actuals/template.xlsx',
    headers: supervisor,
  });
  workbooks = [template.rawPayload, actuals.rawPayload].filter((bytes) => bytes.length > 0);
}, 120_000);

afterAll(() => {
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  console.log(
    `api properties: ${operations.length} operations × ${callers.length} callers, ${requestCount} requests, ` +
      `${relogins} sessions renewed, ${seconds} s`,
  );
  const slowest = [...spent].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`api properties: slowest operations: ${slowest.map(([key, ms]) => `${key} ${ms} ms`).join(', ')}`);
  const neverSucceeded = operations.filter((op) => !successes.get(op.key)).map((op) => op.key);
  console.log(`api properties: ${neverSucceeded.length} operations never answered 2xx: ${neverSucceeded.join(', ')}`);
});

/** The operations in the order they run: other writes, then reads, then the identity group. */
function ordered(ops: TOperation[]): TOperation[] {
  const rank = (op: TOperation) => (IDENTITY_OPERATIONS.has(op.key) ? 2 : op.method === 'GET' ? 1 : 0);
  return [...ops].sort((a, b) => rank(a) - rank(b));
}

describe('every operation of the OpenAPI document', () => {
  it('lists every operation, each generated or excused', () => {
    expect(operations.length).toBeGreaterThan(100);
    for (const key of Object.keys(NOT_GENERATED)) expect(operations.map((op) => op.key)).toContain(key);
    for (const key of IDENTITY_OPERATIONS) expect(operations.map((op) => op.key)).toContain(key);
  });

  it('answers every generated request below 500, with a declared status and a body matching its schema', async () => {
    const failures: string[] = [];
    for (const op of ordered(operations)) {
      if (NOT_GENERATED[op.key]) continue;
      pools = await loadPools();
      const opStarted = Date.now();
      for (const caller of callers) {
        const property = fc.asyncProperty(requestArbitrary(op, pools), async (req) => {
          const res = await send(op, caller, req);
          if (res.statusCode < 300) successes.set(op.key, (successes.get(op.key) ?? 0) + 1);
          await keepSession(op, caller, req, res);
          const problem = checkResponse(op, res);
          if (problem) {
            const body = res.body.length > 800 ? `${res.body.slice(0, 800)}…` : res.body;
            throw new Error(`${problem}\n    answer: ${res.statusCode} ${body}`);
          }
        });
        const result = await fc.check(property, { seed: seedOf(op, caller), numRuns: RUNS });
        if (result.failed) {
          const error =
            result.errorInstance instanceof Error ? result.errorInstance.message : String(result.errorInstance);
          failures.push(
            `${op.key} as ${caller.name} (seed ${result.seed}, path "${result.counterexamplePath}")\n` +
              `    input: ${describeInput(result.counterexample?.[0])}\n    ${error}`,
          );
        }
      }
      spent.set(op.key, Date.now() - opStarted);
    }
    if (failures.length) throw new Error(`${failures.length} failures:\n\n${failures.join('\n\n')}`);
  }, 600_000);
});
