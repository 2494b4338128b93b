import { and, asc, desc, eq, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { targetActuals, targetAllocations, targetLightHistory, targets, units, users } from '../../db/schema/index.ts';
import { scopeCondition, type TScope } from '../../platform/access/access.ts';
import type { TQueryable } from '../../platform/db/client.ts';

/** The reporting unit, joined beside the target's own unit. */
export const reportingUnits = alias(units, 'reporting_unit');

export type TTargetRecord = typeof targets.$inferSelect;
export type TAllocationRecord = typeof targetAllocations.$inferSelect;

/** A target with its unit and reporting unit. */
export interface TTargetRow {
  target: TTargetRecord;
  unitName: string;
  unitPath: string;
  reportingUnitName: string | null;
  reportingUnitPath: string | null;
}

const TARGET_COLUMNS = {
  target: targets,
  unitName: units.name,
  unitPath: units.path,
  reportingUnitName: reportingUnits.name,
  reportingUnitPath: reportingUnits.path,
};

const selectTargets = (db: TQueryable) =>
  db
    .select(TARGET_COLUMNS)
    .from(targets)
    .innerJoin(units, eq(units.id, targets.unitId))
    .leftJoin(reportingUnits, eq(reportingUnits.id, targets.reportingUnitId));

/** Locks the targets for the rest of the transaction, in id order (so that two writers never deadlock). */
export async function lockTargets(db: TQueryable, ids: string[]): Promise<void> {
  if (ids.length === 0) return;
  await db.execute(sql`select 1 from ${targets} where id = any(${sql.param(ids)}::uuid[]) order by id for update`);
}

/** One target with its units; locked for update when asked. */
export async function findTarget(db: TQueryable, id: string, lock = false): Promise<TTargetRow | null> {
  if (lock) await lockTargets(db, [id]);
  const [row] = await selectTargets(db).where(eq(targets.id, id)).limit(1);
  return row ?? null;
}

/** The given targets with their units. */
export function findTargets(db: TQueryable, ids: string[]): Promise<TTargetRow[]> {
  if (ids.length === 0) return Promise.resolve([]);
  return selectTargets(db).where(inArray(targets.id, ids));
}

/** True when one of the target's allocations is to a unit in the scope (the path index serves it). */
export async function hasAllocationIn(db: TQueryable, targetId: string, scope: TScope): Promise<boolean> {
  const { rows } = await db.execute(sql`
    select 1 from ${targetAllocations}
    where ${targetAllocations.targetId} = ${targetId} and ${scopeCondition(scope, targetAllocations.unitPath)}
    limit 1`);
  return rows.length > 0;
}

/** The ids among the given targets that have an allocation to a unit in the scope. */
export async function targetsWithAllocationIn(db: TQueryable, ids: string[], scope: TScope): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectDistinct({ id: targetAllocations.targetId })
    .from(targetAllocations)
    .where(and(inArray(targetAllocations.targetId, ids), scopeCondition(scope, targetAllocations.unitPath)));
  return new Set(rows.map((r) => r.id));
}

/** Per target: the sum of its allocations, how many there are, and how many per pace light. */
export type TAllocationStats = {
  allocated: number;
  count: number;
  green: number;
  yellow: number;
  red: number;
};

const STATS_COLUMNS = sql`coalesce(sum(a.amount), 0)::float8 as allocated, count(*)::int as count,
  (count(*) filter (where a.light = 'green'))::int as green, (count(*) filter (where a.light = 'yellow'))::int as yellow,
  (count(*) filter (where a.light = 'red'))::int as red`;

/** The allocation figures of the given targets, in one pass over their allocations. */
export async function allocationStats(db: TQueryable, ids: string[]): Promise<Map<string, TAllocationStats>> {
  if (ids.length === 0) return new Map();
  const { rows } = await db.execute<TAllocationStats & { targetId: string }>(sql`
    select a.target_id as "targetId", ${STATS_COLUMNS}
    from target_allocations a where a.target_id = any(${sql.param(ids)}::uuid[]) group by a.target_id`);
  return new Map(rows.map(({ targetId, ...stats }) => [targetId, stats]));
}

/** The targets of a year that satisfy the visibility condition, by name. */
export function listTargets(db: TQueryable, year: number, visible: SQL): Promise<TTargetRow[]> {
  return selectTargets(db)
    .where(and(eq(targets.year, year), visible))
    .orderBy(asc(targets.name), asc(targets.id));
}

/** A target of the unit and year with this name, other than the given one. */
export async function findTargetNamed(db: TQueryable, unitId: string, year: number, name: string, exceptId?: string) {
  const [row] = await db
    .select({ id: targets.id })
    .from(targets)
    .where(
      and(
        eq(targets.unitId, unitId),
        eq(targets.year, year),
        eq(targets.name, name),
        exceptId ? ne(targets.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  return row ?? null;
}

export async function insertTarget(db: TQueryable, values: typeof targets.$inferInsert): Promise<TTargetRecord> {
  const [row] = await db.insert(targets).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateTarget(db: TQueryable, id: string, values: Partial<typeof targets.$inferInsert>) {
  await db.update(targets).set(values).where(eq(targets.id, id));
}

/** Units by id, with what checking a reference needs. */
export async function findUnits(db: TQueryable, ids: string[]) {
  if (ids.length === 0) return new Map<string, { id: string; path: string; isActive: boolean; name: string }>();
  const rows = await db
    .select({ id: units.id, path: units.path, isActive: units.isActive, name: units.name })
    .from(units)
    .where(inArray(units.id, ids));
  return new Map(rows.map((r) => [r.id, r]));
}

/** An allocation with its unit. */
export interface TAllocationRow {
  allocation: TAllocationRecord;
  unitName: string;
  unitCategory: string;
}

/** A target's allocations with their units, in the units' order. */
export function listAllocations(db: TQueryable, targetId: string): Promise<TAllocationRow[]> {
  return db
    .select({ allocation: targetAllocations, unitName: units.name, unitCategory: units.category })
    .from(targetAllocations)
    .innerJoin(units, eq(units.id, targetAllocations.unitId))
    .where(eq(targetAllocations.targetId, targetId))
    .orderBy(asc(units.sortOrder), asc(units.name));
}

/** One unit's allocations in the given targets, with the unit. */
export function unitAllocations(db: TQueryable, targetIds: string[], unitId: string): Promise<TAllocationRow[]> {
  if (targetIds.length === 0) return Promise.resolve([]);
  return db
    .select({ allocation: targetAllocations, unitName: units.name, unitCategory: units.category })
    .from(targetAllocations)
    .innerJoin(units, eq(units.id, targetAllocations.unitId))
    .where(and(inArray(targetAllocations.targetId, targetIds), eq(targetAllocations.unitId, unitId)));
}

/** The units allocated in the given targets (for scope checks on many rows at once). */
export function allocationUnits(db: TQueryable, targetIds: string[]) {
  if (targetIds.length === 0) return Promise.resolve([]);
  return db
    .select({
      targetId: targetAllocations.targetId,
      unitId: targetAllocations.unitId,
      unitPath: targetAllocations.unitPath,
    })
    .from(targetAllocations)
    .where(inArray(targetAllocations.targetId, targetIds));
}

export async function insertAllocations(
  db: TQueryable,
  rows: { targetId: string; unitId: string; unitPath: string; amount: number }[],
) {
  if (rows.length === 0) return;
  await db.insert(targetAllocations).values(rows);
}

/** Sets new amounts on allocations, in one statement. */
export async function updateAllocationAmounts(db: TQueryable, rows: { id: string; amount: number }[], at: Date) {
  if (rows.length === 0) return;
  await db.execute(sql`
    update target_allocations a set amount = x.amount, updated_at = ${at}
    from unnest(${sql.param(rows.map((r) => r.id))}::uuid[], ${sql.param(rows.map((r) => r.amount))}::numeric[])
      as x(id, amount)
    where a.id = x.id`);
}

/** Removes allocations with their light history (their units' actuals stay on record). */
export async function deleteAllocations(db: TQueryable, ids: string[]) {
  if (ids.length === 0) return;
  await db.delete(targetLightHistory).where(inArray(targetLightHistory.allocationId, ids));
  await db.delete(targetAllocations).where(inArray(targetAllocations.id, ids));
}

const reporters = alias(users, 'reporter');

/** A target's actuals with units and reporters, by month then unit; one unit's, or one row, when asked. */
export function listActuals(db: TQueryable, targetId: string, only: { unitId?: string; id?: string } = {}) {
  return db
    .select({
      actual: targetActuals,
      unitName: units.name,
      reporterName: reporters.displayName,
    })
    .from(targetActuals)
    .innerJoin(units, eq(units.id, targetActuals.unitId))
    .innerJoin(reporters, eq(reporters.id, targetActuals.reportedBy))
    .where(
      and(
        eq(targetActuals.targetId, targetId),
        only.unitId ? eq(targetActuals.unitId, only.unitId) : undefined,
        only.id ? eq(targetActuals.id, only.id) : undefined,
      ),
    )
    .orderBy(asc(targetActuals.month), asc(units.sortOrder), asc(units.name));
}

export type TActualListRow = Awaited<ReturnType<typeof listActuals>>[number];

/** A reported figure as the pace reads it. */
export type TUnitMonthValue = { targetId: string; unitId: string; month: number; value: number };

/** Every reported figure of the given targets (what the pace is computed from), in one read. */
export async function actualValues(db: TQueryable, targetIds: string[]): Promise<TUnitMonthValue[]> {
  if (targetIds.length === 0) return [];
  const { rows } = await db.execute<TUnitMonthValue>(sql`
    select target_id as "targetId", unit_id as "unitId", month, value::float8 as value
    from target_actuals where target_id = any(${sql.param(targetIds)}::uuid[])`);
  return rows;
}

export type TActualKey = {
  targetId: string;
  unitId: string;
  month: number;
};

/** The rows on record for the given (target, unit, month) keys. */
export async function findActuals(db: TQueryable, keys: TActualKey[]) {
  if (keys.length === 0) return [];
  const { rows } = await db.execute<TActualKey & { id: string; value: number; note: string | null }>(sql`
    select a.id, a.target_id as "targetId", a.unit_id as "unitId", a.month, a.value::float8 as value, a.note
    from target_actuals a
    join unnest(${sql.param(keys.map((k) => k.targetId))}::uuid[], ${sql.param(keys.map((k) => k.unitId))}::uuid[],
      ${sql.param(keys.map((k) => k.month))}::int[]) as k(target_id, unit_id, month)
      on a.target_id = k.target_id and a.unit_id = k.unit_id and a.month = k.month`);
  return rows;
}

/** Writes reported figures in one statement, correcting rows on record in place; answers each row's id. */
export async function upsertActuals(
  db: TQueryable,
  rows: (TActualKey & { value: number; note: string | null })[],
  reportedBy: string,
  at: Date,
): Promise<(TActualKey & { id: string })[]> {
  if (rows.length === 0) return [];
  const col = <T>(f: (r: (typeof rows)[number]) => T) => sql.param(rows.map(f));
  const { rows: written } = await db.execute<TActualKey & { id: string }>(sql`
    insert into ${targetActuals} (target_id, unit_id, month, value, note, reported_by, reported_at)
    select x.target_id, x.unit_id, x.month, x.value, x.note, ${reportedBy}, ${at}
    from unnest(${col((r) => r.targetId)}::uuid[], ${col((r) => r.unitId)}::uuid[], ${col((r) => r.month)}::int[],
      ${col((r) => r.value)}::numeric[], ${col((r) => r.note)}::text[]) as x(target_id, unit_id, month, value, note)
    on conflict (target_id, unit_id, month) do update set value = excluded.value, note = excluded.note,
      reported_by = excluded.reported_by, reported_at = excluded.reported_at
    returning id, target_id as "targetId", unit_id as "unitId", month`);
  return written;
}

/** A light history: the county's (allocationId null) or one allocation's, newest first. */
export function listLightHistory(db: TQueryable, targetId: string, allocationId: string | null, limit: number) {
  return db
    .select()
    .from(targetLightHistory)
    .where(
      and(
        eq(targetLightHistory.targetId, targetId),
        allocationId ? eq(targetLightHistory.allocationId, allocationId) : isNull(targetLightHistory.allocationId),
      ),
    )
    .orderBy(desc(targetLightHistory.id))
    .limit(limit);
}

/** A target's allocation to a unit, if it has one. */
export async function findAllocation(db: TQueryable, targetId: string, unitId: string) {
  const [row] = await db
    .select()
    .from(targetAllocations)
    .where(and(eq(targetAllocations.targetId, targetId), eq(targetAllocations.unitId, unitId)))
    .limit(1);
  return row ?? null;
}
