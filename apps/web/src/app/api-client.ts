import { type TErrorCode, ZErrorBody } from '@duban/domain';

/** What a failed request can be: one of the API's error codes, or no answer at all. */
export type TClientErrorCode = TErrorCode | 'NETWORK';

/** An error answered by the API ({"error":{"code","message","field"}}), or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: TClientErrorCode;
  readonly field: string | undefined;

  constructor(status: number, code: TClientErrorCode, message: string, field?: string) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
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
  query?: TQuery;
  /** Do not report session problems (for the calls that establish the session). */
  isSessionCall?: boolean;
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

async function send<T>(method: string, path: string, opts: TRequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json' };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (method !== 'GET' && csrfToken) headers['x-csrf-token'] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(path, opts.query), {
      method,
      headers,
      credentials: 'same-origin',
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, 'NETWORK', 'the server could not be reached');
  }
  const data = parseJson(await response.text());
  if (response.ok) return data as T;
  const parsed = ZErrorBody.safeParse(data);
  const error = parsed.success
    ? new ApiError(response.status, parsed.data.error.code, parsed.data.error.message, parsed.data.error.field)
    : new ApiError(response.status, response.status === 404 ? 'NOT_FOUND' : 'INTERNAL', `HTTP ${response.status}`);
  if (!opts.isSessionCall && SESSION_PROBLEMS.has(error.code)) sessionListener?.(error.code as TSessionProblem);
  throw error;
}

/** The JSON API under /api/v1, with the session cookie, the CSRF header on writes, and errors as ApiError. */
export const api = {
  get: <T>(path: string, query?: TQuery, opts?: { isSessionCall?: boolean }) =>
    send<T>('GET', path, { query, ...opts }),
  post: <T>(path: string, body?: unknown, opts?: { isSessionCall?: boolean }) =>
    send<T>('POST', path, { body: body ?? {}, ...opts }),
  put: <T>(path: string, body: unknown) => send<T>('PUT', path, { body }),
  patch: <T>(path: string, body: unknown) => send<T>('PATCH', path, { body }),
  delete: (path: string) => send<void>('DELETE', path),
};

/** A page of a list endpoint. */
export interface TPage<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
