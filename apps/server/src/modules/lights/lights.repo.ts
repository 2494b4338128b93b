import type {
  TCadence,
  TLight,
  TLightFacts,
  TLightRule,
  TLightRules,
  TMilestoneState,
  TTaskState,
} from '@duban/domain';
import { eq, type SQL, sql } from 'drizzle-orm';
import { lightHistory } from '../../db/schema/index.ts';
import { preparedSql, type TQueryable } from '../../platform/db/client.ts';

/** A task's stored light with what it is computed from (milestones only where the cadence counts them). */
export type TLightSource = {
  id: string;
  state: TTaskState;
  cadence: TCadence;
  startDate: string;
  dueDate: string;
  progress: number;
  assignedOn: string | null;
  lastReportOn: string | null;
  light: TLight | null;
  milestones: { dueDate: string; state: TMilestoneState }[];
};

const SOURCE_COLUMNS = sql`t.id, t.state, t.cadence, t.start_date::text as "startDate", t.due_date::text as "dueDate",
  t.progress, t.assigned_on::text as "assignedOn", t.last_report_on::text as "lastReportOn", t.light,
  case when t.cadence = 'milestone' then coalesce((select json_agg(json_build_object('dueDate', m.due_date,
    'state', m.state)) from milestones m where m.task_id = t.id), '[]'::json) else '[]'::json end as milestones`;

/**
 * The given tasks and every ancestor of theirs: a parent's progress, and so its light, follows its sub-tasks. The
 * tasks are read first; their ancestors, by a recursive read, only when one has a parent. Both statements are
 * prepared once per connection.
 */
export async function lightSourcesWithAncestors(db: TQueryable, ids: string[]): Promise<TLightSource[]> {
  const own = await preparedSql<TLightSource & { parentId: string | null }>(
    db,
    'light_sources',
    () => sql`select ${SOURCE_COLUMNS}, t.parent_id as "parentId" from tasks t
      where t.id = any(${sql.placeholder('ids')}::uuid[])`,
  )({ ids });
  const seen = new Set(own.map((s) => s.id));
  const parentIds = [...new Set(own.flatMap((s) => (s.parentId && !seen.has(s.parentId) ? [s.parentId] : [])))];
  if (parentIds.length === 0) return own;
  const ancestors = await preparedSql<TLightSource>(
    db,
    'light_sources_ancestors',
    () => sql`
      with recursive chain(id) as (
        select unnest(${sql.placeholder('ids')}::uuid[])
        union
        select p.parent_id from tasks p join chain c on p.id = c.id where p.parent_id is not null
      )
      select ${SOURCE_COLUMNS} from tasks t where t.id in (select id from chain)`,
  )({ ids: parentIds });
  return [...own, ...ancestors.filter((s) => !seen.has(s.id))];
}

/**
 * The next chunk of tasks that carry a live light (assigned and not yet closed or cancelled), by id — and of closed
 * tasks whose light is not yet 'done' (closed before lights were kept), so that the sweep settles them too.
 */
export async function liveLightSources(
  db: TQueryable,
  afterId: string | null,
  limit: number,
  opts: { unlitOnly?: boolean } = {},
): Promise<TLightSource[]> {
  const { rows } = await db.execute<TLightSource>(sql`
    select ${SOURCE_COLUMNS} from tasks t
    where (t.state in ('assigned', 'acknowledged', 'inProgress', 'closeRequested')
        or (t.state = 'closed' and t.light is distinct from 'done'))
      ${afterId ? sql`and t.id > ${afterId}` : sql``}
      ${opts.unlitOnly ? sql`and t.light is null` : sql``}
    order by t.id limit ${limit}`);
  return rows;
}

/** Moves the day each task was last heard of forward (never back). */
export async function recordReports(db: TQueryable, reports: { taskId: string; day: string }[]): Promise<void> {
  if (reports.length === 0) return;
  await db.execute(sql`
    update tasks t set last_report_on = greatest(coalesce(t.last_report_on, x.day), x.day)
    from unnest(${sql.param(reports.map((r) => r.taskId))}::uuid[], ${sql.param(reports.map((r) => r.day))}::date[])
      as x(id, day)
    where t.id = x.id`);
}

export interface TLightChange {
  taskId: string;
  light: TLight | null;
  previous: TLight | null;
  rules: TLightRule[];
  facts: TLightFacts;
}

const HISTORY_CHUNK = 4000;

/** Stores new lights, starting each one's clock now, and their history with the thresholds in force. */
export async function writeLightChanges(
  db: TQueryable,
  changes: TLightChange[],
  thresholds: TLightRules,
  cause: string,
  at: Date,
): Promise<void> {
  if (changes.length === 0) return;
  await db.execute(sql`
    update tasks t set light = x.light, light_since = ${at}
    from unnest(${sql.param(changes.map((c) => c.taskId))}::uuid[], ${sql.param(changes.map((c) => c.light))}::text[])
      as x(id, light)
    where t.id = x.id`);
  for (let i = 0; i < changes.length; i += HISTORY_CHUNK) {
    await db.insert(lightHistory).values(
      changes.slice(i, i + HISTORY_CHUNK).map((c) => ({
        taskId: c.taskId,
        light: c.light,
        previous: c.previous,
        rules: c.rules,
        facts: c.facts,
        thresholds,
        cause,
        at,
      })),
    );
  }
}

/** A task's light history, newest first. */
export function listLightHistory(db: TQueryable, taskId: string, limit: number) {
  return db
    .select()
    .from(lightHistory)
    .where(eq(lightHistory.taskId, taskId))
    .orderBy(sql`${lightHistory.id} desc`)
    .limit(limit);
}

/** Lights counted per tag. */
export async function lightCountsByTag(db: TQueryable, visible: SQL) {
  const { rows } = await db.execute<{ key: string; light: TLight; n: number }>(sql`
    select tag as key, tasks.light, count(*)::int as n
    from tasks cross join unnest(tasks.tags) as tag
    where tasks.light is not null and ${visible}
    group by tag, tasks.light`);
  return rows;
}

/** Lights counted per lead leader (null: none named), with the leader's name. */
export async function lightCountsByLeader(db: TQueryable, visible: SQL) {
  const { rows } = await db.execute<{ key: string | null; name: string | null; light: TLight; n: number }>(sql`
    select tasks.lead_leader_id as key, u.display_name as name, tasks.light, count(*)::int as n
    from tasks left join users u on u.id = tasks.lead_leader_id
    where tasks.light is not null and ${visible}
    group by tasks.lead_leader_id, u.display_name, tasks.light`);
  return rows;
}

/** Sets each task's assignment day and last-heard-of day from its events and check-ins (a seeded county). */
export async function deriveLightFacts(db: TQueryable): Promise<void> {
  await db.execute(sql`
    update tasks t set assigned_on = e.day
    from (select task_id, max((at at time zone 'Asia/Shanghai')::date) as day from task_events
      where action = 'assign' group by task_id) e
    where e.task_id = t.id`);
  await db.execute(sql`
    update tasks t set last_report_on = r.day
    from (select task_id, max(day) as day from (
        select task_id, day from check_ins where kind = 'progress'
        union all
        select task_id, (at at time zone 'Asia/Shanghai')::date from task_events where action in ('acknowledge', 'reopen')
      ) x group by task_id) r
    where r.task_id = t.id`);
}

/** The kept counts of one dimension (never reading the tasks): per lead unit, tag or lead leader, per light. */
export async function keptLightCounts(db: TQueryable, dimension: 'unit' | 'tag' | 'leader') {
  const { rows } = await db.execute<{ key: string; name: string | null; light: TLight; n: number }>(sql`
    select c.key, ${dimension === 'leader' ? sql`u.display_name` : sql`null`} as name, c.light, c.n
    from light_counts c
    ${dimension === 'leader' ? sql`left join users u on u.id::text = c.key` : sql``}
    where c.dimension = ${dimension} and c.n > 0`);
  return rows;
}
