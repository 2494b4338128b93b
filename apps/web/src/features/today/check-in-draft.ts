import type { TCheckInEntry, TTodayTask } from '@duban/domain';

/** A photo picked for an entry: resized on the phone, kept as a Blob until it is uploaded. */
export interface TDraftPhoto {
  key: string;
  blob: Blob;
  filename: string;
  /** An object URL for the thumbnail (revoked when the photo leaves the draft). */
  url: string;
  /** Set when it was uploaded already (a refused submit being edited): not uploaded twice. */
  attachmentId: string | null;
}

/** What the cadre has entered for one task on the Today page, before it is submitted. */
export interface TDraft {
  /** "No change": one tap, nothing else is sent. */
  noChange: boolean;
  /** The fields are shown. */
  isOpen: boolean;
  progress: number;
  done: string;
  next: string;
  blocker: string;
  progressReason: string;
  milestoneIds: string[];
  photos: TDraftPhoto[];
}

export type TDrafts = Record<string, TDraft>;

/** The fields a draft's error can be about. */
export type TDraftField = 'progress' | 'progressReason' | 'done' | 'next' | 'blocker' | 'photos' | 'milestones';

/** A draft that says "no change". */
export const noChangeDraft = (task: TTodayTask): TDraft => ({ ...openDraft(task), noChange: true, isOpen: false });

/** A draft with its fields shown, starting from where the task stands. */
export const openDraft = (task: TTodayTask): TDraft => ({
  noChange: false,
  isOpen: true,
  progress: task.progress,
  done: '',
  next: '',
  blocker: '',
  progressReason: '',
  milestoneIds: [],
  photos: [],
});

/** True when the progress entered is below the task's: the server then needs a reason. */
export const isProgressLowered = (task: TTodayTask, draft: TDraft): boolean =>
  !task.progressRollsUp && draft.progress < task.progress;

/** True when the draft says something: "no change", or anything entered beyond where the task stands. */
export function isDraftTouched(task: TTodayTask, draft: TDraft | undefined): boolean {
  if (!draft) return false;
  if (draft.noChange) return true;
  return (
    (!task.progressRollsUp && draft.progress !== task.progress) ||
    [draft.done, draft.next, draft.blocker].some((text) => text.trim() !== '') ||
    draft.milestoneIds.length > 0 ||
    draft.photos.length > 0
  );
}

/** The first thing the cadre must still fix before the draft can be sent, if any. */
export function draftProblem(task: TTodayTask, draft: TDraft): TDraftField | null {
  if (draft.noChange) return null;
  if (isProgressLowered(task, draft) && draft.progressReason.trim() === '') return 'progressReason';
  return null;
}

const optionalText = (text: string): string | undefined => (text.trim() === '' ? undefined : text.trim());

/** The entry the API takes for this draft (photo ids are filled in once the photos are uploaded). */
export function entryOf(task: TTodayTask, draft: TDraft): TCheckInEntry {
  if (draft.noChange) return { taskId: task.id, noChange: true, milestoneIds: [], photoIds: [] };
  return {
    taskId: task.id,
    noChange: false,
    // A parent's progress rolls up from its sub-tasks: the server keeps it, whatever is sent.
    progress: task.progressRollsUp ? task.progress : draft.progress,
    done: optionalText(draft.done),
    next: optionalText(draft.next),
    blocker: optionalText(draft.blocker),
    progressReason: isProgressLowered(task, draft) ? optionalText(draft.progressReason) : undefined,
    milestoneIds: draft.milestoneIds,
    photoIds: [],
  };
}

/** A draft rebuilt from an entry that was sent back (the cadre edits it and sends it again). */
export function draftOfEntry(task: TTodayTask, entry: TCheckInEntry, photos: TDraftPhoto[]): TDraft {
  return {
    noChange: entry.noChange,
    isOpen: !entry.noChange,
    progress: entry.progress ?? task.progress,
    done: entry.done ?? '',
    next: entry.next ?? '',
    blocker: entry.blocker ?? '',
    progressReason: entry.progressReason ?? '',
    milestoneIds: entry.milestoneIds,
    photos,
  };
}

/** Lets go of a draft's thumbnails. */
export function releaseDraft(draft: TDraft | undefined): void {
  for (const photo of draft?.photos ?? []) URL.revokeObjectURL(photo.url);
}
