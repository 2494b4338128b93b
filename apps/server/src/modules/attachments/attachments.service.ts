import type { ReadStream } from 'node:fs';
import {
  ATTACHMENT_MAX_BYTES,
  ATTACHMENT_TYPES,
  isOpenTaskState,
  PHOTO_MAX_BYTES,
  type TAttachment,
  type TTaskState,
} from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { contentDisposition, sanitizeFilename, withExtension } from '../../platform/files/filename.ts';
import { hasSignatureOf } from '../../platform/files/sniff.ts';
import type { TFileStore } from '../../platform/files/store.ts';
import { requireAbility } from '../tasks/tasks.policy.ts';
import * as tasksRepo from '../tasks/tasks.repo.ts';
import { loadTask } from '../tasks/tasks.service.ts';
import * as repo from './attachments.repo.ts';

type TAttachmentMime = keyof typeof ATTACHMENT_TYPES;

/** True when the type is one accepted as evidence. */
export function isAttachmentType(mime: string): mime is TAttachmentMime {
  return Object.hasOwn(ATTACHMENT_TYPES, mime);
}

/** The extensions a file of the type may carry (the first is the one added when it has none of them). */
function extensionsOf(mime: TAttachmentMime): string[] {
  const ext = ATTACHMENT_TYPES[mime];
  return ext === 'jpg' ? ['jpg', 'jpeg'] : [ext];
}

function presentAttachment(row: repo.TAttachmentRow): TAttachment {
  const a = row.attachment;
  return {
    id: a.id,
    taskId: a.taskId,
    filename: a.filename,
    mime: a.mime,
    size: a.size,
    sha256: a.sha256,
    isImage: a.mime.startsWith('image/'),
    uploadedBy: a.uploadedBy,
    uploadedByName: row.uploadedByName,
    createdAt: a.createdAt.toISOString(),
    url: `/api/v1/attachments/${a.id}/content`,
  };
}

export interface TUpload {
  /** The name the client gave the file. */
  filename: string;
  /** The declared Content-Type, without parameters. */
  mime: string;
  /** The raw request body (a Buffer for the accepted types). */
  bytes: unknown;
}

/** Checks an upload's name, declared type, size and leading bytes, naming the field at fault. */
function checkUpload(upload: TUpload, photo: boolean): { filename: string; mime: TAttachmentMime; bytes: Buffer } {
  const badRequest = (field: string, message: string) =>
    new AppError('VALIDATION_FAILED', message, { field, status: 400 });
  const { mime, bytes } = upload;
  if (!isAttachmentType(mime) || (photo && !mime.startsWith('image/'))) {
    const what = photo ? 'photos' : 'files';
    throw new AppError('UNSUPPORTED_TYPE', `${what} of type "${mime || 'none'}" are not accepted`, { field: 'file' });
  }
  if (!Buffer.isBuffer(bytes) || bytes.length === 0) throw badRequest('file', 'the file is empty');
  const max = photo ? PHOTO_MAX_BYTES : ATTACHMENT_MAX_BYTES;
  if (bytes.length > max) {
    throw new AppError('PAYLOAD_TOO_LARGE', `a ${photo ? 'photo' : 'file'} may be at most ${max} bytes`, {
      field: 'file',
    });
  }
  if (!hasSignatureOf(mime, bytes)) {
    throw new AppError('UNSUPPORTED_TYPE', `the file's content is not ${mime}`, { field: 'file' });
  }
  const filename = sanitizeFilename(upload.filename);
  if (!filename) throw badRequest('filename', 'the file needs a name');
  return { filename: withExtension(filename, extensionsOf(mime)), mime, bytes };
}

/** Attaches evidence to an open task: anyone who sees the task and may comment on it. */
export async function uploadAttachment(
  db: TDb,
  store: TFileStore,
  actor: TActor,
  taskId: string,
  upload: TUpload,
  opts: { photo?: boolean } = {},
): Promise<TAttachment> {
  const id = await db.transaction(async (tx) => {
    const { row, abilities } = await loadTask(tx, actor, taskId);
    requireAbility(abilities, 'comment');
    const state = row.task.state as TTaskState;
    if (!isOpenTaskState(state)) throw new AppError('CONFLICT', `the task is ${state}`, { field: 'state' });
    const file = checkUpload(upload, opts.photo === true);
    const { sha256, size } = await store.put(file.bytes);
    const attachmentId = await repo.insertAttachment(tx, {
      taskId,
      sha256,
      filename: file.filename,
      mime: file.mime,
      size,
      uploadedBy: actor.id,
    });
    await tasksRepo.insertEvent(tx, { taskId, action: 'attach', actorId: actor.id, reason: file.filename });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'task.attach',
      targetType: 'task',
      targetId: taskId,
      after: { attachmentId, filename: file.filename, mime: file.mime, size, sha256 },
      ip: actor.ip,
    });
    return attachmentId;
  });
  const created = await repo.findAttachment(db, id);
  if (!created) throw new Error('attachment vanished');
  return presentAttachment(created);
}

/** The task's attachments, newest first, for anyone who sees the task. */
export async function listAttachments(db: TDb, actor: TActor, taskId: string): Promise<TAttachment[]> {
  await loadTask(db, actor, taskId);
  return (await repo.listTaskAttachments(db, taskId)).map(presentAttachment);
}

export interface TAttachmentContent {
  stream: ReadStream;
  headers: Record<string, string>;
}

/**
 * An attachment's bytes and the headers to send them with, for someone who sees its task (else 404). Never served as
 * something a browser would run: the stored type (always one of the accepted ones), nosniff, a sandboxing CSP, and
 * only images inline.
 */
export async function openAttachment(
  db: TDb,
  store: TFileStore,
  actor: TActor,
  id: string,
): Promise<TAttachmentContent> {
  const row = await repo.findAttachment(db, id);
  if (!row) throw notFound('attachment');
  await requireTaskVisible(db, actor, row.attachment.taskId);
  const a = row.attachment;
  const mime = isAttachmentType(a.mime) ? a.mime : 'application/octet-stream';
  return {
    // A row whose bytes are missing is lost data, not a missing record: it fails loudly (500, logged).
    stream: await store.open(a.sha256),
    headers: {
      'content-type': mime,
      'content-length': String(a.size),
      'content-disposition': contentDisposition(mime.startsWith('image/') ? 'inline' : 'attachment', a.filename),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'cache-control': 'no-store',
      etag: `"${a.sha256}"`,
    },
  };
}

/** Refuses (404, as for the attachment itself) someone who cannot see the task. */
async function requireTaskVisible(db: TQueryable, actor: TActor, taskId: string): Promise<void> {
  try {
    await loadTask(db, actor, taskId);
  } catch (error) {
    if (error instanceof AppError && error.code === 'NOT_FOUND') throw notFound('attachment');
    throw error;
  }
}

/** Refuses, naming the index, ids that are not attachments of the task (closure evidence). */
export async function checkTaskAttachments(db: TQueryable, taskId: string, ids: string[]): Promise<void> {
  const found = await repo.findTaskAttachmentIds(db, taskId, ids);
  ids.forEach((id, i) => {
    if (!found.has(id)) throw invalid(`attachmentIds.${i}`, 'not an attachment of this task');
  });
}
