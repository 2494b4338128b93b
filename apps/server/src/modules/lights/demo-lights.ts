import { addDays, computeLight, type TLight, type TTaskState } from '@duban/domain';
import { sql } from 'drizzle-orm';
import { lightHistory } from '../../db/schema/index.ts';
import type { TTx } from '../../platform/db/client.ts';
import * as repo from './lights.repo.ts';
import { loadRulebook } from './rulebook.ts';

/** The hour the morning sweep runs (LIGHT_SWEEP_CRON's default, 06:00 Asia/Shanghai). */
const SWEEP_TIME = 'T06:00:00+08:00';
const HISTORY_CHUNK = 4000;

type TSeededTask = repo.TLightSource & { closedOn: string | null; assignedDay: string };

/**
 * The light history of a freshly seeded county, as if the morning sweep had run on every day from the first task's
 * start until yesterday: each day's light by the same rule (computeLight) from the facts as they stood that day —
 * progress growing at the pace it has today, reports kept up until the last one on record, a task closed from its
 * closing day. Each change is kept with the thresholds in force, and each task's light and its clock are left as the
 * last change set them. Today's light is the real sweep's to give (runMorningSweep). Returns how many changes.
 */
export async function seedLightHistory(tx: TTx, today: string): Promise<number> {
  await repo.deriveLightFacts(tx);
  const rulebook = await loadRulebook(tx);
  const { calendar, rules } = rulebook;
  const { rows: ids } = await tx.execute<{ id: string; closedOn: string | null; assignedDay: string }>(sql`
    select t.id,
      (select max((e.at at time zone 'Asia/Shanghai')::date)::text from task_events e
        where e.task_id = t.id and e.action = 'close') as "closedOn",
      coalesce(t.assigned_on, t.start_date)::text as "assignedDay"
    from tasks t where t.state not in ('draft', 'cancelled')`);
  if (ids.length === 0) return 0;
  const extra = new Map(ids.map((r) => [r.id, r]));
  const sources = await repo.lightSourcesWithAncestors(
    tx,
    ids.map((r) => r.id),
  );
  const tasks: TSeededTask[] = sources.flatMap((s) => {
    const e = extra.get(s.id);
    return e ? [{ ...s, closedOn: e.closedOn, assignedDay: e.assignedDay }] : [];
  });
  const first = [today, ...tasks.map((t) => t.startDate)].sort()[0] ?? today;
  const lights = new Map<string, { light: TLight | null; since: Date }>();
  const history: (typeof lightHistory.$inferInsert)[] = [];
  for (let day = first; day < today; day = addDays(day, 1)) {
    const at = new Date(`${day}${SWEEP_TIME}`);
    for (const t of tasks) {
      if (day < t.assignedDay) continue;
      const isClosed = t.closedOn !== null && day >= t.closedOn;
      // Progress as it grew: today's share of the working days passed, at the same pace (all of it on closing).
      const end = t.closedOn ?? today;
      const elapsed = calendar.countWorkingDays(t.startDate, end);
      const share = elapsed > 0 ? Math.min(1, calendar.countWorkingDays(t.startDate, day) / elapsed) : 0;
      const progress = isClosed ? 100 : Math.round((t.closedOn ? 100 : t.progress) * share);
      const state: TTaskState = isClosed ? 'closed' : t.closedOn ? 'inProgress' : t.state;
      const result = computeLight(calendar, rules, {
        state,
        cadence: t.cadence,
        startDate: t.startDate,
        dueDate: t.dueDate,
        progress,
        assignedOn: t.assignedOn,
        lastReportOn: t.lastReportOn === null || t.lastReportOn > day ? day : t.lastReportOn,
        milestones: t.milestones,
        today: day,
      });
      const previous = lights.get(t.id)?.light ?? null;
      if (result.light === previous) continue;
      lights.set(t.id, { light: result.light, since: at });
      history.push({
        taskId: t.id,
        light: result.light,
        previous,
        rules: result.rules,
        facts: result.facts,
        thresholds: rules,
        cause: 'sweep',
        at,
      });
    }
  }
  for (let i = 0; i < history.length; i += HISTORY_CHUNK) {
    await tx.insert(lightHistory).values(history.slice(i, i + HISTORY_CHUNK));
  }
  const lit = [...lights].filter(([, v]) => v.light !== null);
  if (lit.length > 0) {
    await tx.execute(sql`
      update tasks t set light = x.light, light_since = x.since
      from unnest(${sql.param(lit.map(([id]) => id))}::uuid[], ${sql.param(lit.map(([, v]) => v.light))}::text[],
        ${sql.param(lit.map(([, v]) => v.since.toISOString()))}::timestamptz[]) as x(id, light, since)
      where t.id = x.id`);
  }
  return history.length;
}
