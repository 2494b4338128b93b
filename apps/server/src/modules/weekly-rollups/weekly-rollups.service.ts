import {
  lastFullWeek,
  type TRollupSummary,
  type TRollupTask,
  type TWeeklyReport,
  type TWeeklyRollup,
  type TWeeklyRollupSummary,
  weekDays,
  weekOfInstant,
} from '@duban/domain';
import { and, asc, eq, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { units, users, weeklyRollups } from '../../db/schema/index.ts';
import {
  isEmptyScope,
  isInScope,
  isTopPath,
  scopeCondition,
  scopeOf,
  subtreeCondition,
  type TActor,
  type TScope,
} from '../../platform/access/access.ts';
import { auditActor } from '../../platform/audit/actor.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb, TQueryable } from '../../platform/db/client.ts';
import { AppError, invalid, notFound } from '../../platform/errors.ts';
import { findUnit } from '../org/org.repo.ts';
import { buildWeek, writeRollups } from './weekly-rollups.build.ts';

/** Who reads roll-ups: the office and leaders, and units' heads and liaisons, each in their scope. */
const readScope = (actor: TActor) => scopeOf(actor, 'leader', 'supervisor', 'unitHead', 'liaison');
/** Who generates them on demand: supervisors, and unit heads for their units. */
const generateScope = (actor: TActor) => scopeOf(actor, 'supervisor', 'unitHead');

const confirmer = alias(users, 'confirmer');

/** The unit filter: within the scope and, when a unit is given, its subtree (404 when it is out of scope). */
async function unitFilter(db: TQueryable, scope: TScope, unitId: string | undefined) {
  if (isEmptyScope(scope)) throw notFound('weekly roll-ups');
  const conditions: SQL[] = [scopeCondition(scope, units.path)];
  let unit: { id: string; name: string; path: string } | null = null;
  if (unitId) {
    const found = await findUnit(db, unitId);
    if (!found || !isInScope(scope, found.path)) throw notFound('unit');
    unit = { id: found.id, name: found.name, path: found.path };
    conditions.push(subtreeCondition(units.path, found.path));
  }
  return { where: and(...conditions) as SQL, unit };
}

type TRollupRow = {
  rollup: typeof weeklyRollups.$inferSelect;
  unitName: string;
  unitPath: string;
  confirmedByName: string | null;
};

function presentSummary(row: TRollupRow, actor: TActor): TWeeklyRollupSummary {
  const r = row.rollup;
  return {
    id: r.id,
    week: r.week,
    unitId: r.unitId,
    unitName: row.unitName,
    unitPath: row.unitPath,
    state: r.state as TWeeklyRollupSummary['state'],
    generatedAt: r.generatedAt.toISOString(),
    confirmedAt: r.confirmedAt?.toISOString() ?? null,
    confirmedByName: row.confirmedByName,
    annotation: r.annotation,
    summary: r.summary as TRollupSummary,
    canConfirm: r.state === 'draft' && isInScope(scopeOf(actor, 'unitHead'), row.unitPath),
  };
}

const present = (row: TRollupRow, actor: TActor): TWeeklyRollup => ({
  ...presentSummary(row, actor),
  tasks: row.rollup.tasks as TRollupTask[],
});

function rollupQuery(db: TQueryable, where: SQL | undefined) {
  return db
    .select({
      rollup: weeklyRollups,
      unitName: units.name,
      unitPath: units.path,
      confirmedByName: confirmer.displayName,
    })
    .from(weeklyRollups)
    .innerJoin(units, eq(units.id, weeklyRollups.unitId))
    .leftJoin(confirmer, eq(confirmer.id, weeklyRollups.confirmedBy))
    .where(where)
    .orderBy(asc(sql`${units.path} collate "C"`));
}

/**
 * Generates a week's roll-ups for the units in a scope (every unit when the scope is null: the scheduled run).
 * Idempotent: drafts are rewritten from the same facts, confirmed ones are kept.
 */
export async function generateRollups(
  db: TDb,
  actor: TActor | null,
  input: { week?: string | undefined; unitId?: string | undefined },
  now = new Date(),
) {
  const week = input.week ?? weekOfInstant(now);
  if (weekDays(week).first > weekDays(weekOfInstant(now)).first) throw invalid('week', 'lies in the future');
  return db.transaction(async (tx) => {
    let condition: SQL = sql`true`;
    let unitId: string | null = null;
    if (actor) {
      const scope = generateScope(actor);
      if (isEmptyScope(scope)) throw new AppError('FORBIDDEN', 'needs one of the roles: supervisor, unitHead');
      const filter = await unitFilter(tx, scope, input.unitId);
      condition = filter.where;
      unitId = filter.unit?.id ?? null;
    }
    const byUnit = await buildWeek(tx, week, condition, now);
    const { generated, kept } = await writeRollups(tx, week, byUnit, now);
    await appendAudit(tx, {
      actor: actor ? auditActor(actor) : null,
      action: 'weeklyRollup.generate',
      targetType: 'week',
      targetId: week,
      after: { week, unitId, generated, kept },
      ip: actor?.ip ?? null,
    });
    return { week, generated, kept };
  });
}

/** The week's roll-ups the actor reads (by default the last full week's), by unit (figures only; one roll-up carries its tasks). */
export async function listRollups(db: TDb, actor: TActor, query: { week?: string | undefined; unitId?: string }) {
  const week = query.week ?? lastFullWeek(clockNow());
  const { where } = await unitFilter(db, readScope(actor), query.unitId);
  const rows = await rollupQuery(db, and(eq(weeklyRollups.week, week), where));
  return { week, items: rows.map((r) => presentSummary(r, actor)) };
}

async function loadRollup(db: TQueryable, actor: TActor, id: string, lock = false) {
  if (lock) await db.execute(sql`select 1 from ${weeklyRollups} where id = ${id} for update`);
  const [row] = await rollupQuery(db, eq(weeklyRollups.id, id));
  if (!row || !isInScope(readScope(actor), row.unitPath)) throw notFound('weekly roll-up');
  return row;
}

export async function getRollup(db: TDb, actor: TActor, id: string): Promise<TWeeklyRollup> {
  return present(await loadRollup(db, actor, id), actor);
}

/** The unit's head confirms the roll-up, with an optional annotation: it then enters the weekly report. */
export async function confirmRollup(
  db: TDb,
  actor: TActor,
  id: string,
  input: { annotation?: string | null | undefined },
): Promise<TWeeklyRollup> {
  await db.transaction(async (tx) => {
    const row = await loadRollup(tx, actor, id, true);
    if (!isInScope(scopeOf(actor, 'unitHead'), row.unitPath)) {
      throw new AppError('FORBIDDEN', 'only the unit’s head confirms its roll-up');
    }
    if (row.rollup.state !== 'draft') {
      throw new AppError('CONFLICT', `the roll-up is ${row.rollup.state}`, { field: 'state' });
    }
    const annotation = input.annotation ?? null;
    await tx
      .update(weeklyRollups)
      .set({ state: 'confirmed', confirmedBy: actor.id, confirmedAt: new Date(), annotation })
      .where(eq(weeklyRollups.id, id));
    await appendAudit(tx, {
      actor: auditActor(actor),
      action: 'weeklyRollup.confirm',
      targetType: 'weeklyRollup',
      targetId: id,
      before: { state: 'draft' },
      after: { state: 'confirmed', annotation, week: row.rollup.week, unitId: row.rollup.unitId },
      ip: actor.ip,
    });
  });
  return getRollup(db, actor, id);
}

/** The weekly report: the week's confirmed roll-ups in the actor's scope (or a unit's subtree), and those pending. */
export async function weeklyReport(
  db: TDb,
  actor: TActor,
  week: string,
  query: { unitId?: string | undefined },
): Promise<TWeeklyReport> {
  const scope = readScope(actor);
  const filter = await unitFilter(db, scope, query.unitId);
  const rows = await rollupQuery(db, and(eq(weeklyRollups.week, week), filter.where));
  // Without a unit asked for, a scope of one unit below the county is that unit's report (and named so).
  const paths = [...scope.subtrees, ...scope.units];
  const only = !filter.unit && paths.length === 1 && !isTopPath(paths[0] as string) ? paths[0] : null;
  const unit = only
    ? ((await db.select({ id: units.id, name: units.name }).from(units).where(eq(units.path, only)))[0] ?? null)
    : filter.unit;
  const confirmed = rows.filter((r) => r.rollup.state === 'confirmed').map((r) => present(r, actor));
  const sum = (pick: (s: TRollupSummary) => number) => confirmed.reduce((s, r) => s + pick(r.summary), 0);
  const { first, last } = weekDays(week);
  return {
    week,
    from: first,
    to: last,
    unitId: unit?.id ?? null,
    unitName: unit?.name ?? null,
    totals: {
      units: rows.length,
      confirmed: confirmed.length,
      tasks: sum((s) => s.tasks),
      updated: sum((s) => s.updated),
      closed: sum((s) => s.closed),
      milestonesMet: sum((s) => s.milestonesMet),
      milestonesMissed: sum((s) => s.milestonesMissed),
      blockers: sum((s) => s.blockers),
    },
    rollups: confirmed,
    pending: rows
      .filter((r) => r.rollup.state !== 'confirmed')
      .map((r) => ({ id: r.rollup.id, unitId: r.rollup.unitId, unitName: r.unitName })),
  };
}
