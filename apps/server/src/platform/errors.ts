import type { TErrorCode } from '@duban/domain';

const STATUS: Record<TErrorCode, number> = {
  VALIDATION_FAILED: 422,
  INVALID_CREDENTIALS: 401,
  ACCOUNT_LOCKED: 423,
  UNAUTHENTICATED: 401,
  SESSION_EXPIRED: 401,
  CSRF_FAILED: 403,
  PASSWORD_CHANGE_REQUIRED: 403,
  PASSWORD_TOO_WEAK: 422,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  DUPLICATE: 409,
  INVALID_MOVE: 422,
  STALE_VERSION: 412,
  RATE_LIMITED: 429,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_TYPE: 415,
  INTERNAL: 500,
};

/** The one error type of the platform; the error handler alone turns it into HTTP. */
export class AppError extends Error {
  readonly code: TErrorCode;
  readonly field: string | undefined;
  readonly status: number;
  /** More of the error body, beside code, message and field (a stale write's current record). */
  readonly details: Record<string, unknown> | undefined;

  constructor(
    code: TErrorCode,
    message: string,
    opts: { field?: string; status?: number; details?: Record<string, unknown> } = {},
  ) {
    super(message);
    this.code = code;
    this.field = opts.field;
    this.status = opts.status ?? STATUS[code];
    this.details = opts.details;
  }
}

/** A record that does not exist or is out of the caller's scope: the two look the same. */
export const notFound = (what: string) => new AppError('NOT_FOUND', `${what} not found`);

/** A field whose value breaks a rule. */
export const invalid = (field: string, message: string) => new AppError('VALIDATION_FAILED', message, { field });
