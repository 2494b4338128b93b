import {
  type TCadence,
  type TCharter,
  type TFrontLine,
  type TLight,
  type TMilestone,
  type TMilestoneState,
  type TPriority,
  type TTaskEvent,
  type TTaskSource,
  type TTaskState,
  type TTaskSummary,
  ZCharter,
} from '@duban/domain';
import type { milestones, taskEvents } from '../../db/schema/index.ts';
import type { TTaskSummaryRow } from './tasks.repo.ts';

/** A task as lists show it. */
export function presentTaskSummary(row: TTaskSummaryRow): TTaskSummary {
  const t = row.task;
  return {
    id: t.id,
    listId: t.listId,
    listName: row.listName,
    parentId: t.parentId,
    title: t.title,
    source: t.source as TTaskSource,
    tags: t.tags,
    frontLine: (t.frontLine as TFrontLine | null) ?? null,
    priority: t.priority as TPriority,
    state: t.state as TTaskState,
    progress: t.progress,
    leadLeaderId: t.leadLeaderId,
    leadLeaderName: row.leadLeaderName,
    leadUnitId: t.leadUnitId,
    leadUnitName: row.leadUnitName,
    coUnits: row.coUnits,
    ownerId: t.ownerId,
    ownerName: row.ownerName,
    cadence: t.cadence as TCadence,
    startDate: t.startDate,
    dueDate: t.dueDate,
    light: (t.light as TLight | null) ?? null,
    version: t.version,
    updatedAt: t.updatedAt.toISOString(),
  };
}

/** The charter as stored, read leniently (older rows may lack fields). */
export function readCharter(value: unknown): TCharter {
  const parsed = ZCharter.safeParse(value ?? {});
  return parsed.success ? parsed.data : { indicators: [], deliverables: [] };
}

export function presentMilestone(row: typeof milestones.$inferSelect): TMilestone {
  return {
    id: row.id,
    taskId: row.taskId,
    seq: row.seq,
    title: row.title,
    dueDate: row.dueDate,
    deliverable: row.deliverable,
    weight: row.weight,
    state: row.state as TMilestoneState,
    doneAt: row.doneAt?.toISOString() ?? null,
    version: row.version,
  };
}

export function presentEvent(row: { event: typeof taskEvents.$inferSelect; actorName: string | null }): TTaskEvent {
  const e = row.event;
  return {
    id: e.id,
    action: e.action,
    fromState: (e.fromState as TTaskState | null) ?? null,
    toState: (e.toState as TTaskState | null) ?? null,
    actorId: e.actorId,
    actorName: row.actorName,
    reason: e.reason,
    at: e.at.toISOString(),
  };
}
