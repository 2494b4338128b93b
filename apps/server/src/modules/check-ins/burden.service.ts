import { lastFullWeek, type TBurden, type TBurdenRow } from '@duban/domain';
import { and, eq, type SQL, sql } from 'drizzle-orm';
import { checkInBurden, units, users } from '../../db/schema/index.ts';
import {
  isEmptyScope,
  isInScope,
  scopeCondition,
  scopeOf,
  subtreeCondition,
  type TActor,
} from '../../platform/access/access.ts';
import { now as clockNow } from '../../platform/clock.ts';
import type { TDb } from '../../platform/db/client.ts';
import { notFound } from '../../platform/errors.ts';
import { findUnit } from '../org/org.repo.ts';

const b = checkInBurden;
const totals = {
  people: sql<number>`count(distinct ${b.userId})::int`,
  entriesAsked: sql<number>`sum(${b.entriesAsked})::int`,
  fieldsAsked: sql<number>`sum(${b.fieldsAsked})::int`,
  entriesMade: sql<number>`sum(${b.entriesMade})::int`,
  fieldsFilled: sql<number>`sum(${b.fieldsFilled})::int`,
  secondsOpen: sql<number>`sum(${b.secondsOpen})::int`,
};

/**
 * The burden meter for a week (by default the last full week): what the check-in screen asked of each unit in the actor's scope (supervisors and
 * leaders; a unit's head or liaison for their units), and, for a chosen unit, of each of its people by name — a
 * record of the platform's demands, never a league table of people.
 */
export async function getBurden(
  db: TDb,
  actor: TActor,
  query: { week?: string | undefined; unitId?: string | undefined },
): Promise<TBurden> {
  const week = query.week ?? lastFullWeek(clockNow());
  const scope = scopeOf(actor, 'supervisor', 'leader', 'unitHead', 'liaison');
  if (isEmptyScope(scope)) throw notFound('burden');
  const conditions: SQL[] = [eq(b.week, week), scopeCondition(scope, b.unitPath)];
  let unitId: string | null = null;
  if (query.unitId) {
    const unit = await findUnit(db, query.unitId);
    if (!unit || !isInScope(scope, unit.path)) throw notFound('unit');
    unitId = unit.id;
    conditions.push(subtreeCondition(b.unitPath, unit.path));
  }
  const unitRows = await db
    .select({ id: units.id, name: units.name, ...totals })
    .from(b)
    .innerJoin(units, eq(units.id, b.unitId))
    .where(and(...conditions))
    .groupBy(units.id)
    .orderBy(sql`${units.path} collate "C"`);
  let people: TBurdenRow[] = [];
  if (unitId) {
    people = await db
      .select({ id: users.id, name: users.displayName, ...totals })
      .from(b)
      .innerJoin(users, eq(users.id, b.userId))
      .where(and(eq(b.week, week), eq(b.unitId, unitId)))
      .groupBy(users.id)
      .orderBy(users.displayName, users.id);
  }
  return { week, unitId, units: unitRows, people };
}
