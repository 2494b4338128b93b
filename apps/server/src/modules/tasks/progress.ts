import { eq, sql } from 'drizzle-orm';
import { milestones, tasks } from '../../db/schema/index.ts';
import type { TQueryable } from '../../platform/db/client.ts';

/** Share of milestone weight done, 0–100, or null when the task has no milestones. */
async function milestoneProgress(db: TQueryable, taskId: string): Promise<number | null> {
  const [row] = await db
    .select({
      total: sql<number>`coalesce(sum(${milestones.weight}), 0)::int`,
      done: sql<number>`coalesce(sum(${milestones.weight}) filter (where ${milestones.state} = 'done'), 0)::int`,
      n: sql<number>`count(*)::int`,
    })
    .from(milestones)
    .where(eq(milestones.taskId, taskId));
  if (!row || row.n === 0) return null;
  return row.total > 0 ? Math.round((row.done / row.total) * 100) : 0;
}

/**
 * Recomputes a task's progress from its roadmap or its sub-tasks, then its ancestors'.
 * A parent's progress is the mean of its open and closed sub-tasks (cancelled ones left out), each weighted by its
 * milestones' total weight when every sub-task has milestones, else equally.
 */
export async function recomputeProgress(db: TQueryable, taskId: string): Promise<void> {
  let id: string | null = taskId;
  while (id) {
    const children = await db.execute<{ progress: number; weight: number }>(sql`
      select t.progress, coalesce((select sum(m.weight) from ${milestones} m where m.task_id = t.id), 0)::int as weight
      from ${tasks} t where t.parent_id = ${id} and t.state <> 'cancelled'`);
    let progress: number | null;
    if (children.rows.length > 0) {
      const weighted = children.rows.every((c) => c.weight > 0);
      const total = children.rows.reduce((s, c) => s + (weighted ? c.weight : 1), 0);
      progress = Math.round(children.rows.reduce((s, c) => s + c.progress * (weighted ? c.weight : 1), 0) / total);
    } else {
      progress = await milestoneProgress(db, id);
    }
    const [row] = await db.select({ parentId: tasks.parentId, state: tasks.state }).from(tasks).where(eq(tasks.id, id));
    if (progress !== null && row?.state !== 'closed') {
      await db.update(tasks).set({ progress }).where(eq(tasks.id, id));
    }
    id = row?.parentId ?? null;
  }
}
