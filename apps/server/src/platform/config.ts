import path from 'node:path';

export interface TConfig {
  port: number;
  host: string;
  dataDir: string;
  databaseUrl: string | null;
  demo: boolean;
  sessionIdleMinutes: number;
  logLevel: string;
  loginRateLimit: number;
  trustProxy: boolean;
  webDist: string;
  version: string;
  /** When the weekly roll-ups are generated (cron, Asia/Shanghai); null: never by schedule. */
  weeklyRollupCron: string | null;
}

const ROOT = path.resolve(import.meta.dirname, '../../../..');

function readInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new Error(`${name} must be a whole number, got "${raw}"`);
  return value;
}

/** Reads the configuration from the environment (README lists every variable). */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): TConfig {
  const databaseUrl = env.DATABASE_URL || null;
  return {
    port: readInt(env, 'PORT', 8080),
    host: env.HOST || '127.0.0.1',
    dataDir: path.resolve(env.DATA_DIR || path.join(ROOT, 'data')),
    databaseUrl,
    demo: databaseUrl ? env.DUBAN_DEMO === '1' : env.DUBAN_DEMO !== '0',
    sessionIdleMinutes: readInt(env, 'SESSION_TTL', 30),
    logLevel: env.LOG_LEVEL || 'info',
    loginRateLimit: readInt(env, 'LOGIN_RATE_LIMIT', 20),
    trustProxy: env.TRUST_PROXY === '1',
    webDist: path.join(ROOT, 'apps/web/dist'),
    version: process.env.npm_package_version || '0.1.0',
    weeklyRollupCron: env.WEEKLY_ROLLUP_CRON === 'off' ? null : env.WEEKLY_ROLLUP_CRON || '0 17 * * 5',
  };
}

export const REPO_ROOT = ROOT;
