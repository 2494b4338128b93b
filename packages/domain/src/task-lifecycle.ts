/** The states of a task's life (GLOSSARY.md "Work"). */
export const TASK_STATES = [
  'draft',
  'assigned',
  'acknowledged',
  'inProgress',
  'closeRequested',
  'closed',
  'cancelled',
] as const;
export type TTaskState = (typeof TASK_STATES)[number];

/** What can happen to a task. */
export const TASK_ACTIONS = ['assign', 'acknowledge', 'start', 'requestClose', 'close', 'reopen', 'cancel'] as const;
export type TTaskAction = (typeof TASK_ACTIONS)[number];

const OPEN: TTaskState[] = ['draft', 'assigned', 'acknowledged', 'inProgress', 'closeRequested'];

/** The one state machine of a task: for each action, the states it may start from and the state it leads to. */
export const TASK_TRANSITIONS: Record<TTaskAction, { from: readonly TTaskState[]; to: TTaskState }> = {
  assign: { from: ['draft'], to: 'assigned' },
  acknowledge: { from: ['assigned'], to: 'acknowledged' },
  start: { from: ['acknowledged'], to: 'inProgress' },
  requestClose: { from: ['acknowledged', 'inProgress'], to: 'closeRequested' },
  close: { from: ['closeRequested'], to: 'closed' },
  reopen: { from: ['closeRequested'], to: 'inProgress' },
  cancel: { from: OPEN, to: 'cancelled' },
};

/** Actions that must give a reason. */
export const TASK_ACTIONS_NEEDING_REASON: readonly TTaskAction[] = ['reopen', 'cancel'];

/** The state an action leads to from the given state, or null when the action is not allowed there. */
export function nextTaskState(state: TTaskState, action: TTaskAction): TTaskState | null {
  const transition = TASK_TRANSITIONS[action];
  return transition.from.includes(state) ? transition.to : null;
}

/** True when the task still asks for work: neither closed nor cancelled. */
export function isOpenTaskState(state: TTaskState): boolean {
  return OPEN.includes(state);
}
