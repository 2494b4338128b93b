import { z } from 'zod';
import { LIGHTS } from './lights.ts';
import { zId, zText } from './org.ts';
import { UNIT_CATEGORIES } from './org-constants.ts';
import { TASK_ACTIONS, TASK_STATES } from './task-lifecycle.ts';

/** Where a task comes from. */
export const TASK_SOURCES = [
  'committeeDecision',
  'governmentReport',
  'leaderInstruction',
  'majorTasks',
  'livelihood',
  'petition',
  'other',
] as const;
export type TTaskSource = (typeof TASK_SOURCES)[number];

/** 六个一线: the six fronts where cadres are tested. */
export const FRONT_LINES = [
  'grassroots',
  'investment',
  'projects',
  'development',
  'stability',
  'revitalisation',
] as const;
export type TFrontLine = (typeof FRONT_LINES)[number];

export const PRIORITIES = ['normal', 'high', 'urgent'] as const;
export type TPriority = (typeof PRIORITIES)[number];

/** How often a task's owner reports (日清周结): nobody is asked for more than the cadence. */
export const CADENCES = ['daily', 'weekly', 'milestone'] as const;
export type TCadence = (typeof CADENCES)[number];

export const MILESTONE_STATES = ['pending', 'done'] as const;
export type TMilestoneState = (typeof MILESTONE_STATES)[number];

/** A calendar day, yyyy-mm-dd, of the years 1900–2999 (PostgreSQL has no year 0, and no plan reaches further). */
export const zIsoDate = z.iso
  .date()
  .refine((day) => day >= '1900-01-01' && day <= '2999-12-31', 'a date between 1900-01-01 and 2999-12-31');

export const ZIndicator = z.object({
  name: zText(100),
  target: z.number().finite(),
  unit: zText(20).optional(),
});

/** 任务书: goal, measurable indicators, deliverables, pledge. */
export const ZCharter = z.object({
  goal: zText(2000).optional(),
  indicators: z.array(ZIndicator).max(20).default([]),
  deliverables: z.array(zText(200)).max(20).default([]),
  pledge: zText(2000).optional(),
});
export type TCharter = z.infer<typeof ZCharter>;

const milestoneFields = {
  title: zText(200),
  dueDate: zIsoDate,
  deliverable: zText(500).optional(),
  weight: z.number().int().min(0).max(100),
};

export const ZMilestoneInput = z.object({ ...milestoneFields, weight: milestoneFields.weight.default(1) });
export type TMilestoneInput = z.infer<typeof ZMilestoneInput>;

export const ZMilestone = z.object({
  id: zId,
  taskId: zId,
  seq: z.number().int(),
  title: z.string(),
  dueDate: z.string(),
  deliverable: z.string().nullable(),
  weight: z.number().int(),
  state: z.enum(MILESTONE_STATES),
  doneAt: z.string().nullable(),
  /** The edit count: its ETag is `"<version>"`, to send back as If-Match. */
  version: z.number().int(),
});
export type TMilestone = z.infer<typeof ZMilestone>;

/** A task's fields, each as given (no defaults): the base of both creation and update. */
const taskFields = {
  title: zText(200),
  source: z.enum(TASK_SOURCES),
  tags: z.array(zText(30)).max(10),
  frontLine: z.enum(FRONT_LINES).nullish(),
  priority: z.enum(PRIORITIES),
  leadLeaderId: zId.nullish(),
  leadUnitId: zId,
  coUnitIds: z.array(zId).max(30),
  ownerId: zId.nullish(),
  cadence: z.enum(CADENCES),
  startDate: zIsoDate,
  dueDate: zIsoDate,
  charter: ZCharter,
};

export const ZTaskInput = z.object({
  ...taskFields,
  source: taskFields.source.default('other'),
  tags: taskFields.tags.default([]),
  priority: taskFields.priority.default('normal'),
  coUnitIds: taskFields.coUnitIds.default([]),
  cadence: taskFields.cadence.default('weekly'),
  charter: ZCharter.default({ indicators: [], deliverables: [] }),
  milestones: z.array(ZMilestoneInput).max(50).default([]),
});
export type TTaskInput = z.infer<typeof ZTaskInput>;

/**
 * A change to a task's charter, field by field: a field left out stays as it is, null clears it (a text to none, a
 * list to empty).
 */
export const ZCharterPatch = z
  .object({
    goal: ZCharter.shape.goal.unwrap().nullable(),
    indicators: z.array(ZIndicator).max(20).nullable(),
    deliverables: z.array(zText(200)).max(20).nullable(),
    pledge: ZCharter.shape.pledge.unwrap().nullable(),
  })
  .partial()
  .strict();
export type TCharterPatch = z.infer<typeof ZCharterPatch>;

/** Applies a charter patch field by field: absent fields stay, null clears one. */
export function applyCharterPatch(before: TCharter, patch: TCharterPatch): TCharter {
  const next: TCharter = { ...before };
  if (patch.goal !== undefined) {
    if (patch.goal === null) delete next.goal;
    else next.goal = patch.goal;
  }
  if (patch.pledge !== undefined) {
    if (patch.pledge === null) delete next.pledge;
    else next.pledge = patch.pledge;
  }
  if (patch.indicators !== undefined) next.indicators = patch.indicators ?? [];
  if (patch.deliverables !== undefined) next.deliverables = patch.deliverables ?? [];
  return next;
}

/** A change to a task: only the fields given change; the charter's fields too, one by one. */
export const ZTaskUpdate = z
  .object({ ...taskFields, charter: ZCharterPatch })
  .partial()
  .strict();

export type TTaskUpdate = z.infer<typeof ZTaskUpdate>;

export const ZTaskSummary = z.object({
  id: zId,
  listId: zId,
  listName: z.string(),
  parentId: zId.nullable(),
  title: z.string(),
  source: z.enum(TASK_SOURCES),
  tags: z.array(z.string()),
  frontLine: z.enum(FRONT_LINES).nullable(),
  priority: z.enum(PRIORITIES),
  state: z.enum(TASK_STATES),
  progress: z.number().int(),
  leadLeaderId: zId.nullable(),
  leadLeaderName: z.string().nullable(),
  leadUnitId: zId,
  leadUnitName: z.string(),
  coUnits: z.array(z.object({ id: zId, name: z.string() })),
  ownerId: zId.nullable(),
  ownerName: z.string().nullable(),
  cadence: z.enum(CADENCES),
  startDate: z.string(),
  dueDate: z.string(),
  /** The light in force (亮灯); null for a draft or cancelled task. */
  light: z.enum(LIGHTS).nullable(),
  /** The edit count of the task's own fields and charter: its ETag is `"<version>"`, to send back as If-Match. */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TTaskSummary = z.infer<typeof ZTaskSummary>;

export const ZTaskEvent = z.object({
  id: zId,
  action: z.string(),
  fromState: z.enum(TASK_STATES).nullable(),
  toState: z.enum(TASK_STATES).nullable(),
  actorId: zId.nullable(),
  actorName: z.string().nullable(),
  reason: z.string().nullable(),
  at: z.string(),
});
export type TTaskEvent = z.infer<typeof ZTaskEvent>;

export const ZTask = ZTaskSummary.extend({
  charter: ZCharter,
  milestones: z.array(ZMilestone),
  subtasks: z.array(ZTaskSummary),
  events: z.array(ZTaskEvent),
  closeSummary: z.string().nullable(),
  /** What the caller may do now, so the client shows only the buttons that will work. */
  can: z.object({
    edit: z.boolean(),
    /** Set or change the owner (承办人): the office, or the lead unit's head or liaison. */
    assignOwner: z.boolean(),
    acknowledge: z.boolean(),
    decompose: z.boolean(),
    requestClose: z.boolean(),
    verify: z.boolean(),
    cancel: z.boolean(),
    instruct: z.boolean(),
    comment: z.boolean(),
    /** Mark the leaders' instructions read (已阅) and answer them (落实情况): those who work on the task. */
    answerInstructions: z.boolean(),
    /** Add, change or tick off milestones of the roadmap. */
    updateMilestones: z.boolean(),
  }),
});
export type TTask = z.infer<typeof ZTask>;

export const ZTaskQuery = z.object({
  listId: zId.optional(),
  state: z.enum(TASK_STATES).optional(),
  /** Tasks touching this unit or one below it: led or supported (co-unit). */
  unitId: zId.optional(),
  /**
   * Tasks whose lead unit is this unit or one below it: the rule every count of tasks follows (cockpit, wall, light
   * board) — each task and sub-task counted once, under the unit that leads it.
   */
  ledBy: zId.optional(),
  /** Tasks this unit leads itself (not its sub-units'): a unit's own row on the cockpit and the light board. */
  leadUnitId: zId.optional(),
  /**
   * With ledBy: only the tasks led by ledBy itself when it is of this category, or led under a child unit of ledBy of
   * this category — the grouping per unit category of the cockpit and the light board.
   */
  ledByCategory: z.enum(UNIT_CATEGORIES).optional(),
  tag: z.string().trim().max(30).optional(),
  frontLine: z.enum(FRONT_LINES).optional(),
  source: z.enum(TASK_SOURCES).optional(),
  ownerId: zId.optional(),
  leadLeaderId: zId.optional(),
  light: z.enum(LIGHTS).optional(),
  dueFrom: zIsoDate.optional(),
  dueTo: zIsoDate.optional(),
  q: z.string().trim().max(100).optional(),
  /** 'true': sub-tasks as well as top tasks (as every count counts them); top tasks only otherwise, unless listId. */
  includeSubtasks: z.enum(['true', 'false']).optional(),
  /**
   * 我的任务: only the caller's own work, top tasks and sub-tasks alike — the tasks they own, and for a unit head or
   * liaison the tasks their units lead.
   */
  mine: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});
export type TTaskQuery = z.infer<typeof ZTaskQuery>;

export const ZTaskList = z.object({
  id: zId,
  name: z.string(),
  year: z.number().int(),
  description: z.string().nullable(),
  taskCount: z.number().int(),
  draftCount: z.number().int(),
  createdAt: z.string(),
});
export type TTaskList = z.infer<typeof ZTaskList>;

export const ZCreateTaskListRequest = z.object({
  name: zText(100),
  year: z.number().int().min(2000).max(2100),
  description: zText(2000).optional(),
});

export const ZAssignRequest = z.object({
  /** Tasks of the list to assign; all its draft tasks when omitted. */
  taskIds: z.array(zId).max(5000).optional(),
});

export const ZReasonRequest = z.object({ reason: zText(1000) });
export const ZRequestCloseRequest = z.object({ summary: zText(2000), attachmentIds: z.array(zId).max(20).default([]) });
export const ZNoteRequest = z.object({ body: zText(4000) });
/** 落实情况: a short account of what was done about an instruction. */
export const ZInstructionReplyRequest = z.object({ body: zText(500) });
export const ZInstructionParams = z.object({ id: zId, noteId: zId });

export const ZTransitionAction = z.enum(TASK_ACTIONS);

/** A change to a milestone: only the fields given change (no defaults here). */
export const ZMilestoneUpdate = z
  .object({ ...milestoneFields, state: z.enum(MILESTONE_STATES) })
  .partial()
  .strict();

export const NOTE_KINDS = ['instruction', 'comment'] as const;

/** One person's answer to an instruction: read (已阅) when, and their account of what was done (落实情况), if any. */
export const ZInstructionResponse = z.object({
  userId: zId,
  userName: z.string(),
  readAt: z.string(),
  reply: z.string().nullable(),
  repliedAt: z.string().nullable(),
});
export type TInstructionResponse = z.infer<typeof ZInstructionResponse>;

export const ZNote = z.object({
  id: zId,
  taskId: zId,
  kind: z.enum(NOTE_KINDS),
  authorId: zId,
  authorName: z.string(),
  body: z.string(),
  createdAt: z.string(),
  /** For an instruction: who on the task has read it and what they answered, oldest first; empty for a comment. */
  responses: z.array(ZInstructionResponse),
});
export type TNote = z.infer<typeof ZNote>;

export const INBOX_KINDS = [
  'assigned',
  'madeOwner',
  'acknowledged',
  'closeRequested',
  'closed',
  'returned',
  'cancelled',
  'instruction',
  'instructionReply',
  'callPublished',
  'awarded',
  'notAwarded',
] as const;

export const ZInboxItem = z.object({
  id: z.number().int(),
  kind: z.string(),
  taskId: zId.nullable(),
  title: z.string(),
  body: z.string().nullable(),
  readAt: z.string().nullable(),
  createdAt: z.string(),
});
export type TInboxItem = z.infer<typeof ZInboxItem>;

export const ZInboxQuery = z.object({
  unread: z.enum(['true', 'false']).optional(),
  page: z.coerce.number().int().min(1).max(100000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(25),
});

/** File types accepted as evidence: images (shown inline), PDF and Office documents. */
export const ATTACHMENT_TYPES = {
  'image/jpeg': 'jpg',
  'image/png': 'png',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'application/pdf': 'pdf',
  'application/msword': 'doc',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'docx',
  'application/vnd.ms-excel': 'xls',
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet': 'xlsx',
  'application/vnd.ms-powerpoint': 'ppt',
  'application/vnd.openxmlformats-officedocument.presentationml.presentation': 'pptx',
} as const;
export const ATTACHMENT_MAX_BYTES = 20 * 1024 * 1024;

export const ZAttachment = z.object({
  id: zId,
  taskId: zId,
  filename: z.string(),
  mime: z.string(),
  size: z.number().int(),
  sha256: z.string(),
  isImage: z.boolean(),
  uploadedBy: zId,
  uploadedByName: z.string(),
  createdAt: z.string(),
  /** Where to download it (GET, with the session cookie or a token). */
  url: z.string(),
});
export type TAttachment = z.infer<typeof ZAttachment>;
