import { and, asc, count, eq, ilike, or, type SQL, sql } from 'drizzle-orm';
import { roleGrants, targetAllocations, taskUnits, units, users } from '../../db/schema/index.ts';
import { escapeLike, scopeCondition, subtreeCondition, type TScope } from '../../platform/access/access.ts';
import { preparedOnce, type TQueryable } from '../../platform/db/client.ts';

export type TUnitRow = typeof units.$inferSelect;
export type TUserRow = typeof users.$inferSelect & { unitName: string; unitPath: string; isPrivileged: boolean };

/** Every unit, in tree order. */
export function listUnits(db: TQueryable) {
  return db.select().from(units).orderBy(asc(units.sortOrder), asc(units.name));
}

export async function findUnit(db: TQueryable, id: string): Promise<TUnitRow | null> {
  const statement = preparedOnce(db, 'org_unit', () =>
    db
      .select()
      .from(units)
      .where(eq(units.id, sql.placeholder('id')))
      .limit(1)
      .prepare('org_unit'),
  );
  const [row] = await statement.execute({ id });
  return row ?? null;
}

export async function insertUnit(db: TQueryable, values: typeof units.$inferInsert): Promise<TUnitRow> {
  const [row] = await db.insert(units).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateUnit(db: TQueryable, id: string, values: Partial<typeof units.$inferInsert>) {
  const [row] = await db
    .update(units)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(units.id, id))
    .returning();
  if (!row) throw new Error('update returned no row');
  return row;
}

/** Rewrites the paths of a unit's whole subtree, of its people and of its tasks' unit rows, after a move. */
export async function rewriteSubtreePaths(db: TQueryable, oldPath: string, newPath: string): Promise<void> {
  await db
    .update(units)
    .set({ path: sql`${newPath} || substr(${units.path}, ${oldPath.length + 1})` })
    .where(subtreeCondition(units.path, oldPath));
  await db
    .update(users)
    .set({ unitPath: sql`${newPath} || substr(${users.unitPath}, ${oldPath.length + 1})` })
    .where(subtreeCondition(users.unitPath, oldPath));
  await db
    .update(taskUnits)
    .set({ unitPath: sql`${newPath} || substr(${taskUnits.unitPath}, ${oldPath.length + 1})` })
    .where(subtreeCondition(taskUnits.unitPath, oldPath));
  await db
    .update(targetAllocations)
    .set({ unitPath: sql`${newPath} || substr(${targetAllocations.unitPath}, ${oldPath.length + 1})` })
    .where(subtreeCondition(targetAllocations.unitPath, oldPath));
}

/** How many active child units, users and grants hang on a unit. */
export async function countUnitDependants(db: TQueryable, id: string) {
  const [row] = await db
    .execute<{ activeChildren: number; children: number; users: number; grants: number }>(sql`
    select
      (select count(*) from ${units} where ${units.parentId} = ${id} and ${units.isActive})::int as "activeChildren",
      (select count(*) from ${units} where ${units.parentId} = ${id})::int as "children",
      (select count(*) from ${users} where ${users.unitId} = ${id})::int as "users",
      (select count(*) from ${roleGrants} where ${roleGrants.unitId} = ${id})::int as "grants"`)
    .then((r) => r.rows);
  return row ?? { activeChildren: 0, children: 0, users: 0, grants: 0 };
}

export async function deleteUnit(db: TQueryable, id: string): Promise<void> {
  await db.delete(units).where(eq(units.id, id));
}

const userSelection = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  unitId: users.unitId,
  title: users.title,
  phone: users.phone,
  email: users.email,
  passwordHash: users.passwordHash,
  mustChangePassword: users.mustChangePassword,
  isActive: users.isActive,
  lockedUntil: users.lockedUntil,
  locale: users.locale,
  passwordChangedAt: users.passwordChangedAt,
  lastLoginAt: users.lastLoginAt,
  createdAt: users.createdAt,
  updatedAt: users.updatedAt,
  unitName: units.name,
  unitPath: users.unitPath,
  /** Whether the account holds one of the three separated administrator roles (三员). */
  isPrivileged: sql<boolean>`exists (select 1 from ${roleGrants} g where g.user_id = ${users.id}
    and g.role in ('sysAdmin', 'secAdmin', 'auditor'))`,
};

/** Locks a user's row until the transaction ends (checks across the user's grants). */
export async function lockUser(db: TQueryable, id: string): Promise<void> {
  await db.execute(sql`select 1 from ${users} where id = ${id} for update`);
}

export async function findUser(db: TQueryable, id: string): Promise<TUserRow | null> {
  const [row] = await db
    .select(userSelection)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(eq(users.id, id))
    .limit(1);
  return row ?? null;
}

export async function findUserByUsername(db: TQueryable, username: string): Promise<TUserRow | null> {
  const [row] = await db
    .select(userSelection)
    .from(users)
    .innerJoin(units, eq(units.id, users.unitId))
    .where(sql`lower(${users.username}) = lower(${username})`)
    .limit(1);
  return row ?? null;
}

export interface TUserFilter {
  scope: TScope;
  selfId: string;
  unitPath?: string;
  includeSubtree: boolean;
  q?: string;
  isActive?: boolean;
  page: number;
  pageSize: number;
}

/** A page of users visible in the scope (plus oneself), filtered. */
export async function listUsers(db: TQueryable, f: TUserFilter) {
  const conditions: SQL[] = [or(scopeCondition(f.scope, users.unitPath), eq(users.id, f.selfId)) as SQL];
  if (f.unitPath) conditions.push(subtreeCondition(users.unitPath, f.unitPath, f.includeSubtree));
  if (f.q) {
    const like = `%${escapeLike(f.q)}%`;
    conditions.push(or(ilike(users.displayName, like), ilike(users.username, like)) as SQL);
  }
  if (f.isActive !== undefined) conditions.push(eq(users.isActive, f.isActive));
  const where = and(...conditions);
  const [items, totals] = await Promise.all([
    db
      .select(userSelection)
      .from(users)
      .innerJoin(units, eq(units.id, users.unitId))
      .where(where)
      .orderBy(sql`${users.unitPath} collate "C"`, asc(users.displayName), asc(users.id))
      .limit(f.pageSize)
      .offset((f.page - 1) * f.pageSize),
    db.select({ n: count() }).from(users).where(where),
  ]);
  return { items, total: totals[0]?.n ?? 0 };
}

export async function insertUser(db: TQueryable, values: typeof users.$inferInsert) {
  const [row] = await db.insert(users).values(values).returning({ id: users.id });
  if (!row) throw new Error('insert returned no row');
  return row.id;
}

export async function updateUser(db: TQueryable, id: string, values: Partial<typeof users.$inferInsert>) {
  await db
    .update(users)
    .set({ ...values, updatedAt: sql`now()` })
    .where(eq(users.id, id));
}

export function listGrantsOf(db: TQueryable, userId: string) {
  return db
    .select({
      id: roleGrants.id,
      userId: roleGrants.userId,
      role: roleGrants.role,
      unitId: roleGrants.unitId,
      unitName: units.name,
      unitPath: units.path,
      includeSubtree: roleGrants.includeSubtree,
      createdAt: roleGrants.createdAt,
    })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(eq(roleGrants.userId, userId))
    .orderBy(asc(roleGrants.createdAt));
}

export type TGrantRow = Awaited<ReturnType<typeof listGrantsOf>>[number];

export async function insertGrant(db: TQueryable, values: typeof roleGrants.$inferInsert) {
  const [row] = await db.insert(roleGrants).values(values).onConflictDoNothing().returning({ id: roleGrants.id });
  return row?.id ?? null;
}

export async function deleteGrant(db: TQueryable, id: string): Promise<void> {
  await db.delete(roleGrants).where(eq(roleGrants.id, id));
}
