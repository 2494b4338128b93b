import type { TCheckInBatch, TCheckInResult } from '@duban/domain';
import { ApiError } from '../../app/api-client.ts';
import { submitCheckIns, uploadPhoto } from './api.ts';
import { deleteQueued, listQueued, putQueued, type TQueuedBatch, type TQueueError } from './check-in-queue.ts';

/** Why a sync stopped before the queue was empty: no network, the session is gone, or the server could not answer. */
export type TSyncStop = 'offline' | 'login' | 'csrf' | 'server';

/** A batch the server took, with its answer per entry. */
export interface TSyncedBatch {
  batch: TQueuedBatch;
  result: TCheckInResult;
}

export interface TSyncReport {
  synced: TSyncedBatch[];
  /** Batches the server refused (4xx): kept on the phone for the cadre to edit or discard. */
  rejected: TQueuedBatch[];
  stop: TSyncStop | null;
}

type TFailure = TSyncStop | 'reject';

const SESSION_GONE = new Set<string>(['UNAUTHENTICATED', 'SESSION_EXPIRED', 'PASSWORD_CHANGE_REQUIRED']);

/** What a failed request means for the queue: retry later, log in first, or a refusal the cadre must see. */
function failureOf(error: unknown): TFailure {
  if (!(error instanceof ApiError)) return 'server';
  if (error.code === 'NETWORK') return 'offline';
  if (SESSION_GONE.has(error.code)) return 'login';
  if (error.code === 'CSRF_FAILED') return 'csrf';
  if (error.status >= 500 || error.status === 429 || error.status === 408) return 'server';
  return error.status >= 400 ? 'reject' : 'server';
}

function queueErrorOf(error: unknown, field?: string): TQueueError {
  if (!(error instanceof ApiError))
    return { status: 0, code: 'INTERNAL', message: String(error), field: field ?? null };
  return { status: error.status, code: error.code, message: error.message, field: field ?? error.field ?? null };
}

type TSent = { result: TCheckInResult } | { failure: TFailure; error: TQueueError };

/** Uploads the batch's photos not yet uploaded (remembering each id at once), then posts the batch. */
async function sendBatch(batch: TQueuedBatch): Promise<TSent> {
  for (const [i, queued] of batch.entries.entries()) {
    for (const photo of queued.photosDropped ? [] : queued.photos) {
      if (photo.attachmentId) continue;
      try {
        photo.attachmentId = (await uploadPhoto(queued.entry.taskId, photo.blob, photo.filename)).id;
        await putQueued(batch);
      } catch (error) {
        const failure = failureOf(error);
        if (failure === 'reject' && error instanceof ApiError && error.code === 'CONFLICT') {
          // Closed or cancelled meanwhile: it takes no files, and the entry will be kept as a note saying so.
          queued.photosDropped = true;
          await putQueued(batch);
          break;
        }
        return { failure, error: queueErrorOf(error, failure === 'reject' ? `entries.${i}.photoIds` : undefined) };
      }
    }
  }
  const body: TCheckInBatch = {
    clientId: batch.clientId,
    recordedAt: batch.recordedAt,
    openSeconds: batch.openSeconds,
    entries: batch.entries.map((q) => ({
      ...q.entry,
      photoIds: q.photosDropped ? [] : q.photos.flatMap((p) => (p.attachmentId ? [p.attachmentId] : [])),
    })),
  };
  try {
    return { result: await submitCheckIns(body) };
  } catch (error) {
    return { failure: failureOf(error), error: queueErrorOf(error) };
  }
}

/** Sends the person's pending batches, oldest first, until the queue is empty or something stops it. */
async function runSync(userId: string): Promise<TSyncReport> {
  const report: TSyncReport = { synced: [], rejected: [], stop: null };
  const attempted = new Set<string>();
  for (;;) {
    // Listed again each time: a batch queued while this sync runs is sent by it too.
    const next = (await listQueued(userId)).find((b) => b.state === 'pending' && !attempted.has(b.clientId));
    if (!next) return report;
    attempted.add(next.clientId);
    const sent = await sendBatch(next);
    if ('result' in sent) {
      // Only a 2xx answer lets a batch go.
      await deleteQueued(next.clientId);
      report.synced.push({ batch: next, result: sent.result });
    } else if (sent.failure === 'reject') {
      const rejected: TQueuedBatch = { ...next, state: 'rejected', error: sent.error };
      await putQueued(rejected);
      report.rejected.push(rejected);
    } else {
      report.stop = sent.failure;
      return report;
    }
  }
}

let running: Promise<TSyncReport> | null = null;

/**
 * Syncs the queue: one run at a time in this page, and one at a time across the browser's tabs (Web Locks), so a
 * batch is never posted twice at once — and if it were, its clientId makes the server write it once.
 */
export function syncQueue(userId: string): Promise<TSyncReport> {
  running ??= (async () => {
    try {
      const locks = typeof navigator !== 'undefined' ? navigator.locks : undefined;
      return locks ? await locks.request('duban-check-in-sync', () => runSync(userId)) : await runSync(userId);
    } finally {
      running = null;
    }
  })();
  return running;
}
