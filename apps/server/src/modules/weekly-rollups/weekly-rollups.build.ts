import { localDay, summarizeRollup, type TRollupTask, type TTaskState, weekDays, weekInstants } from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import { checkIns, milestones, tasks, units, users, weeklyRollups } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

interface TWeekTaskRow extends Record<string, unknown> {
  taskId: string;
  unitId: string;
  title: string;
  ownerName: string | null;
  state: TTaskState;
  dueDate: string;
  progress: number;
  before: number | null;
  n: number;
  firstBefore: number | null;
  lastProgress: number | null;
  done: string[];
  blockers: string[];
  next: string | null;
  milestones: { title: string; dueDate: string; state: string; doneAt: string | null }[];
}

/**
 * Every task's week, grouped by lead unit: the tasks led by units matching `unitCondition` that were open during
 * the week (or closed in it), with their check-ins and milestones of the week. Reads each task's check-ins of the
 * week through the (task, time) index: never a scan of all check-ins.
 */
export async function buildWeek(db: TQueryable, week: string, unitCondition: SQL, now: Date) {
  const { from, to } = weekInstants(week);
  const { first, last } = weekDays(week);
  const result = await db.execute<TWeekTaskRow>(sql`
    select t.id as "taskId", t.lead_unit_id as "unitId", t.title, o.display_name as "ownerName", t.state,
      t.due_date as "dueDate", t.progress,
      (select ci.progress from ${checkIns} ci where ci.task_id = t.id and ci.kind = 'progress'
        and ci.recorded_at < ${from} order by ci.recorded_at desc limit 1) as "before",
      w.n, w.first_before as "firstBefore", w.last_progress as "lastProgress", w.done, w.blockers, w.next,
      coalesce((select json_agg(json_build_object('title', m.title, 'dueDate', m.due_date, 'state', m.state,
          'doneAt', m.done_at) order by m.seq)
        from ${milestones} m where m.task_id = t.id
          and ((m.due_date between ${first} and ${last}) or (m.done_at >= ${from} and m.done_at < ${to}))),
        '[]'::json) as "milestones"
    from ${tasks} t
    join ${units} on units.id = t.lead_unit_id
    left join ${users} o on o.id = t.owner_id
    left join lateral (
      select count(*)::int as n,
        (array_agg(ci.progress_before order by ci.recorded_at))[1] as first_before,
        (array_agg(ci.progress order by ci.recorded_at desc))[1] as last_progress,
        coalesce(array_agg(ci.done order by ci.recorded_at) filter (where ci.done is not null), '{}') as done,
        coalesce(array_agg(distinct ci.blocker) filter (where ci.blocker is not null), '{}') as blockers,
        (array_agg(ci.next order by ci.recorded_at desc) filter (where ci.next is not null))[1] as next
      from ${checkIns} ci
      where ci.task_id = t.id and ci.kind = 'progress' and ci.recorded_at >= ${from} and ci.recorded_at < ${to}
    ) w on true
    where t.state <> 'draft' and t.start_date <= ${last}
      and (t.state not in ('closed', 'cancelled') or t.updated_at >= ${from})
      and ${unitCondition}
    order by units.path collate "C", t.due_date, t.id`);
  // A milestone is missed once its day has passed undone (or done late); one due later this week is not yet.
  const today = localDay(now);
  const byUnit = new Map<string, TRollupTask[]>();
  for (const r of result.rows) {
    const progressStart = r.firstBefore ?? r.before ?? (r.n === 0 ? r.progress : 0);
    const closedNow = r.state === 'closed';
    const progressEnd = closedNow ? 100 : (r.lastProgress ?? progressStart);
    const met = r.milestones
      .filter((m) => m.doneAt && new Date(m.doneAt) >= from && new Date(m.doneAt) < to)
      .map((m) => ({ title: m.title, dueDate: m.dueDate, doneOn: localDay(new Date(m.doneAt as string)) }));
    const missed = r.milestones
      .filter((m) => m.dueDate >= first && m.dueDate <= last && m.dueDate < today)
      .filter((m) => !m.doneAt || localDay(new Date(m.doneAt)) > m.dueDate)
      .map((m) => ({ title: m.title, dueDate: m.dueDate }));
    const item: TRollupTask = {
      taskId: r.taskId,
      title: r.title,
      ownerName: r.ownerName,
      state: r.state,
      dueDate: r.dueDate,
      progressStart,
      progressEnd,
      checkIns: r.n,
      done: r.done,
      next: r.next,
      blockers: r.blockers,
      milestonesMet: met,
      milestonesMissed: missed,
    };
    const list = byUnit.get(r.unitId) ?? [];
    list.push(item);
    byUnit.set(r.unitId, list);
  }
  return byUnit;
}

/**
 * Writes the week's roll-ups as drafts, one per unit: a unit's draft is replaced, a confirmed one is kept as its
 * head confirmed it. Returns how many were written and kept.
 */
export async function writeRollups(db: TQueryable, week: string, byUnit: Map<string, TRollupTask[]>, now: Date) {
  let generated = 0;
  const entries = [...byUnit.entries()];
  for (let i = 0; i < entries.length; i += 200) {
    const values = entries.slice(i, i + 200).map(([unitId, list]) => ({
      week,
      unitId,
      state: 'draft',
      summary: summarizeRollup(list),
      tasks: list,
      generatedAt: now,
    }));
    const written = await db
      .insert(weeklyRollups)
      .values(values)
      .onConflictDoUpdate({
        target: [weeklyRollups.week, weeklyRollups.unitId],
        set: { summary: sql`excluded.summary`, tasks: sql`excluded.tasks`, generatedAt: sql`excluded.generated_at` },
        setWhere: sql`${weeklyRollups.state} = 'draft'`,
      })
      .returning({ id: weeklyRollups.id });
    generated += written.length;
  }
  return { generated, kept: entries.length - generated };
}
