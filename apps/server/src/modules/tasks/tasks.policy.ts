import { isOpenTaskState, nextTaskState, type TTaskState } from '@duban/domain';
import { type SQL, sql } from 'drizzle-orm';
import { tasks, taskUnits } from '../../db/schema/index.ts';
import {
  hasRole,
  isEmptyScope,
  isInScope,
  isTopPath,
  scopeCondition,
  scopeOf,
  type TActor,
  type TScope,
} from '../../platform/access/access.ts';
import { AppError, notFound } from '../../platform/errors.ts';

/** What the policy needs to know of a task. */
export interface TTaskAccessFacts {
  state: TTaskState;
  ownerId: string | null;
  leadLeaderId: string | null;
  leadUnitPath: string;
  unitPaths: string[];
  /** Owners of the task's sub-tasks (a cadre given a sub-task sees the parent). */
  subtaskOwnerIds: string[];
}

/** Leaders and supervisors see every task touching a unit in their scope. */
const overseeScope = (actor: TActor): TScope => scopeOf(actor, 'leader', 'supervisor');
/** Unit heads and liaisons see the tasks their units lead or support. */
const unitScope = (actor: TActor): TScope => scopeOf(actor, 'unitHead', 'liaison');

const touches = (scope: TScope, paths: string[]) => paths.some((p) => isInScope(scope, p));

// Qualified by hand: in a select from one table drizzle leaves columns bare, and a bare "id" inside a
// sub-query over tasks would name the sub-query's own row.
const TASK_ID = sql.raw('"tasks"."id"');
const TASK_OWNER = sql.raw('"tasks"."owner_id"');
const TASK_STATE = sql.raw('"tasks"."state"');

/** The SQL condition for the tasks the actor may see (the outer query reads the tasks table unaliased). */
/** Every unit lies under the one top unit: a leader's or supervisor's grant on it with its subtree sees every task. */
export const seesEveryTask = (actor: TActor): boolean => overseeScope(actor).subtrees.some(isTopPath);

export function visibleTasksCondition(actor: TActor): SQL {
  const oversee = overseeScope(actor);
  if (seesEveryTask(actor)) return sql`true`;
  // Correlated EXISTS: checked per candidate row, after the other filters (a unit, a state) have narrowed them.
  const unitRows = (scope: TScope) =>
    sql`exists (select 1 from ${taskUnits} where ${taskUnits.taskId} = ${TASK_ID} and ${scopeCondition(scope, taskUnits.unitPath)})`;
  // Drafts are the office's work in progress: units and people see a task once it is assigned.
  const parts: SQL[] = [
    sql`${TASK_OWNER} = ${actor.id}`,
    sql`exists (select 1 from ${tasks} as sub where sub.parent_id = ${TASK_ID} and sub.owner_id = ${actor.id})`,
  ];
  if (!isEmptyScope(unitScope(actor))) parts.push(unitRows(unitScope(actor)));
  if (hasRole(actor, 'cadre')) {
    parts.push(
      sql`exists (select 1 from ${taskUnits} where ${taskUnits.taskId} = ${TASK_ID} and ${taskUnits.unitId} = ${actor.unitId})`,
    );
  }
  const assigned = sql`(${TASK_STATE} <> 'draft' and (${sql.join(parts, sql` or `)}))`;
  return isEmptyScope(oversee) ? assigned : sql`(${unitRows(oversee)} or ${assigned})`;
}

/**
 * 我的任务: the actor's own work, top tasks and sub-tasks alike — the tasks they own, and for a unit head or liaison
 * the tasks their units lead (what they sign for and answer for).
 */
export function ownWorkCondition(actor: TActor): SQL {
  const parts: SQL[] = [sql`${TASK_OWNER} = ${actor.id}`];
  const scope = unitScope(actor);
  if (!isEmptyScope(scope)) {
    parts.push(
      sql`exists (select 1 from ${taskUnits} where ${taskUnits.taskId} = ${TASK_ID} and ${taskUnits.isLead} and ${scopeCondition(scope, taskUnits.unitPath)})`,
    );
  }
  return sql`(${sql.join(parts, sql` or `)})`;
}

/** True when the actor may see the task. */
export function canSeeTask(actor: TActor, task: TTaskAccessFacts): boolean {
  if (touches(overseeScope(actor), task.unitPaths)) return true;
  if (task.state === 'draft') return false;
  if (touches(unitScope(actor), task.unitPaths)) return true;
  if (task.ownerId === actor.id || task.subtaskOwnerIds.includes(actor.id)) return true;
  return hasRole(actor, 'cadre') && task.unitPaths.includes(actor.unitPath);
}

/** What the actor's roles let them do with a task they can see, whatever its state. */
export function taskAbilities(actor: TActor, task: TTaskAccessFacts) {
  const oversees = touches(overseeScope(actor), [task.leadUnitPath]);
  const supervises = touches(scopeOf(actor, 'supervisor'), [task.leadUnitPath]);
  const leads = touches(scopeOf(actor, 'leader'), [task.leadUnitPath]);
  const runsUnit = touches(unitScope(actor), [task.leadUnitPath]);
  const owns = task.ownerId === actor.id;
  return {
    edit: oversees,
    assignOwner: oversees || runsUnit,
    // 签收 is the lead unit's: the office that handed the task out does not sign for it.
    acknowledge: runsUnit,
    decompose: runsUnit || oversees,
    requestClose: owns || runsUnit,
    verify: supervises,
    cancel: leads,
    instruct: leads || (hasRole(actor, 'leader') && task.leadLeaderId === actor.id),
    comment: true,
    // Those who carry the work out read and answer an instruction: the owner, a sub-task's owner, the lead unit.
    answerInstructions: owns || runsUnit || task.subtaskOwnerIds.includes(actor.id),
    updateMilestones: owns || runsUnit || oversees,
  };
}
export type TTaskAbilities = ReturnType<typeof taskAbilities>;

/** What the actor can do now: abilities combined with the task's state (for the client's buttons). */
export function taskCan(abilities: TTaskAbilities, state: TTaskState) {
  const open = isOpenTaskState(state);
  return {
    edit: abilities.edit && open,
    assignOwner: abilities.assignOwner && open && state !== 'draft',
    acknowledge: abilities.acknowledge && nextTaskState(state, 'acknowledge') !== null,
    decompose: abilities.decompose && open && state !== 'draft',
    requestClose: abilities.requestClose && nextTaskState(state, 'requestClose') !== null,
    verify: abilities.verify && nextTaskState(state, 'close') !== null,
    cancel: abilities.cancel && nextTaskState(state, 'cancel') !== null,
    instruct: abilities.instruct,
    comment: abilities.comment,
    answerInstructions: abilities.answerInstructions,
    updateMilestones: abilities.updateMilestones && open,
  };
}

/** Refuses an action the actor may not take on a task they can see (403), naming it. */
export function requireAbility(abilities: TTaskAbilities, what: keyof TTaskAbilities): void {
  if (!abilities[what]) throw new AppError('FORBIDDEN', `you may not ${what} this task`);
}

/** Refuses (404) a task the actor may not see. */
export function requireVisible(visible: boolean): void {
  if (!visible) throw notFound('task');
}

/** Who may create task lists and tasks in a unit: supervisors and leaders whose scope reaches it. */
export function canManageInUnit(actor: TActor, unitPath: string): boolean {
  return isInScope(overseeScope(actor), unitPath);
}

/** Who may create task lists at all. */
export function canCreateLists(actor: TActor): boolean {
  return hasRole(actor, 'supervisor', 'leader');
}
