import {
  CHECK_IN_FIELDS_ASKED,
  checkInDue,
  isOwnerOverdue,
  isoWeekOf,
  localDay,
  milestonesDueSoon,
  type TCadence,
  type TLight,
  type TTaskState,
  type TToday,
  type TTodayTask,
} from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import { checkIns, milestones, tasks, taskUnits, units, users } from '../../db/schema/index.ts';
import { isEmptyScope, scopeCondition, scopeOf, type TActor } from '../../platform/access/access.ts';
import type { TDb } from '../../platform/db/client.ts';
import { loadRulebook } from '../lights/rulebook.ts';
import { recordAsked } from './check-ins.repo.ts';

/** The Today page lists at most this many tasks (a liaison of a large unit reports on the due ones first). */
const TODAY_LIMIT = 200;

interface TTodayRow extends Record<string, unknown> {
  id: string;
  title: string;
  state: TTaskState;
  progress: number;
  light: TLight | null;
  cadence: TCadence;
  dueDate: string;
  leadUnitName: string;
  ownerId: string | null;
  ownerName: string | null;
  lastHeardOfDay: string;
  rollsUp: boolean;
  last: { day: string; progress: number; done: string | null; next: string | null; blocker: string | null } | null;
  milestones: { id: string; title: string; dueDate: string; state: 'pending' | 'done' }[];
}

/**
 * What asks for the actor's check-in today: the open, acknowledged tasks they own, and as a liaison those their
 * units lead; each with why it is due by its cadence, its last check-in and its milestones due soon. One person
 * reports per task: the owner; a liaison is asked for a task without an owner, or for one whose owner is overdue
 * (isOwnerOverdue), and otherwise sees it among those not due. Records what the screen asked (the burden meter).
 */
export async function getToday(db: TDb, actor: TActor, now = new Date()): Promise<TToday> {
  const day = localDay(now);
  const week = isoWeekOf(day);
  const liaison = scopeOf(actor, 'liaison');
  // Two index-served branches: the tasks the actor owns, and as a liaison those their units lead.
  const branches: SQL[] = [sql`select o.id from ${tasks} o where o.owner_id = ${actor.id}`];
  if (!isEmptyScope(liaison)) {
    branches.push(
      sql`select ${taskUnits.taskId} from ${taskUnits} where ${taskUnits.isLead} and ${scopeCondition(liaison, taskUnits.unitPath)}`,
    );
  }
  const result = await db.execute<TTodayRow>(sql`
    with mine as (${sql.join(branches, sql` union `)})
    select t.id, t.title, t.state, t.progress, t.light, t.cadence, t.due_date as "dueDate", u.name as "leadUnitName",
      t.owner_id as "ownerId", ow.display_name as "ownerName",
      coalesce(t.last_report_on, t.assigned_on, t.start_date)::text as "lastHeardOfDay",
      exists (select 1 from ${tasks} c where c.parent_id = t.id and c.state <> 'cancelled') as "rollsUp",
      (select json_build_object('day', ci.day, 'progress', ci.progress, 'done', ci.done, 'next', ci.next,
          'blocker', ci.blocker)
        from ${checkIns} ci where ci.task_id = t.id and ci.kind = 'progress'
        order by ci.recorded_at desc limit 1) as "last",
      coalesce((select json_agg(json_build_object('id', m.id, 'title', m.title, 'dueDate', m.due_date,
          'state', m.state) order by m.seq)
        from ${milestones} m where m.task_id = t.id), '[]'::json) as "milestones"
    from mine join ${tasks} t on t.id = mine.id join ${units} u on u.id = t.lead_unit_id
      left join ${users} ow on ow.id = t.owner_id
    where t.state in ('acknowledged', 'inProgress')
    order by t.due_date, t.id
    limit ${TODAY_LIMIT}`);
  const { calendar } = await loadRulebook(db);
  const isWorkingDay = calendar.isWorkingDay(day);
  const previousWorkingDay = calendar.addWorkingDays(day, -1);
  const items: TTodayTask[] = result.rows.map((r) => {
    const onBehalf = r.ownerId !== actor.id;
    const ownerOverdue =
      onBehalf &&
      r.ownerId !== null &&
      isOwnerOverdue({
        cadence: r.cadence,
        today: day,
        previousWorkingDay,
        lastHeardOfDay: r.lastHeardOfDay,
        milestones: r.milestones,
      });
    const isAsked = !onBehalf || r.ownerId === null || ownerOverdue;
    const dueReason = !isAsked
      ? null
      : checkInDue({
          isWorkingDay,
          cadence: r.cadence,
          today: day,
          lastCheckInDay: r.last?.day ?? null,
          milestones: r.milestones,
        });
    return {
      id: r.id,
      title: r.title,
      state: r.state,
      progress: r.progress,
      light: r.light,
      cadence: r.cadence,
      dueDate: r.dueDate,
      leadUnitName: r.leadUnitName,
      dueReason,
      progressRollsUp: r.rollsUp,
      onBehalf,
      ownerName: r.ownerName,
      ownerOverdue,
      last: r.last,
      milestones: milestonesDueSoon(r.milestones, day),
    };
  });
  // Due ones first, each group by due date (the query's order).
  items.sort((a, b) => Number(b.dueReason !== null) - Number(a.dueReason !== null));
  const due = items.filter((t) => t.dueReason !== null);
  const asked = {
    entries: due.length,
    fields: due.reduce((s, t) => s + (t.progressRollsUp ? CHECK_IN_FIELDS_ASKED - 1 : CHECK_IN_FIELDS_ASKED), 0),
  };
  if (asked.entries > 0) {
    await recordAsked(db, { userId: actor.id, day, week, unitId: actor.unitId, unitPath: actor.unitPath }, asked);
  }
  return { day, week, tasks: items, asked };
}
