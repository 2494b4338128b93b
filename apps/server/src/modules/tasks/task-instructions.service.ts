import type { TNote } from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { notifyUsers } from '../inbox/inbox.repo.ts';
import { requireAbility } from './tasks.policy.ts';
import * as repo from './tasks.repo.ts';
import { loadTask } from './tasks.service.ts';

type TNoteRow = Awaited<ReturnType<typeof repo.listNotes>>[number];

/** Notes as the API shows them; an instruction carries who read it and what they answered. */
export async function presentNotes(db: TQueryable, rows: TNoteRow[]): Promise<TNote[]> {
  const instructionIds = rows.filter((r) => r.note.kind === 'instruction').map((r) => r.note.id);
  const responses = await repo.listInstructionResponses(db, instructionIds);
  return rows.map((r) => ({
    id: r.note.id,
    taskId: r.note.taskId,
    kind: r.note.kind as TNote['kind'],
    authorId: r.note.authorId,
    authorName: r.authorName,
    body: r.note.body,
    createdAt: r.note.createdAt.toISOString(),
    responses: responses
      .filter((x) => x.response.noteId === r.note.id)
      .map((x) => ({
        userId: x.response.userId,
        userName: x.userName,
        readAt: x.response.readAt.toISOString(),
        reply: x.response.reply,
        repliedAt: x.response.repliedAt?.toISOString() ?? null,
      })),
  }));
}

/** The instruction as it stands now, with its answers. */
async function instructionNow(db: TDb, taskId: string, noteId: string): Promise<TNote> {
  const rows = await repo.listNotes(db, taskId, 'instruction');
  const [note] = await presentNotes(
    db,
    rows.filter((r) => r.note.id === noteId),
  );
  if (!note) throw new Error('instruction vanished');
  return note;
}

/**
 * Marks a leader's instruction read (已阅) by one who works on the task; once per person (reading it again changes
 * nothing and writes nothing).
 */
export async function readInstruction(db: TDb, actor: TActor, taskId: string, noteId: string): Promise<TNote> {
  await db.transaction(async (tx) => {
    const loaded = await loadTask(tx, actor, taskId);
    const instruction = await repo.findInstruction(tx, taskId, noteId);
    if (!instruction) throw notFound('instruction');
    requireAbility(loaded.abilities, 'answerInstructions');
    if (await repo.findInstructionResponse(tx, noteId, actor.id)) return;
    await repo.saveInstructionResponse(tx, { noteId, userId: actor.id });
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'task.instructionRead',
      targetType: 'task',
      targetId: taskId,
      after: { noteId },
      ip: actor.ip,
    });
  });
  return instructionNow(db, taskId, noteId);
}

/**
 * Answers a leader's instruction with what was done (落实情况), which also marks it read; a later answer replaces the
 * earlier one. The leader who wrote it is told in their inbox.
 */
export async function replyToInstruction(
  db: TDb,
  actor: TActor,
  taskId: string,
  noteId: string,
  reply: string,
): Promise<TNote> {
  await db.transaction(async (tx) => {
    const loaded = await loadTask(tx, actor, taskId);
    const instruction = await repo.findInstruction(tx, taskId, noteId);
    if (!instruction) throw notFound('instruction');
    requireAbility(loaded.abilities, 'answerInstructions');
    const before = await repo.findInstructionResponse(tx, noteId, actor.id);
    await repo.saveInstructionResponse(tx, { noteId, userId: actor.id, reply });
    await notifyUsers(
      tx,
      [instruction.authorId].filter((u) => u !== actor.id),
      {
        kind: 'instructionReply',
        taskId,
        title: loaded.row.task.title,
        body: `${actor.displayName}：${reply}`,
      },
    );
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'task.instructionReply',
      targetType: 'task',
      targetId: taskId,
      before: before ? { noteId, reply: before.reply } : null,
      after: { noteId, reply },
      ip: actor.ip,
    });
  });
  return instructionNow(db, taskId, noteId);
}
