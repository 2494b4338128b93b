import { z } from 'zod';

/**
 * Optimistic concurrency: every editable record (a task with its charter, a milestone, a target with its
 * allocations) carries an edit count, `version`, answered as the ETag `"<version>"`. A write that sends it back as
 * If-Match is refused with 412 STALE_VERSION when someone else changed the record meanwhile.
 */
export const etagOf = (version: number): string => `"${version}"`;

/** Who made the change that moved a record past the version a writer had, and when. */
export const ZLastChange = z.object({
  actorId: z.uuid().nullable(),
  actorName: z.string().nullable(),
  at: z.string(),
  action: z.string(),
});
export type TLastChange = z.infer<typeof ZLastChange>;

/** The 412 answer: the error, the record as it stands now, and its last change (null when none is on record). */
export const zStaleVersionBody = <T extends z.ZodType>(record: T) =>
  z.object({
    error: z.object({
      code: z.literal('STALE_VERSION'),
      message: z.string(),
      field: z.string().optional(),
      current: record,
      lastChange: ZLastChange.nullable(),
    }),
  });
