import { addDays, localDay, previousWeek, weekDays, weekInstants, weekOfInstant } from '@duban/domain';
import { and, eq, inArray, isNotNull, sql } from 'drizzle-orm';
import { checkInBurden, checkIns, tasks, units, users, weeklyRollups } from '../../db/schema/index.ts';
import { appendAudit } from '../../platform/audit/audit.ts';
import type { TTx } from '../../platform/db/client.ts';
import { buildWeek, writeRollups } from '../weekly-rollups/weekly-rollups.build.ts';

const DONE = ['完成现场踏勘', '召开推进会', '完成方案评审', '协调资金到位', '完成阶段施工', '组织入户走访'];
const NEXT = ['推进下一节点', '组织专班对接', '完成验收准备', '开展督导检查'];
const BLOCKERS = ['用地指标未落实', '资金拨付滞后', '施工受雨季影响'];

/**
 * Seeds the demo county's check-ins: one per open task owner and task in each of the two weeks before this one,
 * at a Wednesday 17:30, rising to the task's progress; none this week, so Today asks. Then generates last week's
 * roll-ups, confirmed for the departments (部门) and left as drafts for the townships, so a head has one to confirm.
 */
export async function seedDemoCheckIns(tx: TTx, now = new Date()): Promise<{ checkIns: number; rollups: number }> {
  const open = await tx
    .select({ id: tasks.id, ownerId: tasks.ownerId, progress: tasks.progress, unitId: users.unitId, path: units.path })
    .from(tasks)
    .innerJoin(users, eq(users.id, tasks.ownerId))
    .innerJoin(units, eq(units.id, users.unitId))
    .where(
      and(
        inArray(tasks.state, ['inProgress', 'acknowledged']),
        isNotNull(tasks.ownerId),
        sql`not exists (select 1 from ${tasks} c where c.parent_id = ${tasks.id})`,
      ),
    )
    .orderBy(tasks.id);
  const lastWeek = previousWeek(weekOfInstant(now));
  const weeks = [previousWeek(lastWeek), lastWeek];
  const rows: (typeof checkIns.$inferInsert)[] = [];
  const burden = new Map<string, typeof checkInBurden.$inferInsert>();
  open.forEach((t, i) => {
    weeks.forEach((week, w) => {
      const day = addDays(weekDays(week).first, 2);
      const recordedAt = new Date(`${day}T17:30:00+08:00`);
      const progress = Math.max(0, t.progress - (weeks.length - 1 - w) * 10);
      const before = Math.max(0, progress - 10);
      rows.push({
        taskId: t.id,
        authorId: t.ownerId as string,
        kind: 'progress',
        day,
        week,
        recordedAt,
        receivedAt: recordedAt,
        noChange: progress === before,
        progressBefore: before,
        progress,
        done: progress === before ? null : (DONE[(i + w) % DONE.length] ?? null),
        next: progress === before ? null : (NEXT[(i + w) % NEXT.length] ?? null),
        blocker: i % 5 === 0 && w === 1 ? (BLOCKERS[i % BLOCKERS.length] ?? null) : null,
      });
      const key = `${t.ownerId}/${day}`;
      const b = burden.get(key) ?? {
        userId: t.ownerId as string,
        day,
        week,
        unitId: t.unitId,
        unitPath: t.path,
        entriesAsked: 0,
        fieldsAsked: 0,
        entriesMade: 0,
        fieldsFilled: 0,
        secondsOpen: 0,
      };
      b.entriesAsked = (b.entriesAsked ?? 0) + 1;
      b.fieldsAsked = (b.fieldsAsked ?? 0) + 3;
      b.entriesMade = (b.entriesMade ?? 0) + 1;
      b.fieldsFilled = (b.fieldsFilled ?? 0) + (progress === before ? 1 : 3);
      b.secondsOpen = (b.secondsOpen ?? 0) + (progress === before ? 8 : 45);
      burden.set(key, b);
    });
  });
  if (rows.length) await tx.insert(checkIns).values(rows);
  if (burden.size) await tx.insert(checkInBurden).values([...burden.values()]);
  const byUnit = await buildWeek(tx, lastWeek, sql`true`, weekInstants(lastWeek).to);
  await writeRollups(tx, lastWeek, byUnit, new Date(`${weekDays(lastWeek).first}T09:00:00+08:00`));
  const confirmedAt = new Date(`${addDays(weekDays(lastWeek).first, 4)}T18:00:00+08:00`);
  await tx.execute(sql`
    update ${weeklyRollups} r set state = 'confirmed', confirmed_at = ${confirmedAt},
      confirmed_by = (select g.user_id from role_grants g where g.unit_id = r.unit_id and g.role = 'unitHead' limit 1),
      annotation = '本周工作按计划推进。'
    from ${units} u
    where u.id = r.unit_id and r.week = ${lastWeek} and u.category = 'department'`);
  await appendAudit(tx, {
    actor: { id: '00000000-0000-0000-0000-000000000000', name: 'system' },
    action: 'system.seedDemoCheckIns',
    targetType: 'organisation',
    targetId: null,
    after: { checkIns: rows.length, weeks, rollupsWeek: lastWeek, rollups: byUnit.size, today: localDay(now) },
    ip: null,
  });
  return { checkIns: rows.length, rollups: byUnit.size };
}
