import { and, desc, eq, inArray, like } from 'drizzle-orm';
import { attachments, users } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

const selection = { attachment: attachments, uploadedByName: users.displayName };

export type TAttachmentRow = { attachment: typeof attachments.$inferSelect; uploadedByName: string };

/** Records an attachment (its bytes are already in the file store). */
export async function insertAttachment(db: TQueryable, values: typeof attachments.$inferInsert): Promise<string> {
  const [row] = await db.insert(attachments).values(values).returning({ id: attachments.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

/** One attachment with its uploader's name. */
export async function findAttachment(db: TQueryable, id: string): Promise<TAttachmentRow | null> {
  const [row] = await db
    .select(selection)
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.id, id));
  return row ?? null;
}

/** A task's attachments, newest first. */
export function listTaskAttachments(db: TQueryable, taskId: string): Promise<TAttachmentRow[]> {
  return db
    .select(selection)
    .from(attachments)
    .innerJoin(users, eq(users.id, attachments.uploadedBy))
    .where(eq(attachments.taskId, taskId))
    .orderBy(desc(attachments.createdAt), desc(attachments.id));
}

/** Which of the ids are attachments of the task (only its images, with imagesOnly: a check-in's photos). */
export async function findTaskAttachmentIds(
  db: TQueryable,
  taskId: string,
  ids: string[],
  imagesOnly = false,
): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(
      and(
        eq(attachments.taskId, taskId),
        inArray(attachments.id, ids),
        imagesOnly ? like(attachments.mime, 'image/%') : undefined,
      ),
    );
  return new Set(rows.map((r) => r.id));
}
