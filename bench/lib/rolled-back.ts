import type { TDb, TTx } from '../../apps/server/src/platform/db/client.ts';

/** How long a write took in its transaction: the samples timed, the median and the 99th percentile, in ms. */
export interface TRolledBackTiming {
  samples: number;
  p50: number;
  p99: number;
}

/**
 * Times a write `samples` times, each run inside its own transaction that is then rolled back (so every sample
 * starts from the same data); the i-th run gets i, to pick its record.
 */
export async function timeRolledBack(
  db: TDb,
  samples: number,
  write: (tx: TTx, i: number) => Promise<void>,
): Promise<TRolledBackTiming> {
  const times: number[] = [];
  const rollback = new Error('rollback');
  for (let i = 0; i < samples; i++) {
    await db
      .transaction(async (tx) => {
        const started = performance.now();
        await write(tx, i);
        times.push(performance.now() - started);
        throw rollback;
      })
      .catch((error: unknown) => {
        if (error !== rollback) throw error;
      });
  }
  times.sort((a, b) => a - b);
  const at = (q: number) =>
    Math.round((times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0) * 100) / 100;
  return { samples: times.length, p50: at(0.5), p99: at(0.99) };
}
