import {
  BULLETIN_LISTED,
  BULLETIN_RED_UNITS,
  BULLETIN_TOP_DELAYS,
  type TBulletinNoticeCounts,
  type TBulletinNoticeStep,
  type TLightRule,
} from '@duban/domain';
import { desc, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { bulletins, users } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

const generator = alias(users, 'generator');
const approver = alias(users, 'approver');
const publisher = alias(users, 'publisher');

const BULLETIN_COLUMNS = {
  bulletin: bulletins,
  generatedByName: generator.displayName,
  approvedByName: approver.displayName,
  publishedByName: publisher.displayName,
};

export type TBulletinRow = {
  bulletin: typeof bulletins.$inferSelect;
  generatedByName: string | null;
  approvedByName: string | null;
  publishedByName: string | null;
};

function selectBulletins(db: TQueryable) {
  return db
    .select(BULLETIN_COLUMNS)
    .from(bulletins)
    .leftJoin(generator, eq(generator.id, bulletins.generatedBy))
    .leftJoin(approver, eq(approver.id, bulletins.approvedBy))
    .leftJoin(publisher, eq(publisher.id, bulletins.publishedBy));
}

/** One bulletin with the names of who generated, approved and published it; locked for update when asked. */
export async function findBulletin(db: TQueryable, id: string, lock = false): Promise<TBulletinRow | null> {
  if (lock) await db.execute(sql`select 1 from ${bulletins} where id = ${id} for update`);
  const [row] = await selectBulletins(db).where(eq(bulletins.id, id)).limit(1);
  return row ?? null;
}

/** The week's bulletin, if it has one (read inside the week's generation lock). */
export async function findBulletinOfWeek(db: TQueryable, week: string) {
  const [row] = await db.select().from(bulletins).where(eq(bulletins.week, week)).limit(1);
  return row ?? null;
}

/** A page of bulletins, newest week first (the week index serves the order), with the total. */
export async function listBulletins(db: TQueryable, states: string[] | null, page: number, pageSize: number) {
  const where: SQL | undefined = states ? inArray(bulletins.state, states) : undefined;
  const [rows, totals] = await Promise.all([
    selectBulletins(db)
      .where(where)
      .orderBy(desc(bulletins.week))
      .limit(pageSize)
      .offset((page - 1) * pageSize),
    db.select({ n: sql<number>`count(*)::int` }).from(bulletins).where(where),
  ]);
  return { rows, total: totals[0]?.n ?? 0 };
}

export async function insertBulletin(db: TQueryable, values: typeof bulletins.$inferInsert) {
  const [row] = await db.insert(bulletins).values(values).returning();
  if (!row) throw new Error('insert returned no row');
  return row;
}

export async function updateBulletin(db: TQueryable, id: string, values: Partial<typeof bulletins.$inferInsert>) {
  await db.update(bulletins).set(values).where(eq(bulletins.id, id));
}

/** Serialises the generation of one week's bulletin (two supervisors, or the job and a supervisor, at once). */
export async function lockWeek(db: TQueryable, week: string): Promise<void> {
  await db.execute(sql`select pg_advisory_xact_lock(hashtext(${`duban:bulletin:${week}`}))`);
}

/** The name of the top unit: the county the bulletin speaks for. */
export async function countyName(db: TQueryable): Promise<string> {
  const { rows } = await db.execute<{ name: string }>(
    sql`select name from units where parent_id is null order by sort_order, name limit 1`,
  );
  return rows[0]?.name ?? '';
}

/** The active people who hold a unit head's or a leader's grant: a published bulletin goes to their inboxes. */
export async function bulletinReaders(db: TQueryable): Promise<string[]> {
  const { rows } = await db.execute<{ id: string }>(sql`
    select distinct g.user_id as id from role_grants g join users u on u.id = g.user_id
    where g.role in ('unitHead', 'leader') and u.is_active`);
  return rows.map((r) => r.id);
}

export type TLightFigures = {
  totals: { green: number; yellow: number; red: number; closedInWeek: number };
  topDelays: {
    taskId: string;
    title: string;
    leadUnitId: string;
    leadUnitName: string;
    ownerName: string | null;
    redSince: string;
    dueDate: string;
    progress: number;
    rules: TLightRule[];
  }[];
  redUnits: { unitId: string; unitName: string; red: number; yellow: number; total: number }[];
};

/**
 * Every task's light as it stood at `asOf` — the latest change in its light history up to then, found by the history's
 * index one task at a time — and from those: the counts per colour (and the tasks closed since `from`), the red tasks
 * longest red, and the lead units with the most reds. The lights are exact for any past moment; a task's title,
 * units, owner, due date and progress are as they stand now.
 */
export async function lightFigures(db: TQueryable, from: Date, asOf: Date): Promise<TLightFigures> {
  const { rows } = await db.execute<TLightFigures>(sql`
    with lit as materialized (
      select t.id, t.lead_unit_id as unit_id, h.light, h.at as since, h.rules
      from tasks t
      cross join lateral (
        select lh.light, lh.at, lh.rules from light_history lh
        where lh.task_id = t.id and lh.at <= ${asOf}
        order by lh.at desc, lh.id desc limit 1
      ) h
      where h.light is not null
    )
    select
      (select json_build_object(
          'green', count(*) filter (where light = 'green'),
          'yellow', count(*) filter (where light = 'yellow'),
          'red', count(*) filter (where light = 'red'),
          'closedInWeek', count(*) filter (where light = 'done' and since >= ${from}))
        from lit) as totals,
      (select coalesce(json_agg(d order by d.n), '[]'::json) from (
          select row_number() over (order by l.since, t.title, l.id) as n, l.id as "taskId", t.title,
            t.lead_unit_id as "leadUnitId", u.name as "leadUnitName", o.display_name as "ownerName",
            l.since as "redSince", t.due_date::text as "dueDate", t.progress, l.rules
          from lit l join tasks t on t.id = l.id join units u on u.id = t.lead_unit_id
            left join users o on o.id = t.owner_id
          where l.light = 'red'
          order by l.since, t.title, l.id limit ${BULLETIN_TOP_DELAYS}) d) as "topDelays",
      (select coalesce(json_agg(r order by r.n), '[]'::json) from (
          select row_number() over (order by count(*) filter (where l.light = 'red') desc,
              count(*) filter (where l.light = 'yellow') desc, u.name, l.unit_id) as n,
            l.unit_id as "unitId", u.name as "unitName",
            count(*) filter (where l.light = 'red')::int as red,
            count(*) filter (where l.light = 'yellow')::int as yellow,
            count(*) filter (where l.light in ('green', 'yellow', 'red'))::int as total
          from lit l join units u on u.id = l.unit_id
          group by l.unit_id, u.name
          having count(*) filter (where l.light = 'red') > 0
          order by n limit ${BULLETIN_RED_UNITS}) r) as "redUnits"`);
  const row = rows[0];
  if (!row) throw new Error('the light figures query returned no row');
  return row;
}

/** The escalations raised in the window [from, to) up to asOf. */
const raisedIn = (from: Date, to: Date, asOf: Date) =>
  sql`e.raised_at >= ${from} and e.raised_at < ${to} and e.raised_at <= ${asOf}`;
/** Not answered by asOf. */
const unansweredBy = (asOf: Date) => sql`(e.answered_at is null or e.answered_at > ${asOf})`;
const answeredDay = sql`(e.answered_at at time zone 'Asia/Shanghai')::date`;

/** Urge and supervision notices raised in the window, per step: how many, answered on time or late, unanswered. */
export async function noticeCounts(db: TQueryable, from: Date, to: Date, asOf: Date) {
  const { rows } = await db.execute<TBulletinNoticeCounts & { step: TBulletinNoticeStep }>(sql`
    select e.step, count(*)::int as raised,
      count(*) filter (where e.answered_at <= ${asOf}
        and (e.answer_due_on is null or ${answeredDay} <= e.answer_due_on))::int as "answeredOnTime",
      count(*) filter (where e.answered_at <= ${asOf} and ${answeredDay} > e.answer_due_on)::int as "answeredLate",
      count(*) filter (where ${unansweredBy(asOf)})::int as unanswered
    from escalations e
    where e.step in ('urge', 'supervisionNotice') and ${raisedIn(from, to, asOf)}
    group by e.step`);
  return rows;
}

const ESCALATION_TASK = sql`e.id as "escalationId", e.task_id as "taskId", t.title as "taskTitle", u.name as "unitName",
  e.raised_at as "raisedAt"`;
const ESCALATION_FROM = sql`escalations e join tasks t on t.id = e.task_id join units u on u.id = t.lead_unit_id`;

/** The notices of the window still unanswered at asOf, the earliest due first. */
export async function unansweredNotices(db: TQueryable, from: Date, to: Date, asOf: Date) {
  const { rows } = await db.execute<{
    escalationId: string;
    taskId: string;
    taskTitle: string;
    unitName: string;
    raisedAt: string | Date;
    step: TBulletinNoticeStep;
    answerDueOn: string | null;
  }>(sql`
    select ${ESCALATION_TASK}, e.step, e.answer_due_on::text as "answerDueOn"
    from ${ESCALATION_FROM}
    where e.step in ('urge', 'supervisionNotice') and ${raisedIn(from, to, asOf)} and ${unansweredBy(asOf)}
    order by e.answer_due_on nulls last, e.raised_at, e.id
    limit ${BULLETIN_LISTED}`);
  return rows;
}

export type TAdmonitionRow = {
  escalationId: string;
  taskId: string;
  taskTitle: string;
  unitName: string;
  raisedAt: string | Date;
  outcome: string | null;
  outcomeAt: string | Date | null;
  total: number;
};

/** Admonitions flagged in the window (with their outcome when it was on record by asOf), and their count. */
export async function admonitionsFlagged(db: TQueryable, from: Date, to: Date, asOf: Date) {
  const { rows } = await db.execute<TAdmonitionRow>(sql`
    select ${ESCALATION_TASK},
      case when e.outcome_at <= ${asOf} then e.outcome end as outcome,
      case when e.outcome_at <= ${asOf} then e.outcome_at end as "outcomeAt",
      count(*) over ()::int as total
    from ${ESCALATION_FROM}
    where e.step = 'admonish' and ${raisedIn(from, to, asOf)}
    order by e.raised_at, e.id
    limit ${BULLETIN_LISTED}`);
  return rows;
}

/** Admonitions whose outcome was recorded in the window up to asOf, and their count. */
export async function admonitionOutcomes(db: TQueryable, from: Date, to: Date, asOf: Date) {
  const { rows } = await db.execute<TAdmonitionRow>(sql`
    select ${ESCALATION_TASK}, e.outcome, e.outcome_at as "outcomeAt", count(*) over ()::int as total
    from ${ESCALATION_FROM}
    where e.step = 'admonish' and e.outcome_at >= ${from} and e.outcome_at < ${to} and e.outcome_at <= ${asOf}
    order by e.outcome_at, e.id
    limit ${BULLETIN_LISTED}`);
  return rows;
}
