// The API's error codes, apart from the error body's schema: the web client reads them on every page, zod-free.

/** Every error code the API can answer with; the web client maps each to a message in both languages. */
export const ERROR_CODES = [
  'VALIDATION_FAILED',
  'INVALID_CREDENTIALS',
  'ACCOUNT_LOCKED',
  'UNAUTHENTICATED',
  'SESSION_EXPIRED',
  'CSRF_FAILED',
  'PASSWORD_CHANGE_REQUIRED',
  'PASSWORD_TOO_WEAK',
  'FORBIDDEN',
  'NOT_FOUND',
  'CONFLICT',
  'DUPLICATE',
  'INVALID_MOVE',
  'STALE_VERSION',
  'RATE_LIMITED',
  'PAYLOAD_TOO_LARGE',
  'UNSUPPORTED_TYPE',
  'INTERNAL',
] as const;
export type TErrorCode = (typeof ERROR_CODES)[number];
