import { Cron } from 'croner';
import type pg from 'pg';
import { bumpWriteEpoch } from '../write-epoch.ts';

/** The time zone every schedule runs in. */
export const SCHEDULE_TIME_ZONE = 'Asia/Shanghai';

export interface TJob {
  name: string;
  /** A cron pattern in Asia/Shanghai time, e.g. '0 17 * * 5' (Fridays at 17:00). */
  cron: string;
  run: () => Promise<unknown>;
}

export interface TJobLog {
  info: (msg: string) => void;
  error: (msg: string) => void;
}

/**
 * Runs a job unless another process already is: a session advisory lock keyed by the job's name, so that several
 * server processes on one PostgreSQL run it once. Returns false when the lock was taken elsewhere.
 */
export async function runExclusive(pool: pg.Pool, name: string, run: () => Promise<unknown>): Promise<boolean> {
  const client = await pool.connect();
  try {
    const { rows } = await client.query<{ locked: boolean }>('select pg_try_advisory_lock(hashtext($1)) as locked', [
      `duban:job:${name}`,
    ]);
    if (!rows[0]?.locked) return false;
    try {
      await run();
      return true;
    } finally {
      bumpWriteEpoch();
      await client.query('select pg_advisory_unlock(hashtext($1))', [`duban:job:${name}`]);
    }
  } finally {
    client.release();
  }
}

/** Starts the jobs on their schedules; stop() ends them. A failing run is logged and the next one comes as planned. */
export function startScheduler(pool: pg.Pool, jobs: TJob[], log: TJobLog): { stop: () => void } {
  const crons = jobs.map(
    (job) =>
      new Cron(job.cron, { timezone: SCHEDULE_TIME_ZONE, protect: true }, async () => {
        try {
          const ran = await runExclusive(pool, job.name, job.run);
          log.info(ran ? `job ${job.name}: done` : `job ${job.name}: running elsewhere, skipped`);
        } catch (error) {
          log.error(`job ${job.name} failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }),
  );
  return {
    stop: () => {
      for (const c of crons) c.stop();
    },
  };
}
