import type pg from 'pg';

/** The exit code of a server that lost its database: the start script restarts it (scripts/start.mjs). */
export const DATABASE_LOST_EXIT = 75;

export interface TWatchdogOptions {
  /** How often the database is asked, ms. */
  everyMs: number;
  /** How long it may stay unreachable before the server gives up, ms. */
  giveUpAfterMs: number;
  /** Called once, when the database has been unreachable for giveUpAfterMs. */
  onLost: (downForMs: number) => void;
  log: (message: string) => void;
}

/**
 * Asks the database `select 1` on a connection of its own every few seconds. A server whose database is gone does
 * not linger answering 503: after `giveUpAfterMs` unreachable it calls `onLost` (the server exits non-zero, and the
 * start script or a service manager starts it again, the embedded PostgreSQL with it).
 */
export function watchDatabase(pool: pg.Pool, opts: TWatchdogOptions): { stop: () => void } {
  let downSince: number | null = null;
  let isAsking = false;
  let hasGivenUp = false;
  const timer = setInterval(() => {
    if (isAsking || hasGivenUp) return;
    isAsking = true;
    const asked = pool.query({ text: 'select 1', query_timeout: opts.everyMs } as pg.QueryConfig);
    void asked
      .then(() => {
        if (downSince !== null) opts.log(`the database answers again after ${Date.now() - downSince} ms`);
        downSince = null;
      })
      .catch(() => {
        downSince ??= Date.now();
        const down = Date.now() - downSince;
        if (down >= opts.giveUpAfterMs) {
          hasGivenUp = true;
          opts.onLost(down);
        }
      })
      .finally(() => {
        isAsking = false;
      });
  }, opts.everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
