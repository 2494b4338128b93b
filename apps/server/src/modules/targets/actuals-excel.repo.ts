import type { TTargetAccumulation, TTargetKind } from '@duban/domain';
import { and, asc, eq, inArray, or, type SQL } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { targetAllocations, targets, units } from '../../db/schema/index.ts';
import { scopeCondition, type TScope } from '../../platform/access/access.ts';
import type { TQueryable } from '../../platform/db/client.ts';

/** A (target, unit) pair someone may report, with what the workbook shows beside it. */
export interface TReportableRow {
  targetId: string;
  targetName: string;
  measure: string;
  kind: TTargetKind;
  accumulation: TTargetAccumulation;
  unitId: string;
  unitName: string;
  /** The target's own unit: the county's figure. */
  isCounty: boolean;
  /** The allocation, or the target's total for the county row. */
  amount: number;
  lastMonth: number | null;
  toDate: number | null;
}

/** Who reports what: heads' and liaisons' units, and supervisors' units. */
export interface TReportScopes {
  reporter: TScope;
  supervisor: TScope;
}

const reportingUnits = alias(units, 'reporting_unit');

/**
 * The pairs of a year's targets the scopes may report, in one query each for allocations and county rows: an
 * allocation to a unit in the reporter's or supervisor's scope, every allocation and the county row of a target
 * whose reporting unit is in the reporter's scope, and the county row of a target whose unit a supervisor oversees.
 * Targets in name order; the county row first, then the units in the organisation's order.
 */
export async function listReportableRows(
  db: TQueryable,
  scopes: TReportScopes,
  year: number,
): Promise<TReportableRow[]> {
  const byReportingUnit = scopeCondition(scopes.reporter, reportingUnits.path);
  const [allocations, counties] = await Promise.all([
    db
      .select({
        targetId: targets.id,
        targetName: targets.name,
        measure: targets.measure,
        kind: targets.kind,
        accumulation: targets.accumulation,
        unitId: units.id,
        unitName: units.name,
        sortOrder: units.sortOrder,
        amount: targetAllocations.amount,
        lastMonth: targetAllocations.lastMonth,
        toDate: targetAllocations.actual,
      })
      .from(targetAllocations)
      .innerJoin(targets, eq(targets.id, targetAllocations.targetId))
      .innerJoin(units, eq(units.id, targetAllocations.unitId))
      .leftJoin(reportingUnits, eq(reportingUnits.id, targets.reportingUnitId))
      .where(
        and(
          eq(targets.year, year),
          or(
            scopeCondition(scopes.reporter, targetAllocations.unitPath),
            byReportingUnit,
            scopeCondition(scopes.supervisor, targetAllocations.unitPath),
          ),
        ),
      ),
    db
      .select({
        targetId: targets.id,
        targetName: targets.name,
        measure: targets.measure,
        kind: targets.kind,
        accumulation: targets.accumulation,
        unitId: units.id,
        unitName: units.name,
        sortOrder: units.sortOrder,
        amount: targets.total,
        lastMonth: targets.lastMonth,
        toDate: targets.actual,
      })
      .from(targets)
      .innerJoin(units, eq(units.id, targets.unitId))
      .leftJoin(reportingUnits, eq(reportingUnits.id, targets.reportingUnitId))
      .where(and(eq(targets.year, year), or(byReportingUnit, scopeCondition(scopes.supervisor, units.path)))),
  ]);
  return [...counties.map((r) => ({ ...r, isCounty: true })), ...allocations.map((r) => ({ ...r, isCounty: false }))]
    .sort(
      (a, b) =>
        a.targetName.localeCompare(b.targetName, 'zh-CN') ||
        a.targetId.localeCompare(b.targetId) ||
        Number(b.isCounty) - Number(a.isCounty) ||
        a.sortOrder - b.sortOrder,
    )
    .map(({ sortOrder: _, ...r }) => ({
      ...r,
      kind: r.kind as TTargetKind,
      accumulation: r.accumulation as TTargetAccumulation,
    }));
}

/** A target an imported row may name, with the units it takes figures for (its own unit and its allocations). */
export interface TImportTarget {
  id: string;
  name: string;
  kind: TTargetKind;
  unitId: string;
  units: { id: string; name: string; parentName: string | null }[];
}

const parents = alias(units, 'parent_unit');

/** The year's targets named (or with the ids) in an import, each with its units, in two queries. */
export async function findImportTargets(
  db: TQueryable,
  year: number,
  names: string[],
  ids: string[],
): Promise<TImportTarget[]> {
  const named: SQL[] = [];
  if (names.length) named.push(inArray(targets.name, names));
  if (ids.length) named.push(inArray(targets.id, ids));
  if (named.length === 0) return [];
  const found = await db
    .select({ id: targets.id, name: targets.name, kind: targets.kind, unitId: targets.unitId })
    .from(targets)
    .where(and(eq(targets.year, year), or(...named)));
  if (found.length === 0) return [];
  const targetIds = found.map((t) => t.id);
  const unitColumns = { id: units.id, name: units.name, parentName: parents.name };
  const [allocated, own] = await Promise.all([
    db
      .select({ targetId: targetAllocations.targetId, ...unitColumns })
      .from(targetAllocations)
      .innerJoin(units, eq(units.id, targetAllocations.unitId))
      .leftJoin(parents, eq(parents.id, units.parentId))
      .where(inArray(targetAllocations.targetId, targetIds))
      .orderBy(asc(units.sortOrder)),
    db
      .select({ targetId: targets.id, ...unitColumns })
      .from(targets)
      .innerJoin(units, eq(units.id, targets.unitId))
      .leftJoin(parents, eq(parents.id, units.parentId))
      .where(inArray(targets.id, targetIds)),
  ]);
  const unitsOf = new Map<string, TImportTarget['units']>();
  for (const { targetId, ...unit } of [...own, ...allocated]) {
    const list = unitsOf.get(targetId) ?? [];
    list.push(unit);
    unitsOf.set(targetId, list);
  }
  return found.map((t) => ({ ...t, kind: t.kind as TTargetKind, units: unitsOf.get(t.id) ?? [] }));
}
