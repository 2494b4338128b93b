import { etagOf, type TLastChange } from '@duban/domain';
import { sql } from 'drizzle-orm';
import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import type { TQueryable } from './db/client.ts';
import { AppError } from './errors.ts';

/**
 * Optimistic concurrency, the one rule: a write that sends If-Match is done only while the record still carries the
 * version it names; else 412 STALE_VERSION with the record as it stands and who changed it last. Services check it
 * on the record they hold locked (`select … for update`), so two writes sent with the same If-Match cannot both pass.
 * A write without If-Match is not checked (API clients that do not care); the web client always sends it.
 */

/** What If-Match asked for: absent (no check), `*` (any version of an existing record) or the versions listed. */
export type TIfMatch = undefined | '*' | readonly number[];

const ETAG = /^(?:W\/)?"(\d{1,9})"$/;

/** An If-Match header as the routes accept it: `"3"`, `W/"3"`, several separated by commas, or `*`. */
export const zIfMatchHeader = z
  .string()
  .refine(
    (value) => value.trim() === '*' || value.split(',').every((tag) => ETAG.test(tag.trim())),
    'If-Match must be an ETag this API answered, such as "3", a list of them, or *',
  )
  .optional()
  .describe(
    'The ETag of the version you edited (`"<version>"`, as answered in `ETag`). A write on a record that has ' +
      'changed since answers 412 STALE_VERSION and changes nothing. Without it the write is not checked. A value ' +
      'that is not an ETag answers 400 naming `if-match`.',
  );

/** The headers of a write that takes If-Match (unknown headers pass through untouched). */
export const zIfMatchHeaders = z.looseObject({ 'if-match': zIfMatchHeader });

/** Reads an If-Match header; a malformed one is 400 naming it. */
export function parseIfMatch(header: string | undefined): TIfMatch {
  if (header === undefined || header.trim() === '') return undefined;
  if (header.trim() === '*') return '*';
  return header.split(',').map((tag) => {
    const match = ETAG.exec(tag.trim());
    if (!match?.[1]) {
      throw new AppError('VALIDATION_FAILED', 'If-Match must be an ETag such as "3"', {
        field: 'if-match',
        status: 400,
      });
    }
    return Number(match[1]);
  });
}

/** True when the record's version satisfies If-Match. */
export const matchesVersion = (ifMatch: TIfMatch, version: number): boolean =>
  ifMatch === undefined || ifMatch === '*' || ifMatch.includes(version);

/** The 412 refusal: the record as it stands now and its last change go with it. */
export class StaleVersionError extends AppError {
  constructor(what: string, current: unknown, lastChange: TLastChange | null) {
    super('STALE_VERSION', `the ${what} was changed by someone else since you loaded it`, {
      field: 'if-match',
      details: { current, lastChange },
    });
  }
}

/**
 * Refuses a write on a record (held locked by the caller) that moved past the version If-Match names: 412 with the
 * record as `present` shows it now and the last change `lastChange` finds. Nothing has been written yet.
 */
export async function requireVersion(
  ifMatch: TIfMatch,
  record: { what: string; version: number },
  conflict: { present: () => Promise<unknown>; lastChange: () => Promise<TLastChange | null> },
): Promise<void> {
  if (matchesVersion(ifMatch, record.version)) return;
  const [current, lastChange] = [await conflict.present(), await conflict.lastChange()];
  throw new StaleVersionError(record.what, current, lastChange);
}

/**
 * The newest audit entry on a record, as its last change: of `targetType`/`targetId`, among the actions `actions`
 * matches (a SQL LIKE pattern), and about the item `itemId` (the entry's `after.id`) when given.
 */
export async function lastAuditChange(
  db: TQueryable,
  where: { targetType: string; targetId: string; actions?: string; skip?: readonly string[]; itemId?: string },
): Promise<TLastChange | null> {
  const rows = await db.execute<{ actor_id: string | null; actor_name: string | null; at: Date; action: string }>(
    // The person's name as it reads now (the entry keeps the login name it was made under).
    sql`select a.actor_id, coalesce(u.display_name, a.actor_name) as actor_name, a.at, a.action
        from audit_log a left join users u on u.id = a.actor_id
        where a.target_type = ${where.targetType} and a.target_id = ${where.targetId}
          and a.action like ${where.actions ?? '%'}
          ${where.skip?.length ? sql`and a.action <> all(${sql.param([...where.skip])}::text[])` : sql``}
          ${where.itemId ? sql`and a.after ->> 'id' = ${where.itemId}` : sql``}
        order by a.id desc limit 1`,
  );
  const row = rows.rows[0];
  if (!row) return null;
  return { actorId: row.actor_id, actorName: row.actor_name, at: new Date(row.at).toISOString(), action: row.action };
}

/** Sets the ETag of the record answered and passes the record on: what every read and write of one does. */
export function withEtag<T extends { version: number }>(reply: FastifyReply, record: T): T {
  reply.header('etag', etagOf(record.version));
  return record;
}

/** The If-Match of a request, read (400 when malformed). */
export const ifMatchOf = (req: { headers: Record<string, string | string[] | undefined> }): TIfMatch => {
  const header = req.headers['if-match'];
  return parseIfMatch(Array.isArray(header) ? header.join(',') : header);
};
