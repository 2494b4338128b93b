import type { TCheckInEntry } from '@duban/domain';
import type { TClientErrorCode } from '../../app/api-client.ts';

/** A photo waiting with its entry; once uploaded it keeps its attachment id, so a retried sync does not upload it twice. */
export interface TQueuedPhoto {
  key: string;
  blob: Blob;
  filename: string;
  attachmentId: string | null;
}

export interface TQueuedEntry {
  /** The entry as the API takes it, photoIds left empty until the photos are uploaded. */
  entry: TCheckInEntry;
  /** To name the task when the list cannot be loaded (offline, or the task has left it). */
  taskTitle: string;
  photos: TQueuedPhoto[];
  /** The task no longer takes files (closed or cancelled meanwhile): the entry is sent without its photos. */
  photosDropped: boolean;
}

/** Why the server refused a submit: kept with it until the cadre edits or discards it. */
export interface TQueueError {
  status: number;
  code: TClientErrorCode;
  message: string;
  field: string | null;
}

/** One submit of the Today page, kept on the phone until the server has it. */
export interface TQueuedBatch {
  /** Made when the cadre pressed submit; every retry sends the same one, so the server never writes it twice. */
  clientId: string;
  /** Whose it is: only they sync it (another person may log in on the same phone). */
  userId: string;
  /** When the cadre pressed submit: the check-in's time, however late it syncs. */
  recordedAt: string;
  openSeconds: number;
  entries: TQueuedEntry[];
  /** `pending` waits for the network; `rejected` was refused by the server and waits for the cadre. */
  state: 'pending' | 'rejected';
  error: TQueueError | null;
}

const DB_NAME = 'duban-offline';
const STORE = 'check-ins';

let opening: Promise<IDBDatabase | null> | null = null;
/** Where batches go when IndexedDB is not available (a private window): this page's life only. */
const memory = new Map<string, TQueuedBatch>();

const settle = <T>(request: IDBRequest<T>): Promise<T> =>
  new Promise((resolve, reject) => {
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
  });

function openDb(): Promise<IDBDatabase | null> {
  opening ??= new Promise((resolve) => {
    try {
      const request = indexedDB.open(DB_NAME, 1);
      request.onupgradeneeded = () => {
        if (!request.result.objectStoreNames.contains(STORE)) {
          request.result.createObjectStore(STORE, { keyPath: 'clientId' });
        }
      };
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => resolve(null);
      request.onblocked = () => resolve(null);
    } catch {
      resolve(null);
    }
  });
  return opening;
}

/** Runs one IndexedDB transaction over the queue and resolves once it is committed. */
async function inTransaction<T>(
  mode: IDBTransactionMode,
  work: (store: IDBObjectStore) => Promise<T> | T,
  fallback: () => T,
): Promise<T> {
  const db = await openDb();
  if (!db) return fallback();
  const tx = db.transaction(STORE, mode);
  const done = new Promise<void>((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('the queue transaction was aborted'));
  });
  // Seen as handled here: a failed transaction is reported by the await below.
  done.catch(() => undefined);
  const result = await work(tx.objectStore(STORE));
  await done;
  return result;
}

/** The person's batches waiting on this phone, oldest first. */
export async function listQueued(userId: string): Promise<TQueuedBatch[]> {
  const all = await inTransaction(
    'readonly',
    (store) => settle(store.getAll() as IDBRequest<TQueuedBatch[]>),
    () => [...memory.values()],
  );
  return all.filter((b) => b.userId === userId).sort((a, b) => a.recordedAt.localeCompare(b.recordedAt));
}

/** Keeps a batch (a new one, or the same one with its progress: uploaded photos, a refusal). */
export async function putQueued(batch: TQueuedBatch, replaces?: string): Promise<void> {
  await inTransaction(
    'readwrite',
    (store) => {
      store.put(batch);
      if (replaces && replaces !== batch.clientId) store.delete(replaces);
    },
    () => {
      memory.set(batch.clientId, batch);
      if (replaces && replaces !== batch.clientId) memory.delete(replaces);
    },
  );
}

/** Forgets a batch: the server has it, or the cadre discarded a refused one. */
export async function deleteQueued(clientId: string): Promise<void> {
  await inTransaction(
    'readwrite',
    (store) => {
      store.delete(clientId);
    },
    () => {
      memory.delete(clientId);
    },
  );
}

/** A random UUID for the batch, also where crypto.randomUUID is missing (a page served over plain HTTP). */
export function newClientId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = ((bytes[6] ?? 0) & 0x0f) | 0x40;
  bytes[8] = ((bytes[8] ?? 0) & 0x3f) | 0x80;
  const hex = [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
