import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { useTestApp } from '../../test/harness.ts';
import { watchDatabase } from './watchdog.ts';

const ctx = useTestApp();

const waitFor = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('watchDatabase', () => {
  it('gives up once the database has been unreachable for the time allowed, and only once', async () => {
    // Nothing listens on port 1: every connection is refused at once.
    const pool = new pg.Pool({
      connectionString: 'postgresql://nobody@127.0.0.1:1/none',
      connectionTimeoutMillis: 200,
    });
    pool.on('error', () => {});
    const lost: number[] = [];
    const watchdog = watchDatabase(pool, {
      everyMs: 50,
      giveUpAfterMs: 300,
      onLost: (ms) => lost.push(ms),
      log: () => {},
    });
    await waitFor(1_000);
    watchdog.stop();
    await pool.end();
    expect(lost).toHaveLength(1);
    expect(lost[0]).toBeGreaterThanOrEqual(300);
  });

  it('leaves a server whose database answers alone', async () => {
    const lost: number[] = [];
    const watchdog = watchDatabase(ctx.database.pool, {
      everyMs: 50,
      giveUpAfterMs: 100,
      onLost: (ms) => lost.push(ms),
      log: () => {},
    });
    await waitFor(500);
    watchdog.stop();
    expect(lost).toEqual([]);
  });
});
