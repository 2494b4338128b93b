import {
  actualToDate,
  completeMonth,
  computePace,
  expectedShare,
  localDay,
  MONTHS_IN_YEAR,
  monthsGone,
  PACE_YELLOW_POINTS,
  paceMonth,
  sumUnitFigures,
  type TMonthValue,
  type TPaceLight,
  type TTargetAccumulation,
  type TTargetDirection,
} from '@duban/domain';
import { sql } from 'drizzle-orm';
import { targetLightHistory } from '../../db/schema/index.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TQueryable, TTx } from '../../platform/db/client.ts';
import { actualValues, lockTargets } from './targets.repo.ts';

/**
 * The kept pace figures (DESIGN.md §2 "Targets"): computed from the actuals by the domain's pace rule and kept on the
 * target (the county's) and on each allocation (a unit's), so that lists, the cockpit and assessments read one row.
 * They are recomputed in the transaction of every change that moves them, and by the morning sweep as months roll
 * over; each change of light is kept in the light history with its figures and the threshold in force.
 */

/** The figures kept on a target or an allocation. */
export type TKeptFigures = {
  actual: number | null;
  /** The latest month the figure covers (the month fed to the pace rule as reported), or null. */
  lastMonth: number | null;
  paceMonth: number;
  doneShare: number;
  expectedShare: number;
  behind: number;
  light: TPaceLight;
};

/** What the pace of a target needs to know of it. */
export type TPaceTarget = {
  id: string;
  year: number;
  unitId: string;
  direction: TTargetDirection;
  accumulation: TTargetAccumulation;
  total: number;
  monthlyPlan: number[] | null;
};

/** A figure's pace on a day, against its yearly figure (the county total or the unit's allocation). */
export function figuresOf(
  target: TPaceTarget,
  yearly: number,
  values: readonly TMonthValue[],
  latest: number | null,
  day: string,
): TKeptFigures {
  const month = paceMonth(target.year, day, latest);
  const actual = actualToDate(target.accumulation, values, month);
  // The plan is the county's: a unit is expected to be as far through its share as the county through the total.
  const expected = expectedShare(month, target.total, target.monthlyPlan);
  const pace = computePace({ direction: target.direction, total: yearly, actual, expected });
  return {
    actual,
    lastMonth: latest,
    paceMonth: month,
    doneShare: pace.doneShare,
    expectedShare: pace.expected,
    behind: pace.behind,
    light: pace.light,
  };
}

const latestOf = (values: readonly TMonthValue[]) =>
  values.length === 0 ? null : Math.max(...values.map((v) => v.month));

/**
 * The county's own figures by month, and the month they are complete through: the target unit's rows when any is
 * reported (the statistics department's figure), else the allocated units' figures added up.
 */
export function countyValues(
  target: Pick<TPaceTarget, 'unitId' | 'accumulation'>,
  byUnit: ReadonlyMap<string, readonly TMonthValue[]>,
  allocatedUnitIds: readonly string[],
): { values: TMonthValue[]; latest: number | null } {
  const own = byUnit.get(target.unitId) ?? [];
  if (own.length > 0) return { values: [...own], latest: latestOf(own) };
  const perUnit = allocatedUnitIds.map((id) => byUnit.get(id) ?? []);
  return { values: sumUnitFigures(target.accumulation, perUnit), latest: completeMonth(perUnit) };
}

/** The county's figure for each month 1–12 (null where there is none), as the target page shows it. */
export function monthsOf(values: readonly TMonthValue[]): { month: number; actual: number | null }[] {
  const byMonth = new Map(values.map((v) => [v.month, v.value]));
  return Array.from({ length: MONTHS_IN_YEAR }, (_, i) => ({ month: i + 1, actual: byMonth.get(i + 1) ?? null }));
}

/** Kept figures as read back; lightSince as the database writes it (passed through untouched). */
type TKeptRow = TKeptFigures & { lightSince: string | null };

type TPaceTargetRow = TPaceTarget & TKeptRow;

type TPaceAllocationRow = TKeptRow & {
  id: string;
  targetId: string;
  unitId: string;
  amount: number;
};

const KEPT_COLUMNS = sql`actual::float8 as actual, last_month as "lastMonth", pace_month as "paceMonth",
  done_share as "doneShare", expected_share as "expectedShare", behind, light, light_since as "lightSince"`;

async function loadPaceTargets(db: TQueryable, ids: string[]) {
  const { rows } = await db.execute<TPaceTargetRow>(sql`
    select id, year, unit_id as "unitId", direction, accumulation, total::float8 as total,
      monthly_plan as "monthlyPlan", ${KEPT_COLUMNS}
    from targets where id = any(${sql.param(ids)}::uuid[])`);
  return rows;
}

async function loadPaceAllocations(db: TQueryable, targetIds: string[]) {
  const { rows } = await db.execute<TPaceAllocationRow>(sql`
    select id, target_id as "targetId", unit_id as "unitId", amount::float8 as amount, ${KEPT_COLUMNS}
    from target_allocations where target_id = any(${sql.param(targetIds)}::uuid[])`);
  return rows;
}

/** One row whose kept figures change, and whether its light does. */
interface TFigureChange {
  id: string;
  targetId: string;
  /** null for the county's figures (the target's own row). */
  allocationId: string | null;
  yearly: number;
  figures: TKeptFigures;
  lightSince: string | null;
  previous: TPaceLight | null;
  lightChanged: boolean;
}

const sameFigures = (a: TKeptFigures, b: TKeptFigures) =>
  a.actual === b.actual &&
  a.lastMonth === b.lastMonth &&
  a.paceMonth === b.paceMonth &&
  a.doneShare === b.doneShare &&
  a.expectedShare === b.expectedShare &&
  a.behind === b.behind &&
  a.light === b.light;

/** Compares computed figures with those kept: null when nothing changes. A row never lit gets its first light. */
function changeOf(
  kept: TKeptRow,
  figures: TKeptFigures,
  ids: { id: string; targetId: string; allocationId: string | null },
  yearly: number,
  at: Date,
): TFigureChange | null {
  const lit = kept.lightSince !== null;
  const lightChanged = !lit || kept.light !== figures.light;
  if (!lightChanged && sameFigures(kept, figures)) return null;
  return {
    ...ids,
    yearly,
    figures,
    lightSince: lightChanged ? at.toISOString() : kept.lightSince,
    previous: lit ? kept.light : null,
    lightChanged,
  };
}

/** Writes changed kept figures, one statement per table. */
async function writeFigures(db: TQueryable, table: 'targets' | 'target_allocations', changes: TFigureChange[]) {
  if (changes.length === 0) return;
  const col = <T>(f: (c: TFigureChange) => T) => sql.param(changes.map(f));
  await db.execute(sql`
    update ${sql.identifier(table)} t set actual = x.actual, last_month = x.last_month, pace_month = x.pace_month,
      done_share = x.done_share, expected_share = x.expected_share, behind = x.behind, light = x.light,
      light_since = x.light_since
    from unnest(${col((c) => c.id)}::uuid[], ${col((c) => c.figures.actual)}::numeric[],
      ${col((c) => c.figures.lastMonth)}::int[], ${col((c) => c.figures.paceMonth)}::int[],
      ${col((c) => c.figures.doneShare)}::real[], ${col((c) => c.figures.expectedShare)}::real[],
      ${col((c) => c.figures.behind)}::real[], ${col((c) => c.figures.light)}::text[],
      ${col((c) => c.lightSince)}::timestamptz[])
      as x(id, actual, last_month, pace_month, done_share, expected_share, behind, light, light_since)
    where t.id = x.id`);
}

/** Keeps each change of light in the light history, with its figures and the threshold in force: one statement. */
async function writeLightHistory(db: TQueryable, changes: TFigureChange[], cause: string, at: Date) {
  const lit = changes.filter((c) => c.lightChanged);
  if (lit.length === 0) return 0;
  const col = <T>(f: (c: TFigureChange) => T) => sql.param(lit.map(f));
  const facts = (c: TFigureChange) =>
    JSON.stringify({
      actual: c.figures.actual,
      total: c.yearly,
      lastMonth: c.figures.lastMonth,
      paceMonth: c.figures.paceMonth,
      doneShare: c.figures.doneShare,
      expectedShare: c.figures.expectedShare,
      behind: c.figures.behind,
    });
  await db.execute(sql`
    insert into ${targetLightHistory} (target_id, allocation_id, light, previous, facts, thresholds, cause, at)
    select x.target_id, x.allocation_id, x.light, x.previous, x.facts::jsonb,
      ${JSON.stringify({ yellowPoints: PACE_YELLOW_POINTS })}::jsonb, ${cause}, ${at}
    from unnest(${col((c) => c.targetId)}::uuid[], ${col((c) => c.allocationId)}::uuid[],
      ${col((c) => c.figures.light)}::text[], ${col((c) => c.previous)}::text[], ${col(facts)}::text[])
      as x(target_id, allocation_id, light, previous, facts)`);
  return lit.length;
}

/**
 * Recomputes the kept pace figures of these targets and all their allocations for the day of `now`, appending light
 * history on change. Locks the targets first (in id order), so that concurrent reports never keep a stale sum.
 * Reads every actual of the targets in one query and writes the changed rows in one statement per table.
 */
export async function relightTargets(
  tx: TTx,
  targetIds: string[],
  cause: string,
  now: Date = clockNow(),
): Promise<{ changed: number }> {
  const ids = [...new Set(targetIds)];
  if (ids.length === 0) return { changed: 0 };
  await lockTargets(tx, ids);
  const targetRows = await loadPaceTargets(tx, ids);
  const allocationRows = await loadPaceAllocations(tx, ids);
  const actuals = await actualValues(tx, ids);
  const day = localDay(now);
  const actualsOf = groupBy(actuals, (a) => a.targetId);
  const allocationsOf = groupBy(allocationRows, (a) => a.targetId);
  const targetChanges: TFigureChange[] = [];
  const allocationChanges: TFigureChange[] = [];
  for (const t of targetRows) {
    const own = actualsOf.get(t.id) ?? [];
    const allocations = allocationsOf.get(t.id) ?? [];
    const byUnit = groupBy(own, (a) => a.unitId);
    for (const a of allocations) {
      const values = byUnit.get(a.unitId) ?? [];
      const figures = figuresOf(t, a.amount, values, latestOf(values), day);
      const change = changeOf(a, figures, { id: a.id, targetId: t.id, allocationId: a.id }, a.amount, now);
      if (change) allocationChanges.push(change);
    }
    const county = countyValues(
      t,
      byUnit,
      allocations.map((a) => a.unitId),
    );
    const figures = figuresOf(t, t.total, county.values, county.latest, day);
    const change = changeOf(t, figures, { id: t.id, targetId: t.id, allocationId: null }, t.total, now);
    if (change) targetChanges.push(change);
  }
  await writeFigures(tx, 'targets', targetChanges);
  await writeFigures(tx, 'target_allocations', allocationChanges);
  const changed = await writeLightHistory(tx, [...targetChanges, ...allocationChanges], cause, now);
  return { changed };
}

/**
 * The morning sweep's share: relights this year's targets and last year's (whose last month ends with the year),
 * as months roll over with time alone.
 */
export async function relightCurrentTargets(tx: TTx, now: Date = clockNow(), cause = 'sweep') {
  const day = localDay(now);
  const year = Number(day.slice(0, 4));
  // Time alone moves a pace only when a month has gone by since it was computed: a target (or an allocation) whose
  // pace month is still at least the months gone keeps every figure, so the sweep leaves it alone.
  const gone = monthsGone(year, day);
  const { rows } = await tx.execute<{ id: string }>(sql`
    select t.id from targets t
    where (t.year = ${year} and (t.pace_month < ${gone}
        or exists (select 1 from target_allocations a where a.target_id = t.id and a.pace_month < ${gone})))
      or (t.year = ${year - 1} and (t.pace_month < 12
        or exists (select 1 from target_allocations a where a.target_id = t.id and a.pace_month < 12)))
    order by t.id`);
  const { changed } = await relightTargets(
    tx,
    rows.map((r) => r.id),
    cause,
    now,
  );
  return { targets: rows.length, changed };
}

/** Items grouped by a key, in their order. */
export function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const group = groups.get(k);
    if (group) group.push(item);
    else groups.set(k, [item]);
  }
  return groups;
}
