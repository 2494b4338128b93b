import { z } from 'zod';
import { ERROR_CODES } from './error-codes.ts';

export const ZErrorBody = z.object({
  error: z.object({
    code: z.enum(ERROR_CODES),
    message: z.string(),
    field: z.string().optional(),
  }),
});
export type TErrorBody = z.infer<typeof ZErrorBody>;
