import { SEPARATED_ROLES, type TSeparatedRole } from '@duban/domain';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { privilegedResets, roleGrants, units, users } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

const openers = alias(users, 'openers');

/** An open reset with the names the pages show. */
const resetSelection = {
  id: privilegedResets.id,
  userId: privilegedResets.userId,
  username: users.username,
  displayName: users.displayName,
  unitPath: users.unitPath,
  openedBy: privilegedResets.openedBy,
  openedByName: openers.displayName,
  openedRole: privilegedResets.openedRole,
  /** The separated role the account holds (one at most, as the database keeps it). */
  userRole: sql<string | null>`(select g.role from ${roleGrants} g where g.user_id = ${privilegedResets.userId}
    and g.role in ('sysAdmin', 'secAdmin', 'auditor') limit 1)`,
  firstHalf: privilegedResets.firstHalf,
  createdAt: privilegedResets.createdAt,
  expiresAt: privilegedResets.expiresAt,
};

export type TResetRow = NonNullable<Awaited<ReturnType<typeof findOpenReset>>>;

/** Closes every open reset past its expiry, forgetting its half. */
export async function expireResets(db: TQueryable): Promise<void> {
  await db
    .update(privilegedResets)
    .set({ state: 'cancelled', firstHalf: null, closedAt: sql`now()` })
    .where(and(eq(privilegedResets.state, 'open'), sql`${privilegedResets.expiresAt} <= now()`));
}

/** The open, unexpired resets matching a condition, with the names the pages show. */
const openResets = (db: TQueryable, condition?: SQL) =>
  db
    .select(resetSelection)
    .from(privilegedResets)
    .innerJoin(users, eq(users.id, privilegedResets.userId))
    .innerJoin(openers, eq(openers.id, privilegedResets.openedBy))
    .where(and(eq(privilegedResets.state, 'open'), sql`${privilegedResets.expiresAt} > now()`, condition));

/** An open, unexpired reset by id, locked for the transaction when `forUpdate`. */
export async function findOpenReset(db: TQueryable, id: string, forUpdate = false) {
  const query = openResets(db, eq(privilegedResets.id, id));
  const [row] = forUpdate ? await query.for('update', { of: privilegedResets }) : await query;
  return row ?? null;
}

/** Every open, unexpired reset, oldest first (a handful at most). */
export function listOpenResets(db: TQueryable) {
  return openResets(db).orderBy(privilegedResets.createdAt);
}

/** Whether an account has an open reset. */
export async function hasOpenReset(db: TQueryable, userId: string): Promise<boolean> {
  const [row] = await db
    .select({ id: privilegedResets.id })
    .from(privilegedResets)
    .where(and(eq(privilegedResets.userId, userId), eq(privilegedResets.state, 'open')));
  return Boolean(row);
}

export async function insertReset(db: TQueryable, values: typeof privilegedResets.$inferInsert): Promise<string> {
  const [row] = await db.insert(privilegedResets).values(values).returning({ id: privilegedResets.id });
  if (!row) throw new Error('privileged_resets insert returned no row');
  return row.id;
}

/** Closes a reset as confirmed or cancelled, forgetting the half it kept. */
export async function closeReset(
  db: TQueryable,
  id: string,
  state: 'confirmed' | 'cancelled',
  confirmed: { by: string; role: TSeparatedRole } | null,
): Promise<void> {
  await db
    .update(privilegedResets)
    .set({
      state,
      firstHalf: null,
      confirmedBy: confirmed?.by ?? null,
      confirmedRole: confirmed?.role ?? null,
      closedAt: sql`now()`,
    })
    .where(eq(privilegedResets.id, id));
}

/** The separated roles an account holds on active units (at most one, by the rule the database keeps). */
export async function separatedRolesOf(db: TQueryable, userId: string): Promise<TSeparatedRole[]> {
  const rows = await db
    .selectDistinct({ role: roleGrants.role })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(
      and(eq(roleGrants.userId, userId), inArray(roleGrants.role, [...SEPARATED_ROLES]), eq(units.isActive, true)),
    );
  return rows.map((r) => r.role as TSeparatedRole);
}

/** The people holding the auditor role, who are told of every privileged reset. */
export async function auditorIds(db: TQueryable): Promise<string[]> {
  const rows = await db
    .selectDistinct({ id: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .where(and(eq(roleGrants.role, 'auditor'), eq(users.isActive, true)));
  return rows.map((r) => r.id);
}
