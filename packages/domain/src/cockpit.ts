import { z } from 'zod';
import { LIGHTS, ZLightCounts } from './lights.ts';
import { zId } from './org.ts';
import { PACE_LIGHTS, TARGET_DIRECTIONS } from './targets.ts';

/**
 * The cockpit (数据驾驶舱): what leaders look at first — targets against pace, lights by unit category and by tag,
 * open escalations, the units with most red, this week's roll-up highlights, recent instructions. Every figure
 * names the records it counts, so the page can click through to them.
 */

/** How many of each list the cockpit shows: the most concerning first. */
export const COCKPIT_TAGS = 20;
export const COCKPIT_MOST_RED = 10;
export const COCKPIT_HIGHLIGHTS = 10;
export const COCKPIT_INSTRUCTIONS = 8;
/** Instructions older than this many days are no longer "recent". */
export const COCKPIT_INSTRUCTION_DAYS = 365;
/** A reminder counts as waiting on its owner for this many days after it is sent. */
export const COCKPIT_REMINDER_DAYS = 7;

export const ZCockpitQuery = z.object({
  year: z.coerce.number().int().min(2000).max(2100).optional(),
  /** The unit whose scope the page shows (default: the top unit the caller oversees). */
  unitId: zId.optional(),
});
export type TCockpitQuery = z.infer<typeof ZCockpitQuery>;

/** A target as the cockpit shows it: the county's figures, or — for a unit's page — that unit's allocation. */
export const ZCockpitTarget = z.object({
  targetId: zId,
  name: z.string(),
  measure: z.string(),
  direction: z.enum(TARGET_DIRECTIONS),
  /** The yearly figure: the county total, or the unit's allocation. */
  total: z.number(),
  actual: z.number().nullable(),
  paceMonth: z.number().int(),
  doneShare: z.number(),
  expectedShare: z.number(),
  light: z.enum(PACE_LIGHTS),
  /** Points behind pace (≤ 0: on pace), as the pace rule computed it. */
  behind: z.number().optional(),
  /** On a unit's page, the unit's allocation this row shows; null for a target's own (county) figures. */
  allocationId: zId.nullable().optional(),
  /** Allocations per light (a target's own figures; zeros for an allocation), to click through to the units behind. */
  allocationLights: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
});
export type TCockpitTarget = z.infer<typeof ZCockpitTarget>;

export const ZCockpitLightGroup = z.object({
  /** The unit category (township, department…) or the tag. */
  key: z.string(),
  counts: ZLightCounts,
  light: z.enum(LIGHTS).nullable(),
});
export type TCockpitLightGroup = z.infer<typeof ZCockpitLightGroup>;

export const ZCockpitUnitRed = z.object({
  unitId: zId,
  unitName: z.string(),
  category: z.string(),
  red: z.number().int(),
  yellow: z.number().int(),
});

export const ZCockpitHighlight = z.object({
  rollupId: zId,
  unitId: zId,
  unitName: z.string(),
  taskId: zId,
  title: z.string(),
  text: z.string(),
});

export const ZCockpitInstruction = z.object({
  id: zId,
  taskId: zId,
  taskTitle: z.string(),
  authorName: z.string(),
  text: z.string(),
  at: z.string(),
});

export const ZCockpit = z.object({
  year: z.number().int(),
  /** The Shanghai day the figures are for. */
  day: z.string(),
  /** When the answer was computed (the wall display shows it). */
  generatedAt: z.string(),
  unit: z.object({ id: zId, name: z.string(), isTop: z.boolean() }),
  /**
   * The county's page: the year's targets with their kept county figures; a unit's page: the unit's own targets and
   * its allocations with their kept figures. Furthest behind first (red, yellow, green, then points behind).
   */
  targets: z.array(ZCockpitTarget),
  /** The rows of `targets` per pace light. */
  targetLights: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
  /** The tasks led in the page's unit and its subtree, per light (from the kept counts). */
  lights: ZLightCounts,
  /** The same per unit category: each child unit's whole subtree under the child's category, the unit's own tasks
   * under its own; in the categories' order, empty ones left out. */
  byCategory: z.array(ZCockpitLightGroup),
  /** The same per tag: reds first, then yellows, then the most tasks; the first COCKPIT_TAGS. */
  byTag: z.array(ZCockpitLightGroup),
  /** The escalation ladder's steps on the tasks led in the page's units, from the kept counts. */
  escalations: z.object({
    /**
     * Steps still waiting on someone: urge and supervision notices awaiting their answer and admonitions awaiting
     * their outcome (state open, as the supervision desk lists them), and the reminders of the last
     * COCKPIT_REMINDER_DAYS days (a reminder asks its owner to act and takes no answer).
     */
    open: z.number().int(),
    /** Open notices past their answer date (isAnswerOverdue). */
    overdue: z.number().int(),
    /** The same per rung of the ladder (they add up to `open`). */
    byStep: z.object({
      remind: z.number().int(),
      urge: z.number().int(),
      supervisionNotice: z.number().int(),
      admonish: z.number().int(),
    }),
  }),
  /** The tasks the page's unit leads itself (not its child units'), per light: its own work, shown first. */
  own: ZLightCounts,
  /** The child units with most red (then yellow) tasks in their subtree; the first COCKPIT_MOST_RED. */
  mostRed: z.array(ZCockpitUnitRed),
  /**
   * The latest week with a roll-up of a unit in the subtree, and its highlights: each unit's biggest step first, then
   * the next ones, confirmed roll-ups before drafts, in unit order; the first COCKPIT_HIGHLIGHTS.
   */
  rollups: z.object({ week: z.string().nullable(), items: z.array(ZCockpitHighlight) }),
  /** The newest leaders' instructions (批示) of the last COCKPIT_INSTRUCTION_DAYS days on tasks led in the page's units. */
  instructions: z.array(ZCockpitInstruction),
});
export type TCockpit = z.infer<typeof ZCockpit>;
