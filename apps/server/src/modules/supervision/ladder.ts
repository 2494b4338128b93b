import {
  answerDueOn,
  initialEscalationState,
  ladderSteps,
  localDay,
  NEXT_STEP,
  type TEscalationStep,
} from '@duban/domain';
import type { TTx } from '../../platform/db/client.ts';
import { insertInboxItems } from '../inbox/inbox.repo.ts';
import type { TRulebook } from '../lights/rulebook.ts';
import { enqueueNotification, reachableEvents } from '../notifications/enqueue.ts';
import * as repo from './escalations.repo.ts';

/** A task's people, as a step's recipients are chosen from them. */
export interface TStepPeople {
  ownerId: string | null;
  leadUnitId: string;
  leadLeaderId: string | null;
}

/**
 * Who each step goes to: a reminder to the owner; an urge notice to the owner and the unit's head; a supervision
 * notice and an admonition to the unit's head and the lead leader. Nobody named → the unit's head.
 */
export function recipientsOf(step: TEscalationStep, task: TStepPeople, heads: Map<string, string[]>): string[] {
  const unitHeads = heads.get(task.leadUnitId) ?? [];
  const owner = task.ownerId ? [task.ownerId] : [];
  const leader = task.leadLeaderId ? [task.leadLeaderId] : [];
  const chosen = step === 'remind' ? owner : step === 'urge' ? [...owner, ...unitHeads] : [...unitHeads, ...leader];
  return [...new Set(chosen.length > 0 ? chosen : unitHeads)];
}

/** The zh-CN names of the steps, for robots and e-mails (group chats of the county's offices read Chinese). */
const STEP_NAMES: Record<TEscalationStep, string> = {
  remind: '亮灯提醒',
  urge: '催办通知',
  supervisionNotice: '督办单',
  admonish: '约谈提示',
};
const LISTED = 10;

/**
 * Puts each raised step in its recipients' inboxes, and queues it for the robots and e-mail: one message per step
 * and lead unit, listing its tasks, so that a group chat reads a summary rather than a flood.
 */
export async function notifyEscalations(
  tx: TTx,
  raised: { step: string; taskId: string; recipientIds: string[]; reason: string | null }[],
  tasks: Map<string, { title: string; leadUnitId: string }>,
): Promise<void> {
  const titles = new Map([...tasks].map(([id, t]) => [id, t.title]));
  const items = raised.flatMap((e) =>
    [...new Set(e.recipientIds)].map((userId) => ({
      userId,
      kind: e.step,
      taskId: e.taskId,
      title: titles.get(e.taskId) ?? '',
      body: e.reason,
    })),
  );
  await insertInboxItems(tx, items);
  const groups = new Map<string, typeof raised>();
  for (const e of raised) {
    const key = `${e.step}/${tasks.get(e.taskId)?.leadUnitId ?? ''}`;
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  const reachable = await reachableEvents(
    tx,
    [...new Set(raised.map((e) => e.step as TEscalationStep))],
    raised.flatMap((e) => e.recipientIds),
  );
  for (const [key, group] of groups) {
    const [step, unitId] = key.split('/') as [TEscalationStep, string];
    if (!reachable.has(step)) continue;
    const names = group.slice(0, LISTED).map((e) => `- ${titles.get(e.taskId) ?? ''}`);
    const more = group.length > LISTED ? [`等 ${group.length} 项任务`] : [];
    const reason = group[0]?.reason ? [`事由：${group[0].reason}`] : [];
    await enqueueNotification(tx, {
      event: step,
      unitIds: unitId ? [unitId] : [],
      userIds: group.flatMap((e) => e.recipientIds),
      message: { title: `${STEP_NAMES[step]}（${group.length} 项）`, text: [...reason, ...names, ...more].join('\n') },
    });
  }
}

/**
 * The escalation ladder on the morning sweep: the steps each yellow or red task's light calls for (once per light
 * episode), then the next step for every urge or supervision notice left unanswered past its day. Returns how many
 * steps were raised.
 */
export async function climbLadder(tx: TTx, rulebook: TRulebook, now: Date): Promise<number> {
  const today = localDay(now);
  const tasks = await repo.ladderTasks(tx);
  const overdue = await repo.overdueSteps(tx, today);
  const heads = await repo.headsOfUnits(
    tx,
    [...tasks, ...overdue].map((t) => t.leadUnitId),
  );
  const concerned = new Map<string, { title: string; leadUnitId: string }>();
  const values: repo.TEscalationInsert[] = [];
  const raise = (task: TStepPeople & { id: string; title: string }, step: TEscalationStep, episode: Date | null) => {
    concerned.set(task.id, { title: task.title, leadUnitId: task.leadUnitId });
    values.push({
      taskId: task.id,
      step,
      origin: 'auto',
      episode,
      raisedBy: null,
      raisedAt: now,
      reason: null,
      recipientIds: recipientsOf(step, task, heads),
      answerDueOn: answerDueOn(rulebook.calendar, rulebook.rules, step, today),
      state: initialEscalationState(step),
    });
  };
  for (const task of tasks) {
    const steps = ladderSteps(rulebook.rules, {
      light: task.light as 'yellow' | 'red',
      lightSinceDay: localDay(task.lightSince),
      today,
      episodeSteps: task.episodeSteps,
    });
    for (const step of steps) raise(task, step, task.lightSince);
  }
  for (const step of overdue) {
    const next = NEXT_STEP[step.step];
    if (next) raise({ ...step, id: step.taskId }, next, step.episode);
  }
  await repo.markEscalated(
    tx,
    overdue.map((s) => s.id),
  );
  const inserted = await repo.insertEscalations(tx, values);
  await notifyEscalations(tx, inserted, concerned);
  return inserted.length;
}
