import { z } from 'zod';

/** A page of items: every list endpoint answers in this shape. */
export const zPage = <T extends z.ZodType>(item: T) =>
  z.object({ items: z.array(item), total: z.number().int(), page: z.number().int(), pageSize: z.number().int() });

export const ZPageQuery = z.object({
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

export const ZIdParams = z.object({ id: z.uuid() });

export const ZOk = z.object({ ok: z.literal(true) });

/** The answer of a delete: 204 and no body (the OpenAPI document shows the status without content). */
export const ZNoContent = z.undefined().meta({ description: 'Done; no body' });

export const ZHealth = z.object({
  status: z.enum(['ok', 'degraded']),
  database: z.boolean(),
  version: z.string(),
  migrations: z.object({ applied: z.number().int(), latest: z.string().nullable() }),
});
