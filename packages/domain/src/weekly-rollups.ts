import { z } from 'zod';
import { zId, zText } from './org.ts';
import { TASK_STATES } from './task-lifecycle.ts';
import { zWeek } from './week-schemas.ts';

/** A roll-up is generated as a draft; the unit head confirms it, and then it is part of the weekly report. */
export const ROLLUP_STATES = ['draft', 'confirmed'] as const;
export type TRollupState = (typeof ROLLUP_STATES)[number];

/** Highlights and blockers shown per unit: at most this many each. */
export const ROLLUP_HIGHLIGHTS = 5;

export const ZRollupLine = z.object({ taskId: zId, title: z.string(), text: z.string() });
export type TRollupLine = z.infer<typeof ZRollupLine>;

/** One task's week: built from its check-ins and milestone changes, never typed. */
export const ZRollupTask = z.object({
  taskId: zId,
  title: z.string(),
  ownerName: z.string().nullable(),
  state: z.enum(TASK_STATES),
  dueDate: z.string(),
  progressStart: z.number().int(),
  progressEnd: z.number().int(),
  checkIns: z.number().int(),
  done: z.array(z.string()),
  next: z.string().nullable(),
  blockers: z.array(z.string()),
  milestonesMet: z.array(z.object({ title: z.string(), dueDate: z.string(), doneOn: z.string() })),
  milestonesMissed: z.array(z.object({ title: z.string(), dueDate: z.string() })),
});
export type TRollupTask = z.infer<typeof ZRollupTask>;

/** The unit's week in figures. */
export const ZRollupSummary = z.object({
  tasks: z.number().int(),
  updated: z.number().int(),
  notUpdated: z.number().int(),
  closed: z.number().int(),
  milestonesMet: z.number().int(),
  milestonesMissed: z.number().int(),
  blockers: z.number().int(),
  highlights: z.array(ZRollupLine),
  blockerLines: z.array(ZRollupLine),
});
export type TRollupSummary = z.infer<typeof ZRollupSummary>;

export const ZWeeklyRollupSummary = z.object({
  id: zId,
  week: z.string(),
  unitId: zId,
  unitName: z.string(),
  unitPath: z.string(),
  state: z.enum(ROLLUP_STATES),
  generatedAt: z.string(),
  confirmedAt: z.string().nullable(),
  confirmedByName: z.string().nullable(),
  annotation: z.string().nullable(),
  summary: ZRollupSummary,
  /** The caller may confirm or annotate it (the unit's head). */
  canConfirm: z.boolean(),
});
export type TWeeklyRollupSummary = z.infer<typeof ZWeeklyRollupSummary>;

export const ZWeeklyRollup = ZWeeklyRollupSummary.extend({ tasks: z.array(ZRollupTask) });
export type TWeeklyRollup = z.infer<typeof ZWeeklyRollup>;

export const ZRollupGenerate = z
  .object({
    week: zWeek.optional(),
    /** Only this unit's subtree; the caller's whole scope when absent. */
    unitId: zId.optional(),
  })
  .strict();

export const ZRollupGenerated = z.object({
  week: z.string(),
  /** Drafts written (new or replaced). */
  generated: z.number().int(),
  /** Confirmed roll-ups left as they were. */
  kept: z.number().int(),
});

export const ZRollupConfirm = z.object({ annotation: zText(1000).nullish() }).strict();

/** The weekly report: the confirmed roll-ups of a week, for a unit's subtree or the county. */
export const ZWeeklyReport = z.object({
  week: z.string(),
  from: z.string(),
  to: z.string(),
  unitId: zId.nullable(),
  unitName: z.string().nullable(),
  totals: z.object({
    units: z.number().int(),
    confirmed: z.number().int(),
    tasks: z.number().int(),
    updated: z.number().int(),
    closed: z.number().int(),
    milestonesMet: z.number().int(),
    milestonesMissed: z.number().int(),
    blockers: z.number().int(),
  }),
  /** Confirmed roll-ups with their tasks. */
  rollups: z.array(ZWeeklyRollup),
  /** Units whose roll-up awaits confirmation. */
  pending: z.array(z.object({ id: zId, unitId: zId, unitName: z.string() })),
});
export type TWeeklyReport = z.infer<typeof ZWeeklyReport>;

/** The burden meter: what the platform asked of a unit or a person in a week. */
export const ZBurdenRow = z.object({
  id: zId,
  name: z.string(),
  /** People in the row (1 for a person). */
  people: z.number().int(),
  entriesAsked: z.number().int(),
  fieldsAsked: z.number().int(),
  entriesMade: z.number().int(),
  fieldsFilled: z.number().int(),
  secondsOpen: z.number().int(),
});
export type TBurdenRow = z.infer<typeof ZBurdenRow>;

export const ZBurden = z.object({
  week: z.string(),
  unitId: zId.nullable(),
  /** Per unit (the county, or a unit's sub-units) */
  units: z.array(ZBurdenRow),
  /** Per person, when a unit is chosen. */
  people: z.array(ZBurdenRow),
});
export type TBurden = z.infer<typeof ZBurden>;

/**
 * A unit's week from its tasks' weeks: counts, the largest steps forward and milestones met as highlights, and
 * the blockers reported.
 */
export function summarizeRollup(tasks: TRollupTask[]): TRollupSummary {
  const highlights: TRollupLine[] = [];
  for (const t of [...tasks].sort((a, b) => b.progressEnd - b.progressStart - (a.progressEnd - a.progressStart))) {
    const delta = t.progressEnd - t.progressStart;
    if (delta <= 0 && t.milestonesMet.length === 0) continue;
    const parts = [
      ...(delta > 0 ? [`${t.progressStart}% → ${t.progressEnd}%`] : []),
      ...t.milestonesMet.map((m) => `✓ ${m.title}`),
    ];
    highlights.push({ taskId: t.taskId, title: t.title, text: parts.join('；') });
    if (highlights.length === ROLLUP_HIGHLIGHTS) break;
  }
  const blockerLines = tasks
    .flatMap((t) => t.blockers.map((text) => ({ taskId: t.taskId, title: t.title, text })))
    .slice(0, ROLLUP_HIGHLIGHTS);
  return {
    tasks: tasks.length,
    updated: tasks.filter((t) => t.checkIns > 0).length,
    notUpdated: tasks.filter((t) => t.checkIns === 0 && t.state !== 'closed' && t.state !== 'cancelled').length,
    closed: tasks.filter((t) => t.state === 'closed').length,
    milestonesMet: tasks.reduce((s, t) => s + t.milestonesMet.length, 0),
    milestonesMissed: tasks.reduce((s, t) => s + t.milestonesMissed.length, 0),
    blockers: tasks.filter((t) => t.blockers.length > 0).length,
    highlights,
    blockerLines,
  };
}
