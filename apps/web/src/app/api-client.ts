import { ERROR_CODES, etagOf, type TErrorBody, type TErrorCode, type TLastChange } from '@duban/domain';

/** What a failed request can be: one of the API's error codes, or no answer at all. */
export type TClientErrorCode = TErrorCode | 'NETWORK';

/** An error answered by the API ({"error":{"code","message","field"}}), or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: TClientErrorCode;
  readonly field: string | undefined;
  /** The whole answer, for errors that carry more than the code (an import's per-row errors). */
  readonly body: unknown;

  constructor(status: number, code: TClientErrorCode, message: string, field?: string, body?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.body = body;
  }
}

/** True when the error is the API saying the record does not exist (or is out of scope: the same to us). */
export const isNotFound = (error: unknown): boolean => error instanceof ApiError && error.code === 'NOT_FOUND';

type TSessionProblem = 'UNAUTHENTICATED' | 'SESSION_EXPIRED' | 'PASSWORD_CHANGE_REQUIRED';
const SESSION_PROBLEMS: ReadonlySet<TClientErrorCode> = new Set<TClientErrorCode>([
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'PASSWORD_CHANGE_REQUIRED',
]);

let csrfToken: string | null = null;
let sessionListener: ((problem: TSessionProblem) => void) | null = null;

/** Remembers the CSRF token of the cookie session; every write sends it as x-csrf-token. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Lets the session react when any request finds the session gone or a password change pending. */
export function listenForSessionProblems(listener: (problem: TSessionProblem) => void): () => void {
  sessionListener = listener;
  return () => {
    if (sessionListener === listener) sessionListener = null;
  };
}

export type TQuery = Record<string, string | number | boolean | null | undefined>;

interface TRequestOptions {
  body?: unknown;
  /** A file or other raw body, sent as is with its own content type (instead of JSON). */
  raw?: { data: Blob; contentType: string };
  query?: TQuery;
  /** Read the answer as a file rather than JSON. */
  isBlob?: boolean;
  /** Do not report session problems (for the calls that establish the session). */
  isSessionCall?: boolean;
  /** The version of the record the write was made on: sent as If-Match, so a change meanwhile answers 412. */
  version?: number;
}

/** The answer to a write on a record someone else changed meanwhile (412): the record as it stands, and who did it. */
export interface TStaleVersion<T> {
  current: T;
  lastChange: TLastChange | null;
}

/** The record as it stands and its last change, when the error is a 412 STALE_VERSION; else null. */
export function staleVersionOf<T>(error: unknown): TStaleVersion<T> | null {
  if (!(error instanceof ApiError) || error.code !== 'STALE_VERSION') return null;
  const body = (error.body as { error?: { current?: unknown; lastChange?: unknown } } | undefined)?.error;
  if (!body?.current) return null;
  return { current: body.current as T, lastChange: isLastChange(body.lastChange) ? body.lastChange : null };
}

// The two shapes below are checked by hand rather than with the domain's zod schemas: the login page runs this file,
// and zod would otherwise be part of its first load.

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;
const isNullableString = (value: unknown) => value === null || typeof value === 'string';

/** True when the value is the last change of a record as the API describes it (ZLastChange). */
function isLastChange(value: unknown): value is TLastChange {
  return (
    isRecord(value) &&
    isNullableString(value.actorId) &&
    isNullableString(value.actorName) &&
    typeof value.at === 'string' &&
    typeof value.action === 'string'
  );
}

/** True when the value is the API's error body (ZErrorBody): a known code, a message, maybe a field. */
function isErrorBody(value: unknown): value is TErrorBody {
  if (!isRecord(value) || !isRecord(value.error)) return false;
  const { code, message, field } = value.error;
  return (
    ERROR_CODES.some((c) => c === code) &&
    typeof message === 'string' &&
    (field === undefined || typeof field === 'string')
  );
}

function buildUrl(path: string, query?: TQuery): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const search = params.toString();
  return `/api/v1${path}${search ? `?${search}` : ''}`;
}

function parseJson(text: string): unknown {
  if (!text) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Turns a failed answer into an ApiError (and tells the session when it is about the session). */
function failure(response: Response, data: unknown, opts: TRequestOptions): ApiError {
  const error = isErrorBody(data)
    ? new ApiError(response.status, data.error.code, data.error.message, data.error.field, data)
    : new ApiError(response.status, response.status === 404 ? 'NOT_FOUND' : 'INTERNAL', `HTTP ${response.status}`);
  if (!opts.isSessionCall && SESSION_PROBLEMS.has(error.code)) sessionListener?.(error.code as TSessionProblem);
  return error;
}

async function fetchApi(method: string, path: string, opts: TRequestOptions): Promise<Response> {
  const headers: Record<string, string> = { accept: opts.isBlob ? '*/*' : 'application/json' };
  if (opts.raw) headers['content-type'] = opts.raw.contentType;
  else if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  if (opts.version !== undefined) headers['if-match'] = etagOf(opts.version);
  try {
    return await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.raw ? opts.raw.data : opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the server could not be reached');
  }
}

async function send<T>(method: string, path: string, opts: TRequestOptions = {}): Promise<T> {
  const response = await fetchApi(method, path, opts);
  const data = parseJson(await response.text());
  if (response.ok) return data as T;
  throw failure(response, data, opts);
}

/** A file the API answered with, and the name it suggests for it. */
export interface TDownload {
  blob: Blob;
  filename: string | null;
}

/** The file name of a Content-Disposition header (RFC 5987 filename* first). */
function filenameOf(disposition: string | null): string | null {
  if (!disposition) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded);
    } catch {
      // fall through to the plain name
    }
  }
  return /filename="?([^";]+)"?/i.exec(disposition)?.[1] ?? null;
}

async function download(path: string, query?: TQuery): Promise<TDownload> {
  const response = await fetchApi('GET', path, { query, isBlob: true });
  if (!response.ok) throw failure(response, parseJson(await response.text()), {});
  return { blob: await response.blob(), filename: filenameOf(response.headers.get('content-disposition')) };
}

/**
 * The JSON API under /api/v1, with the session cookie, the CSRF header on writes, and errors as ApiError. A write on
 * an editable record passes the version it was loaded at (`version`), sent as If-Match.
 */
export const api = {
  get: <T>(path: string, query?: TQuery, opts?: { isSessionCall?: boolean }) =>
    send<T>('GET', path, { query, ...opts }),
  post: <T>(path: string, body?: unknown, opts?: { isSessionCall?: boolean; version?: number }) =>
    send<T>('POST', path, { body: body ?? {}, ...opts }),
  put: <T>(path: string, body: unknown, opts?: { version?: number }) => send<T>('PUT', path, { body, ...opts }),
  patch: <T>(path: string, body: unknown, opts?: { version?: number }) => send<T>('PATCH', path, { body, ...opts }),
  delete: (path: string) => send<void>('DELETE', path),
  /** Sends a file as the raw request body, with its type (the upload and import endpoints). */
  upload: <T>(path: string, data: Blob, contentType: string, query?: TQuery) =>
    send<T>('POST', path, { raw: { data, contentType }, query }),
  /** Fetches a file (an export, a template) with the session, for saving. */
  download,
};

/** A page of a list endpoint. */
export interface TPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
