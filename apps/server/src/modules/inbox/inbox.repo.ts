import { and, count, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { inboxItems, roleGrants, taskUnits, units, weeklyRollups } from '../../db/schema/index.ts';
import { scopeCondition, type TScope } from '../../platform/access/access.ts';
import type { TQueryable } from '../../platform/db/client.ts';

export interface TInboxInput {
  kind: string;
  taskId?: string | null;
  title: string;
  body?: string | null;
}

/** Puts one item in each person's inbox (duplicates in the list are sent once). */
export async function notifyUsers(db: TQueryable, userIds: (string | null | undefined)[], item: TInboxInput) {
  const unique = [...new Set(userIds.filter((id): id is string => Boolean(id)))];
  if (unique.length === 0) return;
  await db.insert(inboxItems).values(
    unique.map((userId) => ({
      userId,
      kind: item.kind,
      taskId: item.taskId ?? null,
      title: item.title,
      body: item.body ?? null,
    })),
  );
}

/** Puts many items in many inboxes at once: one statement per chunk (a sweep may raise thousands of steps). */
export async function insertInboxItems(db: TQueryable, items: (TInboxInput & { userId: string })[]) {
  for (let i = 0; i < items.length; i += 20_000) {
    const chunk = items.slice(i, i + 20_000);
    await db.execute(sql`
      insert into inbox_items (user_id, kind, task_id, title, body)
      select * from unnest(${sql.param(chunk.map((c) => c.userId))}::uuid[], ${sql.param(chunk.map((c) => c.kind))}::text[],
        ${sql.param(chunk.map((c) => c.taskId ?? null))}::uuid[], ${sql.param(chunk.map((c) => c.title))}::text[],
        ${sql.param(chunk.map((c) => c.body ?? null))}::text[])`);
  }
}

/** The heads and liaisons who answer for a unit: grants on the unit itself, or on an ancestor with its subtree. */
export async function unitContacts(db: TQueryable, unitIds: string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = await db
    .selectDistinct({ userId: roleGrants.userId })
    .from(roleGrants)
    .innerJoin(units, eq(units.id, roleGrants.unitId))
    .where(
      and(
        inArray(roleGrants.role, ['unitHead', 'liaison']),
        sql`(${roleGrants.unitId} in ${unitIds} or (${roleGrants.includeSubtree} and exists (
          select 1 from ${units} as target where target.id in ${unitIds}
            and target.path collate "C" like ${units.path} || '%' and target.id <> ${units.id})))`,
      ),
    );
  return rows.map((r) => r.userId);
}

export async function listInbox(db: TQueryable, userId: string, unreadOnly: boolean, page: number, pageSize: number) {
  const where = unreadOnly
    ? and(eq(inboxItems.userId, userId), isNull(inboxItems.readAt))
    : eq(inboxItems.userId, userId);
  const [items, totals, unread] = await Promise.all([
    db
      .select()
      .from(inboxItems)
      .where(where)
      .orderBy(desc(inboxItems.id))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: count() }).from(inboxItems).where(where),
    db
      .select({ n: count() })
      .from(inboxItems)
      .where(and(eq(inboxItems.userId, userId), isNull(inboxItems.readAt))),
  ]);
  return { items, total: totals[0]?.n ?? 0, unread: unread[0]?.n ?? 0 };
}

export async function markRead(db: TQueryable, userId: string, id: number | null) {
  const where =
    id === null
      ? and(eq(inboxItems.userId, userId), isNull(inboxItems.readAt))
      : and(eq(inboxItems.userId, userId), eq(inboxItems.id, id));
  return db
    .update(inboxItems)
    .set({ readAt: sql`coalesce(${inboxItems.readAt}, now())` })
    .where(where)
    .returning({
      id: inboxItems.id,
    });
}

/** Tasks in a state whose lead unit lies in the scope: the page's ids in order, and how many there are. */
export async function tasksWaiting(db: TQueryable, state: 'assigned' | 'closeRequested', scope: TScope, limit: number) {
  const { rows } = await db.execute<{ id: string; total: number }>(sql`
    select t.id, count(*) over () as total
    from tasks t join task_units on task_units.task_id = t.id and task_units.is_lead
    where t.state = ${state} and ${scopeCondition(scope, taskUnits.unitPath)}
    order by ${state === 'assigned' ? sql`t.assigned_on nulls last, t.due_date` : sql`t.due_date`}, t.id
    limit ${limit}`);
  return { total: Number(rows[0]?.total ?? 0), ids: rows.map((r) => r.id) };
}

/** The draft weekly roll-ups of the units in scope (their heads confirm them), oldest week first. */
export async function rollupsToConfirm(db: TQueryable, scope: TScope, limit: number) {
  const { rows } = await db.execute<{ id: string; week: string; unitId: string; unitName: string; total: number }>(sql`
    select ${weeklyRollups.id} as id, ${weeklyRollups.week} as week, ${weeklyRollups.unitId} as "unitId",
      ${units.name} as "unitName", count(*) over () as total
    from ${weeklyRollups} join ${units} on ${units.id} = ${weeklyRollups.unitId}
    where ${weeklyRollups.state} = 'draft' and ${scopeCondition(scope, units.path)}
    order by ${weeklyRollups.week}, ${units.sortOrder}, ${units.id}
    limit ${limit}`);
  return {
    total: Number(rows[0]?.total ?? 0),
    items: rows.map(({ id, week, unitId, unitName }) => ({ id, week, unitId, unitName })),
  };
}
