import { existsSync } from 'node:fs';
import path from 'node:path';

export interface TConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  /**
   * The role that owns the schema on DATABASE_URL's server (DATABASE_OWNER_URL): it runs the migrations and grants
   * DATABASE_URL's role what the platform needs. Null: DATABASE_URL's role migrates by itself.
   */
  databaseOwnerUrl: string | null;
  demo: boolean;
  sessionIdleMinutes: number;
  logLevel: string;
  loginRateLimit: number;
  trustProxy: boolean;
  webDist: string;
  version: string;
  /** When the weekly roll-ups are generated (cron, Asia/Shanghai); null: never by schedule. */
  weeklyRollupCron: string | null;
  /** When the week's supervision bulletin (督查通报) is drafted (cron, Asia/Shanghai); null: on demand only. */
  bulletinCron: string | null;
  /** The SMTP server of e-mail notifications (SMTP_URL, e.g. smtp://user:pass@host:587); null: no e-mail. */
  smtpUrl: string | null;
  /** The sender of e-mail notifications (SMTP_FROM). */
  smtpFrom: string;
  /** When the daily digest e-mails go out (cron, Asia/Shanghai); null: never. */
  digestCron: string | null;
  /** When the audit chain's head is anchored outside the database (cron, Asia/Shanghai); null: on demand only. */
  auditAnchorCron: string | null;
  /** When the morning light sweep runs (cron, Asia/Shanghai); null: never by schedule. */
  lightSweepCron: string | null;
  /** How long a cockpit page once read is served again (COCKPIT_KEEP_MS); 0: every request reads. */
  cockpitKeepMs: number;
  /** How long the database may stay unreachable before the server exits to be restarted (DATABASE_GIVE_UP_S). */
  databaseGiveUpMs: number;
  /** Lets a test server move the platform's clock (POST /api/v1/test/clock); refused in production. */
  testClock: boolean;
}

/**
 * The repository's root: the nearest directory above this module that holds apps/server/node-flags.json (the server
 * runs from its sources under tsx, or bundled into apps/server/dist).
 */
function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'apps/server/node-flags.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no Duban repository above ${from}`);
  }
}

const ROOT = findRoot(import.meta.dirname);

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** DUBAN_TEST_CLOCK=1 turns on the test clock, which a production deployment must never have. */
function readTestClock(env: NodeJS.ProcessEnv): boolean {
  if (env.DUBAN_TEST_CLOCK !== '1') return false;
  if (env.NODE_ENV === 'production') throw new Error('DUBAN_TEST_CLOCK must not be set in production');
  return true;
}

/** Reads the configuration from the environment (README lists every variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const databaseUrl = env.DATABASE_URL || null;
  return {
    port: readInt(env, 'PORT', 8080),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || path.join(ROOT, 'data')),
    databaseUrl,
    databaseOwnerUrl: (databaseUrl && env.DATABASE_OWNER_URL) || null,
    demo: databaseUrl ? env.DUBAN_DEMO === '1' : env.DUBAN_DEMO !== '0',
    sessionIdleMinutes: readInt(env, 'SESSION_TTL', 30),
    logLevel: env.LOG_LEVEL || 'info',
    loginRateLimit: readInt(env, 'LOGIN_RATE_LIMIT', 20),
    trustProxy: env.TRUST_PROXY === '1',
    webDist: path.join(ROOT, 'apps/web/dist'),
    version: process.env.npm_package_version || '0.1.0',
    weeklyRollupCron: env.WEEKLY_ROLLUP_CRON === 'off' ? null : env.WEEKLY_ROLLUP_CRON || '0 17 * * 5',
    bulletinCron: env.BULLETIN_CRON === 'off' ? null : env.BULLETIN_CRON || '0 18 * * 5',
    smtpUrl: env.SMTP_URL || null,
    smtpFrom: env.SMTP_FROM || '督办 Duban <duban@localhost>',
    digestCron: env.DIGEST_CRON === 'off' ? null : env.DIGEST_CRON || '0 8 * * *',
    auditAnchorCron: env.AUDIT_ANCHOR_CRON === 'off' ? null : env.AUDIT_ANCHOR_CRON || '5 0 * * *',
    lightSweepCron: env.LIGHT_SWEEP_CRON === 'off' ? null : env.LIGHT_SWEEP_CRON || '0 6 * * *',
    cockpitKeepMs: readInt(env, 'COCKPIT_KEEP_MS', 2_000),
    databaseGiveUpMs: readInt(env, 'DATABASE_GIVE_UP_S', 10) * 1_000,
    testClock: readTestClock(env),
  };
}

export const REPO_ROOT = ROOT;
