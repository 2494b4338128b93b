import type {
  TActual,
  TAllocation,
  TPaceFigures,
  TPaceLight,
  TTarget,
  TTargetAccumulation,
  TTargetDirection,
  TTargetKind,
  TTargetSummary,
} from '@duban/domain';
import type {
  TActualListRow,
  TAllocationRecord,
  TAllocationRow,
  TAllocationStats,
  TTargetRow,
} from './targets.repo.ts';

/** Figures with two decimals, as kept (sums of decimals in floating point drift by a hair). */
export const roundFigure = (x: number) => Math.round(x * 100) / 100;

/** The kept pace figures of a target or an allocation. */
export const presentPace = (row: TAllocationRecord | TTargetRow['target']): TPaceFigures => ({
  actual: row.actual,
  paceMonth: row.paceMonth,
  doneShare: row.doneShare,
  expectedShare: row.expectedShare,
  behind: row.behind,
  light: row.light as TPaceLight,
  lightSince: row.lightSince?.toISOString() ?? null,
});

/** The caller's unit's allocation as lists lead with it. */
export const presentOwnAllocation = (row: TAllocationRow | undefined): TTargetSummary['own'] =>
  row
    ? {
        unit: { id: row.allocation.unitId, name: row.unitName },
        amount: row.allocation.amount,
        pace: presentPace(row.allocation),
      }
    : null;

/** A target as lists show it, with its allocations' figures and the caller's unit's own allocation. */
export function presentTargetSummary(
  row: TTargetRow,
  stats: TAllocationStats | undefined,
  own: TAllocationRow | undefined,
): TTargetSummary {
  const t = row.target;
  return {
    id: t.id,
    year: t.year,
    name: t.name,
    measure: t.measure,
    kind: t.kind as TTargetKind,
    direction: t.direction as TTargetDirection,
    accumulation: t.accumulation as TTargetAccumulation,
    total: t.total,
    monthlyPlan: t.monthlyPlan ?? null,
    unit: { id: t.unitId, name: row.unitName },
    reportingUnit: t.reportingUnitId ? { id: t.reportingUnitId, name: row.reportingUnitName ?? '' } : null,
    note: t.note,
    allocated: roundFigure(stats?.allocated ?? 0),
    allocationCount: stats?.count ?? 0,
    pace: presentPace(t),
    allocationLights: { green: stats?.green ?? 0, yellow: stats?.yellow ?? 0, red: stats?.red ?? 0 },
    own: presentOwnAllocation(own),
    version: t.version,
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The allocation figures of one target, from its allocations as read. */
export function statsOf(allocations: readonly TAllocationRow[]): TAllocationStats {
  const stats: TAllocationStats = { allocated: 0, count: allocations.length, green: 0, yellow: 0, red: 0 };
  for (const { allocation } of allocations) {
    stats.allocated += allocation.amount;
    const light = allocation.light as TPaceLight;
    stats[light] += 1;
  }
  stats.allocated = roundFigure(stats.allocated);
  return stats;
}

/** One unit's allocation with its kept figures. */
export const presentAllocation = (row: TAllocationRow, canReport: boolean): TAllocation => ({
  id: row.allocation.id,
  targetId: row.allocation.targetId,
  unit: { id: row.allocation.unitId, name: row.unitName, category: row.unitCategory },
  amount: row.allocation.amount,
  pace: presentPace(row.allocation),
  lastMonth: row.allocation.lastMonth,
  canReport,
});

/** The whole target: summary, allocations, what the allocations leave unassigned, the county's months. */
export function presentTarget(
  row: TTargetRow,
  allocationRows: readonly TAllocationRow[],
  allocations: TAllocation[],
  stats: TAllocationStats,
  months: TTarget['months'],
  can: TTarget['can'],
  ownUnitId: string,
): TTarget {
  const own = allocationRows.find((r) => r.allocation.unitId === ownUnitId);
  const summary = presentTargetSummary(row, stats, own);
  return {
    ...summary,
    allocations,
    difference: roundFigure(summary.total - summary.allocated),
    months,
    can,
  };
}

/** A reported figure. */
export const presentActual = (row: TActualListRow, targetUnitId: string): TActual => ({
  id: row.actual.id,
  targetId: row.actual.targetId,
  unit: { id: row.actual.unitId, name: row.unitName },
  month: row.actual.month,
  value: row.actual.value,
  note: row.actual.note,
  reportedBy: { id: row.actual.reportedBy, name: row.reporterName },
  reportedAt: row.actual.reportedAt.toISOString(),
  isCounty: row.actual.unitId === targetUnitId,
});
