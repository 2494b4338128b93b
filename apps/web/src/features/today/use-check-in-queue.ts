import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useEffect, useRef, useState } from 'react';
import { useSession } from '../../app/session.tsx';
import { TODAY_KEY } from './api.ts';
import { deleteQueued, listQueued, putQueued, type TQueuedBatch } from './check-in-queue.ts';
import { syncQueue, type TSyncedBatch, type TSyncReport, type TSyncStop } from './check-in-sync.ts';

/** While the server could not answer, try again this often. */
const RETRY_MS = 30_000;

export interface TCheckInQueue {
  pending: TQueuedBatch[];
  rejected: TQueuedBatch[];
  isOnline: boolean;
  isSyncing: boolean;
  /** Why the last sync stopped with batches left, if it did. */
  stop: TSyncStop | null;
  /** What the syncs since the last submit sent, with the server's answers. */
  synced: TSyncedBatch[];
  /** Queues a submit (replacing a refused one the cadre edited) and tries to send it at once. */
  enqueue: (batch: TQueuedBatch, replaces?: string) => Promise<TSyncReport | null>;
  /** Sends what waits; `force` tries even when the browser believes it is offline. */
  sync: (opts?: { force?: boolean }) => Promise<TSyncReport | null>;
  discard: (clientId: string) => Promise<void>;
  clearSynced: () => void;
}

const browserOnline = () => (typeof navigator === 'undefined' ? true : navigator.onLine);

/**
 * The check-ins waiting on this phone and their sync: when the page loads, when the network returns, every
 * 30 seconds while the server cannot answer, and on demand. Nothing leaves the queue but on a 2xx answer.
 */
export function useCheckInQueue(userId: string): TCheckInQueue {
  const queryClient = useQueryClient();
  const { refresh } = useSession();
  const [batches, setBatches] = useState<TQueuedBatch[]>([]);
  const [isOnline, setOnline] = useState(browserOnline);
  const [isSyncing, setSyncing] = useState(false);
  const [stop, setStop] = useState<TSyncStop | null>(null);
  const [synced, setSynced] = useState<TSyncedBatch[]>([]);
  const isMounted = useRef(true);

  const reload = useCallback(async () => {
    const list = await listQueued(userId);
    if (isMounted.current) setBatches(list);
  }, [userId]);

  const sync = useCallback(
    async (opts: { force?: boolean } = {}): Promise<TSyncReport | null> => {
      if (!opts.force && !browserOnline()) {
        setStop('offline');
        await reload();
        return null;
      }
      setSyncing(true);
      try {
        let report = await syncQueue(userId);
        if (report.stop === 'csrf') {
          // The page's CSRF token is stale (a page opened from the cache): read the session again, then retry.
          await refresh();
          report = await syncQueue(userId);
        }
        if (isMounted.current) {
          setStop(report.stop);
          if (report.synced.length) setSynced((before) => [...before, ...report.synced]);
        }
        if (report.synced.length || report.rejected.length) {
          // What was sent moved tasks on (and a refusal may mean the list changed): show the list as it is now.
          await queryClient.invalidateQueries({ queryKey: TODAY_KEY });
          await queryClient.invalidateQueries({ queryKey: ['tasks'] });
        }
        return report;
      } finally {
        if (isMounted.current) setSyncing(false);
        await reload();
      }
    },
    [userId, refresh, queryClient, reload],
  );

  const enqueue = useCallback(
    async (batch: TQueuedBatch, replaces?: string) => {
      await putQueued(batch, replaces);
      setSynced([]);
      await reload();
      return sync();
    },
    [reload, sync],
  );

  const discard = useCallback(
    async (clientId: string) => {
      await deleteQueued(clientId);
      await reload();
    },
    [reload],
  );

  useEffect(() => {
    isMounted.current = true;
    void sync();
    const goOnline = () => {
      setOnline(true);
      // Back from offline: the list shown may be the one kept by the service worker.
      void queryClient.invalidateQueries({ queryKey: TODAY_KEY });
      void sync();
    };
    const goOffline = () => setOnline(false);
    window.addEventListener('online', goOnline);
    window.addEventListener('offline', goOffline);
    return () => {
      isMounted.current = false;
      window.removeEventListener('online', goOnline);
      window.removeEventListener('offline', goOffline);
    };
  }, [sync, queryClient]);

  const pending = batches.filter((b) => b.state === 'pending');
  const rejected = batches.filter((b) => b.state === 'rejected');
  const shouldRetry = pending.length > 0 && isOnline && stop === 'server';
  useEffect(() => {
    if (!shouldRetry) return;
    const timer = window.setInterval(() => void sync(), RETRY_MS);
    return () => window.clearInterval(timer);
  }, [shouldRetry, sync]);

  return {
    pending,
    rejected,
    isOnline,
    isSyncing,
    stop,
    synced,
    enqueue,
    sync,
    discard,
    clearSynced: useCallback(() => setSynced([]), []),
  };
}
