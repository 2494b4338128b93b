import {
  localDay,
  type TActual,
  type TAllocation,
  type TMonthValue,
  type TPaceLight,
  type TTarget,
  type TTargetLightHistory,
  type TTargetList,
} from '@duban/domain';
import type { TActor } from '../../platform/access/access.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TQueryable } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { countyValues, groupBy, monthsOf } from './targets.pace.ts';
import {
  allocationReach,
  canCreateTargets,
  canReportUnit,
  canSeeTarget,
  requireVisibleTarget,
  type TTargetAccessFacts,
  targetCan,
  visibleTargetsCondition,
} from './targets.policy.ts';
import { presentActual, presentAllocation, presentTarget, presentTargetSummary, statsOf } from './targets.presenter.ts';
import * as repo from './targets.repo.ts';

/** A target the actor sees, with what the policy knows of it. */
export interface TLoadedTarget {
  row: repo.TTargetRow;
  facts: TTargetAccessFacts;
}

/** Loads a target the actor may see (else 404), locked for update inside a write when asked. */
export async function loadTarget(
  db: TQueryable,
  actor: TActor,
  id: string,
  opts: { lock?: boolean } = {},
): Promise<TLoadedTarget> {
  const row = await repo.findTarget(db, id, opts.lock === true);
  if (!row) throw notFound('target');
  const facts: TTargetAccessFacts = {
    unitPath: row.unitPath,
    reportingUnitPath: row.reportingUnitPath,
    hasAllocationInReach: false,
  };
  if (!canSeeTarget(actor, facts)) {
    // Only then ask whether an allocation brings it into sight.
    const reach = allocationReach(actor);
    facts.hasAllocationInReach = reach !== null && (await repo.hasAllocationIn(db, id, reach));
  }
  requireVisibleTarget(canSeeTarget(actor, facts));
  return { row, facts };
}

/** The year a query means: the one asked for, else the current one in Asia/Shanghai. */
export const yearOf = (year: number | undefined, at: Date) => year ?? Number(localDay(at).slice(0, 4));

/** The targets of a year the actor sees, by name, with their kept figures; canCreate for leaders and supervisors. */
export async function listTargets(
  db: TQueryable,
  actor: TActor,
  query: { year?: number },
  at = clockNow(),
): Promise<TTargetList> {
  const year = yearOf(query.year, at);
  const rows = await repo.listTargets(db, year, visibleTargetsCondition(actor));
  const ids = rows.map((r) => r.target.id);
  const [stats, own] = await Promise.all([repo.allocationStats(db, ids), repo.unitAllocations(db, ids, actor.unitId)]);
  const ownByTarget = new Map(own.map((r) => [r.allocation.targetId, r]));
  return {
    year,
    items: rows.map((r) => presentTargetSummary(r, stats.get(r.target.id), ownByTarget.get(r.target.id))),
    canCreate: canCreateTargets(actor),
  };
}

/** The allocations of a loaded target, each with whether the actor may report its actuals. */
async function allocationsOf(db: TQueryable, actor: TActor, loaded: TLoadedTarget) {
  const rows = await repo.listAllocations(db, loaded.row.target.id);
  const paths = new Map(rows.map((r) => [r.allocation.unitId, r.allocation.unitPath]));
  return {
    rows,
    paths,
    items: rows.map((r) => presentAllocation(r, canReportUnit(actor, loaded.facts, r.allocation.unitPath))),
  };
}

/** A loaded target as the target page shows it: allocations, what they leave unassigned, the county's months. */
export async function presentLoadedTarget(db: TQueryable, actor: TActor, loaded: TLoadedTarget): Promise<TTarget> {
  const t = loaded.row.target;
  const allocations = await allocationsOf(db, actor, loaded);
  const actuals = await repo.actualValues(db, [t.id]);
  const byUnit: Map<string, TMonthValue[]> = groupBy(actuals, (a) => a.unitId);
  const county = countyValues(
    { unitId: t.unitId, accumulation: t.accumulation as TTarget['accumulation'] },
    byUnit,
    allocations.rows.map((r) => r.allocation.unitId),
  );
  return presentTarget(
    loaded.row,
    allocations.rows,
    allocations.items,
    statsOf(allocations.rows),
    monthsOf(county.values),
    targetCan(actor, loaded.facts),
    actor.unitId,
  );
}

/** One target the actor sees (else 404). */
export async function getTarget(db: TQueryable, actor: TActor, id: string): Promise<TTarget> {
  return presentLoadedTarget(db, actor, await loadTarget(db, actor, id));
}

/** A target's allocations, in the units' order. */
export async function listTargetAllocations(db: TQueryable, actor: TActor, id: string): Promise<TAllocation[]> {
  return (await allocationsOf(db, actor, await loadTarget(db, actor, id))).items;
}

/** A target's actuals by month then unit, or one unit's; the county's own rows are marked. */
export async function listActuals(db: TQueryable, actor: TActor, id: string, unitId?: string): Promise<TActual[]> {
  const loaded = await loadTarget(db, actor, id);
  const rows = await repo.listActuals(db, id, { unitId });
  return rows.map((r) => presentActual(r, loaded.row.target.unitId));
}

const HISTORY_LIMIT = 200;

/**
 * Why a light is what it is: the county's light history (no unit, or the target's own unit) or one allocation's,
 * newest first. A unit without an allocation is 404.
 */
export async function getTargetLightHistory(
  db: TQueryable,
  actor: TActor,
  id: string,
  unitId?: string,
): Promise<TTargetLightHistory> {
  const { row } = await loadTarget(db, actor, id);
  const t = row.target;
  const allocation = unitId && unitId !== t.unitId ? await repo.findAllocation(db, id, unitId) : null;
  if (unitId && unitId !== t.unitId && !allocation) throw notFound('allocation');
  const kept = allocation ?? t;
  const history = await repo.listLightHistory(db, id, allocation?.id ?? null, HISTORY_LIMIT);
  return {
    light: kept.light as TPaceLight,
    lightSince: kept.lightSince?.toISOString() ?? null,
    items: history.map((h) => ({
      id: h.id,
      light: h.light as TPaceLight,
      previous: h.previous as TPaceLight | null,
      facts: h.facts as Record<string, unknown>,
      thresholds: h.thresholds as Record<string, unknown>,
      cause: h.cause,
      at: h.at.toISOString(),
    })),
  };
}
