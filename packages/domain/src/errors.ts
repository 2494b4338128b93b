import { z } from 'zod';

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

export const ZErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
