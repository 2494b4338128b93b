import { z } from 'zod';
import { PHOTOS_PER_ENTRY } from './check-in-limits.ts';
import { LIGHTS } from './lights.ts';
import { zId, zText } from './org.ts';
import { TASK_STATES } from './task-lifecycle.ts';
import { CADENCES } from './tasks.ts';

/**
 * A check-in (日清) entry is applied to its task (`progress`), or kept as a `note` when the task moved on before it
 * arrived: closed, cancelled, awaiting closure, not yet acknowledged, or the person no longer reports on it.
 */
export const CHECK_IN_KINDS = ['progress', 'note'] as const;
export type TCheckInKind = (typeof CHECK_IN_KINDS)[number];

/** Why an entry was kept as a note instead of moving its task. */
export const CHECK_IN_NOTICES = [
  'taskClosed',
  'taskCancelled',
  'closeRequested',
  'notAcknowledged',
  'notAssignee',
] as const;
export type TCheckInNotice = (typeof CHECK_IN_NOTICES)[number];

/** Fields the check-in screen asks of each due task (progress, done, next); blocker and photos are optional. */
export const CHECK_IN_FIELDS_ASKED = 3;

/** One task's entry in a check-in. With `noChange` only the task id is needed. */
export const ZCheckInEntry = z
  .object({
    taskId: zId,
    noChange: z.boolean().default(false),
    progress: z.number().int().min(0).max(100).optional(),
    done: zText(200).optional(),
    next: zText(200).optional(),
    blocker: zText(200).optional(),
    /** Why progress went down: required when it is lower than the task's. */
    progressReason: zText(200).optional(),
    /** Milestones of the task reached with this entry. */
    milestoneIds: z.array(zId).max(50).default([]),
    /** Photos already uploaded to the task (`POST /tasks/{id}/attachments?photo=true`). */
    photoIds: z.array(zId).max(PHOTOS_PER_ENTRY).default([]),
  })
  .superRefine((e, ctx) => {
    if (!e.noChange && e.progress === undefined) {
      ctx.addIssue({ code: 'custom', path: ['progress'], message: 'progress is required unless there is no change' });
    }
  });
export type TCheckInEntry = z.infer<typeof ZCheckInEntry>;

/** One submit from the Today page: every entry made, with the time it was made (offline entries sync later). */
export const ZCheckInBatch = z
  .object({
    /** Made by the client once per submit; a retried sync with the same id writes nothing new. */
    clientId: z.uuid(),
    recordedAt: z.iso.datetime({ offset: true }),
    entries: z.array(ZCheckInEntry).min(1).max(100),
    /** Seconds the check-in screen was open before this submit (the burden meter). */
    openSeconds: z.number().int().min(0).max(86400).optional(),
  })
  .superRefine((b, ctx) => {
    const seen = new Set<string>();
    b.entries.forEach((e, i) => {
      if (seen.has(e.taskId)) {
        ctx.addIssue({ code: 'custom', path: ['entries', i, 'taskId'], message: 'one entry per task' });
      }
      seen.add(e.taskId);
    });
  });
export type TCheckInBatch = z.infer<typeof ZCheckInBatch>;

export const ZCheckInOutcome = z.object({
  taskId: zId,
  checkInId: zId,
  kind: z.enum(CHECK_IN_KINDS),
  notice: z.enum(CHECK_IN_NOTICES).nullable(),
});
export type TCheckInOutcome = z.infer<typeof ZCheckInOutcome>;

export const ZCheckInResult = z.object({
  clientId: z.uuid(),
  recordedAt: z.string(),
  /** True when this clientId was seen before: the first answer is returned and nothing new is written. */
  duplicate: z.boolean(),
  entries: z.array(ZCheckInOutcome),
});
export type TCheckInResult = z.infer<typeof ZCheckInResult>;

export const ZCheckIn = z.object({
  id: zId,
  taskId: zId,
  authorId: zId,
  authorName: z.string(),
  /** Set when a liaison checked in for the unit. */
  onBehalfOfUnitId: zId.nullable(),
  onBehalfOfUnitName: z.string().nullable(),
  kind: z.enum(CHECK_IN_KINDS),
  notice: z.enum(CHECK_IN_NOTICES).nullable(),
  day: z.string(),
  week: z.string(),
  recordedAt: z.string(),
  receivedAt: z.string(),
  noChange: z.boolean(),
  progressBefore: z.number().int(),
  progress: z.number().int(),
  done: z.string().nullable(),
  next: z.string().nullable(),
  blocker: z.string().nullable(),
  progressReason: z.string().nullable(),
  milestoneIds: z.array(zId),
  photoIds: z.array(zId),
  /** A later correction points at the check-in it corrects; the original stays. */
  correctsId: zId.nullable(),
  editedAt: z.string().nullable(),
  /** True when the caller may still edit it in place (its author, the same day). */
  editable: z.boolean(),
});
export type TCheckIn = z.infer<typeof ZCheckIn>;

/** A correction: the same day it edits the check-in, later it is appended as a new one. */
export const ZCheckInCorrection = z
  .object({
    progress: z.number().int().min(0).max(100),
    done: zText(200).nullable(),
    next: zText(200).nullable(),
    blocker: zText(200).nullable(),
    progressReason: zText(200).nullable(),
  })
  .partial()
  .strict();
export type TCheckInCorrection = z.infer<typeof ZCheckInCorrection>;

export const DUE_REASONS = ['daily', 'weekly', 'milestone'] as const;

export const ZTodayMilestone = z.object({ id: zId, title: z.string(), dueDate: z.string(), state: z.string() });

export const ZTodayTask = z.object({
  id: zId,
  title: z.string(),
  state: z.enum(TASK_STATES),
  progress: z.number().int(),
  light: z.enum(LIGHTS).nullable(),
  cadence: z.enum(CADENCES),
  dueDate: z.string(),
  leadUnitName: z.string(),
  /** Why it asks for a check-in today, or null when it does not (the cadre may still report). */
  dueReason: z.enum(DUE_REASONS).nullable(),
  /** A parent task's progress rolls up from its sub-tasks: the slider is not offered. */
  progressRollsUp: z.boolean(),
  /** The caller reports for the unit as its liaison, not as the task's owner. */
  onBehalf: z.boolean(),
  /** The task's owner (承办人), who reports on it; null when it has none. */
  ownerName: z.string().nullable(),
  /**
   * Seen by a liaison on a task with an owner: the owner let a whole reporting period pass without a report
   * (isOwnerOverdue), so the liaison is asked too. Otherwise the owner reports and the liaison is not asked.
   */
  ownerOverdue: z.boolean(),
  last: z
    .object({
      day: z.string(),
      progress: z.number().int(),
      done: z.string().nullable(),
      next: z.string().nullable(),
      blocker: z.string().nullable(),
    })
    .nullable(),
  milestones: z.array(ZTodayMilestone),
});
export type TTodayTask = z.infer<typeof ZTodayTask>;

export const ZToday = z.object({
  day: z.string(),
  week: z.string(),
  tasks: z.array(ZTodayTask),
  /** What the screen asks today: the burden meter's figures. */
  asked: z.object({ entries: z.number().int(), fields: z.number().int() }),
});
export type TToday = z.infer<typeof ZToday>;
