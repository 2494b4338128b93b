import { z } from 'zod';
import { zId, zText } from './org.ts';
import { localDay } from './weeks.ts';

/**
 * Yearly targets (年度目标), their allocation to units (目标分解), the monthly actuals (实绩) and the pace rule
 * "half the time, half the work" (时间过半、任务过半), DESIGN.md §2 "Targets".
 */

/** Higher is better (new market entities) or lower is better (a cap on energy use, accidents). */
export const TARGET_DIRECTIONS = ['higher', 'lower'] as const;
export type TTargetDirection = (typeof TARGET_DIRECTIONS)[number];

/**
 * How an actual is reported: `cumulative` — the year-to-date figure at the month's end (1–N月累计, the
 * statistics department's way); `monthly` — that month's own figure, added up by the platform.
 */
export const TARGET_ACCUMULATIONS = ['cumulative', 'monthly'] as const;
export type TTargetAccumulation = (typeof TARGET_ACCUMULATIONS)[number];

/**
 * What kind of number the measure is: `count` — whole things (户, 家, 个), never negative, whole numbers;
 * `amount` — money or quantities (亿元, 吨), never negative, two decimals; `rate` — a percentage or index, may be
 * negative (a growth rate), two decimals.
 */
export const TARGET_KINDS = ['count', 'amount', 'rate'] as const;
export type TTargetKind = (typeof TARGET_KINDS)[number];

/** A target's pace light. A target has no "done": it runs to the year's end. */
export const PACE_LIGHTS = ['green', 'yellow', 'red'] as const;
export type TPaceLight = (typeof PACE_LIGHTS)[number];

/** DESIGN.md §2: share done ≥ share of the period gone → green; within this many points behind → yellow; further → red. */
export const PACE_YELLOW_POINTS = 10;

/** Months in a target's year. */
export const MONTHS_IN_YEAR = 12;

/** Share values are percentages with one decimal. */
const roundShare = (x: number) => Math.round(x * 10) / 10;

/**
 * How many whole months of the year are gone on a Shanghai day: 0 in January of the year (nothing is due yet), 6 in
 * July, 11 in December, 12 from the next year on; 0 for a year still to come.
 */
export function monthsGone(year: number, day: string): number {
  const y = Number(day.slice(0, 4));
  const m = Number(day.slice(5, 7));
  if (y < year) return 0;
  if (y > year) return MONTHS_IN_YEAR;
  return m - 1;
}

/** The latest month an actual may be reported for on this day: the current month of the year, 12 after it, 0 before. */
export function latestReportableMonth(year: number, day: string): number {
  const y = Number(day.slice(0, 4));
  if (y < year) return 0;
  if (y > year) return MONTHS_IN_YEAR;
  return Number(day.slice(5, 7));
}

/**
 * The month the pace is measured at: whole months gone, or the latest month already reported if later (a unit that
 * reports the current month is measured against the current month too). 0–12.
 */
export function paceMonth(year: number, day: string, latestReported: number | null): number {
  return Math.min(MONTHS_IN_YEAR, Math.max(monthsGone(year, day), latestReported ?? 0));
}

/**
 * The share of the target that should be done by the end of a month (0–12), in percent: month / 12, or from the
 * monthly plan (cumulative planned figures by month end) when there is one.
 */
export function expectedShare(month: number, total: number, monthlyPlan: readonly number[] | null): number {
  if (month <= 0) return 0;
  if (monthlyPlan && monthlyPlan.length === MONTHS_IN_YEAR && total > 0) {
    return roundShare(((monthlyPlan[month - 1] ?? 0) / total) * 100);
  }
  return roundShare((Math.min(month, MONTHS_IN_YEAR) / MONTHS_IN_YEAR) * 100);
}

/** One month's reported figure. */
export interface TMonthValue {
  month: number;
  value: number;
}

/**
 * The figure to date at a month: for `cumulative` the latest reported figure up to that month, for `monthly` the sum
 * of the months up to it; null when nothing is reported up to it.
 */
export function actualToDate(
  accumulation: TTargetAccumulation,
  values: readonly TMonthValue[],
  upToMonth: number,
): number | null {
  const upTo = values.filter((v) => v.month <= upToMonth);
  if (upTo.length === 0) return null;
  if (accumulation === 'monthly') return Math.round(upTo.reduce((s, v) => s + v.value, 0) * 100) / 100;
  return upTo.reduce((latest, v) => (v.month > latest.month ? v : latest)).value;
}

/**
 * The county's figures by month added up from its units' reports, for when the county's own figure is not reported:
 * for `monthly` each month's reports summed (months nobody reported are left out); for `cumulative` each unit's
 * latest figure up to the month summed (a unit that has not yet reported a month counts with its previous figure),
 * from the first month anyone reported to the latest.
 */
export function sumUnitFigures(
  accumulation: TTargetAccumulation,
  units: readonly (readonly TMonthValue[])[],
): TMonthValue[] {
  const sums = new Map<number, number>();
  if (accumulation === 'monthly') {
    for (const u of units) for (const v of u) sums.set(v.month, (sums.get(v.month) ?? 0) + v.value);
  } else {
    const months = units.flatMap((u) => u.map((v) => v.month));
    const first = Math.min(...months);
    const last = Math.max(...months);
    for (const u of units) {
      const byMonth = new Map(u.map((v) => [v.month, v.value]));
      let latest: number | null = null;
      for (let month = first; month <= last; month++) {
        latest = byMonth.get(month) ?? latest;
        if (latest !== null) sums.set(month, (sums.get(month) ?? 0) + latest);
      }
    }
  }
  return [...sums].sort(([a], [b]) => a - b).map(([month, value]) => ({ month, value: Math.round(value * 100) / 100 }));
}

/**
 * The month through which every unit has reported — how far a sum of the units' figures is complete — or null when
 * some unit has reported nothing (or there are no units).
 */
export function completeMonth(units: readonly (readonly TMonthValue[])[]): number | null {
  let complete: number | null = null;
  for (const u of units) {
    if (u.length === 0) return null;
    const latest = Math.max(...u.map((v) => v.month));
    complete = complete === null ? latest : Math.min(complete, latest);
  }
  return complete;
}

export interface TPaceInput {
  direction: TTargetDirection;
  /** The yearly figure (the county total, or a unit's allocation); above zero. */
  total: number;
  /** The figure to date, or null when nothing is reported. */
  actual: number | null;
  /** The share that should be done (or, lower-is-better, may be used) by now, in percent. */
  expected: number;
}

export interface TPace {
  light: TPaceLight;
  /** actual / total, in percent, one decimal (0 when nothing is reported). */
  doneShare: number;
  expected: number;
  /** Points behind pace: expected − done (higher is better) or done − expected (lower is better); ≤ 0 is on pace. */
  behind: number;
}

/** "Half the time, half the work": the pace light of a figure against its yearly total. */
export function computePace(input: TPaceInput, yellowPoints = PACE_YELLOW_POINTS): TPace {
  const doneShare = input.total > 0 ? roundShare(((input.actual ?? 0) / input.total) * 100) : 0;
  const behind = roundShare(input.direction === 'higher' ? input.expected - doneShare : doneShare - input.expected);
  const light: TPaceLight = behind <= 0 ? 'green' : behind <= yellowPoints ? 'yellow' : 'red';
  return { light, doneShare, expected: input.expected, behind };
}

/** The worst of pace lights (red over yellow over green), or null for none. */
export function worstPaceLight(lights: readonly (TPaceLight | null)[]): TPaceLight | null {
  let worst: TPaceLight | null = null;
  for (const l of lights) {
    if (l === 'red') return 'red';
    if (l === 'yellow' || (l === 'green' && worst === null)) worst = l;
  }
  return worst;
}

/** The Shanghai day now, for the pace of a target. */
export const paceDay = (at: Date = new Date()) => localDay(at);

/** A value valid for the kind: whole and ≥ 0 for counts, ≥ 0 for amounts, anything for rates; or the reason. */
export function valueProblem(kind: TTargetKind, value: number): string | null {
  if (!Number.isFinite(value)) return 'must be a number';
  if (kind === 'count' && !Number.isInteger(value)) return 'must be a whole number for a count';
  if (kind !== 'rate' && value < 0) return `must not be negative for ${kind === 'count' ? 'a count' : 'an amount'}`;
  if (Math.abs(value) >= 1e13) return 'is too large';
  if (Math.abs(value * 100 - Math.round(value * 100)) > 1e-6) return 'has more than two decimals';
  return null;
}

// --- API shapes ---

const zFigure = z.number().finite();
const zYear = z.coerce.number().int().min(2000).max(2100);
const zMonth = z.number().int();

export const ZTargetQuery = z.object({ year: zYear.optional() });

/** A target's kept figures: what the pace rule last computed, read by the list, the cockpit and assessments. */
export const ZPaceFigures = z.object({
  /** The figure to date, or null when nothing is reported. */
  actual: zFigure.nullable(),
  /** The month the pace is measured at (0–12). */
  paceMonth: z.number().int(),
  doneShare: z.number(),
  expectedShare: z.number(),
  behind: z.number(),
  light: z.enum(PACE_LIGHTS),
  /** When the light last changed. */
  lightSince: z.string().nullable(),
});
export type TPaceFigures = z.infer<typeof ZPaceFigures>;

export const ZTargetSummary = z.object({
  id: zId,
  year: z.number().int(),
  name: z.string(),
  /** The measure's unit as written: 户, 家, 亿元, %. */
  measure: z.string(),
  kind: z.enum(TARGET_KINDS),
  direction: z.enum(TARGET_DIRECTIONS),
  accumulation: z.enum(TARGET_ACCUMULATIONS),
  total: zFigure,
  /** Cumulative planned figures by month end (12), or null: the pace then runs month / 12. */
  monthlyPlan: z.array(zFigure).nullable(),
  /** The unit whose target it is (the county for the county's targets). */
  unit: z.object({ id: zId, name: z.string() }),
  /** The unit that reports every unit's actuals (the statistics department), or null: each unit reports its own. */
  reportingUnit: z.object({ id: zId, name: z.string() }).nullable(),
  note: z.string().nullable(),
  /** Sum of the allocations, and how many units have one. */
  allocated: zFigure,
  allocationCount: z.number().int(),
  pace: ZPaceFigures,
  /** Allocations per pace light. */
  allocationLights: z.object({ green: z.number().int(), yellow: z.number().int(), red: z.number().int() }),
  /**
   * The caller's own unit's allocation of this target, with its pace and light, or null when their unit has none:
   * what a township's or department's staff see first, the county's figures after.
   */
  own: z.object({ unit: z.object({ id: zId, name: z.string() }), amount: zFigure, pace: ZPaceFigures }).nullable(),
  /** The edit count: its ETag is `"<version>"`, to send back as If-Match. */
  version: z.number().int(),
  updatedAt: z.string(),
});
export type TTargetSummary = z.infer<typeof ZTargetSummary>;

export const ZTargetList = z.object({
  year: z.number().int(),
  items: z.array(ZTargetSummary),
  /** The caller may create targets (a leader or supervisor). */
  canCreate: z.boolean(),
});
export type TTargetList = z.infer<typeof ZTargetList>;

export const ZAllocation = z.object({
  id: zId,
  targetId: zId,
  unit: z.object({ id: zId, name: z.string(), category: z.string() }),
  amount: zFigure,
  pace: ZPaceFigures,
  /** The latest month reported for this unit, or null. */
  lastMonth: z.number().int().nullable(),
  /** The caller may report this unit's actuals. */
  canReport: z.boolean(),
});
export type TAllocation = z.infer<typeof ZAllocation>;

export const ZTarget = ZTargetSummary.extend({
  allocations: z.array(ZAllocation),
  /** total − allocated: what the allocations leave unassigned (negative when they exceed the total). */
  difference: zFigure,
  /** The county's own figures by month (the reporting unit's, or the sum of the units'). */
  months: z.array(z.object({ month: z.number().int(), actual: zFigure.nullable() })),
  can: z.object({ edit: z.boolean(), allocate: z.boolean(), reportCounty: z.boolean() }),
});
export type TTarget = z.infer<typeof ZTarget>;

const zMonthlyPlan = z.array(zFigure).length(MONTHS_IN_YEAR);

export const ZCreateTarget = z
  .object({
    year: z.number().int().min(2000).max(2100),
    name: zText(100),
    measure: zText(10),
    kind: z.enum(TARGET_KINDS),
    direction: z.enum(TARGET_DIRECTIONS).default('higher'),
    accumulation: z.enum(TARGET_ACCUMULATIONS).default('cumulative'),
    total: zFigure.positive(),
    monthlyPlan: zMonthlyPlan.nullish(),
    /** Default: the top unit the caller oversees. */
    unitId: zId.optional(),
    reportingUnitId: zId.nullish(),
    note: zText(500).nullish(),
  })
  .strict();
export type TCreateTarget = z.infer<typeof ZCreateTarget>;

export const ZUpdateTarget = z
  .object({
    name: zText(100),
    measure: zText(10),
    kind: z.enum(TARGET_KINDS),
    direction: z.enum(TARGET_DIRECTIONS),
    accumulation: z.enum(TARGET_ACCUMULATIONS),
    total: zFigure.positive(),
    monthlyPlan: zMonthlyPlan.nullable(),
    reportingUnitId: zId.nullable(),
    note: zText(500).nullable(),
  })
  .partial()
  .strict();
export type TUpdateTarget = z.infer<typeof ZUpdateTarget>;

/** Replaces a target's allocations whole: units left out lose theirs (and their actuals stay on record). */
export const ZSetAllocations = z
  .object({
    allocations: z.array(z.object({ unitId: zId, amount: zFigure.positive() }).strict()).max(2000),
  })
  .strict();
export type TSetAllocations = z.infer<typeof ZSetAllocations>;

export const ZActual = z.object({
  id: zId,
  targetId: zId,
  unit: z.object({ id: zId, name: z.string() }),
  month: z.number().int(),
  value: zFigure,
  note: z.string().nullable(),
  reportedBy: z.object({ id: zId, name: z.string() }),
  reportedAt: z.string(),
  /** True for the county's own figure (the target's unit, reported by the statistics department). */
  isCounty: z.boolean(),
});
export type TActual = z.infer<typeof ZActual>;

export const ZActualQuery = z.object({ unitId: zId.optional() });

export const ZActualList = z.object({ items: z.array(ZActual) });

/** One row, once: a unit's figure for a month. Reporting the same month again corrects it (the audit keeps both). */
export const ZReportActual = z
  .object({
    /** The allocated unit, or the target's own unit for the county figure. */
    unitId: zId,
    month: zMonth,
    value: zFigure,
    note: zText(200).nullish(),
  })
  .strict();
export type TReportActual = z.infer<typeof ZReportActual>;

export const ZReportedActual = z.object({ actual: ZActual, target: ZTarget });

export const ZActualTemplateQuery = z.object({ year: zYear.optional() });

export const ZActualImportResult = z.object({
  /** Rows written (new or corrected); rows equal to what is on record are left alone. */
  imported: z.number().int(),
  unchanged: z.number().int(),
  targets: z.number().int(),
});
export type TActualImportResult = z.infer<typeof ZActualImportResult>;

export const ZTargetLightQuery = z.object({ unitId: zId.optional() });

export const ZTargetLightEntry = z.object({
  id: z.number().int(),
  light: z.enum(PACE_LIGHTS),
  previous: z.enum(PACE_LIGHTS).nullable(),
  /** The figures the light came from: actual, total, paceMonth, doneShare, expectedShare, behind. */
  facts: z.record(z.string(), z.unknown()),
  /** The thresholds in force: yellowPoints. */
  thresholds: z.record(z.string(), z.unknown()),
  /** What moved it: an actual, a change to the target, the morning sweep. */
  cause: z.string(),
  at: z.string(),
});

export const ZTargetLightHistory = z.object({
  light: z.enum(PACE_LIGHTS),
  lightSince: z.string().nullable(),
  items: z.array(ZTargetLightEntry),
});
export type TTargetLightHistory = z.infer<typeof ZTargetLightHistory>;
