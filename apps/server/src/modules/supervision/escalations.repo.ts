import type { TEscalationStep } from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import type { escalations } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

/** A task as the ladder sees it: its light, its people, and the steps its present episode has had. */
export type TLadderTask = {
  id: string;
  title: string;
  light: string;
  lightSince: Date;
  ownerId: string | null;
  leadUnitId: string;
  leadLeaderId: string | null;
  episodeSteps: TEscalationStep[];
};

/** Live tasks lit yellow or red, with the steps the sweep already raised since the colour began. */
export async function ladderTasks(db: TQueryable): Promise<TLadderTask[]> {
  const { rows } = await db.execute<TLadderTask>(sql`
    select t.id, t.title, t.light, t.light_since as "lightSince", t.owner_id as "ownerId",
      t.lead_unit_id as "leadUnitId", t.lead_leader_id as "leadLeaderId",
      array(select e.step from escalations e where e.task_id = t.id and e.episode = t.light_since) as "episodeSteps"
    from tasks t
    where t.light in ('yellow', 'red') and t.light_since is not null
      and t.state in ('assigned', 'acknowledged', 'inProgress', 'closeRequested')`);
  return rows.map((r) => ({ ...r, lightSince: new Date(r.lightSince) }));
}

/** Open steps whose answer is overdue on the given day, with their task's people. */
export async function overdueSteps(db: TQueryable, today: string) {
  const { rows } = await db.execute<{
    id: string;
    taskId: string;
    step: TEscalationStep;
    episode: Date | null;
    title: string;
    ownerId: string | null;
    leadUnitId: string;
    leadLeaderId: string | null;
  }>(sql`
    select e.id, e.task_id as "taskId", e.step, e.episode, t.title, t.owner_id as "ownerId",
      t.lead_unit_id as "leadUnitId", t.lead_leader_id as "leadLeaderId"
    from escalations e join tasks t on t.id = e.task_id
    where e.state = 'open' and e.answer_due_on < ${today}::date
      and t.state in ('assigned', 'acknowledged', 'inProgress', 'closeRequested')
    for update of e`);
  return rows.map((r) => ({ ...r, episode: r.episode ? new Date(r.episode) : null }));
}

/** The heads of each unit (role unitHead granted on the unit itself). */
export async function headsOfUnits(db: TQueryable, unitIds: string[]): Promise<Map<string, string[]>> {
  const heads = new Map<string, string[]>();
  if (unitIds.length === 0) return heads;
  const { rows } = await db.execute<{ unitId: string; userId: string }>(sql`
    select distinct g.unit_id as "unitId", g.user_id as "userId" from role_grants g
    join users u on u.id = g.user_id
    where g.role = 'unitHead' and g.unit_id = any(${sql.param([...new Set(unitIds)])}::uuid[]) and u.is_active`);
  for (const r of rows) heads.set(r.unitId, [...(heads.get(r.unitId) ?? []), r.userId]);
  return heads;
}

export type TEscalationInsert = typeof escalations.$inferInsert;

/** A step as inserted: what notifying its recipients and auditing it need. */
export type TInsertedEscalation = {
  id: string;
  taskId: string;
  step: string;
  reason: string | null;
  recipientIds: string[];
};

/**
 * Inserts steps; a step the sweep already raised in the same episode is skipped. Returns those inserted. One
 * statement per chunk, the rows passed as one JSON document: a sweep may raise thousands at once.
 */
export async function insertEscalations(db: TQueryable, values: TEscalationInsert[]) {
  const inserted: TInsertedEscalation[] = [];
  for (let i = 0; i < values.length; i += INSERT_CHUNK) {
    const rows = values.slice(i, i + INSERT_CHUNK).map((v) => ({
      task_id: v.taskId,
      step: v.step,
      origin: v.origin,
      episode: v.episode ?? null,
      raised_by: v.raisedBy ?? null,
      raised_at: v.raisedAt ?? new Date(),
      reason: v.reason ?? null,
      recipient_ids: v.recipientIds,
      answer_due_on: v.answerDueOn ?? null,
      state: v.state ?? 'open',
    }));
    const result = await db.execute<TInsertedEscalation>(sql`
      insert into escalations (task_id, step, origin, episode, raised_by, raised_at, reason, recipient_ids,
        answer_due_on, state)
      select task_id, step, origin, episode, raised_by, raised_at, reason, recipient_ids, answer_due_on, state
      from json_to_recordset(${JSON.stringify(rows)}::json) as x(task_id uuid, step text, origin text,
        episode timestamptz, raised_by uuid, raised_at timestamptz, reason text, recipient_ids uuid[],
        answer_due_on date, state text)
      on conflict (task_id, step, episode) where episode is not null do nothing
      returning id, task_id as "taskId", step, reason, recipient_ids as "recipientIds"`);
    inserted.push(...result.rows);
  }
  return inserted;
}

const INSERT_CHUNK = 10_000;

export async function markEscalated(db: TQueryable, ids: string[]) {
  if (ids.length === 0) return;
  await db.execute(sql`update escalations set state = 'escalated' where id = any(${sql.param(ids)}::uuid[])`);
}

/** One escalation with its task's names, for the API. */
export const escalationColumns = sql`e.id, e.task_id as "taskId", tasks.title as "taskTitle", tasks.lead_unit_id as "leadUnitId",
  lu.name as "leadUnitName", lu.path as "leadUnitPath", tasks.light, e.step, e.origin, e.state, e.raised_by as "raisedById",
  rb.display_name as "raisedByName", e.raised_at as "raisedAt", e.reason, e.recipient_ids as "recipientIds",
  coalesce((select json_agg(json_build_object('id', ru.id, 'name', ru.display_name) order by x.n)
    from unnest(e.recipient_ids) with ordinality as x(id, n) join users ru on ru.id = x.id), '[]'::json) as recipients,
  e.answer_due_on::text as "answerDueOn", e.answer, e.answered_by as "answeredById", ab.display_name as "answeredByName",
  e.answered_at as "answeredAt", e.outcome, e.outcome_at as "outcomeAt"`;

export const escalationFrom = sql`escalations e join tasks on tasks.id = e.task_id join units lu on lu.id = tasks.lead_unit_id
  left join users rb on rb.id = e.raised_by left join users ab on ab.id = e.answered_by`;

export type TEscalationRow = {
  id: string;
  taskId: string;
  taskTitle: string;
  leadUnitId: string;
  leadUnitName: string;
  leadUnitPath: string;
  light: string | null;
  step: string;
  origin: string;
  state: string;
  raisedById: string | null;
  raisedByName: string | null;
  raisedAt: string | Date;
  reason: string | null;
  recipientIds: string[];
  recipients: { id: string; name: string }[];
  answerDueOn: string | null;
  answer: unknown;
  answeredById: string | null;
  answeredByName: string | null;
  answeredAt: string | Date | null;
  outcome: string | null;
  outcomeAt: string | Date | null;
};

export async function findEscalation(db: TQueryable, id: string, lock = false): Promise<TEscalationRow | null> {
  const { rows } = await db.execute<TEscalationRow>(sql`
    select ${escalationColumns} from ${escalationFrom} where e.id = ${id} ${lock ? sql`for update of e` : sql``}`);
  return rows[0] ?? null;
}

export async function listEscalations(
  db: TQueryable,
  where: SQL,
  oldestFirst: boolean,
  page: number,
  pageSize: number,
) {
  const { rows } = await db.execute<TEscalationRow & { total: number }>(sql`
    select ${escalationColumns}, count(*) over () as total from ${escalationFrom}
    where ${where}
    order by ${oldestFirst ? sql`e.raised_at asc, e.id` : sql`e.raised_at desc, e.id`}
    limit ${pageSize} offset ${(page - 1) * pageSize}`);
  return rows;
}
