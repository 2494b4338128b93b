import { z } from 'zod';
import type { WorkingCalendar } from './calendar.ts';
import type { TTaskState } from './task-lifecycle.ts';
import type { TCadence, TMilestoneState } from './tasks.ts';
import { addDays, dayNumber, isoWeekOf, nextWeek, weekDays } from './weeks.ts';

/** 亮灯: green on track, yellow at risk, red overdue or stalled, done finished (GLOSSARY "light"). */
export const LIGHTS = ['green', 'yellow', 'red', 'done'] as const;
export type TLight = (typeof LIGHTS)[number];

/** How bad a light is, for "worst of": done < green < yellow < red. */
export const LIGHT_SEVERITY: Record<TLight, number> = { done: 0, green: 1, yellow: 2, red: 3 };

/** The rules that can light a task, each named so "why is this red?" has an answer. */
export const LIGHT_RULES = ['closed', 'pastDue', 'missedReports', 'behindPace', 'dueSoon', 'notAcknowledged'] as const;
export type TLightRule = (typeof LIGHT_RULES)[number];

const threshold = (max: number) => z.number().int().min(1).max(max);

/** The thresholds of DESIGN.md §2 "Light" and "Supervise", configurable per organisation. */
export const ZLightRules = z
  .object({
    /** Behind the expected pace by more than this many points → red. */
    redBehindPace: threshold(100),
    /** … by more than this → yellow. */
    yellowBehindPace: threshold(100),
    /** No update for this many reporting periods → red. */
    redMissedReports: threshold(60),
    /** … for this many → yellow. */
    yellowMissedReports: threshold(60),
    /** Due within this many working days … */
    dueSoonWorkingDays: threshold(60),
    /** … with progress below this → yellow. */
    dueSoonProgressBelow: threshold(100),
    /** Not acknowledged within this many working days of assignment → yellow. */
    acknowledgeWorkingDays: threshold(60),
    /** An urge notice (催办) is to be answered within this many working days, or the ladder climbs. */
    urgeAnswerWorkingDays: threshold(60),
    /** Red for this many days → supervision notice (督办单). */
    supervisionNoticeRedDays: threshold(365),
    /** Red for this many days → flagged for an admonition interview (约谈). */
    admonishRedDays: threshold(365),
  })
  .strict();
export type TLightRules = z.infer<typeof ZLightRules>;

/** Thresholds that contradict each other (yellow after red, a ladder that climbs down), or null: the first found. */
export function lightRulesConflict(rules: TLightRules): { field: keyof TLightRules; message: string } | null {
  const pairs: [keyof TLightRules, keyof TLightRules, string][] = [
    ['yellowBehindPace', 'redBehindPace', 'must be below redBehindPace: yellow comes before red'],
    ['yellowMissedReports', 'redMissedReports', 'must be below redMissedReports: yellow comes before red'],
    ['supervisionNoticeRedDays', 'admonishRedDays', 'must be below admonishRedDays: the ladder climbs'],
  ];
  for (const [smaller, larger, message] of pairs) {
    if (rules[smaller] >= rules[larger]) return { field: smaller, message };
  }
  return null;
}

export const DEFAULT_LIGHT_RULES: TLightRules = {
  redBehindPace: 30,
  yellowBehindPace: 15,
  redMissedReports: 3,
  yellowMissedReports: 2,
  dueSoonWorkingDays: 3,
  dueSoonProgressBelow: 80,
  acknowledgeWorkingDays: 2,
  urgeAnswerWorkingDays: 2,
  supervisionNoticeRedDays: 7,
  admonishRedDays: 30,
};

/** What a task's light is computed from. */
export interface TLightInput {
  state: TTaskState;
  cadence: TCadence;
  startDate: string;
  dueDate: string;
  progress: number;
  /** The Shanghai day the task was assigned, or null when it never was. */
  assignedOn: string | null;
  /** The day the task was last heard of: its latest check-in, or its acknowledgement. */
  lastReportOn: string | null;
  milestones: { dueDate: string; state: TMilestoneState }[];
  /** The Shanghai day the light is for. */
  today: string;
}

/** The figures a light was computed from: enough to explain it later. */
export interface TLightFacts {
  today: string;
  progress: number;
  /** Share of the working days from start to due date that have passed, × 100. */
  expectedPace: number | null;
  behindPace: number | null;
  missedReports: number | null;
  workingDaysToDue: number | null;
  workingDaysUnacknowledged: number | null;
}

export interface TLightResult {
  /** null: no light (a draft or a cancelled task). */
  light: TLight | null;
  /** The rules that gave the light its colour; empty for green. */
  rules: TLightRule[];
  facts: TLightFacts;
}

const ACTIVE: readonly TTaskState[] = ['acknowledged', 'inProgress'];

/**
 * Reporting periods that passed without an update since the task was last heard of, by cadence:
 * daily — working days; weekly — ISO weeks with a working day; milestone — milestone due dates.
 * The current period is still open and never counts.
 */
export function missedReports(
  calendar: WorkingCalendar,
  input: Pick<TLightInput, 'cadence' | 'lastReportOn' | 'milestones' | 'today'>,
): number {
  const { cadence, lastReportOn, today } = input;
  if (lastReportOn === null) return 0;
  switch (cadence) {
    case 'daily':
      return calendar.workingDaysBetween(lastReportOn, today);
    case 'weekly': {
      let missed = 0;
      const current = isoWeekOf(today);
      for (let week = nextWeek(isoWeekOf(lastReportOn)); week < current; week = nextWeek(week)) {
        const { first, last } = weekDays(week);
        if (calendar.countWorkingDays(first, addDays(last, 1)) > 0) missed += 1;
      }
      return missed;
    }
    case 'milestone':
      return input.milestones.filter((m) => m.dueDate > lastReportOn && m.dueDate < today).length;
  }
}

/** DESIGN.md §2 "Light", exactly: red over yellow over green; every rule that fired is named. */
export function computeLight(calendar: WorkingCalendar, rules: TLightRules, input: TLightInput): TLightResult {
  const { state, today, progress } = input;
  const facts: TLightFacts = {
    today,
    progress,
    expectedPace: null,
    behindPace: null,
    missedReports: null,
    workingDaysToDue: null,
    workingDaysUnacknowledged: null,
  };
  if (state === 'closed') return { light: 'done', rules: ['closed'], facts };
  if (state === 'draft' || state === 'cancelled') return { light: null, rules: [], facts };

  const red: TLightRule[] = [];
  const yellow: TLightRule[] = [];
  const pastDue = today > input.dueDate;
  if (pastDue) red.push('pastDue');

  const total = calendar.countWorkingDays(input.startDate, addDays(input.dueDate, 1));
  const passed = calendar.countWorkingDays(input.startDate, today);
  facts.expectedPace =
    total > 0
      ? Math.min(100, Math.round((passed / total) * 100))
      : dayNumber(today) > dayNumber(input.dueDate)
        ? 100
        : 0;

  if (state === 'assigned') {
    if (input.assignedOn !== null) {
      facts.workingDaysUnacknowledged = calendar.workingDaysBetween(input.assignedOn, today);
      if (facts.workingDaysUnacknowledged >= rules.acknowledgeWorkingDays) yellow.push('notAcknowledged');
    }
  } else if (ACTIVE.includes(state)) {
    facts.behindPace = facts.expectedPace - progress;
    if (facts.behindPace > rules.redBehindPace) red.push('behindPace');
    else if (facts.behindPace > rules.yellowBehindPace) yellow.push('behindPace');

    facts.missedReports = missedReports(calendar, input);
    if (facts.missedReports >= rules.redMissedReports) red.push('missedReports');
    else if (facts.missedReports >= rules.yellowMissedReports) yellow.push('missedReports');
  }

  if (!pastDue) {
    facts.workingDaysToDue = calendar.countWorkingDays(addDays(today, 1), addDays(input.dueDate, 1));
    if (facts.workingDaysToDue <= rules.dueSoonWorkingDays && progress < rules.dueSoonProgressBelow) {
      yellow.push('dueSoon');
    }
  }

  if (red.length > 0) return { light: 'red', rules: red, facts };
  if (yellow.length > 0) return { light: 'yellow', rules: yellow, facts };
  return { light: 'green', rules: [], facts };
}

/** A milestone's light: done once ticked, red past its due date, yellow when due soon, green otherwise. */
export function computeMilestoneLight(
  calendar: WorkingCalendar,
  rules: TLightRules,
  milestone: { dueDate: string; state: TMilestoneState },
  today: string,
): TLight {
  if (milestone.state === 'done') return 'done';
  if (today > milestone.dueDate) return 'red';
  const left = calendar.countWorkingDays(addDays(today, 1), addDays(milestone.dueDate, 1));
  return left <= rules.dueSoonWorkingDays ? 'yellow' : 'green';
}

/** The worst of several lights (a unit's light is the worst of its tasks'); null when there are none. */
export function worstLight(lights: Iterable<TLight | null>): TLight | null {
  let worst: TLight | null = null;
  for (const light of lights) {
    if (light !== null && (worst === null || LIGHT_SEVERITY[light] > LIGHT_SEVERITY[worst])) worst = light;
  }
  return worst;
}

export const ZLightCounts = z.object({
  green: z.number().int(),
  yellow: z.number().int(),
  red: z.number().int(),
  done: z.number().int(),
});
export type TLightCounts = z.infer<typeof ZLightCounts>;

/** How many tasks the counts hold, whatever their light. */
export const totalOfCounts = (counts: TLightCounts): number => counts.red + counts.yellow + counts.green + counts.done;

/** The worst open light among counts: done only when every task is done. */
export function lightOfCounts(counts: TLightCounts): TLight | null {
  if (counts.red > 0) return 'red';
  if (counts.yellow > 0) return 'yellow';
  if (counts.green > 0) return 'green';
  return counts.done > 0 ? 'done' : null;
}

export const ZLightHistoryEntry = z.object({
  id: z.number().int(),
  light: z.enum(LIGHTS).nullable(),
  previous: z.enum(LIGHTS).nullable(),
  rules: z.array(z.enum(LIGHT_RULES)),
  facts: z.object({
    today: z.string(),
    progress: z.number(),
    expectedPace: z.number().nullable(),
    behindPace: z.number().nullable(),
    missedReports: z.number().nullable(),
    workingDaysToDue: z.number().nullable(),
    workingDaysUnacknowledged: z.number().nullable(),
  }),
  /** The thresholds in force when the light was computed. */
  thresholds: ZLightRules,
  /** What moved it: a check-in, a change to the task, or the morning sweep. */
  cause: z.string(),
  at: z.string(),
});
export type TLightHistoryEntry = z.infer<typeof ZLightHistoryEntry>;

/** How the light board groups tasks: by unit (drilling down the tree), by tag (十件大事…), or by lead leader. */
export const LIGHT_GROUPINGS = ['unit', 'tag', 'leader'] as const;
export type TLightGrouping = (typeof LIGHT_GROUPINGS)[number];

export const ZLightQuery = z.object({
  by: z.enum(LIGHT_GROUPINGS).default('unit'),
  /** by=unit: the unit whose child units are the rows (default: the top of what the caller oversees). */
  unitId: z.uuid().optional(),
  /** by=unit: only child units of this category (乡镇, 县直部门…). */
  category: z.string().trim().max(30).optional(),
});
export type TLightQuery = z.infer<typeof ZLightQuery>;

export const ZLightRow = z.object({
  /** The unit, tag or leader; null for tasks without a lead leader. */
  key: z.string().nullable(),
  name: z.string(),
  /** by=unit: the unit's category, and whether it has child units to drill into. */
  category: z.string().nullable(),
  hasChildren: z.boolean(),
  light: z.enum(LIGHTS).nullable(),
  counts: ZLightCounts,
});
export type TLightRow = z.infer<typeof ZLightRow>;

export const ZLightBoard = z.object({
  by: z.enum(LIGHT_GROUPINGS),
  /** by=unit: the unit drilled into, with its ancestors for the breadcrumb. */
  unit: z.object({ id: z.uuid(), name: z.string() }).nullable(),
  trail: z.array(z.object({ id: z.uuid(), name: z.string() })),
  /** The drilled unit's own tasks (those it leads itself), apart from its child units'; null by tag or leader, or under a category filter of another category than the unit's. */
  own: ZLightCounts.nullable(),
  rows: z.array(ZLightRow),
  totals: ZLightCounts,
  light: z.enum(LIGHTS).nullable(),
});
export type TLightBoard = z.infer<typeof ZLightBoard>;

export const ZSweepResult = z.object({
  /** The Shanghai day the sweep computed lights for. */
  day: z.string(),
  tasks: z.number().int(),
  changed: z.number().int(),
  escalations: z.number().int(),
  ms: z.number().int(),
  /** Of which: the lights, and the escalation ladder. */
  lightsMs: z.number().int(),
  ladderMs: z.number().int(),
});
export type TSweepResult = z.infer<typeof ZSweepResult>;

/** A light worked out from the task's present facts: what "why is it this colour" explains. */
export const ZLightExplanation = ZLightHistoryEntry.pick({ light: true, rules: true, facts: true, thresholds: true });
export type TLightExplanation = z.infer<typeof ZLightExplanation>;

export const ZLightHistory = z.object({
  light: z.enum(LIGHTS).nullable(),
  lightSince: z.string().nullable(),
  /**
   * The light with its rules and figures as they are now (progress, last report, milestones, today's date), so
   * the explanation follows every check-in, progress update and milestone change, not only those that changed
   * the colour.
   */
  current: ZLightExplanation,
  /** Newest first: each change with the rules that fired, the figures and the thresholds in force. */
  items: z.array(ZLightHistoryEntry),
  /** Each milestone's light today. */
  milestones: z.array(z.object({ id: z.uuid(), light: z.enum(LIGHTS) })),
});
export type TLightHistory = z.infer<typeof ZLightHistory>;
